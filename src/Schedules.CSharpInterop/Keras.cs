using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.FSharp.Core;
using Core = Schedules.Keras;

namespace Schedules.CSharp;

/// <summary>
/// Keras 3's learning-rate schedules (<c>keras.optimizers.schedules</c>) and its <c>ReduceLROnPlateau</c> callback,
/// with Keras' argument names in .NET casing and its defaults. The schedules are functions of the optimizer's step
/// whose values are absolute: the optimizer's base LR is not read. Keras computes in float32 (the step too); these
/// compute Keras' operations in float64, in Keras' order, so they agree with Keras to float32 precision, not bit for
/// bit.
/// </summary>
public static partial class Keras
{
    private static Schedule Step(Scheduler<Unit> core) => new(Schedules.Scheduler.WithMetric(core));

    /// <summary><c>ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)</c>:
    /// <c>initialLearningRate × decayRate^(step / decaySteps)</c>, the exponent floored when
    /// <paramref name="staircase"/>. decaySteps &gt; 0, decayRate ≥ 0.</summary>
    public static Schedule ExponentialDecay(
        double initialLearningRate, double decaySteps, double decayRate, bool staircase = false) =>
        Step(Core.ExponentialDecay(initialLearningRate, decaySteps, decayRate, staircase));

    /// <summary><c>PiecewiseConstantDecay(boundaries, values)</c>: values[0] while step ≤ boundaries[0], values[i]
    /// while boundaries[i−1] &lt; step ≤ boundaries[i], the last value after the last boundary. Keras' convention:
    /// the boundary step keeps the earlier value, so each new value starts one step after its boundary.</summary>
    public static Schedule PiecewiseConstantDecay(IReadOnlyList<int> boundaries, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        return Step(Core.PiecewiseConstantDecay(boundaries.ToArray(), values.ToArray()));
    }

    /// <summary><c>PolynomialDecay(initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
    /// cycle=False)</c>: <c>(initialLearningRate − endLearningRate) × (1 − s / decaySteps)^power + endLearningRate</c>
    /// with <c>s = min(step, decaySteps)</c>; with <paramref name="cycle"/> the horizon is decaySteps ×
    /// ceil(step / decaySteps), so the value at each multiple of decaySteps is endLearningRate and the restart shows
    /// one step later.</summary>
    public static Schedule PolynomialDecay(
        double initialLearningRate,
        double decaySteps,
        double endLearningRate = 0.0001,
        double power = 1.0,
        bool cycle = false) =>
        Step(Core.PolynomialDecay(initialLearningRate, decaySteps, endLearningRate, power, cycle));

    /// <summary><c>InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)</c>:
    /// <c>initialLearningRate / (1 + decayRate × step / decaySteps)</c>, the quotient floored when
    /// <paramref name="staircase"/>. decaySteps &gt; 0, decayRate ≥ 0.</summary>
    public static Schedule InverseTimeDecay(
        double initialLearningRate, double decaySteps, double decayRate, bool staircase = false) =>
        Step(Core.InverseTimeDecay(initialLearningRate, decaySteps, decayRate, staircase));

    /// <summary><c>CosineDecay(initial_learning_rate, decay_steps, alpha=0.0, warmup_target=None,
    /// warmup_steps=0)</c>: without <paramref name="warmupTarget"/>,
    /// <c>initialLearningRate × ((1 − alpha) × 0.5 × (1 + cos(π × min(step, decaySteps) / decaySteps)) + alpha)</c>;
    /// with it, a linear warm-up from initialLearningRate to warmupTarget over warmupSteps, then the same cosine from
    /// warmupTarget. warmupSteps is ignored without a target.</summary>
    public static Schedule CosineDecay(
        double initialLearningRate,
        double decaySteps,
        double alpha = 0.0,
        double? warmupTarget = null,
        double warmupSteps = 0.0) =>
        Step(
            Core.CosineDecay(
                initialLearningRate,
                decaySteps,
                Interop.Some(alpha),
                warmupTarget is double t ? Interop.Some(t) : null,
                Interop.Some(warmupSteps)));

    /// <summary><c>CosineDecayRestarts(initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0,
    /// alpha=0.0)</c>: SGDR. Period i lasts firstDecaySteps × tMul^i steps and decays from
    /// mMul^i × initialLearningRate to alpha × initialLearningRate. Keras' restart index,
    /// <c>floor(log(1 − f × (1 − tMul)) / log(tMul))</c>, is kept: it can fall one short at an exact restart.
    /// tMul ≥ 1, mMul ≥ 0.</summary>
    public static Schedule CosineDecayRestarts(
        double initialLearningRate,
        double firstDecaySteps,
        double tMul = 2.0,
        double mMul = 1.0,
        double alpha = 0.0) =>
        Step(Core.CosineDecayRestarts(initialLearningRate, firstDecaySteps, tMul, mMul, alpha));

    /// <summary><c>keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.1, patience=10, mode="auto",
    /// min_delta=1e-4, cooldown=0, min_lr=0.0)</c>, stepped once per epoch end with the monitored value: once the
    /// count of non-improving epochs reaches <paramref name="patience"/> (wait ≥ patience) every LR above minLr
    /// becomes max(LR × factor, minLr); the cooldown counter is decremented before each test, so cooldown c leaves
    /// c − 1 epochs uncounted. <paramref name="mode"/> null is Keras' 'auto': Min for "loss" and "val_loss"; give
    /// Min or Max for any other monitor.</summary>
    public static MetricSchedule ReduceLROnPlateau(
        string monitor = "val_loss",
        double factor = 0.1,
        int patience = 10,
        PlateauMode? mode = null,
        double minDelta = 1e-4,
        int cooldown = 0,
        double minLr = 0.0)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        return new(
            Core.ReduceLROnPlateau(
                Interop.Some(monitor),
                Interop.Some(factor),
                Interop.Some(patience),
                mode is PlateauMode m ? Interop.Some(Interop.Core(m)) : null,
                Interop.Some(minDelta),
                Interop.Some(cooldown),
                Interop.Some(minLr)));
    }
}
