using System.Collections.Generic;
using System.Linq;
using Schedules.CSharp;
using Xunit;

namespace CSharpInteropTests;

/// <summary>The seed's examples, ported to C# under the seed's names (<see cref="CellDetection"/>) with the seed's
/// defaults, against the numbers the F# core gives for the seed's configurations.</summary>
public sealed class SeedExamplesTests
{
    private static readonly double[] BaseLrs = [0.1, 0.01];

    private static double[][] Core(global::Schedules.Scheduler<Microsoft.FSharp.Core.Unit> scheduler, int steps) =>
        global::Schedules.Scheduler.RunSteps(scheduler, global::Schedules.GroupValues.Of(BaseLrs), steps)
            .Rows.Select(r => r.Lrs.ToArray()).ToArray();

    private static double[][] Rows(ScheduleTrace trace) => trace.Lrs.Select(r => r.ToArray()).ToArray();

    [Fact]
    public void WarmUpThenCosineAnnealingThroughSequentialLR()
    {
        // SequentialLR(optimizer, [WarmUp(optimizer, 512), CosineAnnealingLR(optimizer, T_max=512, eta_min=0.00001)], milestones=[512])
        var scheduler = CellDetection.SequentialLR(
            [CellDetection.WarmUp(512), LRScheduler.CosineAnnealingLR(tMax: 512, etaMin: 0.00001)],
            milestones: [512]);

        var expected = Core(
            global::Schedules.LRScheduler.SequentialLR(
                [global::Schedules.LRScheduler.WarmUp(512, null), global::Schedules.LRScheduler.CosineAnnealingLR(512, 0.00001)],
                [512]),
            1500);

        Assert.Equal(expected, Rows(scheduler.Run(BaseLrs, 1500)));
        Assert.Equal(0.0, scheduler.Run(BaseLrs, 0).Rows[0].Lrs[0]);
    }

    [Fact]
    public void StepLRChainedWithWarmUp()
    {
        // ChainedScheduler([StepLR(optimizer, 5, gamma=.99), WarmUp(optimizer, 512)])
        var scheduler = LRScheduler.ChainedScheduler([LRScheduler.StepLR(5, gamma: .99), CellDetection.WarmUp(512)]);

        var expected = Core(
            global::Schedules.LRScheduler.ChainedScheduler(
                [global::Schedules.LRScheduler.StepLR(5, .99), global::Schedules.LRScheduler.WarmUp(512, null)]),
            700);

        Assert.Equal(expected, Rows(scheduler.Run(BaseLrs, 700)));
    }

    [Fact]
    public void WarmUpThenReduceLROnPlateau()
    {
        // SequentialLR(optimizer, [WarmUp(optimizer, 5), ReduceLROnPlateau(optimizer, factor=0.5, patience=2)], milestones=[6])
        // with celldetection.optim's classes: the plateau scheduler's grace period is on by default (warmup=1).
        var scheduler = CellDetection.SequentialLR(
            [CellDetection.WarmUp(5), CellDetection.ReduceLROnPlateau(factor: 0.5, patience: 2)],
            milestones: [6]);

        double[] metrics = [1.0, 0.9, 0.8, 0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, double.NaN, 0.5, 0.5, 0.5, 0.5];
        var trace = scheduler.Run(BaseLrs, metrics);

        var core = global::Schedules.LRScheduler.SequentialLR(
            [
                global::Schedules.Scheduler.WithMetric(global::Schedules.LRScheduler.WarmUp(5, null)),
                global::Schedules.Scheduler.CreateWatching(
                    global::Schedules.Config.NewReduceLROnPlateau(
                        new global::Schedules.ReduceLROnPlateauConfig(
                            global::Schedules.PlateauMode.Min, 0.5, 2, 1e-4, global::Schedules.ThresholdMode.Rel, 0,
                            global::Schedules.ForGroups<double>.NewAll(0.0), 1e-8, 1)))
            ],
            [6]);

        var expected = global::Schedules.Scheduler.Run(core, global::Schedules.GroupValues.Of(BaseLrs), metrics)
            .Rows.Select(r => r.Lrs.ToArray()).ToArray();

        Assert.Equal(expected, Rows(trace));
        Assert.Contains(trace.Rows.SelectMany(r => r.Events), e => e is LrReduced { Group: 0, OldLr: 0.1, NewLr: 0.05 });
        Assert.Contains(trace.Rows.SelectMany(r => r.Events), e => e is SchedulerSwitched { Index: 1 });
    }

    [Fact]
    public void StepByStepEqualsRun()
    {
        var scheduler = LRScheduler.OneCycleLR(maxLr: 1.0, totalSteps: 30);
        var trace = scheduler.Run(BaseLrs, 30);
        var result = scheduler.Init(BaseLrs);
        var rows = new List<IReadOnlyList<double>> { result.Lrs };

        for (var i = 0; i < 30; i++)
        {
            result = scheduler.Step(result.State, result.Lrs);
            rows.Add(result.Lrs);
            Assert.NotNull(result.Momentum);
        }

        Assert.Equal(trace.Lrs.Select(r => r.ToArray()), rows.Select(r => r.ToArray()));
        Assert.Equal(trace.State, result.State);
    }

    [Fact]
    public void SaveAndLoadAState()
    {
        var scheduler = LRScheduler.CosineAnnealingWarmRestarts(t0: 3, tMult: 2);
        var result = scheduler.Init(BaseLrs);
        result = scheduler.StepAt(result.State, 4.5, result.Lrs);
        var json = scheduler.Save(result.State);
        Assert.Equal(result.State, scheduler.Load(json));
        Assert.Throws<System.FormatException>(() => LRScheduler.CosineAnnealingWarmRestarts(t0: 4).Load(json));
    }
}
