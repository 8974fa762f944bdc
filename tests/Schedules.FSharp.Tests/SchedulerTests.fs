/// The public transitions: init, step, fold and run; replay and composition laws.
module Schedules.Tests.SchedulerTests

open System
open Expecto
open FsCheck.FSharp
open Schedules
open Schedules.Tests.Support
open Schedules.Testing

let private config = {
    FsCheckConfig.defaultConfig with
        maxTest = 200
}

/// A step-based case: a configuration, LRs and a number of steps.
let private stepCase =
    gen {
        let! c = Gens.stepConfig
        let! lrs = Gens.lrs
        let! n = Gen.choose (0, 60)
        return c, lrs, n
    }

/// A metric-driven case: a SequentialLR [WarmUp; plateau], a plateau alone, or a chain holding one.
let private metricCase =
    gen {
        let! p = Gens.plateauCase
        let! w = Gen.choose (1, 8)
        let! leaf = Gens.restartableStepConfig
        let warm = WarmUp(w, All(fun s n -> LRScheduler.LinearWarmUpFactor(s, n)))

        let! c =
            Gen.elements [
                ReduceLROnPlateau p.Config
                SequentialLR([ warm; ReduceLROnPlateau p.Config ], [ w ])
                ChainedScheduler [ leaf.Config; ReduceLROnPlateau p.Config ]
                SequentialLR([ warm; SequentialLR([ ReduceLROnPlateau p.Config; leaf.Config ], [ 5 ]) ], [ w ])
            ]

        return c, p.Lrs, p.Metrics
    }

let private outputsEqual (a: Output) (b: Output) =
    a.Lrs = b.Lrs && a.Momentum = b.Momentum && a.Events = b.Events

let private rowsEqual (a: seq<Output>) (b: seq<Output>) =
    Seq.length a = Seq.length b && Seq.forall2 outputsEqual a b

let replay =
    testList "replay" [
        testPropertyWithConfig config "folding equals stepping one by one (step-based)"
        <| Prop.forAll (Arb.fromGen stepCase) (fun (c: NamedConfig, lrs, n) ->
            let s = Scheduler.create c.Config
            let folded = Scheduler.runSteps s (gv lrs) n
            let mutable struct (state, out) = Scheduler.init s (gv lrs)
            let manual = ResizeArray [ out ]

            for _ in 1..n do
                let struct (next, o) = Scheduler.step s state (Observation.ofLrs out.Lrs)
                state <- next
                out <- o
                manual.Add o

            rowsEqual folded.Rows manual && folded.State = state)

        testPropertyWithConfig config "continuing from any intermediate state reproduces the rest (step-based)"
        <| Prop.forAll (Arb.fromGen (Gen.zip stepCase (Gen.choose (0, 60)))) (fun ((c: NamedConfig, lrs, n), k) ->
            let k = min k n
            let s = Scheduler.create c.Config
            let whole = Scheduler.runSteps s (gv lrs) n
            let first = Scheduler.runSteps s (gv lrs) k

            let rest =
                Scheduler.fold s first.State first.Rows.[k].Lrs (Seq.replicate (n - k) ())

            rowsEqual (Seq.skip (k + 1) whole.Rows) rest.Rows && rest.State = whole.State)

        testPropertyWithConfig config "continuing from any intermediate state reproduces the rest (with metrics)"
        <| Prop.forAll (Arb.fromGen (Gen.zip metricCase (Gen.choose (0, 60)))) (fun ((c, lrs, metrics), k) ->
            let k = min k metrics.Length
            let s = Scheduler.createWatching c
            let whole = Scheduler.run s (gv lrs) metrics
            let first = Scheduler.run s (gv lrs) (List.take k metrics)
            let rest = Scheduler.fold s first.State first.Rows.[k].Lrs (List.skip k metrics)
            rowsEqual (Seq.skip (k + 1) whole.Rows) rest.Rows && rest.State = whole.State)

        testPropertyWithConfig config "the same inputs give the same outputs"
        <| Prop.forAll (Arb.fromGen metricCase) (fun (c, lrs, metrics) ->
            let s = Scheduler.createWatching c
            let a = Scheduler.run s (gv lrs) metrics
            let b = Scheduler.run s (gv lrs) metrics
            rowsEqual a.Rows b.Rows && a.State = b.State)
    ]

/// The trace's rows as a SeriesTrace keeps them: columns per group, momentum carried forward (where the series has
/// momentum columns: the scheduler cycles it), events with rows.
let private asColumns (withMomentum: bool) (rows: seq<Output>) =
    let rows = Array.ofSeq rows
    let groups = rows.[0].Lrs.Count
    let bits (x: float) = BitConverter.DoubleToInt64Bits x
    let lrs = Array.init groups (fun g -> rows |> Array.map (fun r -> bits r.Lrs.[g]))

    let momentum =
        if withMomentum then
            let mutable held = None

            let columns =
                rows
                |> Array.map (fun r ->
                    if r.Momentum.IsSome then
                        held <- r.Momentum

                    held)

            Array.init groups (fun g ->
                columns
                |> Array.map (fun m -> bits (m |> Option.map (fun m -> m.[g]) |> Option.defaultValue nan)))
        else
            [||]

    let events =
        rows
        |> Array.indexed
        |> Array.collect (fun (i, r) -> r.Events |> List.map (fun e -> i, e) |> Array.ofList)

    lrs, momentum, events

let private seriesColumns (t: SeriesTrace) =
    let bits (column: System.Collections.Immutable.ImmutableArray<float>) =
        column |> Seq.map BitConverter.DoubleToInt64Bits |> Array.ofSeq

    Seq.map bits t.Lrs |> Array.ofSeq,
    Seq.map bits t.Momentum |> Array.ofSeq,
    t.Events |> Seq.map (fun e -> e.Row, e.Event) |> Array.ofSeq

/// Whether the series equals the rows; no row may write momentum if the series has no momentum columns.
let private sameAs (rows: seq<Output>) (t: SeriesTrace) =
    let withMomentum = not t.Momentum.IsEmpty

    (withMomentum || rows |> Seq.forall (fun r -> r.Momentum.IsNone))
    && seriesColumns t = asColumns withMomentum rows

let series =
    testList "series runs" [
        testPropertyWithConfig config "runSeries keeps run's rows as columns, bit for bit (with metrics)"
        <| Prop.forAll (Arb.fromGen metricCase) (fun (c, lrs, metrics) ->
            let s = Scheduler.createWatching c
            let rows = Scheduler.run s (gv lrs) metrics
            // A sequence of unknown length (the columns grow), and an array (a lone plateau runs its own loop).
            let fromSeq = Scheduler.runSeries s (gv lrs) (Seq.ofList metrics)
            let fromArray = Scheduler.runSeries s (gv lrs) (Array.ofList metrics)

            sameAs rows.Rows fromSeq
            && fromSeq.State = rows.State
            && sameAs rows.Rows fromArray
            && fromArray.State = rows.State)

        testPropertyWithConfig config "runSeries keeps run's rows as columns, bit for bit (step-based, momentum)"
        <| Prop.forAll (Arb.fromGen stepCase) (fun (c: NamedConfig, lrs, n) ->
            let s = Scheduler.create c.Config
            let rows = Scheduler.runSteps s (gv lrs) n
            let columns = Scheduler.runSeries s (gv lrs) (Array.replicate n ())
            sameAs rows.Rows columns && columns.State = rows.State)

        testPropertyWithConfig config "foldSeries continues from any state as fold does"
        <| Prop.forAll (Arb.fromGen (Gen.zip metricCase (Gen.choose (0, 60)))) (fun ((c, lrs, metrics), k) ->
            let k = min k metrics.Length
            let s = Scheduler.createWatching c
            let first = Scheduler.run s (gv lrs) (List.take k metrics)
            let rest = Scheduler.fold s first.State first.Rows.[k].Lrs (List.skip k metrics)

            let columns =
                Scheduler.foldSeries s first.State first.Rows.[k].Lrs (List.skip k metrics)

            columns.State = rest.State
            && (rest.Rows.IsEmpty && columns.Lrs |> Seq.forall _.IsEmpty
                || sameAs rest.Rows columns))

        test "a OneCycleLR's momentum column and a SequentialLR's events" {
            let s =
                LRScheduler.SequentialLR(
                    [ LRScheduler.OneCycleLR(All 0.1, totalSteps = 10); LRScheduler.StepLR 2 ],
                    [ 5 ]
                )

            let t = Scheduler.runSeries s (gv [ 0.1; 0.2 ]) (Array.replicate 8 ())
            Expect.equal t.Momentum.Length 2 "a momentum column per group"
            Expect.equal t.Lrs.[1].Length 9 "rows 0..8"
            Expect.equal (List.ofSeq t.Events) [ { Row = 5; Event = SchedulerSwitched 1 } ] "the switch at row 5"
        }
        test "a state or LRs that step refuses are refused before the first step, naming them" {
            let s = LRScheduler.StepLR 3
            let struct (state, _) = Scheduler.init s (gv [ 0.1 ])

            let e =
                Expect.throwsC (fun () -> Scheduler.foldSeries s state (gv [ 0.1; 0.2 ]) [ () ] |> ignore) id

            Expect.equal (e :?> ArgumentException).ParamName "lrs" "names lrs"

            Expect.throwsT<ArgumentException>
                (fun () -> Scheduler.foldSeries s Unchecked.defaultof<State> (gv [ 0.1 ]) [ () ] |> ignore)
                "the default state"

            Expect.throwsT<ArgumentNullException>
                (fun () -> Scheduler.runSeries s (gv [ 0.1 ]) (null: unit seq) |> ignore)
                "null metrics"
        }
    ]

let private isComposite (config: Config) =
    match config with
    | SequentialLR _
    | ChainedScheduler _ -> true
    | _ -> false

let composition =
    testList "composition" [
        // PyTorch 2.x steps a composite first child of a SequentialLR from its undone members (the pytorch-2x
        // conformance cases pin it down), so there the law holds for a child that is not a composite.
        testPropertyWithConfig config "a SequentialLR or ChainedScheduler of one child equals that child"
        <| Prop.forAll (Arb.fromGen stepCase) (fun (c: NamedConfig, lrs, n) ->
            let lrsOf config =
                Scheduler.runSteps (Scheduler.create config) (gv lrs) n |> lrRows

            let alone = lrsOf c.Config

            (isComposite c.Config || alone = lrsOf (SequentialLR([ c.Config ], [])))
            && alone = lrsOf (ChainedScheduler [ c.Config ]))

        testPropertyWithConfig config "a one-child composite equals its child with metrics too"
        <| Prop.forAll (Arb.fromGen metricCase) (fun (c, lrs, metrics) ->
            let lrsOf config =
                Scheduler.run (Scheduler.createWatching config) (gv lrs) metrics |> lrRows

            let alone = lrsOf c

            (isComposite c || alone = lrsOf (SequentialLR([ c ], [])))
            && alone = lrsOf (ChainedScheduler [ c ]))

        testPropertyWithConfig config "SequentialLR [WarmUp w; S] with milestone w runs, from step w, S's own trace"
        <| Prop.forAll
            (Arb.fromGen (Gen.zip3 Gens.restartableStepConfig Gens.lrs (Gen.choose (1, 12))))
            (fun (c: NamedConfig, lrs, w) ->
                let n = 40
                let s = Scheduler.create c.Config
                let own = Scheduler.runSteps s (gv lrs) n |> lrRows

                let sequential =
                    Scheduler.runSteps (LRScheduler.SequentialLR([ LRScheduler.WarmUp w; s ], [ w ])) (gv lrs) (w + n)
                    |> lrRows

                sequential.[w..] = own)
    ]

let api =
    testList "API" [
        test "building touches nothing and init does PyTorch's initial step" {
            let s = LRScheduler.LinearLR(startFactor = 0.25, totalIters = 4)
            let struct (state, out) = Scheduler.init s (gv [ 0.1 ])
            Expect.equal out.Lrs (gv [ 0.025 ]) "epoch 0 is base × startFactor"
            Expect.equal state (Epoch(gv [ 0.1 ], 0)) "base captured, epoch 0"
        }
        test "a manual change of the LR is honoured by chainable rules" {
            let s = LRScheduler.ExponentialLR 0.5
            let struct (state, _) = Scheduler.init s (gv [ 1.0 ])
            let struct (_, out) = Scheduler.step s state (Observation.ofLrs (gv [ 0.2 ]))
            Expect.equal out.Lrs (gv [ 0.1 ]) "0.2 × 0.5"
        }
        test "a scheduler that watches a metric is refused by create" {
            Expect.throwsT<ArgumentException>
                (fun () -> Scheduler.create (ReduceLROnPlateau ReduceLROnPlateauConfig.Default) |> ignore)
                "create refuses"
        }
        test "the number of groups cannot change between steps" {
            let s = LRScheduler.StepLR 3
            let struct (state, _) = Scheduler.init s (gv [ 0.1; 0.2 ])

            let e =
                Expect.throwsC (fun () -> Scheduler.step s state (Observation.ofLrs (gv [ 0.1 ])) |> ignore) id

            Expect.stringContains e.Message "2 groups" "says how many"
        }
        refused "an initial LR that is NaN" "lrs" "NaN" (atInit (LRScheduler.StepLR 2) [ nan ])
        test "a NaN or negative LR handed in is refused" {
            let s = LRScheduler.StepLR 3
            let struct (state, _) = Scheduler.init s (gv [ 0.1 ])

            for bad in [ nan; -0.1; infinity ] do
                Expect.throwsT<ArgumentOutOfRangeException>
                    (fun () -> Scheduler.step s state (Observation.ofLrs (gv [ bad ])) |> ignore)
                    (sprintf "%g refused" bad)
        }
        test "an LR a rule would make negative is refused, naming the scheduler and step" {
            // CosineAnnealingLR's recursive rule chained after WarmUp's 0 falls below zero when EtaMin > 0.
            let s =
                LRScheduler.ChainedScheduler [ LRScheduler.WarmUp 10; LRScheduler.CosineAnnealingLR(5, 1e-3) ]

            let e =
                Expect.throwsC (fun () -> Scheduler.runSteps s (gv [ 1e-4 ]) 40 |> ignore) id

            Expect.stringContains e.Message "ChainedScheduler would set the LR of group 0" "names it"
        }
        test "a lambda that returns a negative factor is refused when it does" {
            let s = LRScheduler.LambdaLR(fun e -> 1.0 - float e)
            let e = Expect.throwsC (fun () -> Scheduler.runSteps s (gv [ 0.1 ]) 3 |> ignore) id
            Expect.stringContains e.Message "LrLambda returned -1 for epoch 2" "names the epoch and value"
        }
        test "the seed's SequentialLR [WarmUp; ReduceLROnPlateau] reports its switch" {
            let s =
                CellDetection.SequentialLR(
                    [
                        CellDetection.WarmUp 2 |> Scheduler.withMetric
                        CellDetection.ReduceLROnPlateau(patience = 0)
                    ],
                    [ 2 ]
                )

            let trace = Scheduler.run s (gv [ 0.1 ]) [ 1.0; 1.0; 1.0; 1.0; 1.0 ]

            Expect.equal
                (lrRows trace |> Array.map Array.head)
                [| 0.0; 0.05; 0.05; 0.05; 0.05 * 0.1; 0.05 * 0.1 * 0.1 |]
                "warm-up, grace (the LR stays at step 1's, as in the seed), reductions"

            Expect.equal trace.Rows.[2].Events [ SchedulerSwitched 1 ] "switch at the milestone"
        }
    ]

let groups =
    testList "per-group settings" [
        test "checkGroups refuses per-group settings of another length, naming the setting" {
            let s = LRScheduler.ReduceLROnPlateau(minLr = Each [ 0.0; 0.0 ])
            Scheduler.checkGroups s 2
            let e = Expect.throwsC (fun () -> Scheduler.checkGroups s 3) id
            Expect.isTrue (e :? ArgumentException) "ArgumentException"

            Expect.stringContains
                e.Message
                "minLr must have one entry per param group (3), but has 2 entries"
                "says why"

            let nested =
                LRScheduler.ChainedScheduler [ LRScheduler.LambdaLR(Each [ (fun _ -> 1.0); (fun _ -> 0.5) ]) ]

            Scheduler.checkGroups nested 2
            Expect.throwsT<ArgumentException> (fun () -> Scheduler.checkGroups nested 1) "inside a composite"
        }
        test "a lone ReduceLROnPlateau, whose state records no group count, checks its settings in each step" {
            let s = LRScheduler.ReduceLROnPlateau(minLr = Each [ 0.0; 0.0 ])
            let struct (state, _) = Scheduler.init s (gv [ 0.1; 0.2 ])

            let e =
                Expect.throwsC
                    (fun () -> Scheduler.step s state (Observation.create (gv [ 0.1; 0.2; 0.3 ]) 1.0) |> ignore)
                    id

            Expect.isTrue (e :? ArgumentException) "ArgumentException"
            Expect.stringContains e.Message "minLr must have one entry per param group (3)" "names the setting"
            Scheduler.step s state (Observation.create (gv [ 0.1; 0.2 ]) 1.0) |> ignore
        }
    ]

/// docs/porting.md's example: a MultiplicativeLR reached through a SequentialLR milestone.
let private multLater () =
    LRScheduler.SequentialLR(
        [
            LRScheduler.ConstantLR 0.5
            LRScheduler.MultiplicativeLR(Functions.constant 0.9)
        ],
        [ 2 ]
    )

let private lrsOf (trace: Trace) =
    trace.Rows |> Seq.map (fun r -> r.Lrs.[0]) |> List.ofSeq

let private versions =
    testList "PyTorch versions in JSON" [
        test "toJson writes the version beside the kind only for 1.13, and ofJson reads it back, in both modes" {
            let s = multLater ()
            Expect.equal (Scheduler.toJson s) (Config.toJson (Scheduler.config s)) "2.x: the configuration's JSON"

            for version in [ PyTorch2; PyTorch1_13 ] do
                let built = Scheduler.withPyTorch version s
                let json = Scheduler.toJson built
                let back = Scheduler.ofJson json
                Expect.equal (Scheduler.pytorch back) version "the version read back"
                Expect.equal (Scheduler.toJson back) json "the same document"

                Expect.equal
                    (lrsOf (Scheduler.runSteps back (gv [ 1.0 ]) 4))
                    (lrsOf (Scheduler.runSteps built (gv [ 1.0 ]) 4))
                    "the same numbers"

                let watching = Scheduler.ofJsonWatching json
                Expect.equal (Scheduler.pytorch watching) version "ofJsonWatching reads it too"

            let old = Scheduler.toJson (Scheduler.withPyTorch PyTorch1_13 s)
            Expect.stringContains old "\"pytorch\": \"1.13\"" "1.13 is written"

            Expect.notEqual
                (lrsOf (Scheduler.runSteps (Scheduler.ofJson old) (gv [ 1.0 ]) 4))
                (lrsOf (Scheduler.runSteps s (gv [ 1.0 ]) 4))
                "and changes the numbers"
        }
        test "a document without a version is 2.x; a bad version is refused, naming the field" {
            let json = """{"kind": "StepLR", "stepSize": 3}"""
            Expect.equal (Scheduler.pytorch (Scheduler.ofJson json)) PyTorch2 "no field: 2.x"

            let explicit = """{"kind": "StepLR", "stepSize": 3, "pytorch": "2.x"}"""
            Expect.equal (Scheduler.pytorch (Scheduler.ofJson explicit)) PyTorch2 "2.x named"

            let leftOut = """{"kind": "StepLR", "stepSize": 3, "pytorch": null}"""
            Expect.equal (Scheduler.pytorch (Scheduler.ofJson leftOut)) PyTorch2 "null: left out"

            for bad in [ "\"1.12\""; "1.13"; "[]" ] do
                let e =
                    Expect.throwsC
                        (fun () ->
                            Scheduler.ofJson (sprintf """{"kind": "StepLR", "stepSize": 3, "pytorch": %s}""" bad)
                            |> ignore)
                        id

                Expect.equal (e :?> ArgumentException).ParamName "pytorch" bad
                Expect.stringContains e.Message "\"2.x\" or \"1.13\"" "says what is allowed"
        }
        test "Config.ofJson reads a 2.x document and refuses a 1.13 one, pointing to Scheduler.ofJson" {
            let json = Scheduler.toJson (Scheduler.withPyTorch PyTorch1_13 (multLater ()))
            let e = Expect.throwsC (fun () -> Config.ofJson json |> ignore) id
            Expect.equal (e :?> ArgumentException).ParamName "pytorch" "names the field"
            Expect.stringContains e.Message "Scheduler.ofJson" "says where it goes"

            Expect.equal
                (Config.toJson (Config.ofJson """{"kind": "StepLR", "stepSize": 3, "pytorch": "2.x"}"""))
                (Config.toJson (StepLR(3, 0.1)))
                "the default version is the configuration's own"
        }
        test "a configuration the version refuses is refused when read for that version" {
            let chainInSeq =
                """{"kind": "SequentialLR", "schedulers": [{"kind": "ChainedScheduler", "schedulers": [{"kind": "ConstantLR"}]}, {"kind": "ConstantLR"}], "milestones": [2], "pytorch": "1.13"}"""

            Expect.throwsT<ArgumentException> (fun () -> Scheduler.ofJson chainInSeq |> ignore) "1.13 refuses it"

            Expect.equal
                (Scheduler.pytorch (Scheduler.ofJson (chainInSeq.Replace("1.13", "2.x"))))
                PyTorch2
                "2.x builds it"
        }
        test "momentum bounds: what a scheduler writes into the groups and whether it reads them" {
            let oneCycle = LRScheduler.OneCycleLR(All 1.0, totalSteps = 10)
            let cyclic = LRScheduler.CyclicLR(All 0.01, All 0.1, stepSizeUp = 2)
            let both = LRScheduler.ChainedScheduler [ oneCycle; cyclic ]
            Expect.equal (Scheduler.momentumBoundsWritten oneCycle) (Some(All 0.85, All 0.95)) "OneCycleLR's own"
            Expect.equal (Scheduler.momentumBoundsWritten both) (Some(All 0.8, All 0.9)) "2.x: the CyclicLR's, last"

            Expect.equal
                (Scheduler.momentumBoundsWritten (Scheduler.withPyTorch PyTorch1_13 both))
                (Some(All 0.85, All 0.95))
                "1.13's CyclicLR writes none"

            Expect.equal (Scheduler.momentumBoundsWritten (LRScheduler.StepLR 3)) None "none"
            Expect.isTrue (Scheduler.readsMomentumBounds both) "a OneCycleLR inside reads them"
            Expect.isFalse (Scheduler.readsMomentumBounds cyclic) "a CyclicLR does not"

            Expect.isFalse
                (Scheduler.readsMomentumBounds (LRScheduler.OneCycleLR(All 1.0, totalSteps = 10, cycleMomentum = false)))
                "nor a OneCycleLR that does not cycle momentum"
        }
    ]

let tests =
    testList "Scheduler" [ api; replay; series; composition; groups; versions ]
