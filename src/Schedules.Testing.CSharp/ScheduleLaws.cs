using System;
using System.Collections.Generic;
using Schedules.CSharp;

namespace Schedules.Testing;

/// <summary>
/// The laws of <c>Schedules.Testing</c> for the C# facade's schedulers (<c>Schedules.CSharpInterop</c>): the same
/// properties as F#'s <c>Laws</c>, over runs of the facade's public API. Check each with <see cref="Law.Check"/> or
/// hand its <see cref="Law.Property"/> to your FsCheck runner.
/// </summary>
public static class ScheduleLaws
{
    /// <summary>Every general law (determinism, replay, save/load, finite non-negative LRs, composition identity)
    /// for a step-based scheduler on <paramref name="groups"/> param groups, over runs of 0 to 60 steps.</summary>
    /// <param name="schedule">The scheduler, with your own lambdas.</param>
    /// <param name="groups">How many param groups the runs start with; at least 1.</param>
    public static IReadOnlyList<Law> For(Schedule schedule, int groups)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return [.. Laws.ofSubject(FacadeSubject.Of(schedule), Arbs.Lrs(groups), Arbs.Steps(double.NaN))];
    }

    /// <summary>Every general law for a scheduler that watches a metric, on <paramref name="groups"/> param groups,
    /// over metric series with NaN, ±∞, plateaus and ties.</summary>
    /// <param name="schedule">The scheduler, with your own lambdas.</param>
    /// <param name="groups">How many param groups the runs start with; at least 1.</param>
    public static IReadOnlyList<Law> For(MetricSchedule schedule, int groups)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return [.. Laws.ofSubject(FacadeSubject.Of(schedule), Arbs.Lrs(groups), Arbs.Metrics())];
    }
}
