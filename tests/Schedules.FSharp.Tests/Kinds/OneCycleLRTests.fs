/// OneCycleLR (Kinds/OneCycleLR.fs): PyTorch 1.13's printed traces, its last step, and zero-length phases.
module Schedules.Tests.OneCycleLRTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support

let private close (actual: float[]) (expected: float[]) message =
    Array.iter2 (fun a e -> Expect.floatClose { absolute = 1e-6; relative = 0.0 } a e message) actual expected

let tests =
    testList "OneCycleLR" [
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
        refused "OneCycleLR total_steps 0" "totalSteps" "0" (fun () ->
            box (LRScheduler.OneCycleLR(All 1.0, totalSteps = 0)))
        refused "OneCycleLR pct_start above 1" "pctStart" "1.5" (fun () ->
            box (LRScheduler.OneCycleLR(All 1.0, totalSteps = 10, pctStart = 1.5)))
        refused "OneCycleLR div_factor 0" "divFactor" "0" (fun () ->
            box (LRScheduler.OneCycleLR(All 1.0, totalSteps = 10, divFactor = 0.0)))
        test "PyTorch's defaults, in the factory and in JSON" {
            Expect.equal Kinds.OneCycleLR.DefaultPctStart 0.3 "pct_start"
            Expect.equal Kinds.OneCycleLR.DefaultAnnealStrategy Cos "anneal_strategy"
            Expect.equal Kinds.OneCycleLR.DefaultCycleMomentum true "cycle_momentum"
            Expect.equal Kinds.OneCycleLR.DefaultBaseMomentum 0.85 "base_momentum"
            Expect.equal Kinds.OneCycleLR.DefaultMaxMomentum 0.95 "max_momentum"
            Expect.equal Kinds.OneCycleLR.DefaultDivFactor 25.0 "div_factor"
            Expect.equal Kinds.OneCycleLR.DefaultFinalDivFactor 1e4 "final_div_factor"
            Expect.equal Kinds.OneCycleLR.DefaultThreePhase false "three_phase"

            let expected =
                OneCycleLR {
                    MaxLr = All 1.0
                    TotalSteps = 10
                    PctStart = 0.3
                    AnnealStrategy = Cos
                    CycleMomentum = true
                    BaseMomentum = All 0.85
                    MaxMomentum = All 0.95
                    DivFactor = 25.0
                    FinalDivFactor = 1e4
                    ThreePhase = false
                }

            sameConfig (Scheduler.config (LRScheduler.OneCycleLR(All 1.0, totalSteps = 10))) expected
            sameConfig (Config.ofJson """{"kind": "OneCycleLR", "maxLr": 1.0, "totalSteps": 10}""") expected
        }
        roundTrips
            "round-trips through JSON"
            39
            [ 0.1; 0.2 ]
            (Scheduler.config (LRScheduler.OneCycleLR(Each [ 0.5; 1.0 ], totalSteps = 40, annealStrategy = Linear)))
        test "per-group settings give each group what the same settings for all groups give it, bit for bit" {
            // The step resolves Each settings into arrays and All settings into one value: both paths must agree.
            let trace (s: Scheduler<unit>) (lrs: float list) =
                let struct (state, first) = Scheduler.init s (gv lrs)
                let t = Scheduler.fold s state first.Lrs (List.replicate 39 ())

                t.Rows
                |> Seq.map (fun o -> o.Lrs.ToArray(), (Option.get o.Momentum).ToArray())
                |> Array.ofSeq

            for strategy, three in [ Cos, false; Linear, true ] do
                let each =
                    trace
                        (LRScheduler.OneCycleLR(
                            Each [ 0.5; 1.0 ],
                            totalSteps = 40,
                            annealStrategy = strategy,
                            threePhase = three,
                            baseMomentum = Each [ 0.8; 0.85 ],
                            maxMomentum = Each [ 0.9; 0.95 ]
                        ))
                        [ 0.1; 0.2 ]

                for g, (maxLr, baseM, maxM) in List.indexed [ 0.5, 0.8, 0.9; 1.0, 0.85, 0.95 ] do
                    let all =
                        trace
                            (LRScheduler.OneCycleLR(
                                All maxLr,
                                totalSteps = 40,
                                annealStrategy = strategy,
                                threePhase = three,
                                baseMomentum = All baseM,
                                maxMomentum = All maxM
                            ))
                            [ 0.1 ]

                    let name = sprintf "%A three-phase %b, group %d" strategy three g

                    expectGroupRows name all each g
        }
    ]
