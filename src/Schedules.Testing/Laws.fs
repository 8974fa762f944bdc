namespace Schedules.Testing

open System
open System.Collections.Generic
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

/// <summary>What one step produced, as the laws compare runs; two rows are equal when every value is.</summary>
[<NoComparison>]
type Row = {
    /// <summary>The LRs to apply, one per param group.</summary>
    Lrs: float[]
    /// <summary>The momentum (or Adam's beta1) to apply, one per param group; null where the scheduler does not cycle
    /// it.</summary>
    Momentum: float[]
    /// <summary>What happened in the step, in order, as values that compare by value (records, unions).</summary>
    Events: obj[]
}

/// <summary>
/// A scheduler seen only through its operations, which is all the general laws need, so that they apply to a
/// scheduler behind another API too (<c>Schedules.Testing.CSharp</c> builds one from the C# facade's public API).
/// States must compare by value.
/// </summary>
[<NoEquality; NoComparison>]
type Subject<'State, 'Metric> = {
    /// <summary>The first state and row of a run on these LRs, one per param group.</summary>
    Init: Func<IReadOnlyList<float>, struct ('State * Row)>
    /// <summary>One transition: from a state, the LRs the last row gave, and an observation, to the next state and
    /// row.</summary>
    Step: Func<'State, IReadOnlyList<float>, 'Metric, struct ('State * Row)>
    /// <summary>A state as JSON.</summary>
    Save: Func<'State, string>
    /// <summary>A state from JSON written by <c>Save</c>.</summary>
    Load: Func<string, 'State>
    /// <summary>The LRs of every row of a run (same LRs, same observations) of the scheduler alone inside each
    /// composite that must equal it (<c>SequentialLR [s]</c>, <c>ChainedScheduler [s]</c>); empty where no such
    /// identity holds (a scheduler that watches a metric).</summary>
    Composites: IReadOnlyList<Func<IReadOnlyList<float>, IReadOnlyList<'Metric>, IReadOnlyList<IReadOnlyList<float>>>>
}

/// <summary>Subjects of the general laws.</summary>
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Subject =

    let private row (o: Output) = {
        Lrs = GroupValues.toArray o.Lrs
        Momentum = o.Momentum |> Option.map GroupValues.toArray |> Option.toObj
        Events = o.Events |> List.map box |> Array.ofList
    }

    /// <summary>A scheduler of the core as a subject of the general laws.</summary>
    let ofScheduler (scheduler: Scheduler<'M>) : Subject<State, 'M> =
        let config = Scheduler.config scheduler

        // A composite of a step-based scheduler ignores the observations: it sees NaN metrics.
        let alone composite =
            Func<IReadOnlyList<float>, IReadOnlyList<'M>, IReadOnlyList<IReadOnlyList<float>>>(fun lrs observations ->
                (Scheduler.run
                    (Scheduler.createWatching composite)
                    (GroupValues.ofSeq lrs)
                    (Seq.map (fun _ -> nan) observations))
                    .Rows
                |> Seq.map (fun o -> GroupValues.toArray o.Lrs :> IReadOnlyList<float>)
                |> Array.ofSeq
                :> IReadOnlyList<_>)

        {
            Init =
                Func<_, _>(fun lrs ->
                    let struct (state, output) = Scheduler.init scheduler (GroupValues.ofSeq lrs)
                    struct (state, row output))
            Step =
                Func<_, _, _, _>(fun state lrs metric ->
                    let struct (next, output) =
                        Scheduler.step scheduler state {
                            Lrs = GroupValues.ofSeq lrs
                            Metric = metric
                        }

                    struct (next, row output))
            Save = Func<_, _>(Checkpoint.save scheduler)
            Load = Func<_, _>(Checkpoint.load scheduler)
            Composites =
                if Config.watchesMetric config then
                    [||]
                else
                    [| alone (SequentialLR([ config ], [])); alone (ChainedScheduler [ config ]) |]
        }

/// <summary>
/// Laws any scheduler should obey, as ready properties: apply them to your own configuration (with your own
/// lambdas) and check them with <c>Law.Check</c>, Expecto's <c>testProperty</c>, or any FsCheck runner.
/// </summary>
[<RequireQualifiedAccess>]
module Laws =

    let private law name property = { Name = name; Property = property }

    let private rowsEqual (a: Row seq) (b: Row seq) =
        Seq.length a = Seq.length b && Seq.forall2 (fun (x: Row) y -> x.Equals y) a b

    let private forAll2 (a: Arbitrary<'A>) (b: Arbitrary<'B>) (body: 'A -> 'B -> bool) =
        Prop.forAll a (fun x -> Prop.forAll b (fun y -> body x y))

    /// Every (state, row) of a run from a first (state, row): the first, then one per observation.
    let private continueRun (subject: Subject<'S, 'M>) (first: struct ('S * Row)) (observations: 'M list) =
        observations
        |> List.scan (fun (struct (state, row: Row)) m -> subject.Step.Invoke(state, row.Lrs, m)) first

    let private run (subject: Subject<'S, 'M>) (lrs: float list) (observations: 'M list) =
        continueRun subject (subject.Init.Invoke lrs) observations

    let private rows steps =
        steps |> List.map (fun (struct (_, row: Row)) -> row)

    let private lastState steps =
        let struct (state, _) = List.last steps
        state

    let private determinismOf (subject: Subject<'S, 'M>) lrs observations =
        law "determinism: the same inputs give the same outputs"
        <| forAll2 lrs observations (fun lrs obs ->
            let a = run subject lrs obs
            let b = run subject lrs obs
            rowsEqual (rows a) (rows b) && (lastState a).Equals(lastState b))

    let private replayOf (subject: Subject<'S, 'M>) lrs observations =
        law "replay: continuing from any intermediate state reproduces the rest"
        <| forAll2 lrs observations (fun lrs (obs: 'M list) ->
            let whole = run subject lrs obs

            Seq.init (obs.Length + 1) id
            |> Seq.forall (fun k ->
                let first = run subject lrs (List.take k obs)
                let rest = continueRun subject (List.last first) (List.skip k obs)

                rowsEqual (List.skip (k + 1) (rows whole)) (List.tail (rows rest))
                && (lastState rest).Equals(lastState whole)))

    let private saveLoadOf (subject: Subject<'S, 'M>) lrs observations =
        law "save/load: every state round-trips through JSON"
        <| forAll2 lrs observations (fun lrs obs ->
            run subject lrs obs
            |> List.forall (fun (struct (state, _)) -> (subject.Load.Invoke(subject.Save.Invoke state)).Equals state))

    let private finiteNonNegativeOf (subject: Subject<'S, 'M>) lrs observations =
        law "LRs are finite and non-negative"
        <| forAll2 lrs observations (fun lrs obs ->
            let ok (v: float) = Double.IsFinite v && v >= 0.0

            rows (run subject lrs obs)
            |> List.forall (fun r -> Array.forall ok r.Lrs && (isNull r.Momentum || Array.forall ok r.Momentum)))

    let private compositionIdentityOf (subject: Subject<'S, 'M>) lrs observations =
        law "composition: SequentialLR [s] and ChainedScheduler [s] equal s"
        <| forAll2 lrs observations (fun lrs obs ->
            let alone = rows (run subject lrs obs) |> List.map (fun r -> r.Lrs)

            subject.Composites
            |> Seq.forall (fun composite -> (composite.Invoke(lrs, obs) |> Seq.map Array.ofSeq |> List.ofSeq) = alone))

    /// <summary>Every general law (determinism, replay, save/load, finite non-negative LRs, composition identity)
    /// for a subject, its LRs and its observations: the home of the laws below, for schedulers behind another
    /// API.</summary>
    let ofSubject (subject: Subject<'S, 'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) = [
        determinismOf subject lrs observations
        replayOf subject lrs observations
        saveLoadOf subject lrs observations
        finiteNonNegativeOf subject lrs observations
        compositionIdentityOf subject lrs observations
    ]

    /// <summary>The same LRs and observations always give the same outputs and state.</summary>
    let deterministic (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) =
        determinismOf (Subject.ofScheduler scheduler) lrs observations

    /// <summary>Stopping after any step k and continuing from that state reproduces the rest of the run.</summary>
    let replay (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) =
        replayOf (Subject.ofScheduler scheduler) lrs observations

    /// <summary>Every state of a run saves to JSON and loads back equal.</summary>
    let saveLoad (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) =
        saveLoadOf (Subject.ofScheduler scheduler) lrs observations

    /// <summary>Every LR (and momentum) of a run is finite and ≥ 0, and no step fails.</summary>
    let finiteNonNegative (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) =
        finiteNonNegativeOf (Subject.ofScheduler scheduler) lrs observations

    /// <summary>A SequentialLR or ChainedScheduler of the scheduler alone gives its LRs.</summary>
    let compositionIdentity (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) =
        compositionIdentityOf (Subject.ofScheduler scheduler) lrs observations

    /// <summary>Every general law, for a scheduler, its LRs and its observations.</summary>
    let all (scheduler: Scheduler<'M>) (lrs: Arbitrary<float list>) (observations: Arbitrary<'M list>) =
        ofSubject (Subject.ofScheduler scheduler) lrs observations

    /// <summary>Every general law for a step-based scheduler on <paramref name="groups"/> param groups, over runs
    /// of 0 to 60 steps.</summary>
    let forSteps (scheduler: Scheduler<unit>) (groups: int) =
        all scheduler (Arbs.Lrs groups) (Arbs.Steps())

    /// <summary>Every general law for a scheduler that watches a metric, on <paramref name="groups"/> param groups,
    /// over metric series with NaN, ±∞, plateaus and ties.</summary>
    let forMetrics (scheduler: Scheduler<float>) (groups: int) =
        all scheduler (Arbs.Lrs groups) (Arbs.Metrics())

    let private plateauSteps (config: ReduceLROnPlateauConfig) (lrs: float list) (metrics: float list) =
        let s = Scheduler.createWatching (ReduceLROnPlateau config)
        let struct (state0, out0) = Scheduler.init s (GroupValues.ofList lrs)

        let plateau s =
            match s with
            | Plateau p -> p
            | other -> invalidOp (sprintf "not a plateau state: %A" other)

        metrics
        |> List.mapFold
            (fun (state, lrs: GroupValues) m ->
                let struct (next, out) = Scheduler.step s state { Lrs = lrs; Metric = m }
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
                    let struct (next, _) = Scheduler.step s state { Lrs = lrs; Metric = a }

                    let improved =
                        match c.Mode, c.ThresholdMode with
                        | Min, Rel -> a < best * (1.0 - c.Threshold)
                        | Min, Abs -> a < best - c.Threshold
                        | Max, Rel -> a > best * (c.Threshold + 1.0)
                        | Max, Abs -> a > best + c.Threshold

                    match next with
                    | Plateau p -> (improved && p.Best = a) || (not improved && p.Best.Equals best)
                    | _ -> false))

            over "threshold modes: a metric exactly at the threshold is no improvement, in all four modes" (fun case ->
                // The edge of each rule, computed as the rule computes it: `>` and `<`, never `>=` or `<=`.
                [ Min, Rel; Min, Abs; Max, Rel; Max, Abs ]
                |> List.forall (fun (mode, thresholdMode) ->
                    let c = {
                        case.Config with
                            Mode = mode
                            ThresholdMode = thresholdMode
                            Warmup = 0
                            // One bad epoch is then counted, not turned into a reduction.
                            Patience = max 1 case.Config.Patience
                    }

                    let s = Scheduler.createWatching (ReduceLROnPlateau c)

                    case.Metrics
                    |> List.filter Double.IsFinite
                    |> List.forall (fun best ->
                        let edge =
                            match mode, thresholdMode with
                            | Min, Rel -> best * (1.0 - c.Threshold)
                            | Min, Abs -> best - c.Threshold
                            | Max, Rel -> best * (c.Threshold + 1.0)
                            | Max, Abs -> best + c.Threshold

                        let state =
                            Plateau {
                                Best = best
                                BadEpochs = 0
                                CooldownLeft = 0
                                WarmupLeft = 0
                                LastEpoch = 1
                            }

                        let struct (next, _) =
                            Scheduler.step s state {
                                Lrs = GroupValues.ofList case.Lrs
                                Metric = edge
                            }

                        match next with
                        | Plateau p -> p.Best.Equals best && p.BadEpochs = 1
                        | _ -> false)))
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
