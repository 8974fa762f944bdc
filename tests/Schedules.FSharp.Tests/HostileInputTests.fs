/// Hostile input (issue 15): impossible checkpoint values, momentum out of bounds, integer overflows, deep
/// nesting, and saved checkpoints mutated at random. Each test here failed before its fix.
module Schedules.Tests.HostileInputTests

open System
open System.Text.Json.Nodes
open Expecto
open FsCheck
open FsCheck.FSharp
open Schedules
open Schedules.Testing
open Schedules.Tests.Support

let private refused (why: string) (f: unit -> 'T) =
    let e = Expect.throwsC (fun () -> f () |> ignore) id
    Expect.isTrue (e :? FormatException) (sprintf "a FormatException (%s), got %s" why (e.GetType().Name))
    Expect.stringContains e.Message why why

/// A saved checkpoint with one value replaced (a JSON path of property names and indexes).
let private replace (json: string) (path: obj list) (value: string) =
    let root = JsonNode.Parse json
    let mutable node = root.["state"]

    for step in List.take (path.Length - 1) path do
        node <-
            match step with
            | :? int as i -> node.[i]
            | p -> node.[string p]

    match List.last path with
    | :? int as i -> node.AsArray().[i] <- JsonNode.Parse value
    | p -> node.[string p] <- JsonNode.Parse value

    root.ToJsonString()

let private plateau =
    LRScheduler.ReduceLROnPlateau(patience = 2, cooldown = 1, warmup = 1)

let private sequential =
    LRScheduler.SequentialLR([ LRScheduler.StepLR 5; LRScheduler.LambdaLR(Functions.constant 1.0) ], [ 2 ])

let private saved (s: Scheduler<'M>) (lrs: float list) (metrics: 'M list) =
    let trace = Scheduler.run s (gv lrs) metrics
    Checkpoint.save s trace.State

let impossibleStates =
    testList "impossible states are refused, naming the field and the rule" [
        test "a NaN best, which six epochs of a falling loss would then cut twice" {
            let json = saved plateau [ 0.1 ] [ 1.0; 0.9 ]

            refused "checkpoint.state.best is NaN" (fun () ->
                Checkpoint.load plateau (replace json [ "best" ] "\"NaN\""))
        }
        test "counters out of their configuration's range" {
            let json = saved plateau [ 0.1 ] [ 1.0; 0.9; 0.9 ]

            refused "checkpoint.state.badEpochs is 3, but must be at most 2" (fun () ->
                Checkpoint.load plateau (replace json [ "badEpochs" ] "3"))

            refused "checkpoint.state.cooldownLeft is 2, but must be at most 1" (fun () ->
                Checkpoint.load plateau (replace json [ "cooldownLeft" ] "2"))

            refused "checkpoint.state.lastEpoch is -1, but must be >= 0" (fun () ->
                Checkpoint.load plateau (replace json [ "lastEpoch" ] "-1"))

            refused "checkpoint.state.warmupLeft is 5, but must be at most 1" (fun () ->
                Checkpoint.load plateau (replace json [ "warmupLeft" ] "5"))
        }
        test "base LRs: negative, NaN, infinite, none, or another count than the other children's" {
            let json = saved sequential [ 0.1; 0.2 ] [ (); () ]

            for value, why in
                [
                    "[-0.5, 0.2]", "checkpoint.state.schedulers[1].baseLrs[0] is -0.5"
                    "[\"NaN\", 0.2]", "checkpoint.state.schedulers[1].baseLrs[0] is NaN"
                    "[\"Infinity\", 0.2]", "checkpoint.state.schedulers[1].baseLrs[0] is Infinity"
                    "[]", "checkpoint.state.schedulers[1].baseLrs is empty"
                    "[0.5]", "checkpoint.state.schedulers[1].baseLrs holds 1 LRs, but an earlier child holds 2"
                    "[0.5, 0.5, 0.5]", "checkpoint.state.schedulers[1].baseLrs holds 3 LRs"
                ] do
                refused why (fun () -> Checkpoint.load sequential (replace json [ "schedulers"; 1; "baseLrs" ] value))
        }
        test "a per-group setting that does not fit the saved groups" {
            let s =
                LRScheduler.LambdaLR(Each [ Functions.constant 1.0; Functions.constant 0.5 ])

            let json = saved s [ 0.1; 0.2 ] [ () ]

            refused "checkpoint.state.baseLrs holds 3 LRs, but lrLambda must have one entry per param group" (fun () ->
                Checkpoint.load s (replace json [ "baseLrs" ] "[0.1, 0.2, 0.3]"))
        }
        test "warm-restart periods that are no t0·tMult^k, positions outside the period" {
            let s = LRScheduler.CosineAnnealingWarmRestarts(3, 2)
            let json = saved s [ 0.1 ] [ (); (); (); () ]

            refused "checkpoint.state.tI is 5, but the periods are t0 × tMult^k" (fun () ->
                Checkpoint.load s (replace json [ "tI" ] "5"))

            refused "checkpoint.state.tCur is 6, but lies in [0, tI = 6)" (fun () ->
                Checkpoint.load s (replace json [ "tCur" ] "6"))
        }
        test "OneCycleLR and CyclicLR base LRs are their configuration's; OneCycleLR stops at totalSteps" {
            let one = LRScheduler.OneCycleLR(All 0.5, totalSteps = 10)
            let json = saved one [ 0.1 ] [ () ]

            refused "checkpoint.state.lastEpoch is 11, but OneCycleLR stops at totalSteps (10)" (fun () ->
                Checkpoint.load one (replace json [ "lastEpoch" ] "11"))

            refused
                "checkpoint.state.baseLrs[0] is 0.5, but OneCycleLR's base LRs are maxLr / divFactor (0.02)"
                (fun () -> Checkpoint.load one (replace json [ "baseLrs" ] "[0.5]"))

            let cyc = LRScheduler.CyclicLR(All 0.01, All 0.1)
            let json = saved cyc [ 0.1 ] [ () ]

            refused "checkpoint.state.baseLrs[0] is 0.5, but CyclicLR's base LRs are its baseLr (0.01)" (fun () ->
                Checkpoint.load cyc (replace json [ "baseLrs" ] "[0.5]"))
        }
        test "a grace period whose counters disagree" {
            let json = saved plateau [ 0.1 ] []
            refused "is in its grace period" (fun () -> Checkpoint.load plateau (replace json [ "best" ] "0.5"))
        }
        test "a property given twice (a reader would keep one silently)" {
            let json = saved plateau [ 0.1 ] [ 1.0 ]
            let twice = json.Replace("\"badEpochs\": 0,", "\"badEpochs\": 0, \"badEpochs\": 1,")
            refused "checkpoint.state.badEpochs\" appears twice" (fun () -> Checkpoint.load plateau twice)
        }
        test "State's default value (a struct no scheduler produced) is refused by a step, naming state" {
            let e =
                Expect.throwsC
                    (fun () ->
                        Scheduler.step
                            (LRScheduler.StepLR 3)
                            Unchecked.defaultof<State>
                            (Observation.ofLrs (gv [ 0.1 ]))
                        |> ignore)
                    id

            Expect.equal (e :?> ArgumentException).ParamName "state" "names state"
            Expect.stringContains e.Message "default value of State" "says what"

            Expect.throwsT<ArgumentException>
                (fun () -> Checkpoint.save (LRScheduler.StepLR 3) Unchecked.defaultof<State> |> ignore)
                "save"
        }
        test "a configuration nested 40 deep loads its own checkpoint" {
            let mutable s = LRScheduler.StepLR 2

            for _ in 1..40 do
                s <- LRScheduler.SequentialLR([ s; LRScheduler.ExponentialLR 0.9 ], [ 3 ])

            let trace = Scheduler.runSteps s (gv [ 0.1 ]) 5
            Expect.equal (Checkpoint.load s (Checkpoint.save s trace.State)) trace.State "round trip"
        }
    ]

let momentum =
    testList "momentum is checked like LRs" [
        test "momentum settings outside [0, 1] are refused when built" {
            let e =
                Expect.throwsC (fun () -> LRScheduler.CyclicLR(All 0.01, All 0.1, maxMomentum = All 1e308) |> ignore) id

            Expect.equal (e :?> ArgumentException).ParamName "maxMomentum" "names the parameter"

            let e =
                Expect.throwsC
                    (fun () ->
                        LRScheduler.OneCycleLR(All 0.1, totalSteps = 10, baseMomentum = All -0.1)
                        |> ignore)
                    id

            Expect.equal (e :?> ArgumentException).ParamName "baseMomentum" "names the parameter"
        }
        test "a produced momentum outside [0, 1] (ExpRange gamma above 1) is refused, not applied" {
            let s =
                LRScheduler.CyclicLR(All 0.01, All 0.1, stepSizeUp = 2, mode = ExpRange, gamma = 1.5)

            let e = Expect.throwsC (fun () -> Scheduler.runSteps s (gv [ 0.1 ]) 12 |> ignore) id
            Expect.isTrue (e :? InvalidOperationException) "an InvalidOperationException"
            Expect.stringContains e.Message "momentum of group 0" "says what"
        }
    ]

let overflows =
    testList "integer overflows refuse instead of wrapping" [
        test "a warm-restart period beyond an int is refused, not wrapped to 0" {
            let s = LRScheduler.CosineAnnealingWarmRestarts(2, Int32.MaxValue)
            let e = Expect.throwsC (fun () -> Scheduler.runSteps s (gv [ 0.1 ]) 4 |> ignore) id
            Expect.isTrue (e :? InvalidOperationException) "an InvalidOperationException"
            Expect.stringContains e.Message "tMult = 2147483647" "names the parameters"
        }
        test "an explicit epoch beyond an int, or 1e308, is refused naming epoch" {
            let s = LRScheduler.CosineAnnealingWarmRestarts(10, 2)
            let struct (state, out) = Scheduler.init s (gv [ 0.1 ])

            for epoch in [ 3e9; 1e308 ] do
                let e =
                    Expect.throwsC (fun () -> Scheduler.stepAt s state epoch (Observation.ofLrs out.Lrs) |> ignore) id

                Expect.equal (e :?> ArgumentException).ParamName "epoch" "names epoch"
        }
        test "epochs × stepsPerEpoch beyond an int is refused naming the user's parameters" {
            for e, s in [ 70000, 70000; 50000, 50000 ] do
                let ex =
                    Expect.throwsC
                        (fun () -> LRScheduler.OneCycleLR(All 0.1, epochs = e, stepsPerEpoch = s) |> ignore)
                        id

                Expect.equal (ex :?> ArgumentException).ParamName "epochs" "names epochs"
                Expect.stringContains ex.Message (sprintf "%d × %d" e s) "both factors"
        }
        test "an epoch counter at Int32.MaxValue refuses the next step instead of wrapping" {
            let s = LRScheduler.StepLR 3

            let e =
                Expect.throwsC
                    (fun () ->
                        Scheduler.step s (Epoch(gv [ 0.1 ], Int32.MaxValue)) (Observation.ofLrs (gv [ 0.1 ]))
                        |> ignore)
                    id

            Expect.isTrue (e :? InvalidOperationException) "an InvalidOperationException"
        }
    ]

/// A saved checkpoint, mutated: truncated, a character flipped, a property dropped, a value replaced by a hostile
/// one, or a property duplicated.
let private mutate (json: string) (choice: int) (where: int) =
    let hostile = [|
        "-1"
        "\"NaN\""
        "\"Infinity\""
        "1e308"
        "\"x\""
        "null"
        "[]"
        "{}"
        "2147483648"
        "0.5"
        "3"
    |]

    match choice % 5 with
    | 0 -> json.Substring(0, where % json.Length)
    | 1 ->
        let i = where % json.Length

        json.Substring(0, i)
        + string (char ((int json.[i] + 1) % 128))
        + json.Substring(i + 1)
    | k ->
        let root = JsonNode.Parse json

        let rec objects (n: JsonNode) : JsonObject list =
            match n with
            | :? JsonObject as o ->
                o
                :: (o
                    |> Seq.collect (fun p -> if isNull p.Value then [] else objects p.Value)
                    |> List.ofSeq)
            | :? JsonArray as a -> a |> Seq.collect (fun x -> if isNull x then [] else objects x) |> List.ofSeq
            | _ -> []

        let all = objects root.["state"] |> Array.ofList
        let o = all.[where % all.Length]
        let names = o |> Seq.map (fun p -> p.Key) |> Array.ofSeq
        let name = names.[(where / 7) % names.Length]

        match k with
        | 2 ->
            o.Remove name |> ignore
            root.ToJsonString()
        | 3 ->
            o.[name] <- JsonNode.Parse hostile.[(where / 3) % hostile.Length]
            root.ToJsonString()
        | _ ->
            // The same property once more, with another value, as text (JsonNode keeps keys unique).
            let text = root.ToJsonString()
            let key = sprintf "\"%s\":" name
            let i = text.IndexOf key

            if i < 0 then
                text
            else
                text.Substring(0, i) + key + "0," + text.Substring(i)

let mutations =
    testPropertyWithConfig
        {
            FsCheckConfig.defaultConfig with
                maxTest = 400
        }
        "a mutated checkpoint is refused naming the field, or loads a state that runs like a real one"
    <| Prop.forAll
        (Arb.fromGen (
            Gen.zip3
                (Gen.oneof [
                    Gens.stepConfig |> Gen.map (fun c -> Scheduler.createWatching c.Config)
                    Gen.constant (
                        LRScheduler.SequentialLR(
                            [
                                LRScheduler.WarmUp 2 |> Scheduler.withMetric
                                LRScheduler.ReduceLROnPlateau(patience = 1, cooldown = 2, warmup = 1)
                            ],
                            [ 2 ]
                        )
                    )
                ])
                (Gen.choose (0, 12))
                (Gen.zip (Gen.choose (0, 4)) (Gen.choose (0, 100000)))
        ))
        (fun (s, k, (choice, where)) ->
            let trace =
                Scheduler.run s (gv [ 0.1; 0.05 ]) (List.init k (fun i -> 1.0 / float (i + 1)))

            let json = Checkpoint.save s trace.State
            let mutant = mutate json choice where

            match
                (try
                    Ok(Checkpoint.load s mutant)
                 with e ->
                     Error e)
            with
            | Error(:? FormatException as e) ->
                // Refused: the message says what (and, past the text's own syntax, where).
                e.Message.StartsWith "Not a Schedules checkpoint" |> Prop.label e.Message
            | Error e -> false |> Prop.label (sprintf "%s: %s" (e.GetType().Name) e.Message)
            | Ok state ->
                // Loaded: it steps like a real run, finite LRs >= 0, or ends where a real run ends.
                let lrs = trace.Rows.[trace.Rows.Length - 1].Lrs

                match
                    (try
                        Ok(Scheduler.fold s state lrs (List.replicate 15 0.5))
                     with e ->
                         Error e)
                with
                | Ok t ->
                    t.Rows
                    |> Seq.forall (fun o -> o.Lrs |> Seq.forall (fun v -> Double.IsFinite v && v >= 0.0))
                    |> Prop.label "finite LRs >= 0"
                | Error(:? InvalidOperationException as e) when e.Message.Contains "OneCycleLR was stepped" ->
                    true |> Prop.label "the end of a 1cycle"
                | Error e -> false |> Prop.label (sprintf "loaded, then %s: %s" (e.GetType().Name) e.Message))

let tests =
    testList "Hostile input" [ impossibleStates; momentum; overflows; mutations ]
