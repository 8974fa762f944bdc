using System;
using System.Collections.Generic;
using System.Linq;
using Schedules.CSharp;
using Facade = Schedules.CSharp.LRScheduler;
// The LRs of every row of a run (LRs, observations) of the scheduler alone inside a composite.
using Composite = System.Func<
    System.Collections.Generic.IReadOnlyList<double>,
    System.Collections.Generic.IReadOnlyList<double>,
    System.Collections.Generic.IReadOnlyList<System.Collections.Generic.IReadOnlyList<double>>>;

namespace Schedules.Testing;

/// <summary>The C# facade's schedulers as subjects of the general laws, through their public API only.</summary>
internal static class FacadeSubject
{
    public static Subject<ScheduleState, double> Of(Schedule schedule) =>
        Of(schedule, (state, lrs, _) => schedule.Step(state, lrs),
        [
            (lrs, metrics) => Facade.SequentialLR([schedule], []).Run(lrs, metrics.Count).Lrs,
            (lrs, metrics) => Facade.ChainedScheduler([schedule]).Run(lrs, metrics.Count).Lrs,
        ]);

    public static Subject<ScheduleState, double> Of(MetricSchedule schedule)
    {
        // Composition identities hold for a scheduler that does not watch its metric.
        Composite[] composites = schedule.WatchesMetric
            ? []
            :
            [
                (lrs, metrics) => Facade.SequentialLR([schedule], []).Run(lrs, metrics).Lrs,
                (lrs, metrics) => Facade.ChainedScheduler([schedule]).Run(lrs, metrics).Lrs,
            ];
        return Of(schedule, schedule.Step, composites);
    }

    private static Subject<ScheduleState, double> Of(
        LRSchedule schedule,
        Func<ScheduleState, IReadOnlyList<double>, double, StepResult> step,
        IReadOnlyList<Composite> composites) =>
        new(
            lrs => Pair(schedule.Init(lrs)),
            (state, lrs, metric) => Pair(step(state, lrs, metric)),
            schedule.Save,
            schedule.Load,
            composites);

    private static (ScheduleState, Row) Pair(StepResult result) =>
        (result.State, new Row([.. result.Lrs], result.Momentum?.ToArray(), [.. result.Events.Cast<object>()]));
}
