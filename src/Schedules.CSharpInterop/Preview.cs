using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace Schedules.CSharp;

/// <summary>
/// See a step-based schedule before training with it: the LRs at any step, by closed form where the scheduler has
/// one (random access: the LR at step 10^9 costs what the LR at step 10 costs) and by folding one run where not
/// (MultiplicativeLR, ChainedScheduler). The F# core's <c>Preview</c>, from C#.
/// </summary>
/// <remarks>
/// Closed forms follow PyTorch's (as its <c>step(epoch)</c> would give); they can differ from a stepped run by a few
/// ulps, as PyTorch's own closed and recursive forms do. To simulate a schedule that watches a metric against a
/// recorded metric series, use <see cref="MetricSchedule.Run"/>: its rows hold the LRs, momenta and events
/// (reductions, milestones) of every step.
/// <code>
/// var cosine = LRScheduler.CosineAnnealingLR(tMax: 100);
/// double lr = Preview.At(cosine, [0.1], 50).Lrs[0];             // 0.05
/// double[] column = Preview.Series(cosine, [0.1], 0, 100).Lrs[0]; // 101 LRs
/// </code>
/// </remarks>
public static class Preview
{
    /// <summary>Whether the schedule has a closed form (its LRs at any step in constant time).</summary>
    public static bool HasClosedForm(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Schedules.Preview.HasClosedForm(schedule.StepBased);
    }

    /// <summary>
    /// The LRs (and momentum, and milestone events) at each of <paramref name="steps"/>, in the order given, for the
    /// schedule built on <paramref name="lrs"/>. Step 0 is what building it produces.
    /// </summary>
    /// <param name="schedule">The step-based schedule to preview.</param>
    /// <param name="lrs">The optimizer's LRs, one per param group; finite and &gt;= 0.</param>
    /// <param name="steps">The steps to sample, each &gt;= 0, in any order.</param>
    public static IReadOnlyList<PreviewSample> Sample(Schedule schedule, IReadOnlyList<double> lrs, IEnumerable<int> steps)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(steps);
        return Samples(Schedules.Preview.Sample(schedule.StepBased, Interop.Values(lrs, nameof(lrs)), steps));
    }

    /// <summary>The LRs (and momentum, and milestone events) at one step; see <see cref="Sample"/>.</summary>
    /// <param name="schedule">The step-based schedule to preview.</param>
    /// <param name="lrs">The optimizer's LRs, one per param group; finite and &gt;= 0.</param>
    /// <param name="step">The step, &gt;= 0.</param>
    public static TraceRow At(Schedule schedule, IReadOnlyList<double> lrs, int step)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Interop.Row(Schedules.Preview.At(schedule.StepBased, Interop.Values(lrs, nameof(lrs)), step));
    }

    /// <summary>Every step from <paramref name="first"/> to <paramref name="last"/>, inclusive; see <see cref="Sample"/>.</summary>
    /// <param name="schedule">The step-based schedule to preview.</param>
    /// <param name="lrs">The optimizer's LRs, one per param group; finite and &gt;= 0.</param>
    /// <param name="first">The first step, &gt;= 0.</param>
    /// <param name="last">The last step, &gt;= <paramref name="first"/>.</param>
    public static IReadOnlyList<PreviewSample> Range(Schedule schedule, IReadOnlyList<double> lrs, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Samples(Schedules.Preview.Range(schedule.StepBased, Interop.Values(lrs, nameof(lrs)), first, last));
    }

    /// <summary>
    /// The LRs of every step from <paramref name="first"/> to <paramref name="last"/> as columns, one
    /// <c>double[]</c> per param group: the compact form for long ranges (a million steps is one array of doubles
    /// per group). The values are <see cref="Range"/>'s; schedules with a per-group closed form are computed without
    /// a per-step object.
    /// </summary>
    /// <param name="schedule">The step-based schedule to preview.</param>
    /// <param name="lrs">The optimizer's LRs, one per param group; finite and &gt;= 0.</param>
    /// <param name="first">The first step, &gt;= 0.</param>
    /// <param name="last">The last step, &gt;= <paramref name="first"/>.</param>
    public static PreviewSeries Series(Schedule schedule, IReadOnlyList<double> lrs, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var series = Schedules.Preview.Series(schedule.StepBased, Interop.Values(lrs, nameof(lrs)), first, last);
        // The core filled fresh arrays for this call; they are handed over without a copy.
        return new PreviewSeries(series.First, Interop.Columns(series.Lrs));
    }

    private static PreviewSample[] Samples(IEnumerable<Schedules.Sample> samples) =>
        samples.Select(s =>
        {
            var row = Interop.Row(s.Output);
            return new PreviewSample(s.Step, row.Lrs, row.Momentum, row.Events);
        }).ToArray();
}

/// <summary>One sampled step of a preview: what the schedule applies from that step on.</summary>
/// <param name="Step">The step (epoch or batch) sampled.</param>
/// <param name="Lrs">The LRs applied from this step on, one per param group.</param>
/// <param name="Momentum">The momentum (or beta1) where the schedule cycles it; otherwise null.</param>
/// <param name="Events">What happened in this step (a SequentialLR milestone), in order.</param>
public readonly record struct PreviewSample(
    int Step,
    IReadOnlyList<double> Lrs,
    IReadOnlyList<double>? Momentum,
    IReadOnlyList<ScheduleEvent> Events);

/// <summary>LRs over a range of steps, one column per param group: <c>Lrs[group][step - First]</c>.</summary>
public sealed class PreviewSeries
{
    internal PreviewSeries(int first, IReadOnlyList<double[]> lrs)
    {
        First = first;
        Lrs = lrs;
    }

    /// <summary>The first step of the range.</summary>
    public int First { get; }

    /// <summary>How many steps the range holds (the length of every column).</summary>
    public int Count => Lrs.Count == 0 ? 0 : Lrs[0].Length;

    /// <summary>For each param group, the LR at every step of the range: <c>Lrs[group][step - First]</c>.</summary>
    public IReadOnlyList<double[]> Lrs { get; }
}
