namespace Schedules

open System.Runtime.InteropServices

/// <summary>
/// Keras 3's learning-rate schedules (<c>keras.optimizers.schedules</c>) and its <c>ReduceLROnPlateau</c> callback,
/// with Keras' argument names in .NET casing and its defaults. The schedules are curves of the optimizer's step
/// (<c>optimizer.iterations</c>, 0 for the first update) whose values are absolute: the base LR of the optimizer is
/// not read, every group gets the schedule's value. Keras computes in float32 (the step too); these compute Keras'
/// operations in float64, in Keras' order, so they agree with Keras to float32 precision, not bit for bit.
/// </summary>
[<AbstractClass; Sealed>]
type Keras =

    /// <summary><c>ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)</c>:
    /// <c>initialLearningRate × decayRate^(step / decaySteps)</c>, the exponent floored when
    /// <paramref name="staircase"/>. decaySteps &gt; 0, decayRate ≥ 0.</summary>
    static member ExponentialDecay
        (
            initialLearningRate: float,
            decaySteps: float,
            decayRate: float,
            [<Optional; DefaultParameterValue(Kinds.Keras.ExponentialDecay.DefaultStaircase)>] staircase: bool
        ) : Scheduler<unit> =
        Scheduler.create (Curve(Kinds.Keras.ExponentialDecay.curve initialLearningRate decaySteps decayRate staircase))

    /// <summary><c>PiecewiseConstantDecay(boundaries, values)</c>: values[0] while step ≤ boundaries[0], values[i]
    /// while boundaries[i−1] &lt; step ≤ boundaries[i], the last value after the last boundary. Keras' convention:
    /// the boundary step keeps the earlier value, so each new value starts one step after its boundary.</summary>
    static member PiecewiseConstantDecay(boundaries: int seq, values: float seq) : Scheduler<unit> =
        Validate.notNull "boundaries" (box boundaries)
        Validate.notNull "values" (box values)

        Scheduler.create (Curve(Kinds.Keras.PiecewiseConstantDecay.curve (List.ofSeq boundaries) (List.ofSeq values)))

    /// <summary><c>PolynomialDecay(initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
    /// cycle=False)</c>: <c>(initialLearningRate − endLearningRate) × (1 − s / decaySteps)^power + endLearningRate</c>
    /// with <c>s = min(step, decaySteps)</c>; with <paramref name="cycle"/> the horizon is decaySteps ×
    /// ceil(step / decaySteps), so the value at each multiple of decaySteps is endLearningRate and the restart shows
    /// one step later.</summary>
    static member PolynomialDecay
        (
            initialLearningRate: float,
            decaySteps: float,
            [<Optional; DefaultParameterValue(Kinds.Keras.PolynomialDecay.DefaultEndLearningRate)>] endLearningRate:
                float,
            [<Optional; DefaultParameterValue(Kinds.Keras.PolynomialDecay.DefaultPower)>] power: float,
            [<Optional; DefaultParameterValue(Kinds.Keras.PolynomialDecay.DefaultCycle)>] cycle: bool
        ) : Scheduler<unit> =
        Scheduler.create (
            Curve(Kinds.Keras.PolynomialDecay.curve initialLearningRate decaySteps endLearningRate power cycle)
        )

    /// <summary><c>InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)</c>:
    /// <c>initialLearningRate / (1 + decayRate × step / decaySteps)</c>, the quotient floored when
    /// <paramref name="staircase"/>. decaySteps &gt; 0, decayRate ≥ 0.</summary>
    static member InverseTimeDecay
        (
            initialLearningRate: float,
            decaySteps: float,
            decayRate: float,
            [<Optional; DefaultParameterValue(Kinds.Keras.InverseTimeDecay.DefaultStaircase)>] staircase: bool
        ) : Scheduler<unit> =
        Scheduler.create (Curve(Kinds.Keras.InverseTimeDecay.curve initialLearningRate decaySteps decayRate staircase))

    /// <summary><c>CosineDecay(initial_learning_rate, decay_steps, alpha=0.0, warmup_target=None,
    /// warmup_steps=0)</c>: without <paramref name="warmupTarget"/>,
    /// <c>initialLearningRate × ((1 − alpha) × 0.5 × (1 + cos(π × min(step, decaySteps) / decaySteps)) + alpha)</c>;
    /// with it, a linear warm-up from initialLearningRate to warmupTarget over warmupSteps, then the same cosine from
    /// warmupTarget. warmupSteps is ignored without a target.</summary>
    static member CosineDecay
        (initialLearningRate: float, decaySteps: float, ?alpha: float, ?warmupTarget: float, ?warmupSteps: float)
        : Scheduler<unit> =
        Scheduler.create (
            Curve(
                Kinds.Keras.CosineDecay.curve
                    initialLearningRate
                    decaySteps
                    (defaultArg alpha Kinds.Keras.CosineDecay.DefaultAlpha)
                    warmupTarget
                    (defaultArg warmupSteps Kinds.Keras.CosineDecay.DefaultWarmupSteps)
            )
        )

    /// <summary><c>CosineDecayRestarts(initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0,
    /// alpha=0.0)</c>: SGDR. Period i lasts firstDecaySteps × tMul^i steps and decays from
    /// mMul^i × initialLearningRate to alpha × initialLearningRate. Keras' restart index,
    /// <c>floor(log(1 − f × (1 − tMul)) / log(tMul))</c>, is kept: it can fall one short at an exact restart.
    /// tMul ≥ 1, mMul ≥ 0.</summary>
    static member CosineDecayRestarts
        (
            initialLearningRate: float,
            firstDecaySteps: float,
            [<Optional; DefaultParameterValue(Kinds.Keras.CosineDecayRestarts.DefaultTMul)>] tMul: float,
            [<Optional; DefaultParameterValue(Kinds.Keras.CosineDecayRestarts.DefaultMMul)>] mMul: float,
            [<Optional; DefaultParameterValue(Kinds.Keras.CosineDecayRestarts.DefaultAlpha)>] alpha: float
        ) : Scheduler<unit> =
        Scheduler.create (
            Curve(Kinds.Keras.CosineDecayRestarts.curve initialLearningRate firstDecaySteps tMul mMul alpha)
        )

    /// <summary><c>keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.1, patience=10, mode="auto",
    /// min_delta=1e-4, cooldown=0, min_lr=0.0)</c>, stepped once per epoch end with the monitored value: once
    /// the count of non-improving epochs reaches <paramref name="patience"/> (wait ≥ patience) every LR above minLr
    /// becomes max(LR × factor, minLr). <paramref name="mode"/> None is Keras' 'auto' (Min for "loss" and
    /// "val_loss"). See <see cref="T:Schedules.KerasReduceLROnPlateauConfig"/> for every parameter.</summary>
    static member ReduceLROnPlateau
        (
            ?monitor: string,
            ?factor: float,
            ?patience: int,
            ?mode: PlateauMode,
            ?minDelta: float,
            ?cooldown: int,
            ?minLr: float
        ) : Scheduler<float> =
        let d = KerasReduceLROnPlateauConfig.Default

        Scheduler.createWatching (
            KerasReduceLROnPlateau {
                Monitor = defaultArg monitor d.Monitor
                Factor = defaultArg factor d.Factor
                Patience = defaultArg patience d.Patience
                Mode = mode |> Option.orElse d.Mode
                MinDelta = defaultArg minDelta d.MinDelta
                Cooldown = defaultArg cooldown d.Cooldown
                MinLr = defaultArg minLr d.MinLr
            }
        )
