/// The shell on real optimizers: the same numbers as the expected core, stepping policies, reports.
module Schedules.TorchSharp.Tests.BoundSchedulerTests

open System
open Expecto
open TorchSharp
open Schedules
open Schedules.TorchSharp
open Schedules.TorchSharp.Tests.Support

let private seed () =
    CellDetection.SequentialLR(
        [
            CellDetection.WarmUp 3 |> Scheduler.withMetric
            CellDetection.ReduceLROnPlateau(patience = 0, factor = 0.5)
        ],
        [ 4 ]
    )

let tests =
    testList "BoundScheduler" [
        test "the shell writes exactly the expected trace" {
            let metrics = [ 1.0; 0.9; 0.9; 0.9; 0.9; 0.9; 0.8; 0.8 ]
            let expected = Scheduler.run (seed ()) (gv [ 0.1; 0.01 ]) metrics
            let o = sgd [ 0.1; 0.01 ] 0.9
            let bound = Shell.bind (seed (), o)
            let rows = ResizeArray [ lrsOf o ]

            for m in metrics do
                bound.Step m |> ignore
                rows.Add(lrsOf o)

            Expect.equal
                (rows.ToArray())
                (expected.Rows |> Seq.map (fun r -> r.Lrs.ToArray()) |> Array.ofSeq)
                "same LRs"

            Expect.equal bound.State expected.State "same state"
        }
        test "reductions are reported as data with their step" {
            let bound = Shell.bind (seed (), sgd [ 0.1 ] 0.9)

            let messages =
                [ for m in [ 1.0; 1.0; 1.0; 1.0; 1.0; 1.0 ] -> (bound.Step m).Messages ]
                |> List.concat

            Expect.equal
                messages
                [
                    "scheduler 1 took over at step 4"
                    "group 0 reduced from 0.1 to 0.05 at step 6"
                ]
                "what happened"
        }
        test "every k calls one transition" {
            let o = sgd [ 1.0 ] 0.9
            let bound = Shell.bind (LRScheduler.ExponentialLR 0.5, o, every = 3)

            let stepped = [ for _ in 1..7 -> (bound.Step()).Stepped ]
            Expect.equal stepped [ false; false; true; false; false; true; false ] "calls 3 and 6"
            Expect.equal (lrsOf o) [| 0.25 |] "two transitions"
            Expect.equal bound.Calls 7 "calls counted"
        }
        test "a manual change of the optimizer's LR is honoured" {
            let o = sgd [ 1.0 ] 0.9
            let bound = Shell.bind (LRScheduler.ExponentialLR 0.5, o)
            (Seq.head o.ParamGroups).LearningRate <- 0.2
            bound.Step() |> ignore
            Expect.equal (lrsOf o) [| 0.1 |] "0.2 × 0.5"
        }
        test "a failing transition writes nothing" {
            let o = sgd [ 1.0 ] 0.9

            let bound =
                Shell.bind (LRScheduler.OneCycleLR(All 1.0, totalSteps = 2, pctStart = 0.25), o)

            bound.Step() |> ignore
            bound.Step() |> ignore
            let before = lrsOf o, bound.State
            Expect.throwsT<InvalidOperationException> (fun () -> bound.Step() |> ignore) "past total_steps"
            Expect.equal (lrsOf o, bound.State) before "untouched"
        }
        test "every must be at least 1" {
            Expect.throwsT<ArgumentOutOfRangeException>
                (fun () -> Shell.bind (LRScheduler.StepLR 2, sgd [ 0.1 ] 0.9, every = 0) |> ignore)
                "refused"
        }
    ]
