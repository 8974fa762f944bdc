namespace Schedules.Testing

open System
open FsCheck
open FsCheck.FSharp
open Schedules

/// <summary>A named property about a scheduler.</summary>
[<NoEquality; NoComparison>]
type Law = {
    /// <summary>What the law says, for example "replay: continuing from any state reproduces the rest".</summary>
    Name: string
    /// <summary>The FsCheck property.</summary>
    Property: Property
} with

    /// <summary>Checks the law with FsCheck's quick configuration; a failure raises an exception whose message holds
    /// the shrunk counterexample.</summary>
    member this.Check() =
        Check.One(Config.QuickThrowOnFailure.WithName(this.Name), this.Property)

    override this.ToString() = this.Name

/// <summary>
/// Laws any scheduler should obey, as ready properties: apply them to your own configuration (with your own
/// lambdas) and check them with <c>Law.Check</c>, Expecto's <c>testProperty</c>, or any FsCheck runner.
/// </summary>
[<RequireQualifiedAccess>]
module Laws =

    let private law name property = { Name = name; Property = property }

    let private rowsEqual (a: seq<Output>) (b: seq<Output>) =
        Seq.length a = Seq.length b
        && Seq.forall2
            (fun (x: Output) (y: Output) -> x.Lrs = y.Lrs && x.Momentum = y.Momentum && x.Events = y.Events)
            a
            b

    let private forAll2 (a: Arbitrary<'A>) (b: Arbitrary<'B>) (body: 'A -> 'B -> bool) =
        Prop.forAll a (fun x -> Prop.forAll b (fun y -> body x y))

    /// <summary>The same LRs and observations always give the same outputs and state.</summary>
    let deterministic (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) =
        law "determinism: the same inputs give the same outputs"
        <| forAll2 lrs observations (fun lrs obs ->
            let a = Scheduler.run scheduler (GroupValues.ofList lrs) obs
            let b = Scheduler.run scheduler (GroupValues.ofList lrs) obs
            rowsEqual a.Rows b.Rows && a.State = b.State)

    /// <summary>Stopping after any step k and continuing from that state reproduces the rest of the run.</summary>
    let replay (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) =
        law "replay: continuing from any intermediate state reproduces the rest"
        <| forAll2 lrs observations (fun lrs obs ->
            let whole = Scheduler.run scheduler (GroupValues.ofList lrs) obs

            Seq.init (obs.Length + 1) id
            |> Seq.forall (fun k ->
                let first = Scheduler.run scheduler (GroupValues.ofList lrs) (List.take k obs)
                let rest = Scheduler.fold scheduler first.State first.Rows.[k].Lrs (List.skip k obs)
                rowsEqual (Seq.skip (k + 1) whole.Rows) rest.Rows && rest.State = whole.State))

    /// <summary>Every state of a run saves to JSON and loads back equal.</summary>
    let saveLoad (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) =
        law "save/load: every state round-trips through JSON"
        <| forAll2 lrs observations (fun lrs obs ->
            let state, first = Scheduler.init scheduler (GroupValues.ofList lrs)

            let states =
                obs
                |> List.scan
                    (fun (s, out: Output) m -> Scheduler.step scheduler s { Lrs = out.Lrs; Metric = m })
                    (state, first)
                |> List.map fst

            states
            |> List.forall (fun s -> Checkpoint.load scheduler (Checkpoint.save scheduler s) = s))

    /// <summary>Every LR (and momentum) of a run is finite and ≥ 0, and no step fails.</summary>
    let finiteNonNegative (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) =
        law "LRs are finite and non-negative"
        <| forAll2 lrs observations (fun lrs obs ->
            let ok (v: float) = Double.IsFinite v && v >= 0.0

            (Scheduler.run scheduler (GroupValues.ofList lrs) obs).Rows
            |> Seq.forall (fun o -> Seq.forall ok o.Lrs && o.Momentum |> Option.forall (Seq.forall ok)))

    /// <summary>A SequentialLR or ChainedScheduler of the scheduler alone gives its LRs.</summary>
    let compositionIdentity (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) =
        law "composition: SequentialLR [s] and ChainedScheduler [s] equal s"
        <| forAll2 lrs observations (fun lrs obs ->
            let config = Scheduler.config scheduler

            let run c =
                Scheduler.run (Scheduler.createWatching c) (GroupValues.ofList lrs) (obs |> List.map (fun _ -> nan))

            let lrsOf (t: Trace) =
                t.Rows |> Seq.map (fun o -> o.Lrs) |> List.ofSeq

            Config.watchesMetric config
            || (let alone = lrsOf (run config)

                alone = lrsOf (run (SequentialLR([ config ], [])))
                && alone = lrsOf (run (ChainedScheduler [ config ]))))

    /// <summary>Every general law, for a scheduler, its LRs and its observations.</summary>
    let all (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) = [
        deterministic scheduler lrs observations
        replay scheduler lrs observations
        saveLoad scheduler lrs observations
        finiteNonNegative scheduler lrs observations
        compositionIdentity scheduler lrs observations
    ]

    /// <summary>Every general law for a step-based scheduler on <paramref name="groups"/> param groups, over runs
    /// of 0 to 60 steps.</summary>
    let forSteps (scheduler: Scheduler<unit>) (groups: int) =
        let steps =
            Arb.fromGenShrink (
                Gen.choose (0, 60) |> Gen.map (fun n -> List.replicate n ()),
                fun (l: unit list) -> Seq.init l.Length (fun i -> List.replicate i ())
            )

        all scheduler (Arbs.Lrs groups) steps

    /// <summary>Every general law for a scheduler that watches a metric, on <paramref name="groups"/> param groups,
    /// over metric series with NaN, ±∞, plateaus and ties.</summary>
    let forMetrics (scheduler: Scheduler<float>) (groups: int) =
        all scheduler (Arbs.Lrs groups) (Arbs.Metrics())

    let private plateauSteps (config: ReduceLROnPlateauConfig) (lrs: float list) (metrics: float list) =
        let s = Scheduler.createWatching (ReduceLROnPlateau config)
        let state0, out0 = Scheduler.init s (GroupValues.ofList lrs)

        let plateau s =
            match s with
            | Plateau p -> p
            | other -> invalidOp (sprintf "not a plateau state: %A" other)

        metrics
        |> List.mapFold
            (fun (state, lrs: GroupValues) m ->
                let next, out = Scheduler.step s state { Lrs = lrs; Metric = m }
                (plateau state, lrs, plateau next, out), (next, out.Lrs))
            (state0, out0.Lrs)
        |> fst

    let private reductions (out: Output) =
        out.Events
        |> List.choose (function
            | LrReduced(g, o, n) -> Some(g, o, n)
            | _ -> None)

    let private initialBest (config: ReduceLROnPlateauConfig) =
        match config.Mode with
        | Min -> infinity
        | Max -> -infinity

    let private plateauLrs (config: ReduceLROnPlateauConfig) (lrs: float list) (metrics: float list) =
        Scheduler.run (Scheduler.createWatching (ReduceLROnPlateau config)) (GroupValues.ofList lrs) metrics
        |> fun t -> t.Rows |> Seq.map (fun o -> o.Lrs) |> List.ofSeq

    /// <summary>
    /// The laws of ReduceLROnPlateau (with the seed's grace period) over plateau cases (configuration, LRs,
    /// metrics): eps, cooldown, warmup and threshold modes.
    /// </summary>
    let plateauCases (cases: Arbitrary<PlateauCase>) =
        let over name (body: PlateauCase -> bool) = law name (Prop.forAll cases body)

        [
            over "eps: an LR changes only by more than eps, never below min_lr, never up" (fun case ->
                let config = case.Config

                plateauSteps config case.Lrs case.Metrics
                |> List.forall (fun (_, before: GroupValues, _, out) ->
                    Seq.indexed before
                    |> Seq.forall (fun (i, old) ->
                        let fresh = out.Lrs.[i]

                        fresh = old
                        || (old - fresh > config.Eps && fresh >= ForGroups.get i config.MinLr && fresh < old))
                    && reductions out |> List.forall (fun (_, o, n) -> o - n > config.Eps)))

            over "cooldown: no reduction and no bad epoch counted while cooling down" (fun case ->
                let rows = plateauSteps case.Config case.Lrs case.Metrics |> Array.ofList

                rows
                |> Array.indexed
                |> Array.forall (fun (t, (before, _, after, out)) ->
                    (before.CooldownLeft = 0 || after.BadEpochs = 0)
                    && (List.isEmpty (reductions out)
                        || rows
                           |> Array.skip (t + 1)
                           |> Array.truncate case.Config.Cooldown
                           |> Array.forall (fun (_, _, _, o) -> List.isEmpty (reductions o)))))

            over
                "warmup: each grace observation resets the bad epochs; finite ones never reduce nor change the best"
                (fun case ->
                    List.zip case.Metrics (plateauSteps case.Config case.Lrs case.Metrics)
                    |> List.forall (fun (m, (before, _, after, out)) ->
                        before.WarmupLeft = 0
                        || after.BadEpochs = 0
                           && before.Best = initialBest case.Config
                           && (not (Double.IsFinite m)
                               || List.isEmpty (reductions out) && after.Best = before.Best)))

            over "warmup: the LRs after warmup do not depend on the finite metrics seen during it" (fun case ->
                let w = case.Config.Warmup
                let grace = case.Metrics |> List.truncate w |> List.filter Double.IsFinite

                // The same finite grace metrics negated and shifted, against the originals.
                grace.Length < w
                || plateauLrs case.Config case.Lrs case.Metrics = plateauLrs
                    case.Config
                    case.Lrs
                    (List.map (fun m -> -m + 7.0) grace @ List.skip w case.Metrics))

            over "threshold modes: max on m equals min on -m under abs thresholds" (fun case ->
                let c = { case.Config with ThresholdMode = Abs }

                plateauLrs { c with Mode = Max } case.Lrs case.Metrics = plateauLrs
                    { c with Mode = Min }
                    case.Lrs
                    (List.map (fun m -> -m) case.Metrics))

            over "threshold modes: in rel mode, scaling positive metrics by a power of two changes nothing" (fun case ->
                // A power of two scales exactly, so the law holds in floating point too.
                let c = { case.Config with ThresholdMode = Rel }

                let positive =
                    case.Metrics |> List.map (fun m -> if m > 0.0 then m else abs m + 1.0)

                [ -10; -1; 3; 10 ]
                |> List.forall (fun k ->
                    plateauLrs c case.Lrs positive = plateauLrs
                        c
                        case.Lrs
                        (positive |> List.map ((*) (2.0 ** float k)))))

            over "threshold modes: a metric improves exactly by the rel and abs formulas" (fun case ->
                let c = { case.Config with Warmup = 0 }
                let s = Scheduler.createWatching (ReduceLROnPlateau c)

                case.Metrics
                |> List.pairwise
                |> List.forall (fun (best, a) ->
                    let state =
                        Plateau {
                            Best = best
                            BadEpochs = 0
                            CooldownLeft = 0
                            WarmupLeft = 0
                            LastEpoch = 1
                        }

                    let lrs = GroupValues.ofList case.Lrs
                    let next, _ = Scheduler.step s state { Lrs = lrs; Metric = a }

                    let improved =
                        match c.Mode, c.ThresholdMode with
                        | Min, Rel -> a < best * (1.0 - c.Threshold)
                        | Min, Abs -> a < best - c.Threshold
                        | Max, Rel -> a > best * (c.Threshold + 1.0)
                        | Max, Abs -> a > best + c.Threshold

                    match next with
                    | Plateau p -> (improved && p.Best = a) || (not improved && p.Best.Equals best)
                    | _ -> false))
        ]

    /// <summary>The plateau laws (eps, cooldown, warmup, threshold modes) for one ReduceLROnPlateau configuration,
    /// over LRs for <paramref name="groups"/> param groups and metric series with NaN, ±∞, plateaus and ties.</summary>
    let plateau (config: ReduceLROnPlateauConfig) (groups: int) =
        let cases =
            gen {
                let! lrs = Gens.lrsFor groups
                let! metrics = Gens.metrics

                return {
                    Config = config
                    Lrs = lrs
                    Metrics = metrics
                }
            }

        let shrink (case: PlateauCase) =
            Arb.toShrink (Arbs.Metrics()) case.Metrics
            |> Seq.map (fun metrics -> { case with Metrics = metrics })

        plateauCases (Arb.fromGenShrink (cases, shrink))

/// <summary>The laws for C# users of <c>Schedules.CSharpInterop</c>: the same properties over the facade's
/// schedulers.</summary>
[<AbstractClass; Sealed>]
type ScheduleLaws =

    /// <summary>Every general law (determinism, replay, save/load, finite non-negative LRs, composition identity)
    /// for a step-based scheduler on <paramref name="groups"/> param groups.</summary>
    static member For(schedule: Schedules.CSharp.Schedule, groups: int) : Collections.Generic.IReadOnlyList<Law> =
        let steps =
            Arb.fromGenShrink (
                Gen.choose (0, 60) |> Gen.map (fun n -> List.replicate n nan),
                fun (l: float list) -> Seq.init l.Length (fun i -> List.replicate i nan)
            )

        Laws.all schedule.Core (Arbs.Lrs groups) steps |> List.toArray :> _

    /// <summary>Every general law for a scheduler that watches a metric, on <paramref name="groups"/> param groups,
    /// over metric series with NaN, ±∞, plateaus and ties.</summary>
    static member For(schedule: Schedules.CSharp.MetricSchedule, groups: int) : Collections.Generic.IReadOnlyList<Law> =
        Laws.forMetrics schedule.Core groups |> List.toArray :> _
