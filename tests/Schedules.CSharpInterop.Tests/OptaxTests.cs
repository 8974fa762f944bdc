using System;
using System.Collections.Generic;
using System.Linq;
using Schedules.CSharp;
using Xunit;
using Core = global::Schedules.Optax;

namespace CSharpInteropTests;

/// <summary>optax's schedules from C#: the F# core's numbers, optax's defaults, refusals naming the parameter.</summary>
public sealed class OptaxTests
{
    private static double[] Values(Schedule schedule, int steps) =>
        schedule.Run([1.0], steps).Lrs.Select(row => row[0]).ToArray();

    private static double[] CoreValues(global::Schedules.Scheduler<Microsoft.FSharp.Core.Unit> core, int steps) =>
        global::Schedules.Scheduler.RunSteps(core, global::Schedules.GroupValues.Of([1.0]), steps)
            .Rows.Select(o => o.Lrs[0]).ToArray();

    [Fact]
    public void WarmupCosineDecayScheduleGivesTheCoresNumbersWithOptaxsDefaults()
    {
        // edge-pub-optax-warmup-cosine: row 10 is 0.07525.
        var schedule = Optax.WarmupCosineDecaySchedule(0.0, 0.1, 5, 20, endValue: 0.001);
        Assert.Equal(CoreValues(Core.WarmupCosineDecaySchedule(0.0, 0.1, 5, 20, 0.001, 1.0), 25), Values(schedule, 25));
        Assert.Equal(0.07525, Values(schedule, 10)[10]);
        Assert.Equal("optax.warmup_cosine_decay_schedule", schedule.Kind);
    }

    [Fact]
    public void PiecewiseConstantScheduleTakesADictionaryOfStepsAndScales()
    {
        var schedule = Optax.PiecewiseConstantSchedule(1.0, new Dictionary<int, double> { [4] = 0.5, [2] = 0.25 });
        Assert.Equal([1.0, 1.0, 0.25, 0.25, 0.125, 0.125], Values(schedule, 5));
    }

    [Fact]
    public void JoinSchedulesGivesEachItsLocalTimeAndRefusesASchedulerThatIsNotACurve()
    {
        var joined = Optax.JoinSchedules([Optax.ConstantSchedule(0.5), Optax.LinearSchedule(0.0, 1.0, 2)], [2]);
        Assert.Equal([0.5, 0.5, 0.0, 0.5, 1.0], Values(joined, 4));

        var e = Assert.ThrowsAny<ArgumentException>(() =>
            Optax.JoinSchedules([Optax.ConstantSchedule(0.5), LRScheduler.StepLR(2)], [2]));
        Assert.Equal("schedules", e.ParamName);
        Assert.Contains("SequentialLR", e.Message);
    }

    [Fact]
    public void LinearOnecycleKeepsOptaxsCollapsingPeak()
    {
        // edge-pub-optax-linear-onecycle-T2
        Assert.Equal([0.1, 0.004, 4.0000000000000003e-07], Values(Optax.LinearOnecycleSchedule(2, 0.1), 2));
    }

    [Fact]
    public void ReduceOnPlateauReducesAtThePatienceThBadValue()
    {
        var plateau = Optax.ReduceOnPlateau(factor: 0.5, patience: 2);
        var lrs = plateau.Run([0.2], [1.0, 1.0, 1.0]).Lrs.Select(row => row[0]).ToArray();
        Assert.Equal([0.2, 0.2, 0.2, 0.1], lrs);
        Assert.True(plateau.WatchesMetric);
    }

    [Fact]
    public void InvalidArgumentsAreRefusedNamingTheParameter()
    {
        Assert.Equal("decay_steps", Assert.ThrowsAny<ArgumentException>(() => Optax.CosineDecaySchedule(0.1, 0)).ParamName);
        Assert.Equal("factor", Assert.ThrowsAny<ArgumentException>(() => Optax.ReduceOnPlateau(factor: 1.0)).ParamName);
        Assert.Equal(
            "decay_steps",
            Assert.ThrowsAny<ArgumentException>(() => Optax.WarmupCosineDecaySchedule(0.0, 0.1, 5, 5)).ParamName);
    }
}
