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

/// <summary>CyclicLR (Smith's cyclical learning rates). Names and defaults as in PyTorch.</summary>
[<NoEquality; NoComparison>]
type CyclicLRConfig = {
    /// <summary>Lower LR bound of the cycle, per group or for all.</summary>
    BaseLr: ForGroups<float>
    /// <summary>Upper LR bound of the cycle (reached only when the scale is 1).</summary>
    MaxLr: ForGroups<float>
    /// <summary>Iterations of the rising half. At least 1. Default 2000.</summary>
    StepSizeUp: int
    /// <summary>Iterations of the falling half; None means StepSizeUp. Default None.</summary>
    StepSizeDown: int option
    /// <summary>Built-in amplitude policy, used when ScaleFn is None. Default Triangular.</summary>
    Mode: CyclicMode
    /// <summary>ExpRange's base: scale = Gamma^iteration. Default 1.0.</summary>
    Gamma: float
    /// <summary>A custom amplitude scale; when given, Mode is ignored and ScaleMode says what it receives.</summary>
    ScaleFn: (int -> float) option
    /// <summary>What ScaleFn receives: the cycle or the iteration. Default Cycle.</summary>
    ScaleMode: ScaleMode
    /// <summary>Cycle momentum (SGD momentum or Adam beta1) inversely to the LR. Default true.</summary>
    CycleMomentum: bool
    /// <summary>Momentum at the LR's peak. Default 0.8.</summary>
    BaseMomentum: ForGroups<float>
    /// <summary>Momentum at the LR's trough. Default 0.9.</summary>
    MaxMomentum: ForGroups<float>
}

/// <summary>OneCycleLR (Smith's 1cycle policy). Names and defaults as in PyTorch.</summary>
[<NoEquality; NoComparison>]
type OneCycleLRConfig = {
    /// <summary>Peak LR, per group or for all.</summary>
    MaxLr: ForGroups<float>
    /// <summary>Steps in the cycle; stepping beyond it is an error.</summary>
    TotalSteps: int
    /// <summary>Fraction of the cycle spent raising the LR. In [0, 1]. Default 0.3.</summary>
    PctStart: float
    /// <summary>Cos or Linear. Default Cos.</summary>
    AnnealStrategy: AnnealStrategy
    /// <summary>Cycle momentum (SGD momentum or Adam beta1) inversely to the LR. Default true.</summary>
    CycleMomentum: bool
    /// <summary>Momentum at the LR's peak. Default 0.85.</summary>
    BaseMomentum: ForGroups<float>
    /// <summary>Momentum at the start and end. Default 0.95.</summary>
    MaxMomentum: ForGroups<float>
    /// <summary>initial LR = MaxLr / DivFactor. Default 25.</summary>
    DivFactor: float
    /// <summary>min LR = initial LR / FinalDivFactor. Default 1e4.</summary>
    FinalDivFactor: float
    /// <summary>Three phases (up, back down to the initial LR, then annihilate) instead of two. Default false.</summary>
    ThreePhase: bool
}

/// <summary>
/// The configuration of a scheduler: plain data that says which PyTorch (or celldetection) scheduler it is and with
/// which arguments. A <see cref="T:Schedules.Scheduler`1"/> holds one that has been validated.
/// </summary>
[<NoEquality; NoComparison>]
type Config =
    /// <summary>LR = base × LrLambda(epoch), per group.</summary>
    | LambdaLR of LrLambda: ForGroups<int -> float>
    /// <summary>LR ← LR × LrLambda(epoch) for epoch ≥ 1.</summary>
    | MultiplicativeLR of LrLambda: ForGroups<int -> float>
    /// <summary>LR ← LR × Gamma every StepSize epochs.</summary>
    | StepLR of StepSize: int * Gamma: float
    /// <summary>LR ← LR × Gamma^(count of Milestones equal to the epoch).</summary>
    | MultiStepLR of Milestones: int list * Gamma: float
    /// <summary>LR = base × Factor until TotalIters, then base.</summary>
    | ConstantLR of Factor: float * TotalIters: int
    /// <summary>Factor moves linearly from StartFactor to EndFactor over TotalIters epochs.</summary>
    | LinearLR of StartFactor: float * EndFactor: float * TotalIters: int
    /// <summary>LR ← LR × Gamma every epoch.</summary>
    | ExponentialLR of Gamma: float
    /// <summary>LR = base × (1 - epoch/TotalIters)^Power, reaching 0 at TotalIters.</summary>
    | PolynomialLR of TotalIters: int * Power: float
    /// <summary>Cosine from base to EtaMin over TMax epochs, continuing as a cosine (no clamp) after.</summary>
    | CosineAnnealingLR of TMax: int * EtaMin: float
    /// <summary>SGDR: cosine over periods T0, T0·TMult, ... restarting at base.</summary>
    | CosineAnnealingWarmRestarts of T0: int * TMult: int * EtaMin: float
    /// <summary>Cyclical LR (and momentum).</summary>
    | CyclicLR of CyclicLRConfig
    /// <summary>The 1cycle policy (and momentum).</summary>
    | OneCycleLR of OneCycleLRConfig
    /// <summary>celldetection's WarmUp: LR = base × LrLambda(step, Steps) for step ≤ Steps, then the LRs pass through.</summary>
    | WarmUp of Steps: int * LrLambda: ForGroups<int -> int -> float>
    /// <summary>ReduceLROnPlateau with celldetection's grace period; watches a metric.</summary>
    | ReduceLROnPlateau of ReduceLROnPlateauConfig
    /// <summary>Runs Schedulers[i] from Milestones[i-1] on, each on its own clock restarted at its milestone.</summary>
    | SequentialLR of Schedulers: Config list * Milestones: int list
    /// <summary>Steps every scheduler in order, each acting on the LRs the previous one left.</summary>
    | ChainedScheduler of Schedulers: Config list

/// <summary>Facts about configurations.</summary>
[<RequireQualifiedAccess>]
module Config =

    /// <summary>The PyTorch class name of the configuration's scheduler (celldetection's for WarmUp).</summary>
    [<CompiledName("Kind")>]
    let kind config =
        match config with
        | LambdaLR _ -> "LambdaLR"
        | MultiplicativeLR _ -> "MultiplicativeLR"
        | StepLR _ -> "StepLR"
        | MultiStepLR _ -> "MultiStepLR"
        | ConstantLR _ -> "ConstantLR"
        | LinearLR _ -> "LinearLR"
        | ExponentialLR _ -> "ExponentialLR"
        | PolynomialLR _ -> "PolynomialLR"
        | CosineAnnealingLR _ -> "CosineAnnealingLR"
        | CosineAnnealingWarmRestarts _ -> "CosineAnnealingWarmRestarts"
        | CyclicLR _ -> "CyclicLR"
        | OneCycleLR _ -> "OneCycleLR"
        | WarmUp _ -> "WarmUp"
        | ReduceLROnPlateau _ -> "ReduceLROnPlateau"
        | SequentialLR _ -> "SequentialLR"
        | ChainedScheduler _ -> "ChainedScheduler"

    /// <summary>Whether the scheduler, or one inside it, watches a metric (ReduceLROnPlateau).</summary>
    [<CompiledName("WatchesMetric")>]
    let rec watchesMetric config =
        match config with
        | ReduceLROnPlateau _ -> true
        | SequentialLR(children, _)
        | ChainedScheduler children -> List.exists watchesMetric children
        | _ -> false

    /// <summary>Whether the scheduler, or one inside it, cycles momentum (CyclicLR, OneCycleLR with CycleMomentum).</summary>
    [<CompiledName("CyclesMomentum")>]
    let rec cyclesMomentum config =
        match config with
        | CyclicLR c -> c.CycleMomentum
        | OneCycleLR c -> c.CycleMomentum
        | SequentialLR(children, _)
        | ChainedScheduler children -> List.exists cyclesMomentum children
        | _ -> false
