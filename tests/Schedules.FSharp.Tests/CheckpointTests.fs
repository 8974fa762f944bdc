/// Saving states to JSON and loading them back.
module Schedules.Tests.CheckpointTests

open System
open Expecto
open FsCheck.FSharp
open Schedules
open Schedules.Tests.Support
open Schedules.Testing

let private config = {
    FsCheckConfig.defaultConfig with
        maxTest = 150
}

let private plateauSequential =
    CellDetection.SequentialLR(
        [
            CellDetection.WarmUp 3 |> Scheduler.withMetric
            CellDetection.ReduceLROnPlateau(patience = 1)
        ],
        [ 3 ]
    )

/// A checkpoint written by version 0.1 of the library (format 1, modes as F# case names), kept forever: it must load
/// into the same configuration and continue the run exactly as that version did.
let formatOne =
    test "a checkpoint of format 1 (checked in) loads and continues as the version that wrote it did" {
        let cyclic =
            LRScheduler.CyclicLR(All 0.01, Each [ 0.1; 0.2 ], stepSizeUp = 4, mode = Triangular2, cycleMomentum = false)

        let onecycle =
            LRScheduler.OneCycleLR(All 0.5, totalSteps = 40, annealStrategy = Linear, threePhase = true)

        let s =
            LRScheduler.SequentialLR(
                [
                    LRScheduler.ChainedScheduler([ cyclic; LRScheduler.ExponentialLR 0.99 ])
                    |> Scheduler.withMetric
                    LRScheduler.ReduceLROnPlateau(
                        mode = Max,
                        thresholdMode = Abs,
                        patience = 1,
                        minLr = Each [ 0.001; 0.002 ],
                        warmup = 2
                    )
                    onecycle |> Scheduler.withMetric
                    LRScheduler.CosineAnnealingWarmRestarts(3, 2, 0.001) |> Scheduler.withMetric
                ],
                [ 5; 12; 30 ]
            )

        let json =
            IO.File.ReadAllText(IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "checkpoint-v1.json"))

        Expect.stringContains json "\"version\": 1" "the fixture is format 1"
        let state = Checkpoint.load s json
        // The LRs applied when it was saved: OneCycleLR's epoch 1 after the switch at step 12, step 14 in all.
        let lrs =
            (Scheduler.run s (gv [ 0.1; 0.2 ]) [
                0.5
                0.6
                0.7
                0.7
                0.71
                0.72
                0.72
                0.72
                0.8
                0.8
                0.8
                0.8
                0.9
                0.9
            ])
                .Rows

        let more =
            Scheduler.fold s state lrs.[lrs.Length - 1].Lrs [ 0.9; 0.95; 0.95; 0.95; 0.95; 0.95 ]

        // Printed by version 0.1 (format 1) from the same state and metrics.
        let expected = [
            0.15090909090909088
            0.19454545454545452
            0.23818181818181816
            0.2818181818181818
            0.32545454545454544
            0.3690909090909091
        ]

        Expect.equal [ for r in more.Rows -> r.Lrs.[0] ] expected "group 0, bit for bit"
        Expect.equal [ for r in more.Rows -> r.Lrs.[1] ] expected "group 1, bit for bit"
    }

/// A checkpoint records the PyTorch the scheduler reproduces; the other version refuses it.
let pytorchVersion =
    test "a checkpoint records the PyTorch version, and a scheduler of the other version refuses it" {
        let s =
            LRScheduler.SequentialLR([ LRScheduler.ConstantLR 0.5; LRScheduler.MultiplicativeLR(fun _ -> 0.9) ], [ 2 ])

        let old = Scheduler.withPyTorch PyTorch1_13 s
        let state = (Scheduler.runSteps old (gv [ 1.0 ]) 3).State
        let json = Checkpoint.save old state
        Expect.stringContains json "\"pytorch\": \"1.13\"" "the version is saved"
        Expect.equal (Checkpoint.load old json) state "the same version loads it"

        let e = Expect.throwsC (fun () -> Checkpoint.load s json |> ignore) id

        Expect.stringContains e.Message "reproducing PyTorch 1.13, but this one reproduces PyTorch 2.x" "says both"

        let unversioned = json.Replace("\"pytorch\": \"1.13\",", "")
        Expect.equal (Checkpoint.load s unversioned) state "a document saved before the option loads into either"
    }

let tests =
    testList "Checkpoint" [
        pytorchVersion
        testPropertyWithConfig config "every state saved at any step loads back equal, and the run continues the same"
        <| Prop.forAll (Arb.fromGen (Gen.zip Gens.stepConfig Gens.lrs)) (fun (c: NamedConfig, lrs) ->
            let s = Scheduler.create c.Config
            let trace = Scheduler.runSteps s (gv lrs) 30
            let k = 17
            let partial = Scheduler.runSteps s (gv lrs) k
            let loaded = Checkpoint.load s (Checkpoint.save s partial.State)
            let rest = Scheduler.fold s loaded partial.Rows.[k].Lrs (Seq.replicate (30 - k) ())
            loaded = partial.State && lrRows trace |> Array.skip (k + 1) = lrRows rest)

        test "infinite and NaN values survive (a plateau's best before the first metric)" {
            let struct (state, _) = Scheduler.init plateauSequential (gv [ 0.1 ])
            let json = Checkpoint.save plateauSequential state
            Expect.stringContains json "\"Infinity\"" "best = +inf written as a string"
            Expect.equal (Checkpoint.load plateauSequential json) state "round trip"
        }
        test "a state saved for another configuration is refused, saying so" {
            let struct (state, _) = Scheduler.init plateauSequential (gv [ 0.1 ])
            let json = Checkpoint.save plateauSequential state

            let other =
                CellDetection.SequentialLR(
                    [
                        CellDetection.WarmUp 3 |> Scheduler.withMetric
                        CellDetection.ReduceLROnPlateau(patience = 2)
                    ],
                    [ 3 ]
                )

            let e = Expect.throwsC (fun () -> Checkpoint.load other json |> ignore) id
            Expect.isTrue (e :? FormatException) "a FormatException"
            Expect.stringContains e.Message "saved for another configuration" "says why"
        }
        test "malformed, truncated or foreign JSON is refused with a clear message" {
            let struct (state, _) = Scheduler.init plateauSequential (gv [ 0.1 ])
            let json = Checkpoint.save plateauSequential state

            for bad, why in
                [
                    json.Substring(0, json.Length / 2), "not valid JSON"
                    "{}", "\"checkpoint.format\" is missing"
                    json.Replace("\"version\": 2", "\"version\": 99"), "format version 99"
                    json.Replace("\"badEpochs\": 0", "\"badEpochs\": \"x\""),
                    "checkpoint.state.schedulers[1].badEpochs must be an integer"
                    json.Replace("\"kind\": \"Plateau\"", "\"kind\": \"Epoch\""), "must be a Plateau state"
                    "[1, 2]", "must be an object"
                ] do
                let e =
                    Expect.throwsC (fun () -> Checkpoint.load plateauSequential bad |> ignore) id

                Expect.isTrue (e :? FormatException) (sprintf "a FormatException for %s" why)
                Expect.stringContains e.Message why why
        }
        formatOne
    ]
