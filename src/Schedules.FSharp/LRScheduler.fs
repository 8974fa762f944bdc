namespace Schedules

open System.Runtime.InteropServices

/// <summary>
/// PyTorch's scheduler family, with PyTorch's argument names (in .NET casing) and PyTorch's defaults, so a literal
/// port of <c>torch.optim.lr_scheduler</c> code gives PyTorch's numbers. celldetection's schedulers, with the seed's
/// defaults, are <see cref="T:Schedules.CellDetection"/>. Each method validates its arguments once and returns a
/// scheduler value; nothing is touched until a transition runs.
/// </summary>
/// <example><code lang="fsharp">
/// let plateau = LRScheduler.ReduceLROnPlateau(patience = 1)          // PyTorch's: no grace period
/// let decay = LRScheduler.StepLR(stepSize = 30, gamma = 0.1)
/// </code></example>
[<AbstractClass; Sealed>]
type LRScheduler =

    /// <summary>LR = base × lrLambda(epoch), per group (PyTorch's LambdaLR; not chainable).</summary>
    static member LambdaLR(lrLambda: ForGroups<int -> float>) = Scheduler.create (LambdaLR lrLambda)

    /// <summary>LR = base × lrLambda(epoch) for every group.</summary>
    static member LambdaLR(lrLambda: int -> float) =
        Scheduler.create (LambdaLR(All lrLambda))

    /// <summary>LR ← LR × lrLambda(epoch) for epoch ≥ 1 (PyTorch's MultiplicativeLR).</summary>
    static member MultiplicativeLR(lrLambda: ForGroups<int -> float>) =
        Scheduler.create (MultiplicativeLR lrLambda)

    /// <summary>LR ← LR × lrLambda(epoch) for epoch ≥ 1, every group.</summary>
    static member MultiplicativeLR(lrLambda: int -> float) =
        Scheduler.create (MultiplicativeLR(All lrLambda))

    /// <summary>LR ← LR × gamma at epochs stepSize, 2·stepSize, ... (PyTorch's StepLR). stepSize ≥ 1, gamma ≥ 0.</summary>
    static member StepLR(stepSize: int, [<Optional; DefaultParameterValue(Kinds.StepLR.DefaultGamma)>] gamma: float) =
        Scheduler.create (StepLR(stepSize, gamma))

    /// <summary>LR ← LR × gamma^c at an epoch listed c times in milestones (PyTorch's MultiStepLR).</summary>
    static member MultiStepLR
        (milestones: int seq, [<Optional; DefaultParameterValue(Kinds.MultiStepLR.DefaultGamma)>] gamma: float)
        =
        Validate.notNull "milestones" (box milestones)
        Scheduler.create (MultiStepLR(List.ofSeq milestones |> List.sort, gamma))

    /// <summary>LR = base × factor until epoch totalIters, then base (PyTorch's ConstantLR). factor in (0, 1].</summary>
    static member ConstantLR
        (
            [<Optional; DefaultParameterValue(Kinds.ConstantLR.DefaultFactor)>] factor: float,
            [<Optional; DefaultParameterValue(Kinds.ConstantLR.DefaultTotalIters)>] totalIters: int
        ) =
        Scheduler.create (ConstantLR(factor, totalIters))

    /// <summary>The factor moves linearly from startFactor (epoch 0) to endFactor (epoch totalIters)
    /// (PyTorch's LinearLR). startFactor in (0, 1], endFactor in [0, 1], totalIters ≥ 1.</summary>
    static member LinearLR
        (
            [<Optional; DefaultParameterValue(Kinds.LinearLR.DefaultStartFactor)>] startFactor: float,
            [<Optional; DefaultParameterValue(Kinds.LinearLR.DefaultEndFactor)>] endFactor: float,
            [<Optional; DefaultParameterValue(Kinds.LinearLR.DefaultTotalIters)>] totalIters: int
        ) =
        Scheduler.create (LinearLR(startFactor, endFactor, totalIters))

    /// <summary>LR ← LR × gamma every epoch (PyTorch's ExponentialLR).</summary>
    static member ExponentialLR(gamma: float) = Scheduler.create (ExponentialLR gamma)

    /// <summary>LR = base × (1 − epoch/totalIters)^power, 0 from totalIters on (PyTorch's PolynomialLR).</summary>
    static member PolynomialLR
        (
            [<Optional; DefaultParameterValue(Kinds.PolynomialLR.DefaultTotalIters)>] totalIters: int,
            [<Optional; DefaultParameterValue(Kinds.PolynomialLR.DefaultPower)>] power: float
        ) =
        Scheduler.create (PolynomialLR(totalIters, power))

    /// <summary>LR = etaMin + (base − etaMin)(1 + cos(π·epoch/tMax))/2, computed recursively as PyTorch does; it
    /// keeps oscillating after tMax (PyTorch's CosineAnnealingLR). tMax ≥ 1.</summary>
    static member CosineAnnealingLR
        (tMax: int, [<Optional; DefaultParameterValue(Kinds.CosineAnnealingLR.DefaultEtaMin)>] etaMin: float)
        =
        Scheduler.create (CosineAnnealingLR(tMax, etaMin))

    /// <summary>SGDR: LR = etaMin + (base − etaMin)(1 + cos(π·T_cur/T_i))/2 with T_i = t0, t0·tMult, ...
    /// (PyTorch's CosineAnnealingWarmRestarts). t0 ≥ 1, tMult ≥ 1.</summary>
    static member CosineAnnealingWarmRestarts
        (
            t0: int,
            [<Optional; DefaultParameterValue(Kinds.CosineAnnealingWarmRestarts.DefaultTMult)>] tMult: int,
            [<Optional; DefaultParameterValue(Kinds.CosineAnnealingWarmRestarts.DefaultEtaMin)>] etaMin: float
        ) =
        Scheduler.create (CosineAnnealingWarmRestarts(t0, tMult, etaMin))

    /// <summary>Cyclical LRs between baseLr and maxLr (PyTorch's CyclicLR), with momentum cycled inversely when
    /// cycleMomentum is true. A custom scaleFn replaces mode; scaleMode says whether it receives the cycle or the
    /// iteration.</summary>
    static member CyclicLR
        (
            baseLr: ForGroups<float>,
            maxLr: ForGroups<float>,
            ?stepSizeUp: int,
            ?stepSizeDown: int,
            ?mode: CyclicMode,
            ?gamma: float,
            ?scaleFn: int -> float,
            ?scaleMode: ScaleMode,
            ?cycleMomentum: bool,
            ?baseMomentum: ForGroups<float>,
            ?maxMomentum: ForGroups<float>
        ) =
        Scheduler.create (
            CyclicLR {
                BaseLr = baseLr
                MaxLr = maxLr
                StepSizeUp = defaultArg stepSizeUp Kinds.CyclicLR.DefaultStepSizeUp
                StepSizeDown = stepSizeDown
                Mode = defaultArg mode Kinds.CyclicLR.DefaultMode
                Gamma = defaultArg gamma Kinds.CyclicLR.DefaultGamma
                ScaleFn = scaleFn
                ScaleMode = defaultArg scaleMode Kinds.CyclicLR.DefaultScaleMode
                CycleMomentum = defaultArg cycleMomentum Kinds.CyclicLR.DefaultCycleMomentum
                BaseMomentum = defaultArg baseMomentum (All Kinds.CyclicLR.DefaultBaseMomentum)
                MaxMomentum = defaultArg maxMomentum (All Kinds.CyclicLR.DefaultMaxMomentum)
            }
        )

    /// <summary>The 1cycle policy (PyTorch's OneCycleLR): from maxLr/divFactor up to maxLr over pctStart of
    /// totalSteps, then down to maxLr/divFactor/finalDivFactor; momentum cycled inversely. Give totalSteps, or
    /// epochs and stepsPerEpoch. Stepping beyond totalSteps is an error.</summary>
    static member OneCycleLR
        (
            maxLr: ForGroups<float>,
            ?totalSteps: int,
            ?epochs: int,
            ?stepsPerEpoch: int,
            ?pctStart: float,
            ?annealStrategy: AnnealStrategy,
            ?cycleMomentum: bool,
            ?baseMomentum: ForGroups<float>,
            ?maxMomentum: ForGroups<float>,
            ?divFactor: float,
            ?finalDivFactor: float,
            ?threePhase: bool
        ) =
        let total =
            match totalSteps, epochs, stepsPerEpoch with
            | Some t, _, _ -> t
            | None, Some e, Some s ->
                Validate.positiveInt "epochs" e
                Validate.positiveInt "stepsPerEpoch" s

                // PyTorch multiplies Python ints; an int holds at most Int32.MaxValue steps.
                if int64 e * int64 s > int64 System.Int32.MaxValue then
                    raise (
                        System.ArgumentOutOfRangeException(
                            "epochs",
                            e,
                            sprintf
                                "epochs × stepsPerEpoch must be at most %d steps, but %d × %d = %d."
                                System.Int32.MaxValue
                                e
                                s
                                (int64 e * int64 s)
                        )
                    )

                e * s
            | None, _, _ ->
                raise (
                    System.ArgumentException(
                        "OneCycleLR needs totalSteps, or both epochs and stepsPerEpoch.",
                        "totalSteps"
                    )
                )

        Scheduler.create (
            OneCycleLR {
                MaxLr = maxLr
                TotalSteps = total
                PctStart = defaultArg pctStart Kinds.OneCycleLR.DefaultPctStart
                AnnealStrategy = defaultArg annealStrategy Kinds.OneCycleLR.DefaultAnnealStrategy
                CycleMomentum = defaultArg cycleMomentum Kinds.OneCycleLR.DefaultCycleMomentum
                BaseMomentum = defaultArg baseMomentum (All Kinds.OneCycleLR.DefaultBaseMomentum)
                MaxMomentum = defaultArg maxMomentum (All Kinds.OneCycleLR.DefaultMaxMomentum)
                DivFactor = defaultArg divFactor Kinds.OneCycleLR.DefaultDivFactor
                FinalDivFactor = defaultArg finalDivFactor Kinds.OneCycleLR.DefaultFinalDivFactor
                ThreePhase = defaultArg threePhase Kinds.OneCycleLR.DefaultThreePhase
            }
        )

    /// <summary>celldetection's linear warm-up factor: 1 when step &gt; steps, else min(step / steps, 1).</summary>
    static member LinearWarmUpFactor(step: int, steps: int) = Functions.linearWarmUp step steps

    /// <summary>celldetection's WarmUp: LR = base × lrLambda(step, steps) for step ≤ steps (the linear factor by
    /// default, so the LR starts at 0), then the incoming LRs pass through unchanged. steps ≥ 1. PyTorch has no
    /// WarmUp, so no PyTorch port is misled by it here; it stays for existing code, and
    /// <see cref="M:Schedules.CellDetection.WarmUp"/> is its home beside the seed's other two.</summary>
    static member WarmUp(steps: int, ?lrLambda: ForGroups<int -> int -> float>) =
        Scheduler.create (WarmUp(steps, defaultArg lrLambda Kinds.WarmUp.DefaultLrLambda))

    /// <summary>PyTorch's ReduceLROnPlateau with PyTorch's defaults (<see cref="P:Schedules.ReduceLROnPlateauConfig.Default"/>:
    /// warmup = 0, no grace period); see <see cref="T:Schedules.ReduceLROnPlateauConfig"/> for every parameter.
    /// celldetection's grace period stays available through warmup; with the seed's default (warmup = 1) it is
    /// <see cref="M:Schedules.CellDetection.ReduceLROnPlateau"/>.</summary>
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
        let d = ReduceLROnPlateauConfig.Default

        Scheduler.createWatching (
            ReduceLROnPlateau {
                Mode = defaultArg mode d.Mode
                Factor = defaultArg factor d.Factor
                Patience = defaultArg patience d.Patience
                Threshold = defaultArg threshold d.Threshold
                ThresholdMode = defaultArg thresholdMode d.ThresholdMode
                Cooldown = defaultArg cooldown d.Cooldown
                MinLr = defaultArg minLr d.MinLr
                Eps = defaultArg eps d.Eps
                Warmup = defaultArg warmup d.Warmup
            }
        )

    /// <summary>PyTorch's SequentialLR, metric-aware as in celldetection: schedulers[i] runs from milestones[i-1]
    /// on, restarted at its own epoch 0 at its milestone. Milestones strictly increasing, ≥ 1, one fewer than
    /// schedulers.</summary>
    static member SequentialLR(schedulers: Scheduler<unit> seq, milestones: int seq) : Scheduler<unit> =
        Validate.notNull "schedulers" (box schedulers)
        Validate.notNull "milestones" (box milestones)
        Scheduler.create (SequentialLR(schedulers |> Seq.map Scheduler.config |> List.ofSeq, List.ofSeq milestones))

    /// <summary>SequentialLR over schedulers that observe a metric; the metric is forwarded to the children that
    /// watch one. At its milestone a ReduceLROnPlateau child in its grace period receives celldetection's 0 (a
    /// grace observation that cannot reduce), otherwise the real metric.</summary>
    static member SequentialLR(schedulers: Scheduler<float> seq, milestones: int seq) : Scheduler<float> =
        Validate.notNull "schedulers" (box schedulers)
        Validate.notNull "milestones" (box milestones)

        Scheduler.createWatching (
            SequentialLR(schedulers |> Seq.map Scheduler.config |> List.ofSeq, List.ofSeq milestones)
        )

    /// <summary>PyTorch's ChainedScheduler: every step, each scheduler acts in order on the LRs the previous left.</summary>
    static member ChainedScheduler(schedulers: Scheduler<unit> seq) : Scheduler<unit> =
        Validate.notNull "schedulers" (box schedulers)
        Scheduler.create (ChainedScheduler(schedulers |> Seq.map Scheduler.config |> List.ofSeq))

    /// <summary>ChainedScheduler over schedulers that observe a metric; the metric is forwarded to each that watches one.</summary>
    static member ChainedScheduler(schedulers: Scheduler<float> seq) : Scheduler<float> =
        Validate.notNull "schedulers" (box schedulers)
        Scheduler.createWatching (ChainedScheduler(schedulers |> Seq.map Scheduler.config |> List.ofSeq))
