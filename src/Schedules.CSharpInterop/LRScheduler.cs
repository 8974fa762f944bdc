using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.FSharp.Core;
using Core = Schedules.LRScheduler;

namespace Schedules.CSharp;

/// <summary>
/// PyTorch's scheduler family, with PyTorch's argument names (in C# casing) and PyTorch's defaults, so that a
/// ported training script reads line by line and gives PyTorch's numbers. celldetection's schedulers, with the
/// seed's defaults, are <see cref="CellDetection"/>. Every method validates its arguments once and returns an
/// immutable scheduler; an invalid value raises <see cref="ArgumentOutOfRangeException"/> (or
/// <see cref="ArgumentException"/>) naming the parameter, the value and what is allowed. Each default is the F#
/// core's: a number is its kind's literal (<c>Schedules.Kinds.StepLR.DefaultGamma</c>), a default that is not a
/// literal there (a mode, ReduceLROnPlateau's <c>ReduceLROnPlateauConfig.Default</c>) is written here and pinned
/// to the core's by a test, and a null default leaves the argument to the core.
/// </summary>
public static class LRScheduler
{
    private static Schedule Step(Scheduler<Unit> core) => new(Schedules.Scheduler.WithMetric(core));

    /// <summary>LR = base × lrLambda(epoch) (PyTorch's LambdaLR; not chainable).</summary>
    public static Schedule LambdaLR(Func<int, double> lrLambda) =>
        Step(Core.LambdaLR(Interop.Func(lrLambda, nameof(lrLambda))));

    /// <summary>LR = base × lrLambda[group](epoch), one function per param group.</summary>
    public static Schedule LambdaLR(IReadOnlyList<Func<int, double>> lrLambda) =>
        Step(Core.LambdaLR(Interop.Lambdas(lrLambda, nameof(lrLambda))));

    /// <summary>LR ← LR × lrLambda(epoch) for epoch ≥ 1 (PyTorch's MultiplicativeLR).</summary>
    public static Schedule MultiplicativeLR(Func<int, double> lrLambda) =>
        Step(Core.MultiplicativeLR(Interop.Func(lrLambda, nameof(lrLambda))));

    /// <summary>LR ← LR × lrLambda[group](epoch) for epoch ≥ 1, one function per param group.</summary>
    public static Schedule MultiplicativeLR(IReadOnlyList<Func<int, double>> lrLambda) =>
        Step(Core.MultiplicativeLR(Interop.Lambdas(lrLambda, nameof(lrLambda))));

    /// <summary>LR ← LR × gamma at epochs stepSize, 2·stepSize, ... (PyTorch's StepLR).</summary>
    /// <param name="stepSize">Epochs between decays; at least 1.</param>
    /// <param name="gamma">The decay factor; finite and ≥ 0.</param>
    public static Schedule StepLR(int stepSize, double gamma = Kinds.StepLR.DefaultGamma) => Step(Core.StepLR(stepSize, gamma));

    /// <summary>LR ← LR × gamma^c at an epoch listed c times in milestones (PyTorch's MultiStepLR).</summary>
    public static Schedule MultiStepLR(IReadOnlyList<int> milestones, double gamma = Kinds.MultiStepLR.DefaultGamma)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        return Step(Core.MultiStepLR(milestones, gamma));
    }

    /// <summary>LR = base × factor until epoch totalIters, then base (PyTorch's ConstantLR); factor in (0, 1].</summary>
    public static Schedule ConstantLR(
        double factor = Kinds.ConstantLR.DefaultFactor, int totalIters = Kinds.ConstantLR.DefaultTotalIters) =>
        Step(Core.ConstantLR(factor, totalIters));

    /// <summary>The factor moves linearly from startFactor (epoch 0) to endFactor (epoch totalIters):
    /// LR = base × (startFactor + (endFactor − startFactor) × min(epoch, totalIters) / totalIters), computed
    /// recursively as PyTorch does (PyTorch's LinearLR).</summary>
    public static Schedule LinearLR(
        double startFactor = Kinds.LinearLR.DefaultStartFactor,
        double endFactor = Kinds.LinearLR.DefaultEndFactor,
        int totalIters = Kinds.LinearLR.DefaultTotalIters) =>
        Step(Core.LinearLR(startFactor, endFactor, totalIters));

    /// <summary>LR ← LR × gamma every epoch (PyTorch's ExponentialLR).</summary>
    public static Schedule ExponentialLR(double gamma) => Step(Core.ExponentialLR(gamma));

    /// <summary>LR = base × (1 − epoch / totalIters)^power, 0 from totalIters on (PyTorch's PolynomialLR).</summary>
    public static Schedule PolynomialLR(
        int totalIters = Kinds.PolynomialLR.DefaultTotalIters, double power = Kinds.PolynomialLR.DefaultPower) =>
        Step(Core.PolynomialLR(totalIters, power));

    /// <summary>LR = etaMin + (base − etaMin)(1 + cos(π·epoch/tMax))/2, computed recursively as PyTorch does, with
    /// no clamp after tMax (PyTorch's CosineAnnealingLR).</summary>
    public static Schedule CosineAnnealingLR(int tMax, double etaMin = Kinds.CosineAnnealingLR.DefaultEtaMin) =>
        Step(Core.CosineAnnealingLR(tMax, etaMin));

    /// <summary>SGDR: LR = etaMin + (base − etaMin)(1 + cos(π·T_cur/T_i))/2, with periods T_i = t0, t0·tMult, ...
    /// (PyTorch's CosineAnnealingWarmRestarts). Fractional epochs: <see cref="Schedule.StepAt"/>.</summary>
    public static Schedule CosineAnnealingWarmRestarts(
        int t0,
        int tMult = Kinds.CosineAnnealingWarmRestarts.DefaultTMult,
        double etaMin = Kinds.CosineAnnealingWarmRestarts.DefaultEtaMin) =>
        Step(Core.CosineAnnealingWarmRestarts(t0, tMult, etaMin));

    /// <summary>Cyclical LRs between baseLr and maxLr (PyTorch's CyclicLR):
    /// LR = baseLr + (maxLr − baseLr) × scale-factor × f, momentum cycled inversely when cycleMomentum is true.
    /// A custom scaleFn replaces mode; scaleMode says whether it receives the cycle or the iteration.</summary>
    public static Schedule CyclicLR(
        GroupSetting baseLr,
        GroupSetting maxLr,
        int stepSizeUp = Kinds.CyclicLR.DefaultStepSizeUp,
        int? stepSizeDown = null,
        CyclicMode mode = CyclicMode.Triangular,
        double gamma = Kinds.CyclicLR.DefaultGamma,
        Func<int, double>? scaleFn = null,
        ScaleMode scaleMode = ScaleMode.Cycle,
        bool cycleMomentum = Kinds.CyclicLR.DefaultCycleMomentum,
        GroupSetting? baseMomentum = null,
        GroupSetting? maxMomentum = null) =>
        Step(
            Core.CyclicLR(
                baseLr.ToCore(),
                maxLr.ToCore(),
                Interop.Some(stepSizeUp),
                Interop.Option(stepSizeDown),
                Interop.Some(Interop.Core(mode)),
                Interop.Some(gamma),
                scaleFn is null ? null : Interop.Some(Interop.Func(scaleFn, nameof(scaleFn))),
                Interop.Some(Interop.Core(scaleMode)),
                Interop.Some(cycleMomentum),
                Interop.Option(baseMomentum),
                Interop.Option(maxMomentum)));

    /// <summary>The 1cycle policy (PyTorch's OneCycleLR): from maxLr/divFactor up to maxLr over pctStart of the
    /// steps, then down to maxLr/divFactor/finalDivFactor; momentum cycled inversely. Give totalSteps, or epochs
    /// and stepsPerEpoch. Stepping beyond totalSteps is an error.</summary>
    public static Schedule OneCycleLR(
        GroupSetting maxLr,
        int? totalSteps = null,
        int? epochs = null,
        int? stepsPerEpoch = null,
        double pctStart = Kinds.OneCycleLR.DefaultPctStart,
        AnnealStrategy annealStrategy = AnnealStrategy.Cos,
        bool cycleMomentum = Kinds.OneCycleLR.DefaultCycleMomentum,
        GroupSetting? baseMomentum = null,
        GroupSetting? maxMomentum = null,
        double divFactor = Kinds.OneCycleLR.DefaultDivFactor,
        double finalDivFactor = Kinds.OneCycleLR.DefaultFinalDivFactor,
        bool threePhase = Kinds.OneCycleLR.DefaultThreePhase) =>
        Step(
            Core.OneCycleLR(
                maxLr.ToCore(),
                Interop.Option(totalSteps),
                Interop.Option(epochs),
                Interop.Option(stepsPerEpoch),
                Interop.Some(pctStart),
                Interop.Some(Interop.Core(annealStrategy)),
                Interop.Some(cycleMomentum),
                Interop.Option(baseMomentum),
                Interop.Option(maxMomentum),
                Interop.Some(divFactor),
                Interop.Some(finalDivFactor),
                Interop.Some(threePhase)));

    /// <summary>celldetection's WarmUp: LR = base × lrLambda(step, steps) for step ≤ steps, then the incoming LRs
    /// pass through unchanged. The default factor is linear, 1 when step &gt; steps, else min(step / steps, 1), so the
    /// LR starts at 0. PyTorch has no WarmUp; it stays here for existing code, and
    /// <see cref="CellDetection.WarmUp(int, Func{int, int, double})"/> is its home.</summary>
    public static Schedule WarmUp(int steps, Func<int, int, double>? lrLambda = null) =>
        Step(
            Core.WarmUp(
                steps,
                lrLambda is null
                    ? null
                    : Interop.Some(ForGroups<FSharpFunc<int, FSharpFunc<int, double>>>.NewAll(Interop.Func(lrLambda, nameof(lrLambda))))));

    /// <summary>celldetection's WarmUp with one factor function per param group.</summary>
    public static Schedule WarmUp(int steps, IReadOnlyList<Func<int, int, double>> lrLambda) =>
        Step(Core.WarmUp(steps, Interop.Some(Interop.Lambdas(lrLambda, nameof(lrLambda)))));

    /// <summary>PyTorch's ReduceLROnPlateau with PyTorch's defaults: new LR = max(LR × factor, minLr) once more than
    /// patience observations fail to improve on the best (by threshold, in thresholdMode); a group changes only
    /// when old − new &gt; eps; no reduction for cooldown observations after one. celldetection's grace period stays
    /// available: the first warmup observations (default 0, none) run the rule, then the best value is restored and
    /// the bad-epoch count reset. With the seed's default (warmup 1) it is
    /// <see cref="CellDetection.ReduceLROnPlateau"/>.</summary>
    public static MetricSchedule ReduceLROnPlateau(
        PlateauMode mode = PlateauMode.Min,
        double factor = 0.1,
        int patience = 10,
        double threshold = 1e-4,
        ThresholdMode thresholdMode = ThresholdMode.Rel,
        int cooldown = 0,
        GroupSetting? minLr = null,
        double eps = 1e-8,
        int warmup = 0) =>
        new(
            Core.ReduceLROnPlateau(
                Interop.Some(Interop.Core(mode)),
                Interop.Some(factor),
                Interop.Some(patience),
                Interop.Some(threshold),
                Interop.Some(Interop.Core(thresholdMode)),
                Interop.Some(cooldown),
                Interop.Option(minLr),
                Interop.Some(eps),
                Interop.Some(warmup)));

    /// <summary>PyTorch's SequentialLR: schedulers[i] runs from milestones[i−1] on, restarted at its own epoch 0
    /// at its milestone. Milestones strictly increasing, ≥ 1, one fewer than schedulers.</summary>
    public static Schedule SequentialLR(IReadOnlyList<Schedule> schedulers, IReadOnlyList<int> milestones) =>
        new(Sequential(Cores(schedulers), milestones));

    /// <summary>SequentialLR holding a scheduler that watches a metric (celldetection's): the metric is forwarded
    /// to the children that watch one. A <see cref="Schedule"/> converts to a <see cref="MetricSchedule"/>.</summary>
    public static MetricSchedule SequentialLR(IReadOnlyList<MetricSchedule> schedulers, IReadOnlyList<int> milestones) =>
        new(Sequential(Cores(schedulers), milestones));

    /// <summary>PyTorch's ChainedScheduler: every step, each scheduler acts in order on the LRs the previous left.</summary>
    public static Schedule ChainedScheduler(IReadOnlyList<Schedule> schedulers) => new(Chained(Cores(schedulers)));

    /// <summary>ChainedScheduler holding a scheduler that watches a metric; the metric is forwarded to each that
    /// watches one.</summary>
    public static MetricSchedule ChainedScheduler(IReadOnlyList<MetricSchedule> schedulers) =>
        new(Chained(Cores(schedulers)));

    private static IEnumerable<Scheduler<double>> Cores(IEnumerable<LRSchedule> schedulers)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        var cores = schedulers.Select(s => s?.Core).ToArray();
        if (cores.Any(c => c is null)) throw new ArgumentNullException(nameof(schedulers), "schedulers holds a null scheduler.");
        return cores!;
    }

    private static Scheduler<double> Sequential(IEnumerable<Scheduler<double>> schedulers, IReadOnlyList<int> milestones)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        return Core.SequentialLR(schedulers, milestones);
    }

    private static Scheduler<double> Chained(IEnumerable<Scheduler<double>> schedulers) => Core.ChainedScheduler(schedulers);
}
