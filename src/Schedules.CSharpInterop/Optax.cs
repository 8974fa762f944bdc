using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.FSharp.Core;
using Core = Schedules.Optax;

namespace Schedules.CSharp;

/// <summary>
/// optax's schedules (<c>optax.schedules</c>) and its <c>contrib.reduce_on_plateau</c>, with optax's argument names
/// in C# casing and its defaults, in optax's operation order. optax computes in float32 (jax's default), this
/// library in float64: values agree with real optax output to float32 precision, not bit for bit. A schedule's
/// values are absolute: as an optimizer's scheduler the value is the LR itself, whatever the group's base LR. Every
/// method validates its arguments once; an invalid value raises <see cref="ArgumentOutOfRangeException"/> (or
/// <see cref="ArgumentException"/>) naming the parameter, the value and what is allowed.
/// </summary>
public static partial class Optax
{
    private static Schedule Step(Scheduler<Unit> core) => new(Schedules.Scheduler.WithMetric(core));

    private static FSharpOption<T> Maybe<T>(T? value) where T : struct =>
        value is { } v ? FSharpOption<T>.Some(v) : FSharpOption<T>.None;

    private static FSharpOption<IEnumerable<Tuple<int, double>>> Scales(IReadOnlyDictionary<int, double>? scales) =>
        scales is null
            ? FSharpOption<IEnumerable<Tuple<int, double>>>.None
            : FSharpOption<IEnumerable<Tuple<int, double>>>.Some(scales.Select(p => Tuple.Create(p.Key, p.Value)).ToArray());

    private static Scheduler<double>[] Cores(IEnumerable<Schedule> schedules, string param)
    {
        ArgumentNullException.ThrowIfNull(schedules, param);
        var cores = schedules.Select(s => s?.Core).ToArray();
        if (cores.Any(c => c is null)) throw new ArgumentNullException(param, $"{param} holds a null schedule.");
        return cores!;
    }

    /// <summary><c>optax.constant_schedule(value)</c>: <paramref name="value"/> at every step.</summary>
    public static Schedule ConstantSchedule(double value) => Step(Core.ConstantSchedule(value));

    /// <summary><c>optax.polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0)</c>:
    /// <c>c = clip(t − transitionBegin, 0, transitionSteps)</c>;
    /// <c>lr = ((initValue − endValue) × (1 − c / transitionSteps)^power) + endValue</c>. transitionSteps ≤ 0 holds
    /// initValue and a negative transitionBegin counts as 0, as in optax.</summary>
    public static Schedule PolynomialSchedule(
        double initValue, double endValue, double power, int transitionSteps, int transitionBegin = 0) =>
        Step(Core.PolynomialSchedule(initValue, endValue, power, transitionSteps, Interop.Some(transitionBegin)));

    /// <summary><c>optax.linear_schedule(init_value, end_value, transition_steps, transition_begin=0)</c>: the
    /// polynomial schedule with power 1.</summary>
    public static Schedule LinearSchedule(double initValue, double endValue, int transitionSteps, int transitionBegin = 0) =>
        Step(Core.LinearSchedule(initValue, endValue, transitionSteps, Interop.Some(transitionBegin)));

    /// <summary><c>optax.piecewise_constant_schedule(init_value, boundaries_and_scales=None)</c>: from each boundary
    /// step on, the value is multiplied by its scale (finite, ≥ 0).</summary>
    public static Schedule PiecewiseConstantSchedule(double initValue, IReadOnlyDictionary<int, double>? boundariesAndScales = null) =>
        Step(Core.PiecewiseConstantSchedule(initValue, Scales(boundariesAndScales)));

    /// <summary><c>optax.exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0,
    /// staircase=False, end_value=None)</c>: <c>initValue × decayRate^((t − transitionBegin) / transitionSteps)</c>
    /// after transitionBegin (floored exponent with staircase), bounded by endValue.</summary>
    public static Schedule ExponentialDecay(
        double initValue,
        int transitionSteps,
        double decayRate,
        int transitionBegin = 0,
        bool staircase = false,
        double? endValue = null) =>
        Step(Core.ExponentialDecay(
            initValue, transitionSteps, decayRate, Interop.Some(transitionBegin), Interop.Some(staircase), Maybe(endValue)));

    /// <summary><c>optax.cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0)</c>:
    /// <c>initValue × (((1 − alpha) × (0.5 × (1 + cos((π × min(t, decaySteps)) / decaySteps)))^exponent) + alpha)</c>.</summary>
    public static Schedule CosineDecaySchedule(double initValue, int decaySteps, double alpha = 0.0, double exponent = 1.0) =>
        Step(Core.CosineDecaySchedule(initValue, decaySteps, Interop.Some(alpha), Interop.Some(exponent)));

    /// <summary><c>optax.piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales=None)</c>:
    /// "linear" or "cosine" interpolation between the running products of the scales, placed at their boundaries.</summary>
    public static Schedule PiecewiseInterpolateSchedule(
        string interpolateType, double initValue, IReadOnlyDictionary<int, double>? boundariesAndScales = null) =>
        Step(Core.PiecewiseInterpolateSchedule(interpolateType, initValue, Scales(boundariesAndScales)));

    /// <summary><c>optax.join_schedules(schedules, boundaries)</c>: <c>schedules[k](t − boundaries[k−1])</c> once
    /// <c>t ≥ boundaries[k−1]</c>, each on its own local time. Any schedules that are functions of the step (optax's,
    /// Hugging Face's); join other schedulers with <see cref="LRScheduler.SequentialLR(IReadOnlyList{Schedule}, IReadOnlyList{int})"/>.</summary>
    public static Schedule JoinSchedules(IReadOnlyList<Schedule> schedules, IReadOnlyList<int> boundaries)
    {
        var cores = Cores(schedules, nameof(schedules));
        ArgumentNullException.ThrowIfNull(boundaries);
        return Step(Core.JoinSchedules(cores, boundaries));
    }

    /// <summary><c>optax.warmup_constant_schedule(init_value, peak_value, warmup_steps)</c>: linear from initValue to
    /// peakValue over warmupSteps, then peakValue.</summary>
    public static Schedule WarmupConstantSchedule(double initValue, double peakValue, int warmupSteps) =>
        Step(Core.WarmupConstantSchedule(initValue, peakValue, warmupSteps));

    /// <summary><c>optax.warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps,
    /// end_value=0.0, exponent=1.0)</c>: a linear warm-up to peakValue, then a cosine decay over decaySteps −
    /// warmupSteps steps to peakValue × (endValue / peakValue). decaySteps counts the warm-up.</summary>
    public static Schedule WarmupCosineDecaySchedule(
        double initValue, double peakValue, int warmupSteps, int decaySteps, double endValue = 0.0, double exponent = 1.0) =>
        Step(Core.WarmupCosineDecaySchedule(
            initValue, peakValue, warmupSteps, decaySteps, Interop.Some(endValue), Interop.Some(exponent)));

    /// <summary><c>optax.warmup_exponential_decay_schedule(init_value, peak_value, warmup_steps, transition_steps,
    /// decay_rate, transition_begin=0, staircase=False, end_value=None)</c>: a linear warm-up to peakValue, then
    /// <see cref="ExponentialDecay"/> from peakValue on its local time.</summary>
    public static Schedule WarmupExponentialDecaySchedule(
        double initValue,
        double peakValue,
        int warmupSteps,
        int transitionSteps,
        double decayRate,
        int transitionBegin = 0,
        bool staircase = false,
        double? endValue = null) =>
        Step(Core.WarmupExponentialDecaySchedule(
            initValue,
            peakValue,
            warmupSteps,
            transitionSteps,
            decayRate,
            Interop.Some(transitionBegin),
            Interop.Some(staircase),
            Maybe(endValue)));

    /// <summary><c>optax.sgdr_schedule(cosine_kwargs)</c>: the cycles, each a
    /// <see cref="WarmupCosineDecaySchedule"/>, joined at the running sums of their decaySteps.</summary>
    public static Schedule SgdrSchedule(IReadOnlyList<Schedule> cosineKwargs) =>
        Step(Core.SgdrSchedule(Cores(cosineKwargs, nameof(cosineKwargs))));

    /// <summary><c>optax.linear_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, pct_final=0.85,
    /// div_factor=25.0, final_div_factor=1e4)</c>: three linear phases through peakValue; optax's collapsing peak is
    /// kept when boundaries collide (a small transitionSteps).</summary>
    public static Schedule LinearOnecycleSchedule(
        int transitionSteps,
        double peakValue,
        double pctStart = 0.3,
        double pctFinal = 0.85,
        double divFactor = 25.0,
        double finalDivFactor = 1e4) =>
        Step(Core.LinearOnecycleSchedule(
            transitionSteps,
            peakValue,
            Interop.Some(pctStart),
            Interop.Some(pctFinal),
            Interop.Some(divFactor),
            Interop.Some(finalDivFactor)));

    /// <summary><c>optax.cosine_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, div_factor=25.0,
    /// final_div_factor=1e4)</c>: a cosine rise to peakValue and a cosine fall; optax's collapsing peak is kept when
    /// the boundaries collide.</summary>
    public static Schedule CosineOnecycleSchedule(
        int transitionSteps, double peakValue, double pctStart = 0.3, double divFactor = 25.0, double finalDivFactor = 1e4) =>
        Step(Core.CosineOnecycleSchedule(
            transitionSteps, peakValue, Interop.Some(pctStart), Interop.Some(divFactor), Interop.Some(finalDivFactor)));

    /// <summary><c>optax.contrib.reduce_on_plateau(factor=0.1, patience=10, rtol=1e-4, atol=0.0, cooldown=0,
    /// accumulation_size=1, min_scale=0.0)</c>: LR = base LR × scale; every accumulationSize metrics are averaged and
    /// the scale becomes max(scale × factor, minScale) on the patience-th non-improving average in a row (optax's
    /// <c>== patience</c>: patience 0 reduces at every improvement, as in optax).</summary>
    public static MetricSchedule ReduceOnPlateau(
        double factor = 0.1,
        int patience = 10,
        double rtol = 1e-4,
        double atol = 0.0,
        int cooldown = 0,
        int accumulationSize = 1,
        double minScale = 0.0) =>
        new(Core.ReduceOnPlateau(
            Interop.Some(factor),
            Interop.Some(patience),
            Interop.Some(rtol),
            Interop.Some(atol),
            Interop.Some(cooldown),
            Interop.Some(accumulationSize),
            Interop.Some(minScale)));
}
