/// Checkpoint and resume on real optimizers: a run resumed at any step k, with the optimizer saved and restored
/// through TorchSharp's own state dict, continues bit for bit as if never interrupted.
module Schedules.TorchSharp.Tests.ResumeTests

open System
open System.IO
open System.Text.Json
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
                    json.Replace("\"Plateau\"", "\"Epoch\""), "must be a Plateau state"
                    json.Replace("\"patience\": 10", "\"patience\": 11"), "saved for another configuration"
                    json.Replace("\"calls\": 3", "\"calls\": -3"), "\"calls\" must be >= 0"
                    "", "not valid JSON"
                ] do
                let e = Expect.throwsC (fun () -> bound.Load corrupt) id
                Expect.isTrue (e :? FormatException) (sprintf "FormatException for %s" why)
                Expect.stringContains e.Message why why
                Expect.equal (bound.State, bound.Calls) before "untouched"
        }
        test "a run of fractional epochs saved mid-way resumes bit for bit" {
            let s = LRScheduler.CosineAnnealingWarmRestarts(3, 2, 0.001)

            let epochs = [
                for e in 0..12 do
                    for i in 0..4 -> float e + float i / 5.0
            ]

            let run (bound: BoundScheduler<unit>) o epochs = [
                for e in epochs ->
                    bound.StepAt e |> ignore
                    lrsOf o
            ]

            let whole = sgd [ 0.1; 0.05 ] 0.9
            let uninterrupted = run (Shell.bind (s, whole)) whole epochs

            for k in [ 1; 17; 38 ] do
                let first = sgd [ 0.1; 0.05 ] 0.9
                let bound = Shell.bind (s, first)
                run bound first (List.take k epochs) |> ignore
                let json = bound.Save()
                let second = sgd [ 0.7; 0.7 ] 0.9
                loadOptimizer second (saveOptimizer first)
                let resumed = Shell.resume (s, second, json)
                let rest = run resumed second (List.skip k epochs)
                Expect.equal rest (List.skip k uninterrupted) (sprintf "resumed after %d batches" k)
                Expect.equal resumed.Calls epochs.Length "calls counted on"
        }
        test "resuming on an optimizer whose state was not loaded is refused, naming the group and both values" {
            let s = LRScheduler.ExponentialLR 0.1
            let first = sgd [ 0.01; 1.0 ] 0.9
            let bound = Shell.bind (s, first)

            for _ in 1..2 do
                bound.Step() |> ignore

            let json = bound.Save()
            let fresh = sgd [ 0.01; 1.0 ] 0.9 // the optimizer's state dict was not loaded
            let e = Expect.throwsC (fun () -> Shell.resume (s, fresh, json) |> ignore) id
            Expect.isTrue (e :? ArgumentException) "ArgumentException"
            Expect.equal (e :?> ArgumentException).ParamName "optimizer" "names the parameter"

            // The example of docs/guide/checkpointing.md.
            Expect.stringStarts
                e.Message
                "Param group 0 of the optimizer holds LR 0.01, but the checkpoint was saved when it held 0.0001: load the optimizer's state first (optimizer.load_state_dict(...)) and then resume, or pass acceptOptimizerLrs = true to continue deliberately from the values the optimizer holds."
                "names the group and both values"

            Expect.stringContains e.Message "load the optimizer's state first" "says what to do"
            Expect.stringContains e.Message "acceptOptimizerLrs" "names the way out"

            let accepted = Shell.resume (s, fresh, json, acceptOptimizerLrs = true)
            accepted.Step() |> ignore
            Expect.equal (lrsOf fresh) [| 0.01 * 0.1; 1.0 * 0.1 |] "continues deliberately from the optimizer's LRs"
            Expect.equal accepted.Calls 3 "and the saved counter"
        }
        test "a momentum (or beta1) the scheduler cycles is checked too" {
            for make in [ (fun lrs -> sgd lrs 0.9); adam ] do
                let s = LRScheduler.OneCycleLR(All 1.0, totalSteps = 10) |> Scheduler.withMetric
                let first = make [ 0.1 ]
                let bound = Shell.bind (s, first)

                for _ in 1..3 do
                    bound.Step nan |> ignore

                let json = bound.Save()
                let fresh = make [ 0.1 ]
                (Seq.head fresh.ParamGroups).LearningRate <- (lrsOf first).[0] // the LR restored by hand, not the momentum
                let e = Expect.throwsC (fun () -> Shell.resume (s, fresh, json) |> ignore) id
                Expect.stringContains e.Message "holds momentum (beta1 for Adam)" "momentum"

                Expect.stringContains
                    e.Message
                    (sprintf "held %s" ((momentaOf first).[0].ToString "R"))
                    "the saved value"

                loadOptimizer fresh (saveOptimizer first)
                Shell.resume (s, fresh, json) |> ignore
        }
        test "version 2 (the LRs under \"lrs\") and version 1 (no values) documents still load" {
            let s = LRScheduler.StepLR(1, 0.5)
            let first = sgd [ 0.4 ] 0.9
            let bound = Shell.bind (s, first)
            bound.Step() |> ignore
            let v3 = Nodes.JsonNode.Parse(bound.Save()).AsObject()
            Expect.equal (v3["version"].GetValue<int>()) 3 "written as version 3"
            Expect.equal (v3["field"].GetValue<string>()) "lr" "for the LR"
            Expect.equal [ for x in v3["values"].AsArray() -> x.GetValue<float>() ] [ 0.2 ] "with the LRs held"
            // Version 2 as the library wrote it before: no field, the LRs under "lrs"; still checked.
            let v2 = v3.DeepClone().AsObject()
            v2.Remove "field" |> ignore
            v2["lrs"] <- v2["values"].DeepClone()
            v2.Remove "values" |> ignore
            v2["version"] <- Nodes.JsonValue.Create 2

            let refused =
                Expect.throwsC (fun () -> Shell.resume (s, sgd [ 0.4 ] 0.9, v2.ToJsonString()) |> ignore) id

            Expect.stringContains
                refused.Message
                "holds LR 0.4, but the checkpoint was saved when it held 0.2"
                "checked"

            let restored = sgd [ 0.2 ] 0.9
            Shell.resume(s, restored, v2.ToJsonString()).Step() |> ignore
            Expect.equal (lrsOf restored) [| 0.1 |] "a version 2 document resumes"
            // Version 1: the same document without the recorded values.
            v2.Remove "lrs" |> ignore
            v2["version"] <- Nodes.JsonValue.Create 1
            let v1 = v2.ToJsonString()
            let fresh = sgd [ 0.4 ] 0.9
            let resumed = Shell.resume (s, fresh, v1)
            resumed.Step() |> ignore
            Expect.equal (lrsOf fresh) [| 0.2 |] "nothing to check against: the optimizer's LR is used"
            v3["version"] <- Nodes.JsonValue.Create 4

            let e =
                Expect.throwsC (fun () -> Shell.resume (s, fresh, v3.ToJsonString()) |> ignore) id

            Expect.isTrue (e :? FormatException) "a later version is refused"
            Expect.stringContains e.Message "format version 4; this library reads versions 1 to 3" "says why"
        }
        test "a checkpoint for another number of param groups is refused" {
            let s = LRScheduler.StepLR 2 |> Scheduler.withMetric
            let bound = Shell.bind (s, sgd [ 0.1; 0.2 ] 0.9)

            let e =
                Expect.throwsC (fun () -> Shell.resume (s, sgd [ 0.1 ] 0.9, bound.Save()) |> ignore) id

            Expect.stringContains
                e.Message
                "checkpoint.state.baseLrs holds 2 base LRs, but the optimizer has 1 param group."
                "says why"
        }
        test "a later child's base LRs for another number of groups are refused, naming the field" {
            let s =
                LRScheduler.SequentialLR([ LRScheduler.StepLR 5; LRScheduler.LambdaLR(fun _ -> 1.0) ], [ 2 ])
                |> Scheduler.withMetric

            // The core's reader refuses it first: its children disagree on the number of groups.
            for baseLrs, holds in [ "[0.5]", 1; "[0.5, 0.5, 0.5]", 3 ] do
                let node = Nodes.JsonNode.Parse((Shell.bind (s, sgd [ 0.1; 0.2 ] 0.9)).Save())
                node["checkpoint"].["state"].["schedulers"].[1].["baseLrs"] <- Nodes.JsonNode.Parse baseLrs
                let o = sgd [ 0.1; 0.2 ] 0.9

                let e =
                    Expect.throwsC (fun () -> Shell.resume (s, o, node.ToJsonString()) |> ignore) id

                Expect.isTrue (e :? FormatException) "FormatException"

                Expect.stringContains
                    e.Message
                    (sprintf "checkpoint.state.schedulers[1].baseLrs holds %d LRs, but an earlier child holds 2" holds)
                    "names the field and both counts"

                Expect.equal (lrsOf o) [| 0.1; 0.2 |] "nothing written"
        }
        test "the shell's own version must be 1, 2 or 3" {
            let s = LRScheduler.StepLR 2
            let json = (Shell.bind (s, sgd [ 0.1 ] 0.9)).Save()

            for version in [ None; Some "\"x\""; Some "99"; Some "1.5"; Some "0"; Some "null" ] do
                let node = Nodes.JsonNode.Parse(json).AsObject()

                match version with
                | Some v -> node["version"] <- Nodes.JsonNode.Parse v
                | None -> node.Remove "version" |> ignore

                let e =
                    Expect.throwsC (fun () -> Shell.resume (s, sgd [ 0.1 ] 0.9, node.ToJsonString()) |> ignore) id

                Expect.isTrue (e :? FormatException) (sprintf "FormatException for version %A" version)
                Expect.stringContains e.Message "version" (sprintf "names the version for %A" version)
        }
        test "a calls or every that is not an integer is a FormatException naming it" {
            let s = LRScheduler.StepLR 2
            let json = (Shell.bind (s, sgd [ 0.1 ] 0.9)).Save()

            for name in [ "calls"; "every" ] do
                for value in [ "\"3\""; "[]"; "null"; "true"; "2.5"; "1e99" ] do
                    let node = Nodes.JsonNode.Parse(json).AsObject()
                    node[name] <- Nodes.JsonNode.Parse value

                    let e =
                        Expect.throwsC (fun () -> Shell.resume (s, sgd [ 0.1 ] 0.9, node.ToJsonString()) |> ignore) id

                    let what = sprintf "%s = %s" name value
                    Expect.isTrue (e :? FormatException) (sprintf "FormatException for %s, got %O" what (e.GetType()))
                    Expect.stringContains e.Message (sprintf "\"%s\" must be an integer" name) what
        }
        test "a lone ReduceLROnPlateau's per-group settings are checked against the optimizer on resume" {
            let s = LRScheduler.ReduceLROnPlateau(minLr = Each [ 0.0; 0.0 ])
            let three () = sgd [ 0.1; 0.2; 0.3 ] 0.9
            let bind = Expect.throwsC (fun () -> Shell.bind (s, three ()) |> ignore) id
            // A version 1 document records no LRs, so nothing else tells the number of groups.
            let v1 =
                Nodes.JsonNode.Parse((Shell.bind (s, sgd [ 0.1; 0.2 ] 0.9)).Save()).AsObject()

            v1.Remove "values" |> ignore
            v1.Remove "field" |> ignore
            v1["version"] <- Nodes.JsonValue.Create 1

            let resume =
                Expect.throwsC (fun () -> Shell.resume (s, three (), v1.ToJsonString()) |> ignore) id

            Expect.isTrue (resume :? ArgumentException) "ArgumentException"
            Expect.equal resume.Message bind.Message "the refusal of bind"
            Expect.stringContains resume.Message "minLr must have one entry per param group (3)" "names the setting"
        }
    ]
