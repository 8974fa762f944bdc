namespace Schedules

/// <summary>Hugging Face's <c>GreedyLR</c> (transformers' <c>optimization.GreedyLR</c>): names as in Hugging Face;
/// <see cref="P:Schedules.GreedyLRConfig.Default"/> holds its defaults.</summary>
[<NoEquality; NoComparison>]
type GreedyLRConfig = {
    /// <summary>Min: a lower metric is better; Max: a higher one. Default Min.</summary>
    Mode: PlateauMode
    /// <summary>The LR is multiplied by Factor on a plateau and divided by it on a run of improvements. Below 1.
    /// Default 0.95.</summary>
    Factor: float
    /// <summary>The LR changes once more than Patience observations in a row are better (raise) or not (reduce).
    /// Default 10.</summary>
    Patience: int
    /// <summary>How much better than the best a metric must be to count as better. Default 1e-6.</summary>
    Threshold: float
    /// <summary>Rel or Abs. Default Abs (PyTorch's ReduceLROnPlateau defaults to Rel).</summary>
    ThresholdMode: ThresholdMode
    /// <summary>Observations after a reduction that are not compared. Default 0.</summary>
    Cooldown: int
    /// <summary>Observations after a raise that are not compared (a grace period, not a warm-up of the LR).
    /// Default 0.</summary>
    Warmup: int
    /// <summary>Lower bound of each group's LR, one for all or one per group. Default All 1e-3.</summary>
    MinLr: ForGroups<float>
    /// <summary>Upper bound of each group's LR, one for all or one per group. Default All 1.0.</summary>
    MaxLr: ForGroups<float>
    /// <summary>A group's LR changes only when it moves by more than Eps. Default 1e-8.</summary>
    Eps: float
    /// <summary>Whether the rule sees the running mean of the last WindowSize metrics. Default false.</summary>
    Smooth: bool
    /// <summary>The length of the smoothing window (at least 1 when Smooth). Default 50.</summary>
    WindowSize: int
    /// <summary>After ResetStart reductions that leave every group at its MinLr (with no raise between them),
    /// everything starts over from the initial LRs. Default 500.</summary>
    ResetStart: int
} with

    /// <summary>Hugging Face's defaults: Min, Factor 0.95, Patience 10, Threshold 1e-6, Abs, Cooldown 0, Warmup 0,
    /// MinLr 1e-3, MaxLr 1.0, Eps 1e-8, no smoothing (WindowSize 50), ResetStart 500.</summary>
    static member Default = {
        Mode = Min
        Factor = 0.95
        Patience = 10
        Threshold = 1e-6
        ThresholdMode = Abs
        Cooldown = 0
        Warmup = 0
        MinLr = All 1e-3
        MaxLr = All 1.0
        Eps = 1e-8
        Smooth = false
        WindowSize = 50
        ResetStart = 500
    }

namespace Schedules.Kinds.HuggingFace

/// <summary>Hugging Face's GreedyLR: watches a metric; divides the LRs by factor after more than patience better
/// observations in a row, multiplies them by factor after more than patience that are not, and starts over from the
/// initial LRs after reset_start reductions at the floor.</summary>
[<RequireQualifiedAccess>]
module internal GreedyLR =

    open System
    open Schedules
    open Schedules.Kinds

    /// The name its users write.
    [<Literal>]
    let Name = "hf.GreedyLR"

    /// The state between two observations, under GreedyLR's own names.
    type Counters = {
        InitLrs: GroupValues
        Best: float
        NumBadEpochs: int
        NumGoodEpochs: int
        CooldownCounter: int
        WarmupCounter: int
        /// reset_start_original − reset_start: reductions at the floor since the last raise or reset.
        ReductionsAtMin: int
        LastEpoch: int
        /// The smoothing window (StreamingAverage's values) and its running sum, kept as the source keeps it.
        Window: float list
        WindowSum: float
    }

    let private worst (c: GreedyLRConfig) =
        match c.Mode with
        | Min -> infinity
        | Max -> -infinity

    let initial (c: GreedyLRConfig) (lrs: GroupValues) = {
        InitLrs = lrs
        Best = worst c
        NumBadEpochs = 0
        NumGoodEpochs = 0
        CooldownCounter = 0
        WarmupCounter = 0
        ReductionsAtMin = 0
        LastEpoch = 0
        Window = []
        WindowSum = 0.0
    }

    let toState (s: Counters) =
        Fields(
            Name,
            [
                "baseLrs", PerGroup s.InitLrs
                "best", Real s.Best
                "numBadEpochs", Counter s.NumBadEpochs
                "numGoodEpochs", Counter s.NumGoodEpochs
                "cooldownCounter", Counter s.CooldownCounter
                "warmupCounter", Counter s.WarmupCounter
                "reductionsAtMin", Counter s.ReductionsAtMin
                "lastEpoch", Counter s.LastEpoch
                "window", PerGroup(GroupValues.Own(Array.ofList s.Window))
                "windowSum", Real s.WindowSum
            ]
        )

    let ofState (state: State) =
        match state with
        | Fields(kind, values) when kind = Name ->
            let get name =
                values |> List.find (fun (n, _) -> n = name) |> snd

            let real name =
                match get name with
                | Real v -> v
                | _ -> Node.wrongState Name state

            let count name =
                match get name with
                | Counter v -> v
                | _ -> Node.wrongState Name state

            let groups name =
                match get name with
                | PerGroup g -> g
                | _ -> Node.wrongState Name state

            {
                InitLrs = groups "baseLrs"
                Best = real "best"
                NumBadEpochs = count "numBadEpochs"
                NumGoodEpochs = count "numGoodEpochs"
                CooldownCounter = count "cooldownCounter"
                WarmupCounter = count "warmupCounter"
                ReductionsAtMin = count "reductionsAtMin"
                LastEpoch = count "lastEpoch"
                Window = (groups "window").ToArray() |> List.ofArray
                WindowSum = real "windowSum"
            }
        | _ -> Node.wrongState Name state

    /// GreedyLR's is_better, in its operation order; every comparison with NaN is false.
    let isBetter (c: GreedyLRConfig) (current: float) (best: float) =
        match c.Mode, c.ThresholdMode with
        | Min, Rel -> current < best * (1.0 - c.Threshold)
        | Min, Abs -> current < best - c.Threshold
        | Max, Rel -> current > best * (1.0 + c.Threshold)
        | Max, Abs -> current > best + c.Threshold

    /// StreamingAverage.streamavg: append, add to the running sum, drop the oldest past the window, mean.
    let private smooth (c: GreedyLRConfig) (s: Counters) (x: float) =
        let window = s.Window @ [ x ]
        let sum = s.WindowSum + x

        let window, sum =
            if List.length window > c.WindowSize then
                List.tail window, sum - List.head window
            else
                window, sum

        sum / float (List.length window), window, sum

    /// _increase_lr: new = min(old / factor, max_lr), written when new − old > eps.
    let private increase (c: GreedyLRConfig) (lrs: GroupValues) =
        let result = Array.copy lrs.Items

        for i in 0 .. lrs.Count - 1 do
            let old = lrs.[i]
            let raised = old / c.Factor
            let maxLr = ForGroups.get i c.MaxLr
            // Python's min(a, b) keeps a unless b < a.
            let fresh = if maxLr < raised then maxLr else raised

            if fresh - old > c.Eps then
                result.[i] <- fresh

        GroupValues.Own result

    /// _reduce_lr's writes: new = max(old × factor, min_lr), written when old − new > eps; and whether every group
    /// is then at (or below) its min_lr.
    let private reduce (c: GreedyLRConfig) (lrs: GroupValues) =
        let result = Array.copy lrs.Items
        let mutable events = []

        for i in 0 .. lrs.Count - 1 do
            let old = lrs.[i]
            let scaled = old * c.Factor
            let minLr = ForGroups.get i c.MinLr
            // Python's max(a, b) keeps a unless b > a.
            let fresh = if minLr > scaled then minLr else scaled

            if old - fresh > c.Eps then
                result.[i] <- fresh
                events <- LrReduced(i, old, fresh) :: events

        let allAtMin =
            result
            |> Array.mapi (fun i lr -> not (lr > ForGroups.get i c.MinLr))
            |> Array.forall id

        GroupValues.Own result, List.rev events, allAtMin

    /// One step(metrics), in GreedyLR's order.
    let step (c: GreedyLRConfig) (s: Counters) (lrs: GroupValues) (metric: float) =
        let current, window, sum =
            if c.Smooth then
                smooth c s metric
            else
                metric, s.Window, s.WindowSum

        let s = {
            s with
                LastEpoch = Arithmetic.next Name s.LastEpoch
                Window = window
                WindowSum = sum
        }

        if s.CooldownCounter > 0 then
            {
                s with
                    CooldownCounter = s.CooldownCounter - 1
                    NumBadEpochs = 0
                    NumGoodEpochs = 0
            },
            lrs,
            []
        elif s.WarmupCounter > 0 then
            {
                s with
                    WarmupCounter = s.WarmupCounter - 1
                    NumBadEpochs = 0
                    NumGoodEpochs = 0
            },
            lrs,
            []
        else
            let s =
                if isBetter c current s.Best then
                    {
                        s with
                            Best = current
                            NumBadEpochs = 0
                            NumGoodEpochs = s.NumGoodEpochs + 1
                    }
                else
                    {
                        s with
                            NumBadEpochs = s.NumBadEpochs + 1
                            NumGoodEpochs = 0
                    }

            if s.NumGoodEpochs > c.Patience then
                {
                    s with
                        WarmupCounter = c.Warmup
                        NumGoodEpochs = 0
                        ReductionsAtMin = 0
                },
                increase c lrs,
                []
            elif s.NumBadEpochs > c.Patience then
                let reduced, events, allAtMin = reduce c lrs

                let atMin =
                    if allAtMin then
                        s.ReductionsAtMin + 1
                    else
                        s.ReductionsAtMin

                let s, lrs =
                    if allAtMin && c.ResetStart - atMin <= 0 then
                        // _reset: the initial LRs, the best forgotten, every counter and the window cleared.
                        {
                            initial c s.InitLrs with
                                LastEpoch = s.LastEpoch
                        },
                        s.InitLrs
                    else
                        { s with ReductionsAtMin = atMin }, reduced

                {
                    s with
                        CooldownCounter = c.Cooldown
                        NumBadEpochs = 0
                },
                lrs,
                events
            else
                s, lrs, []

    let private validate (c: GreedyLRConfig) =
        if Double.IsNaN c.Factor || c.Factor >= 1.0 then
            Validate.fail "factor" c.Factor "a number below 1.0 (Hugging Face: \"Factor should be < 1.0.\")"

        if Double.IsNaN c.Threshold then
            Validate.fail "threshold" c.Threshold "a number"

        if Double.IsNaN c.Eps then
            Validate.fail "eps" c.Eps "a number"

        for v in ForGroups.values c.MinLr do
            if Double.IsNaN v then
                Validate.fail "min_lr" v "a number (or one per param group)"

        for v in ForGroups.values c.MaxLr do
            if Double.IsNaN v then
                Validate.fail "max_lr" v "a number (or one per param group)"

        if c.Smooth && c.WindowSize < 1 then
            Validate.fail
                "window_size"
                c.WindowSize
                "at least 1 when smooth is true (Hugging Face divides by the window's length, 0 with this size)"

    let compile (c: GreedyLRConfig) : Node =
        let d = GreedyLRConfig.Default

        let plateauMode (m: PlateauMode) =
            NameArg(Modes.plateauModeName m, Modes.plateauModeName m)

        let thresholdMode (m: ThresholdMode) =
            NameArg(Modes.thresholdModeName m, Modes.thresholdModeName m)

        let stepWith (state: State) (lrs: GroupValues) (metric: float voption) =
            match metric with
            | ValueSome m ->
                let s, lrs, events = step c (ofState state) lrs m
                Node.result (toState s) lrs None events
            | ValueNone -> invalidArg "metric" "GreedyLR needs a metric at every step."

        let checkGroups n =
            Validate.groupsSetting "min_lr" n c.MinLr
            Validate.groupsSetting "max_lr" n c.MaxLr

        {
            Kind = Name
            Args = [
                Arg.optional "mode" (plateauMode c.Mode) (plateauMode d.Mode)
                Arg.optional "factor" (FloatArg c.Factor) (FloatArg d.Factor)
                Arg.optional "patience" (IntArg c.Patience) (IntArg d.Patience)
                Arg.optional "threshold" (FloatArg c.Threshold) (FloatArg d.Threshold)
                Arg.optional "threshold_mode" (thresholdMode c.ThresholdMode) (thresholdMode d.ThresholdMode)
                Arg.optional "cooldown" (IntArg c.Cooldown) (IntArg d.Cooldown)
                Arg.optional "warmup" (IntArg c.Warmup) (IntArg d.Warmup)
                Arg.optional "min_lr" (GroupsArg c.MinLr) (GroupsArg d.MinLr)
                Arg.optional "max_lr" (GroupsArg c.MaxLr) (GroupsArg d.MaxLr)
                Arg.optional "eps" (FloatArg c.Eps) (FloatArg d.Eps)
                Arg.optional "smooth" (BoolArg c.Smooth) (BoolArg d.Smooth)
                Arg.optional "window_size" (IntArg c.WindowSize) (IntArg d.WindowSize)
                Arg.optional "reset_start" (IntArg c.ResetStart) (IntArg d.ResetStart)
            ]
            Validate = fun () -> validate c
            WatchesMetric = true
            CyclesMomentum = false
            CheckGroups = checkGroups
            // GreedyLR writes no LR when built: row 0 is the optimizer's LRs, which it keeps as its initial LRs.
            Start = fun initialLr lrs -> struct (Node.result (toState (initial c lrs)) lrs None [], initialLr)
            InitialStep = fun state lrs -> Node.result state lrs None []
            Undone = fun state lrs -> Node.result state lrs None []
            Step = stepWith
            Restart = stepWith
            StepAt = ValueNone
            Scalar = ValueNone
            Fill = ValueNone
            At = ValueNone
            Simulate = ValueNone
            ReadState =
                fun path e ->
                    let state =
                        Json.readFields path e Name [
                            "baseLrs", Json.perGroup
                            "best", Json.real
                            "numBadEpochs", Json.counter
                            "numGoodEpochs", Json.counter
                            "cooldownCounter", Json.counter
                            "warmupCounter", Json.counter
                            "reductionsAtMin", Json.counter
                            "lastEpoch", Json.counter
                            "window", Json.perGroup
                            "windowSum", Json.real
                        ]

                    let s = ofState state

                    let atMost name (v: int) (most: int) =
                        if v > most then
                            Json.unreachable
                                (sprintf "%s.%s" path name)
                                (sprintf "is %d, but must be at most %d" v most)

                    Json.readLrs path e "baseLrs" |> ignore
                    Json.fitGroups path checkGroups s.InitLrs.Count

                    if Double.IsNaN s.Best then
                        Json.unreachable (path + ".best") "is NaN, but NaN is never better than the best"

                    atMost "numBadEpochs" s.NumBadEpochs (max c.Patience 0)
                    atMost "numGoodEpochs" s.NumGoodEpochs (max c.Patience 0)
                    atMost "cooldownCounter" s.CooldownCounter (max c.Cooldown 0)
                    atMost "warmupCounter" s.WarmupCounter (max c.Warmup 0)
                    atMost "reductionsAtMin" s.ReductionsAtMin (max (c.ResetStart - 1) 0)
                    atMost "window" s.Window.Length (if c.Smooth then c.WindowSize else 0)

                    if not c.Smooth && s.WindowSum <> 0.0 then
                        Json.unreachable (path + ".windowSum") "is not 0, but smooth is false"

                    if s.NumBadEpochs > 0 && s.NumGoodEpochs > 0 then
                        Json.unreachable path "counts both bad and good observations, but one always resets the other"

                    state
        }

    let parse (r: ArgReader) : GreedyLRConfig =
        let d = GreedyLRConfig.Default

        {
            Mode = r.NameOr("mode", Modes.parsePlateauMode, d.Mode)
            Factor = r.FloatOr("factor", d.Factor)
            Patience = r.IntOr("patience", d.Patience)
            Threshold = r.FloatOr("threshold", d.Threshold)
            ThresholdMode = r.NameOr("threshold_mode", Modes.parseThresholdMode, d.ThresholdMode)
            Cooldown = r.IntOr("cooldown", d.Cooldown)
            Warmup = r.IntOr("warmup", d.Warmup)
            MinLr = r.GroupsOr("min_lr", d.MinLr)
            MaxLr = r.GroupsOr("max_lr", d.MaxLr)
            Eps = r.FloatOr("eps", d.Eps)
            Smooth = r.BoolOr("smooth", d.Smooth)
            WindowSize = r.IntOr("window_size", d.WindowSize)
            ResetStart = r.IntOr("reset_start", d.ResetStart)
        }

    /// Its page in docs/schedulers and its line in HTML tables.
    let description: Description = {
        Name = Name
        Formula =
            "after each observation (the running mean of the last window_size when smooth): better than the best (by threshold, in threshold_mode) counts good, else bad; more than patience good in a row → lr = min(lr / factor, max_lr) (written when it rises by more than eps), then warmup observations not compared; more than patience bad → lr = max(lr × factor, min_lr) (written when it falls by more than eps), then cooldown observations not compared; after reset_start reductions that leave every group at min_lr, everything starts over from the initial LRs."
        Origin = "Hugging Face transformers"
        Source = "`GreedyLR(optimizer, factor=0.9, patience=3, min_lr=1e-4)`"
        FSharp = "`HuggingFace.GreedyLR(factor = 0.9, patience = 3, minLr = All 1e-4)`"
        Differences =
            "Hugging Face's numbers, bit for bit, its conventions kept: it can raise the LR; patience is `> p`; the first finite metric is always better (best starts at ±∞), so with patience 0 the LR rises at the first step; with smooth, one NaN metric poisons the running sum for ever, so every later mean is NaN and never better (Hugging Face's bug, kept). factor ≥ 1 is refused as Hugging Face does, and so are a NaN factor, threshold, eps, min_lr or max_lr, and a window_size below 1 with smooth (Hugging Face divides by zero). verbose is not an argument: raises and reductions are in the step's LRs, and reductions also as events."
        Example = """{"kind": "hf.GreedyLR", "factor": 0.9, "patience": 2, "min_lr": 0.001, "max_lr": 0.5}"""
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
