/// OneCycleLR: PyTorch 1.13's printed traces, its last step, and zero-length phases.
module Schedules.Tests.OneCycleRuleTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support

let private close (actual: float[]) (expected: float[]) message =
    Array.iter2 (fun a e -> Expect.floatClose { absolute = 1e-6; relative = 0.0 } a e message) actual expected

let tests =
    testList "OneCycleRule" [
        test "cos, T 10: PyTorch accepts step 10 and overshoots" {
            let trace =
                Scheduler.runSteps (LRScheduler.OneCycleLR(All 1.0, totalSteps = 10)) (gv [ 0.1 ]) 10

            let lrs = lrRows trace |> Array.map Array.head

            close
                lrs
                [|
                    0.04
                    0.52
                    1.0
                    0.950485
                    0.811746
                    0.611262
                    0.388742
                    0.188258
                    0.049519
                    4e-06
                    0.049519
                |]
                "lr"

            let momentum = trace.Rows |> Seq.map (fun o -> o.Momentum.Value.[0]) |> Array.ofSeq
            close momentum.[0..3] [| 0.95; 0.9; 0.85; 0.854952 |] "momentum"
            close momentum.[9..] [| 0.95; 0.945048 |] "momentum at the end"
        }
        test "stepping past total_steps is an error that says so" {
            let s = LRScheduler.OneCycleLR(All 1.0, totalSteps = 10)
            let e = Expect.throwsC (fun () -> Scheduler.runSteps s (gv [ 0.1 ]) 11 |> ignore) id
            Expect.stringContains e.Message "stepped 11 times, but TotalSteps is 10" "message"
        }
        test "the cos anneal at pct 0 is not exact: T 7 starts at 0.040000000000000036" {
            let lrs =
                stepOnly (LRScheduler.OneCycleLR(All 1.0, totalSteps = 7)) [ 0.1 ] 2
                |> Array.map Array.head

            Expect.equal lrs.[0] 0.040000000000000036 "first LR"
            // PyTorch's reference prints these two with two digits.
            Array.iter2
                (fun a e ->
                    Expect.floatClose
                        { absolute = 0.005; relative = 0.0 }
                        a
                        e
                        "max_lr is never hit when pct × T is not an integer")
                lrs.[1..]
                [| 0.98; 0.92 |]
        }
        test "three-phase linear: the overshoot at step T would be negative, and is refused" {
            let s =
                LRScheduler.OneCycleLR(All 1.0, totalSteps = 10, annealStrategy = Linear, threePhase = true)

            close (stepOnly s [ 0.1 ] 5 |> Array.map Array.head) [| 0.04; 0.52; 1.0; 0.52; 0.04; 0.032001 |] "lr"
            let e = Expect.throwsC (fun () -> Scheduler.runSteps s (gv [ 0.1 ]) 10 |> ignore) id
            Expect.stringContains e.Message "at step 10" "PyTorch would set -0.007995"
        }
        test "epochs × steps_per_epoch gives total_steps" {
            match Scheduler.config (LRScheduler.OneCycleLR(All 1.0, epochs = 3, stepsPerEpoch = 4)) with
            | OneCycleLR c -> Expect.equal c.TotalSteps 12 "3 × 4"
            | _ -> failtest "not OneCycleLR"
        }
        test "zero-length phases are refused up front" {
            for make in
                [
                    fun () -> LRScheduler.OneCycleLR(All 1.0, totalSteps = 2, pctStart = 0.5)
                    fun () -> LRScheduler.OneCycleLR(All 1.0, totalSteps = 4, pctStart = 0.25, threePhase = true)
                    fun () -> LRScheduler.OneCycleLR(All 1.0, totalSteps = 10, pctStart = 1.0)
                ] do
                let e = Expect.throwsC (make >> ignore) id
                Expect.stringContains e.Message "zero length" "says why"
        }
        test "neither total_steps nor epochs and steps_per_epoch is refused" {
            Expect.throwsT<ArgumentException>
                (fun () -> LRScheduler.OneCycleLR(All 1.0, epochs = 3) |> ignore)
                "refused"
        }
    ]
