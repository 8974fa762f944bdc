namespace Schedules

/// <summary>ReduceLROnPlateau with the grace period of <c>celldetection.optim</c>. Names as in PyTorch and the seed;
/// <see cref="P:Schedules.ReduceLROnPlateauConfig.Default"/> holds PyTorch's defaults (no grace period),
/// <see cref="P:Schedules.ReduceLROnPlateauConfig.CellDetectionDefault"/> the seed's (a grace period of 1).</summary>
[<NoEquality; NoComparison>]
type ReduceLROnPlateauConfig = {
    /// <summary>Min: reduce when the metric stops falling; Max: when it stops rising. Default Min.</summary>
    Mode: PlateauMode
    /// <summary>new LR = max(old LR * Factor, MinLr). In [0, 1). Default 0.1.</summary>
    Factor: float
    /// <summary>Bad epochs tolerated: a reduction happens when the count exceeds Patience. Default 10.</summary>
    Patience: int
    /// <summary>How much better than the best a metric must be to count as an improvement. Default 1e-4.</summary>
    Threshold: float
    /// <summary>Rel or Abs (see <see cref="T:Schedules.ThresholdMode"/>). Default Rel.</summary>
    ThresholdMode: ThresholdMode
    /// <summary>Observations after a reduction during which bad epochs are not counted. Default 0.</summary>
    Cooldown: int
    /// <summary>Lower bound of each group's LR, one for all or one per group. Default All 0.0.</summary>
    MinLr: ForGroups<float>
    /// <summary>A group's LR changes only when old - new &gt; Eps. Default 1e-8.</summary>
    Eps: float
    /// <summary>The seed's grace period: for each of the first Warmup observations the rule runs as usual, then
    /// the best value is restored and the bad-epoch count reset to 0. Default 0 (PyTorch's rule, which has no grace
    /// period); the seed's default is 1.</summary>
    Warmup: int
} with

    /// <summary>PyTorch's defaults: Min, Factor 0.1, Patience 10, Threshold 1e-4, Rel, Cooldown 0, MinLr 0,
    /// Eps 1e-8, and Warmup 0 (no grace period). What <see cref="M:Schedules.LRScheduler.ReduceLROnPlateau"/>
    /// fills in.</summary>
    static member Default = {
        Mode = Min
        Factor = 0.1
        Patience = 10
        Threshold = 1e-4
        ThresholdMode = Rel
        Cooldown = 0
        MinLr = All 0.0
        Eps = 1e-8
        Warmup = 0
    }

    /// <summary>celldetection's defaults: PyTorch's with Warmup 1, the seed's grace period. What
    /// <see cref="M:Schedules.CellDetection.ReduceLROnPlateau"/> fills in.</summary>
    static member CellDetectionDefault = {
        ReduceLROnPlateauConfig.Default with
            Warmup = 1
    }

namespace Schedules.Kinds

/// <summary>PyTorch's ReduceLROnPlateau with celldetection's grace period: watches a metric and multiplies the LRs by
/// factor when it has not improved for more than patience observations.</summary>
[<RequireQualifiedAccess>]
module internal ReduceLROnPlateau =

    open System
    open Schedules

    let internal initial (c: ReduceLROnPlateauConfig) = {
        Best =
            match c.Mode with
            | Min -> infinity
            | Max -> -infinity
        BadEpochs = 0
        CooldownLeft = 0
        WarmupLeft = c.Warmup
        LastEpoch = 0
    }

    /// PyTorch's is_better; every comparison with NaN is false, so NaN never improves.
    let internal isBetter (c: ReduceLROnPlateauConfig) (a: float) (best: float) =
        match c.Mode, c.ThresholdMode with
        | Min, Rel -> a < best * (1.0 - c.Threshold)
        | Min, Abs -> a < best - c.Threshold
        | Max, Rel -> a > best * (c.Threshold + 1.0)
        | Max, Abs -> a > best + c.Threshold

    /// PyTorch's _reduce_lr: new = max(old × Factor, MinLr); a group changes only when old − new > Eps.
    let internal reduce (c: ReduceLROnPlateauConfig) (lrs: GroupValues) =
        let mutable events = []
        // Copied at the first change: a reduction that changes nothing (every LR at minLr, or within eps of it)
        // allocates nothing but a per-group minLr's array.
        let mutable result: float[] = null
        // A per-group minLr as an array, once per reduction (not a list walked for every group).
        let minLrs =
            match c.MinLr with
            | Each vs -> Array.ofList vs
            | All _ -> null

        for i in lrs.Count - 1 .. -1 .. 0 do
            let minLr =
                match c.MinLr with
                | All m -> m
                | Each _ -> minLrs.[i]

            let old = lrs.[i]
            let scaled = old * c.Factor
            // Python's max(a, b) keeps a unless b > a.
            let fresh = if minLr > scaled then minLr else scaled

            if old - fresh > c.Eps then
                if isNull result then
                    result <- Array.copy lrs.Items

                result.[i] <- fresh
                events <- LrReduced(i, old, fresh) :: events

        if isNull result then
            struct (lrs, events)
        else
            struct (GroupValues.Own result, events)

    /// One observation of the metric: PyTorch's step, then the seed's grace period around it.
    let internal step (c: ReduceLROnPlateauConfig) (s: PlateauState) (lrs: GroupValues) (metric: float) =
        let inWarmup = s.WarmupLeft > 0
        let last = Arithmetic.next "ReduceLROnPlateau" s.LastEpoch

        // Mutable locals, not tuples: nothing is allocated by a step that changes no LR.
        let mutable best = s.Best
        let mutable bad = s.BadEpochs + 1

        if isBetter c metric s.Best then
            best <- metric
            bad <- 0

        let mutable cooldown = s.CooldownLeft

        if cooldown > 0 then
            cooldown <- cooldown - 1
            bad <- 0

        let mutable lrs = lrs
        let mutable events = []

        if bad > c.Patience then
            let struct (reduced, reductions) = reduce c lrs
            lrs <- reduced
            events <- reductions
            cooldown <- c.Cooldown
            bad <- 0

        let state =
            if inWarmup then
                {
                    Best = s.Best
                    BadEpochs = 0
                    CooldownLeft = cooldown
                    WarmupLeft = s.WarmupLeft - 1
                    LastEpoch = last
                }
            else
                {
                    Best = best
                    BadEpochs = bad
                    CooldownLeft = cooldown
                    WarmupLeft = 0
                    LastEpoch = last
                }

        struct (state, lrs, events)

    let internal compile (c: ReduceLROnPlateauConfig) : Node =
        let kind = "ReduceLROnPlateau"
        let d = ReduceLROnPlateauConfig.Default

        let stepWith (state: State) (lrs: GroupValues) (metric: float voption) =
            match state with
            | Plateau s ->
                match metric with
                | ValueSome m ->
                    let struct (s, lrs, events) = step c s lrs m
                    Node.result (Plateau s) lrs None events
                | ValueNone -> invalidArg "metric" "ReduceLROnPlateau needs a metric at every step."
            | _ -> Node.wrongState kind state

        let plateauMode (m: PlateauMode) =
            NameArg(Modes.plateauModeName m, sprintf "%A" m)

        let thresholdMode (m: ThresholdMode) =
            NameArg(Modes.thresholdModeName m, sprintf "%A" m)

        {
            Kind = kind
            Args = [
                Arg.optional "mode" (plateauMode c.Mode) (plateauMode d.Mode)
                Arg.optional "factor" (FloatArg c.Factor) (FloatArg d.Factor)
                Arg.optional "patience" (IntArg c.Patience) (IntArg d.Patience)
                Arg.optional "threshold" (FloatArg c.Threshold) (FloatArg d.Threshold)
                Arg.optional "thresholdMode" (thresholdMode c.ThresholdMode) (thresholdMode d.ThresholdMode)
                Arg.optional "cooldown" (IntArg c.Cooldown) (IntArg d.Cooldown)
                Arg.optional "minLr" (GroupsArg c.MinLr) (GroupsArg d.MinLr)
                Arg.optional "eps" (FloatArg c.Eps) (FloatArg d.Eps)
                Arg.optional "warmup" (IntArg c.Warmup) (IntArg d.Warmup)
            ]
            Validate =
                fun () ->
                    Validate.between "factor" 0.0 true 1.0 false c.Factor
                    Validate.nonNegativeInt "patience" c.Patience
                    Validate.nonNegative "threshold" c.Threshold
                    Validate.nonNegativeInt "cooldown" c.Cooldown
                    Validate.eachNonNegative "minLr" c.MinLr
                    Validate.nonNegative "eps" c.Eps
                    Validate.nonNegativeInt "warmup" c.Warmup
            WatchesMetric = true
            CyclesMomentum = false
            CheckGroups = fun n -> Validate.groupsSetting "minLr" n c.MinLr
            Start = fun initialLr lrs -> struct (Node.result (Plateau(initial c)) lrs None [], initialLr)
            InitialStep = fun state lrs -> Node.result state lrs None []
            Undone = fun state lrs -> Node.result state lrs None []
            Step = stepWith
            // At its milestone a plateau child in its grace period gets celldetection's 0: an observation that can
            // neither reduce nor become the best, reproduced exactly. Without a grace period the 0 would become the best
            // loss and every later loss a bad epoch, so the real metric is passed instead.
            Restart =
                fun state lrs metric ->
                    match state with
                    | Plateau p when p.WarmupLeft > 0 -> stepWith state lrs (ValueSome 0.0)
                    | _ -> stepWith state lrs metric
            StepAt = ValueNone
            Scalar = ValueNone
            Fill = ValueNone
            At = ValueNone
            // The rule over recorded metrics on its own counters (a PlateauState, not a State, per step).
            Simulate =
                ValueSome(fun state lrs metrics record ->
                    match state with
                    | Plateau s ->
                        let mutable s = s
                        let mutable lrs = lrs

                        for m in metrics do
                            let struct (next, fresh, events) = step c s lrs m

                            if not (obj.ReferenceEquals(fresh, lrs)) then
                                Validate.produced kind next.LastEpoch fresh

                            record fresh events
                            s <- next
                            lrs <- fresh

                        struct (Plateau s, lrs)
                    | _ -> Node.wrongState kind state)
            ReadState =
                fun path e ->
                    Json.expectKind path e "Plateau"

                    let best = Json.readNumber (path + ".best") (Json.prop path e "best")

                    if Double.IsNaN best then
                        Json.unreachable (path + ".best") "is NaN, but NaN never improves on the best"

                    let bad = Json.readCount path e "badEpochs" (ValueSome c.Patience)
                    let cooldown = Json.readCount path e "cooldownLeft" (ValueSome c.Cooldown)
                    let warmup = Json.readCount path e "warmupLeft" (ValueSome c.Warmup)
                    let last = Json.readCount path e "lastEpoch" ValueNone
                    let start = initial c

                    if warmup > 0 && (last <> c.Warmup - warmup || bad <> 0 || best <> start.Best) then
                        Json.unreachable
                            path
                            (sprintf
                                "is in its grace period (warmupLeft %d), where lastEpoch is warmup − warmupLeft (%d), badEpochs 0 and best the initial %s"
                                warmup
                                (c.Warmup - warmup)
                                (Validate.show start.Best))

                    if warmup = 0 && last < c.Warmup then
                        Json.unreachable
                            (path + ".lastEpoch")
                            (sprintf "is %d, but the grace period of %d observations is over" last c.Warmup)

                    Plateau {
                        Best = best
                        BadEpochs = bad
                        CooldownLeft = cooldown
                        WarmupLeft = warmup
                        LastEpoch = last
                    }
        }

    let internal parse (r: ArgReader) =
        let d = ReduceLROnPlateauConfig.Default

        {
            Mode = r.NameOr("mode", Modes.parsePlateauMode, d.Mode)
            Factor = r.FloatOr("factor", d.Factor)
            Patience = r.IntOr("patience", d.Patience)
            Threshold = r.FloatOr("threshold", d.Threshold)
            ThresholdMode = r.NameOr("thresholdMode", Modes.parseThresholdMode, d.ThresholdMode)
            Cooldown = r.IntOr("cooldown", d.Cooldown)
            MinLr = r.GroupsOr("minLr", d.MinLr)
            Eps = r.FloatOr("eps", d.Eps)
            Warmup = r.IntOr("warmup", d.Warmup)
        }

    /// Its page in docs/schedulers and its line in HTML tables.
    let internal description: Description = {
        Name = "ReduceLROnPlateau"
        Formula =
            "new lr = max(lr × factor, minLr) after more than patience non-improving observations; changed only when old − new > eps; cooldown after a reduction; the first warmup observations (celldetection's grace period: none in PyTorch's, 1 by default in the seed's) run the rule, then the best is restored and the bad epochs reset."
        Origin = "PyTorch / celldetection"
        Source =
            "`ReduceLROnPlateau(opt, factor=0.5, patience=2)`; celldetection's (`from celldetection.optim import ReduceLROnPlateau`) adds `warmup`, default 1"
        FSharp =
            "PyTorch's: `LRScheduler.ReduceLROnPlateau(factor = 0.5, patience = 2)` (warmup 0); the seed's: `CellDetection.ReduceLROnPlateau(factor = 0.5, patience = 2)` (warmup 1)"
        Differences =
            "factor ≥ 1 or < 0, negative patience, cooldown, warmup, eps, threshold or minLr are refused. It may sit in SequentialLR and ChainedScheduler (PyTorch refuses)."
        Example = """{"kind": "ReduceLROnPlateau", "factor": 0.5, "patience": 2}"""
        ExampleLrs = [ 0.1 ]
        ExampleSteps = 40
        ExampleMetrics =
            Some [
                for i in 0..39 ->
                    if i < 12 then float (100 - 5 * i) / 100.0
                    elif i % 3 = 0 then 0.46
                    else 0.45
            ]
    }
