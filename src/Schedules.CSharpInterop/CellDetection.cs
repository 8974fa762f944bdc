using System;
using System.Collections.Generic;

namespace Schedules.CSharp;

/// <summary>
/// The seed's three schedulers (<c>from celldetection.optim import WarmUp, ReduceLROnPlateau, SequentialLR</c>) under
/// the seed's own name and with the seed's defaults, so a port of celldetection code reads line by line and gives
/// the seed's numbers. They are <see cref="LRScheduler"/>'s schedulers; only the defaults differ: ReduceLROnPlateau's
/// grace period is on (warmup 1), where PyTorch's has none.
/// </summary>
/// <example><code>
/// var scheduler = CellDetection.SequentialLR(
///     [CellDetection.WarmUp(steps: 5), CellDetection.ReduceLROnPlateau(factor: 0.5, patience: 2)],   // warmup 1
///     milestones: [6]);
/// </code></example>
public static class CellDetection
{
    /// <summary>celldetection's WarmUp: LR = base × lrLambda(step, steps) for step ≤ steps, then the incoming LRs
    /// pass through unchanged. The default factor is linear, 1 when step &gt; steps, else min(step / steps, 1), so the
    /// LR starts at 0.</summary>
    /// <param name="steps">Warm-up steps; at least 1.</param>
    /// <param name="lrLambda">The factor as a function of (step, steps); null for the linear one.</param>
    public static Schedule WarmUp(int steps, Func<int, int, double>? lrLambda = null) => LRScheduler.WarmUp(steps, lrLambda);

    /// <summary>celldetection's WarmUp with one factor function per param group.</summary>
    public static Schedule WarmUp(int steps, IReadOnlyList<Func<int, int, double>> lrLambda) =>
        LRScheduler.WarmUp(steps, lrLambda);

    /// <summary>celldetection's ReduceLROnPlateau: PyTorch's rule with the seed's grace period and defaults. New
    /// LR = max(LR × factor, minLr) once more than patience observations fail to improve on the best (by threshold,
    /// in thresholdMode); a group changes only when old − new &gt; eps; no reduction for cooldown observations after
    /// one; the first warmup observations (default 1, the seed's) run the rule, then the best value is restored and
    /// the bad-epoch count reset.</summary>
    public static MetricSchedule ReduceLROnPlateau(
        PlateauMode mode = PlateauMode.Min,
        double factor = 0.1,
        int patience = 10,
        double threshold = 1e-4,
        ThresholdMode thresholdMode = ThresholdMode.Rel,
        int cooldown = 0,
        GroupSetting? minLr = null,
        double eps = 1e-8,
        int warmup = 1) =>
        LRScheduler.ReduceLROnPlateau(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps, warmup);

    /// <summary>celldetection's SequentialLR holding a scheduler that watches a metric: PyTorch's SequentialLR
    /// (schedulers[i] runs from milestones[i−1] on, restarted at its own epoch 0), with the metric forwarded to the
    /// children that watch one. At its milestone a ReduceLROnPlateau child in its grace period receives the seed's 0
    /// (a grace observation that cannot reduce), otherwise the real metric. A <see cref="Schedule"/> converts to a
    /// <see cref="MetricSchedule"/>.</summary>
    public static MetricSchedule SequentialLR(IReadOnlyList<MetricSchedule> schedulers, IReadOnlyList<int> milestones) =>
        LRScheduler.SequentialLR(schedulers, milestones);

    /// <summary>celldetection's SequentialLR over step-based schedulers (as PyTorch's): schedulers[i] runs from
    /// milestones[i−1] on, restarted at its own epoch 0 at its milestone. Milestones strictly increasing, ≥ 1, one
    /// fewer than schedulers.</summary>
    public static Schedule SequentialLR(IReadOnlyList<Schedule> schedulers, IReadOnlyList<int> milestones) =>
        LRScheduler.SequentialLR(schedulers, milestones);
}
