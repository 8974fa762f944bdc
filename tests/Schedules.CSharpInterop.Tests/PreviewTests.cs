using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.FSharp.Core;
using Schedules.CSharp;
using Xunit;
using Core = global::Schedules.LRScheduler;

namespace CSharpInteropTests;

/// <summary>Preview and simulation from C#: the F# core's numbers, and what stepping gives.</summary>
public sealed class PreviewTests
{
    private static readonly double[] BaseLrs = [0.1, 0.01];

    private static global::Schedules.GroupValues Values(double[] lrs) => global::Schedules.GroupValues.Of(lrs);

    // LinearLR warm-up, then cosine annealing: a closed form with a milestone event at step 5.
    private static Schedule WarmCosine() =>
        LRScheduler.SequentialLR([LRScheduler.LinearLR(0.25, 1.0, 4), LRScheduler.CosineAnnealingLR(20, 1e-4)], [5]);

    private static global::Schedules.Scheduler<Unit> CoreWarmCosine() =>
        Core.SequentialLR([Core.LinearLR(0.25, 1.0, 4), Core.CosineAnnealingLR(20, 1e-4)], [5]);

    // No closed form: the preview folds one run.
    private static Schedule Folded() =>
        LRScheduler.ChainedScheduler([LRScheduler.StepLR(3, 0.5), LRScheduler.MultiplicativeLR(_ => 0.9)]);

    private static void SameSample(global::Schedules.Sample expected, PreviewSample actual)
    {
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected.Output.Lrs.ToArray(), actual.Lrs.ToArray());
        Assert.Equal(
            FSharpOption<global::Schedules.GroupValues>.get_IsSome(expected.Output.Momentum) ? expected.Output.Momentum.Value.ToArray() : null,
            actual.Momentum?.ToArray());
        Assert.Equal(expected.Output.Events.Count(), actual.Events.Count);
    }

    [Fact]
    public void SampleGivesTheCoresNumbersInTheOrderAsked()
    {
        int[] steps = [30, 0, 5, 4, 1_000_000];
        var expected = global::Schedules.Preview.Sample(CoreWarmCosine(), Values(BaseLrs), steps);
        var actual = Preview.Sample(WarmCosine(), BaseLrs, steps);

        Assert.Equal(steps, actual.Select(s => s.Step));
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++) SameSample(expected[i], actual[i]);
        Assert.Equal(new ScheduleEvent[] { new SchedulerSwitched(1) }, actual[2].Events);
    }

    [Fact]
    public void RangeGivesTheCoresNumbersWithMomentum()
    {
        var expected = global::Schedules.Preview.Range(
            Core.OneCycleLR(global::Schedules.ForGroups<double>.NewAll(0.1), 50, null, null, null, null, null, null, null, null, null, null),
            Values(BaseLrs), 0, 50);
        var actual = Preview.Range(LRScheduler.OneCycleLR(0.1, totalSteps: 50), BaseLrs, 0, 50);

        Assert.Equal(51, actual.Count);
        Assert.All(actual, s => Assert.NotNull(s.Momentum));
        for (var i = 0; i < expected.Length; i++) SameSample(expected[i], actual[i]);
    }

    [Fact]
    public void AtIsRandomAccessWhereTheScheduleHasAClosedForm()
    {
        var sgdr = LRScheduler.CosineAnnealingWarmRestarts(10);
        Assert.True(Preview.HasClosedForm(sgdr));
        Assert.False(Preview.HasClosedForm(Folded()));

        // A restart: T_0 = 10 divides 10^9, so the LR is back at the base LR.
        Assert.Equal(0.1, Preview.At(sgdr, [0.1], 1_000_000_000).Lrs[0]);
        Assert.Equal(
            global::Schedules.Preview.At(Core.CosineAnnealingWarmRestarts(10, 1, 0.0), Values([0.1]), 999_999_995).Lrs.ToArray(),
            Preview.At(sgdr, [0.1], 999_999_995).Lrs.ToArray());
    }

    [Fact]
    public void ThePreviewAgreesWithStepping()
    {
        var stepped = WarmCosine().Run(BaseLrs, 40).Rows;
        var previewed = Preview.Range(WarmCosine(), BaseLrs, 0, 40);

        // Closed forms are PyTorch's step(epoch): within a few ulps of the recursion, as in PyTorch.
        for (var step = 0; step <= 40; step++)
            for (var g = 0; g < BaseLrs.Length; g++)
                Assert.Equal(stepped[step].Lrs[g], previewed[step].Lrs[g], 1e-15);
        Assert.Equal(stepped.Select(r => r.Events.Count), previewed.Select(s => s.Events.Count));

        // Folding is stepping: bit for bit.
        var run = Folded().Run(BaseLrs, 20).Rows;
        Assert.Equal(
            new[] { run[20].Lrs, run[3].Lrs, run[0].Lrs }.Select(l => l.ToArray()),
            Preview.Sample(Folded(), BaseLrs, [20, 3, 0]).Select(s => s.Lrs.ToArray()));
    }

    [Fact]
    public void SeriesHasOneColumnPerGroupWithTheCoresAndTheRangesNumbers()
    {
        foreach (var (schedule, core) in new[] { (WarmCosine(), CoreWarmCosine()), (Folded(), Core.ChainedScheduler([Core.StepLR(3, 0.5), Core.MultiplicativeLR(FuncConvert.FromFunc<int, double>(_ => 0.9))])) })
        {
            var series = Preview.Series(schedule, BaseLrs, 7, 1_007);
            var expected = global::Schedules.Preview.Series(core, Values(BaseLrs), 7, 1_007);
            var range = Preview.Range(schedule, BaseLrs, 7, 1_007);

            Assert.Equal(7, series.First);
            Assert.Equal(1_001, series.Count);
            Assert.Equal(BaseLrs.Length, series.Lrs.Count);
            for (var g = 0; g < BaseLrs.Length; g++)
            {
                Assert.Equal(expected.Lrs[g].ToArray(), series.Lrs[g]);
                Assert.Equal(range.Select(s => s.Lrs[g]), series.Lrs[g]);
            }
        }
    }

    [Fact]
    public void TheDocExampleHoldsItsNumbers()
    {
        var cosine = LRScheduler.CosineAnnealingLR(tMax: 100);
        Assert.Equal(0.05, Preview.At(cosine, [0.1], 50).Lrs[0]);
        Assert.Equal(101, Preview.Series(cosine, [0.1], 0, 100).Lrs[0].Length);
    }

    // docs:begin csharp-preview
    [Fact]
    public void PreviewASchedule()
    {
        var schedule = LRScheduler.SequentialLR(
            [LRScheduler.LinearLR(0.25, 1.0, 4), LRScheduler.CosineAnnealingLR(tMax: 20, etaMin: 1e-4)], milestones: [5]);
        double[] lrs = [0.1, 0.01];

        bool closedForm = Preview.HasClosedForm(schedule);                 // true: any step costs the same
        TraceRow far = Preview.At(schedule, lrs, 1_000_000);                // far.Lrs, far.Momentum, far.Events
        IReadOnlyList<PreviewSample> some = Preview.Sample(schedule, lrs, [0, 5, 100]);
        IReadOnlyList<PreviewSample> all = Preview.Range(schedule, lrs, 0, 100);
        PreviewSeries series = Preview.Series(schedule, lrs, 0, 1_000_000); // series.Lrs[group] is a double[]

        Assert.True(closedForm);
        Assert.Equal([series.Lrs[0][^1], series.Lrs[1][^1]], far.Lrs.ToArray());
        Assert.Equal([all[0].Lrs.ToArray(), all[5].Lrs.ToArray(), all[100].Lrs.ToArray()], some.Select(s => s.Lrs.ToArray()));
        Assert.Equal(all.Select(s => s.Lrs[1]), series.Lrs[1].Take(101));
    }
    // docs:end csharp-preview

    [Fact]
    public void SimulatingOnRecordedMetricsIsStepping()
    {
        var schedule = LRScheduler.SequentialLR(
            [LRScheduler.LinearLR(0.5, 1.0, 2).WithMetric(), LRScheduler.ReduceLROnPlateau(factor: 0.5, patience: 1, warmup: 0)],
            [3]);
        double[] losses = [2.3, 1.6, 1.2, 1.0, 1.0, 1.1, 0.9, 0.9, 0.95, 0.9, double.NaN, 0.8];

        var trace = schedule.Run(BaseLrs, losses);

        var stepped = new List<StepResult> { schedule.Init(BaseLrs) };
        foreach (var loss in losses) stepped.Add(schedule.Step(stepped[^1].State, stepped[^1].Lrs, loss));

        Assert.Equal(losses.Length + 1, trace.Rows.Count);
        Assert.Equal(stepped.Select(r => r.Lrs.ToArray()), trace.Rows.Select(r => r.Lrs.ToArray()));
        Assert.Equal(stepped.SelectMany(r => r.Events), trace.Rows.SelectMany(r => r.Events));
        Assert.Equal(stepped[^1].State, trace.State);
        Assert.Contains(trace.Rows.SelectMany(r => r.Events), e => e is LrReduced { Group: 1 });
        Assert.Contains(trace.Rows.SelectMany(r => r.Events), e => e is SchedulerSwitched { Index: 1 });
    }

    [Fact]
    public void BadArgumentsNameTheirParameter()
    {
        Assert.Equal("schedule", Assert.Throws<ArgumentNullException>(() => Preview.At(null!, BaseLrs, 1)).ParamName);
        Assert.Equal("lrs", Assert.Throws<ArgumentNullException>(() => Preview.Series(WarmCosine(), null!, 0, 1)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentNullException>(() => Preview.Sample(WarmCosine(), BaseLrs, null!)).ParamName);
        Assert.Equal("steps", Assert.ThrowsAny<ArgumentException>(() => Preview.Sample(WarmCosine(), BaseLrs, [3, -1])).ParamName);
        Assert.Equal("first", Assert.ThrowsAny<ArgumentException>(() => Preview.Range(WarmCosine(), BaseLrs, -1, 3)).ParamName);
        Assert.Equal("last", Assert.ThrowsAny<ArgumentException>(() => Preview.Series(WarmCosine(), BaseLrs, 5, 4)).ParamName);
        Assert.Throws<InvalidOperationException>(() => Preview.At(LRScheduler.OneCycleLR(0.1, totalSteps: 10), BaseLrs, 11));
    }
}
