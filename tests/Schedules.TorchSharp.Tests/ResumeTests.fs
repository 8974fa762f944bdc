/// Checkpoint and resume on real optimizers: a run resumed at any step k, with the optimizer saved and restored
/// through TorchSharp's own state dict, continues bit for bit as if never interrupted.
module Schedules.TorchSharp.Tests.ResumeTests

open System
open System.IO
open Expecto
open FsCheck
open FsCheck.FSharp
open TorchSharp
open Schedules
open Schedules.TorchSharp
open Schedules.TorchSharp.Tests.Support

type Case = {
    Name: string
    Scheduler: Scheduler<float>
    Lrs: float list
    Metrics: float list
    Adam: bool
} with

    override this.ToString() =
        sprintf "%s on %A (%s), metrics %A" this.Name this.Lrs (if this.Adam then "Adam" else "SGD") this.Metrics

let private caseGen =
    gen {
        let! n = Gen.choose (1, 3)
        let! lrs = Gen.listOfLength n (Gen.elements [ 1.0; 0.1; 0.05; 0.003 ])
        let! w = Gen.choose (1, 6)
        let! patience = Gen.choose (0, 3)
        let! cooldown = Gen.choose (0, 2)
        let! warmup = Gen.choose (0, 3)
        let! steps = Gen.choose (1, 40)

        let! metrics =
            Gen.listOfLength
                steps
                (Gen.frequency [
                    6, Gen.elements [ 1.0; 0.9; 0.9; 0.8; 0.7 ]
                    1, Gen.elements [ nan; infinity ]
                ])

        let! adam = Gen.elements [ false; true ]

        let plateau =
            LRScheduler.ReduceLROnPlateau(patience = patience, cooldown = cooldown, warmup = warmup, factor = 0.5)

        let! name, scheduler =
            Gen.elements [
                "SequentialLR [WarmUp; ReduceLROnPlateau]",
                LRScheduler.SequentialLR([ LRScheduler.WarmUp w |> Scheduler.withMetric; plateau ], [ w + 1 ])
                "OneCycleLR",
                LRScheduler.OneCycleLR(All 0.5, totalSteps = 50, threePhase = (w % 2 = 0))
                |> Scheduler.withMetric
                "CyclicLR",
                LRScheduler.CyclicLR(All 0.01, All 0.1, stepSizeUp = w, mode = Triangular2)
                |> Scheduler.withMetric
                "ChainedScheduler [StepLR; CosineAnnealingWarmRestarts]",
                LRScheduler.ChainedScheduler [
                    LRScheduler.StepLR(w, 0.5)
                    LRScheduler.CosineAnnealingWarmRestarts(w, 2)
                ]
                |> Scheduler.withMetric
                "ChainedScheduler [ExponentialLR; ReduceLROnPlateau]",
                LRScheduler.ChainedScheduler [ LRScheduler.ExponentialLR 0.95 |> Scheduler.withMetric; plateau ]
            ]

        return {
            Name = name
            Scheduler = scheduler
            Lrs = lrs
            Metrics = metrics
            Adam = adam
        }
    }

let private optimizer (case: Case) lrs =
    if case.Adam then adam lrs else sgd lrs 0.9

let private snapshot o = Array.append (lrsOf o) (momentaOf o)

let private saveOptimizer (o: torch.optim.Optimizer) =
    use stream = new MemoryStream()

    do
        use writer = new BinaryWriter(stream, Text.Encoding.UTF8, true)
        (o :?> Modules.OptimizerHelper).save_state_dict writer

    stream.ToArray()

let private loadOptimizer (o: torch.optim.Optimizer) (bytes: byte[]) =
    use reader = new BinaryReader(new MemoryStream(bytes))
    (o :?> Modules.OptimizerHelper).load_state_dict reader

let private config = {
    FsCheckConfig.defaultConfig with
        maxTest = 80
}

let tests =
    testList "Resume" [
        testPropertyWithConfig config "resuming from a state saved at any step k reproduces the uninterrupted run"
        <| Prop.forAll (Arb.fromGen (Gen.zip caseGen (Gen.choose (0, 40)))) (fun (case, k) ->
            let k = min k case.Metrics.Length

            let whole =
                let o = optimizer case case.Lrs
                let bound = Shell.bind (case.Scheduler, o)

                [
                    snapshot o
                    for m in case.Metrics do
                        bound.Step m |> ignore
                        snapshot o
                ]

            let o = optimizer case case.Lrs
            let bound = Shell.bind (case.Scheduler, o)

            for m in List.take k case.Metrics do
                bound.Step m |> ignore

            let json = bound.Save()
            let saved = saveOptimizer o

            // A new process: other LRs in a fresh optimizer, restored from the files.
            let fresh = optimizer case (case.Lrs |> List.map (fun lr -> lr * 3.0))
            loadOptimizer fresh saved
            let resumed = Shell.resume (case.Scheduler, fresh, json)

            let rest = [
                for m in List.skip k case.Metrics do
                    resumed.Step m |> ignore
                    snapshot fresh
            ]

            let expected = List.skip (k + 1) whole
            rest = expected)

        test "a corrupted state file is refused with a clear message and the running state is untouched" {
            let o = sgd [ 0.1 ] 0.9

            let bound =
                Shell.bind (
                    CellDetection.SequentialLR(
                        [
                            CellDetection.WarmUp 2 |> Scheduler.withMetric
                            CellDetection.ReduceLROnPlateau()
                        ],
                        [ 3 ]
                    ),
                    o
                )

            for m in [ 1.0; 0.9; 0.8 ] do
                bound.Step m |> ignore

            let json = bound.Save()
            let before = bound.State, bound.Calls

            for corrupt, why in
                [
                    json.Substring(0, json.Length - 10), "not valid JSON"
                    json.Replace("\"Plateau\"", "\"Epoch\""), "expected a Plateau state"
                    json.Replace("\"patience\": 10", "\"patience\": 11"), "saved for another configuration"
                    json.Replace("\"calls\": 3", "\"calls\": -3"), "\"calls\" must be >= 0"
                    "", "not valid JSON"
                ] do
                let e = Expect.throwsC (fun () -> bound.Load corrupt) id
                Expect.isTrue (e :? FormatException) (sprintf "FormatException for %s" why)
                Expect.stringContains e.Message why why
                Expect.equal (bound.State, bound.Calls) before "untouched"
        }
        test "a checkpoint for another number of param groups is refused" {
            let s = LRScheduler.StepLR 2 |> Scheduler.withMetric
            let bound = Shell.bind (s, sgd [ 0.1; 0.2 ] 0.9)

            let e =
                Expect.throwsC (fun () -> Shell.resume (s, sgd [ 0.1 ] 0.9, bound.Save()) |> ignore) id

            Expect.stringContains e.Message "saved for 2 param groups, but the optimizer has 1" "says why"
        }
    ]
