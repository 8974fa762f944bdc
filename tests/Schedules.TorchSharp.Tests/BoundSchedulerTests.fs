/// The shell on real optimizers: the same numbers as the pure core, stepping policies, reports.
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

/// A conformance case's CosineAnnealingWarmRestarts, its base LRs and PyTorch's LRs per epoch.
let private warmRestarts (case: Text.Json.JsonElement) =
    let spec = case.GetProperty "scheduler"

    let scheduler =
        LRScheduler.CosineAnnealingWarmRestarts(
            spec.GetProperty("T_0").GetInt32(),
            spec.GetProperty("T_mult").GetInt32(),
            spec.GetProperty("eta_min").GetDouble()
        )

    let row (r: Text.Json.JsonElement) = [| for x in r.EnumerateArray() -> x.GetDouble() |]

    scheduler,
    row (case.GetProperty "base_lrs"),
    [| for r in case.GetProperty("expected_lrs").EnumerateArray() -> row r |]

/// The batch loop of PyTorch's CosineAnnealingWarmRestarts docs: step(epoch + i / iters).
let private batchEpochs epochs iters = [
    for epoch in 0 .. epochs - 1 do
        for i in 0 .. iters - 1 -> float epoch + float i / float iters
]

let tests =
    testList "BoundScheduler" [
        test "StepAt at fractional epochs writes the pure stepAt numbers, and PyTorch's at whole epochs" {
            for case in conformanceCases "CosineAnnealingWarmRestarts" do
                let scheduler, baseLrs, pytorch = warmRestarts case
                let o = sgd (List.ofArray baseLrs) 0.9
                let bound = Shell.bind (scheduler, o)

                let mutable struct (reference, out) =
                    Scheduler.init scheduler (gv (List.ofArray baseLrs))

                for epoch in batchEpochs (pytorch.Length - 1) 4 do
                    let report = bound.StepAt epoch

                    let struct (next, o') =
                        Scheduler.stepAt scheduler reference epoch (Observation.ofLrs out.Lrs)

                    reference <- next
                    out <- o'

                    Expect.equal
                        (lrsOf o)
                        (out.Lrs.ToArray())
                        (sprintf "%s at epoch %g: the pure numbers" (case.GetProperty("name").GetString()) epoch)

                    Expect.equal report.Lrs out.Lrs "reported"

                    if epoch = Math.Floor epoch then
                        Expect.equal
                            (lrsOf o)
                            pytorch.[int epoch]
                            (sprintf "%s at epoch %g: PyTorch's" (case.GetProperty("name").GetString()) epoch)

                Expect.equal bound.State reference "same state"
        }
        test "StepAt counts as a call, and Step continues from the epoch it set" {
            let s = LRScheduler.CosineAnnealingWarmRestarts(3, 2)
            let o = sgd [ 1.0 ] 0.9
            let bound = Shell.bind (s, o)
            bound.Step() |> ignore
            let report = bound.StepAt 4.5

            Expect.equal
                (report.Call, report.Stepped, report.Step, bound.Calls)
                (2, true, 2, 2)
                "one call, one transition"

            Expect.equal bound.State (WarmRestarts(gv [ 1.0 ], 4, 1.5, 6)) "T_cur 1.5 of 6"
            let report = bound.Step()
            Expect.equal (report.Call, report.Step) (3, 3) "counted on"
            Expect.equal bound.State (WarmRestarts(gv [ 1.0 ], 5, 2.5, 6)) "T_cur + 1"
        }
        test "StepAt is refused when the shell steps every k > 1 calls" {
            let o = sgd [ 1.0 ] 0.9
            let bound = Shell.bind (LRScheduler.CosineAnnealingWarmRestarts 3, o, every = 2)
            let before = lrsOf o, bound.State, bound.Calls
            let e = Expect.throwsC (fun () -> bound.StepAt 0.5 |> ignore) id
            Expect.isTrue (e :? InvalidOperationException) "InvalidOperationException"
            Expect.stringContains e.Message "every 2 calls" "says why"
            Expect.equal (lrsOf o, bound.State, bound.Calls) before "untouched"
        }
        test "a failing StepAt writes nothing" {
            let o = sgd [ 1.0 ] 0.9
            let cawr = Shell.bind (LRScheduler.CosineAnnealingWarmRestarts 3, o)
            cawr.StepAt 1.5 |> ignore
            // A state whose base LR overflows the cosine's (b - eta_min) * 2 at the restart.
            let doc = Text.Json.Nodes.JsonNode.Parse(cawr.Save())
            let baseLrs = doc["checkpoint"].["state"].["baseLrs"]
            baseLrs[0] <- Text.Json.Nodes.JsonValue.Create 1.7e308
            cawr.Load(doc.ToJsonString())
            let o2 = sgd [ 1.0 ] 0.9
            let step = Shell.bind (LRScheduler.StepLR 2, o2)

            for bound, o, epoch, kind in
                [
                    cawr, o, -1.0, typeof<ArgumentOutOfRangeException>
                    cawr, o, 3.0, typeof<InvalidOperationException>
                    step, o2, 1.0, typeof<ArgumentException>
                ] do
                let before = lrsOf o, bound.State, bound.Calls
                let e = Expect.throwsC (fun () -> bound.StepAt epoch |> ignore) id
                Expect.equal (e.GetType()) kind (sprintf "epoch %g: %s" epoch e.Message)
                Expect.equal (lrsOf o, bound.State, bound.Calls) before "untouched"
        }
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
        test "null arguments are ArgumentNullExceptions naming the parameter" {
            let s = LRScheduler.StepLR 2
            let json = (Shell.bind (s, sgd [ 0.1 ] 0.9)).Save()
            let none: Scheduler<unit> = Unchecked.defaultof<_>
            let noOptimizer: torch.optim.Optimizer = null

            for call, param in
                [
                    (fun () -> Shell.bind (none, sgd [ 0.1 ] 0.9) |> ignore), "scheduler"
                    (fun () -> Shell.bind (s, noOptimizer) |> ignore), "optimizer"
                    (fun () -> Shell.resume (none, sgd [ 0.1 ] 0.9, json) |> ignore), "scheduler"
                    (fun () -> Shell.resume (s, noOptimizer, json) |> ignore), "optimizer"
                    (fun () -> Shell.resume (s, sgd [ 0.1 ] 0.9, null) |> ignore), "json"
                    (fun () -> (Shell.bind (s, sgd [ 0.1 ] 0.9)).Load null), "json"
                ] do
                let e = Expect.throwsC call id

                Expect.isTrue
                    (e :? ArgumentNullException)
                    (sprintf "ArgumentNullException for %s, got %O" param (e.GetType()))

                Expect.equal (e :?> ArgumentNullException).ParamName param "names the parameter"
        }
    ]
