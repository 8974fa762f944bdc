namespace Schedules

/// <summary>
/// The seed's three schedulers (<c>from celldetection.optim import WarmUp, ReduceLROnPlateau, SequentialLR</c>) under
/// the seed's own name and with the seed's defaults, so a port of celldetection code reads line by line and gives
/// the seed's numbers. They are <see cref="T:Schedules.LRScheduler"/>'s schedulers; only the defaults differ:
/// ReduceLROnPlateau's grace period is on (warmup = 1,
/// <see cref="P:Schedules.ReduceLROnPlateauConfig.CellDetectionDefault"/>), where PyTorch's has none.
/// </summary>
/// <example><code lang="fsharp">
/// let scheduler =
///     CellDetection.SequentialLR(
///         [ CellDetection.WarmUp(steps = 5) |> Scheduler.withMetric
///           CellDetection.ReduceLROnPlateau(factor = 0.5, patience = 2) ],   // warmup = 1
///         milestones = [ 6 ])
/// </code></example>
[<AbstractClass; Sealed>]
type CellDetection =

    /// <summary>celldetection's WarmUp: LR = base × lrLambda(step, steps) for step ≤ steps (by default the linear
    /// factor <see cref="M:Schedules.LRScheduler.LinearWarmUpFactor(System.Int32,System.Int32)"/>, 1 when step &gt;
    /// steps, else min(step / steps, 1), so the LR starts at 0), then the incoming LRs pass through unchanged.
    /// steps ≥ 1.</summary>
    static member WarmUp(steps: int, ?lrLambda: ForGroups<int -> int -> float>) =
        LRScheduler.WarmUp(steps, ?lrLambda = lrLambda)

    /// <summary>celldetection's ReduceLROnPlateau: PyTorch's rule with the seed's grace period and defaults
    /// (<see cref="P:Schedules.ReduceLROnPlateauConfig.CellDetectionDefault"/>: warmup = 1). For each of the first
    /// warmup observations the rule runs, then the best value is restored and the bad-epoch count reset to 0; see
    /// <see cref="T:Schedules.ReduceLROnPlateauConfig"/> for every parameter.</summary>
    static member ReduceLROnPlateau
        (
            ?mode: PlateauMode,
            ?factor: float,
            ?patience: int,
            ?threshold: float,
            ?thresholdMode: ThresholdMode,
            ?cooldown: int,
            ?minLr: ForGroups<float>,
            ?eps: float,
            ?warmup: int
        ) =
        LRScheduler.ReduceLROnPlateau(
            ?mode = mode,
            ?factor = factor,
            ?patience = patience,
            ?threshold = threshold,
            ?thresholdMode = thresholdMode,
            ?cooldown = cooldown,
            ?minLr = minLr,
            ?eps = eps,
            warmup = defaultArg warmup ReduceLROnPlateauConfig.CellDetectionDefault.Warmup
        )

    /// <summary>celldetection's SequentialLR over schedulers that observe a metric: PyTorch's SequentialLR
    /// (schedulers[i] runs from milestones[i-1] on, restarted at its own epoch 0), with the metric forwarded to the
    /// children that watch one. At its milestone a ReduceLROnPlateau child in its grace period receives the seed's 0
    /// (a grace observation that cannot reduce), otherwise the real metric.</summary>
    static member SequentialLR(schedulers: Scheduler<float> seq, milestones: int seq) : Scheduler<float> =
        LRScheduler.SequentialLR(schedulers, milestones)

    /// <summary>celldetection's SequentialLR over step-based schedulers (as PyTorch's): schedulers[i] runs from
    /// milestones[i-1] on, restarted at its own epoch 0 at its milestone. Milestones strictly increasing, ≥ 1, one
    /// fewer than schedulers.</summary>
    static member SequentialLR(schedulers: Scheduler<unit> seq, milestones: int seq) : Scheduler<unit> =
        LRScheduler.SequentialLR(schedulers, milestones)
