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

let tests =
    testList "Checkpoint" [
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
            let state, _ = Scheduler.init plateauSequential (gv [ 0.1 ])
            let json = Checkpoint.save plateauSequential state
            Expect.stringContains json "\"Infinity\"" "best = +inf written as a string"
            Expect.equal (Checkpoint.load plateauSequential json) state "round trip"
        }
        test "a state saved for another configuration is refused, saying so" {
            let state, _ = Scheduler.init plateauSequential (gv [ 0.1 ])
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
            let state, _ = Scheduler.init plateauSequential (gv [ 0.1 ])
            let json = Checkpoint.save plateauSequential state

            for bad, why in
                [
                    json.Substring(0, json.Length / 2), "not valid JSON"
                    "{}", "\"format\" is missing"
                    json.Replace("\"version\": 1", "\"version\": 99"), "format version 99"
                    json.Replace("\"badEpochs\": 0", "\"badEpochs\": \"x\""), "expected an integer"
                    json.Replace("\"kind\": \"Plateau\"", "\"kind\": \"Epoch\""), "expected a Plateau state"
                    "[1, 2]", "expected an object"
                ] do
                let e =
                    Expect.throwsC (fun () -> Checkpoint.load plateauSequential bad |> ignore) id

                Expect.isTrue (e :? FormatException) (sprintf "a FormatException for %s" why)
                Expect.stringContains e.Message why why
        }
    ]
