using Core = Schedules;
using System;
using System.Collections.Generic;
using System.Linq;
using Schedules.CSharp;
using Xunit;

namespace CSharpInteropTests;

/// <summary>Hugging Face's schedules from C#: thin delegation to the core, Hugging Face's numbers.</summary>
public sealed class HuggingFaceTests
{
    private static double[] Lrs(ScheduleTrace trace) => trace.Lrs.Select(r => r[0]).ToArray();

    [Fact]
    public void TheLinearScheduleWarmsUpThenFallsToZero()
    {
        var lrs = Lrs(HuggingFace.GetLinearScheduleWithWarmup(2, 6).Run([1.0], 8));
        Assert.Equal([0.0, 0.5, 1.0, 0.75, 0.5, 0.25, 0.0, 0.0, 0.0], lrs);
    }

    [Fact]
    public void TheCosineClimbsBackAfterNumTrainingSteps()
    {
        var lrs = Lrs(HuggingFace.GetCosineScheduleWithWarmup(2, 10).Run([1.0], 18));
        Assert.Equal(0.0, lrs[10]);
        Assert.Equal(1.0, lrs[18]);
    }

    [Fact]
    public void ThePolynomialScheduleReadsTheOptimizersDefaultLr()
    {
        var lrs = Lrs(HuggingFace.GetPolynomialDecayScheduleWithWarmup(2, 12, optimizerLr: 0.1, lrEnd: 0.001, power: 2.0)
            .Run([0.1], 16));
        Assert.Equal(0.08119000000000001, lrs[3]);
        Assert.Equal(0.001, lrs[16]);
    }

    [Fact]
    public void TheWsdScheduleHasThreePhases()
    {
        var lrs = Lrs(HuggingFace.GetWsdSchedule(2, 4, numStableSteps: 3, decayType: "linear", minLrRatio: 0.1)
            .Run([1.0], 12));
        Assert.Equal(0.1, lrs[0]);
        Assert.Equal(1.0, lrs[3]);
        Assert.Equal(0.1, lrs[12]);
    }

    [Fact]
    public void GreedyLRRaisesTheLrOnImprovement()
    {
        var greedy = HuggingFace.GreedyLR(mode: PlateauMode.Max, factor: 0.5, patience: 0, thresholdMode: ThresholdMode.Rel, maxLr: 2.0);
        var lrs = Lrs(greedy.Run([0.05], [2.7620089856047403, 2.7346070461794594, 2.777673776255198]));
        Assert.Equal([0.05, 0.1, 0.05, 0.1], lrs);
    }

    [Fact]
    public void GetSchedulerReturnsTheNamedSchedule()
    {
        var named = HuggingFace.GetScheduler(
            "cosine_with_restarts", 5, 35, new Dictionary<string, object?> { ["num_cycles"] = 3 });
        var schedule = Assert.IsType<Schedule>(named);
        Assert.Equal(
            Lrs(HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup(5, 35, 3).Run([0.1], 40)),
            Lrs(schedule.Run([0.1], 40)));

        Assert.IsType<MetricSchedule>(HuggingFace.GetScheduler("greedy"));
    }

    [Fact]
    public void InvalidArgumentsNameTheirParameter()
    {
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => HuggingFace.GetScheduler("cosine_annealing")).ParamName);
        Assert.Equal("factor", Assert.ThrowsAny<ArgumentException>(() => HuggingFace.GreedyLR(factor: 1.0)).ParamName);
        Assert.Equal("decay_type", Assert.ThrowsAny<ArgumentException>(
            () => HuggingFace.GetWsdSchedule(1, 1, numStableSteps: 1, decayType: "exponential")).ParamName);
        Assert.Equal("min_lr_rate", Assert.ThrowsAny<ArgumentException>(
            () => HuggingFace.GetCosineWithMinLrScheduleWithWarmup(0, 10)).ParamName);
    }

    private static double[][] CoreLrs(Core.Scheduler<Microsoft.FSharp.Core.Unit> s, double[] lrs, int steps) =>
        Core.Scheduler.RunSteps(s, Core.GroupValues.Of(lrs), steps).Rows.Select(r => r.Lrs.ToArray()).ToArray();

    [Theory]
    [InlineData(10, null)]
    [InlineData(10, 3)]
    [InlineData(0, null)]
    [InlineData(1, 1)]
    public void GetInverseSqrtScheduleGivesTheCoresLrs(int numWarmupSteps, int? timescale)
    {
        double[] lrs = [0.1, 0.02];
        var csharp = HuggingFace.GetInverseSqrtSchedule(numWarmupSteps, timescale).Run(lrs, 40);
        var core = CoreLrs(
            Core.HuggingFace.GetInverseSqrtSchedule(
                numWarmupSteps, timescale is int t ? Microsoft.FSharp.Core.FSharpOption<int>.Some(t) : null),
            lrs,
            40);

        Assert.Equal(core.Length, csharp.Rows.Count);
        for (var k = 0; k < core.Length; k++) Assert.Equal(core[k], csharp.Rows[k].Lrs.ToArray());
        Assert.Equal("hf.get_inverse_sqrt_schedule", HuggingFace.GetInverseSqrtSchedule(numWarmupSteps, timescale).Kind);
    }

    [Fact]
    public void TheTimescaleDefaultsToTheWarmUp()
    {
        double[] lrs = [0.1];
        Assert.Equal(
            HuggingFace.GetInverseSqrtSchedule(8, 8).Run(lrs, 30).Rows.Select(r => r.Lrs[0]),
            HuggingFace.GetInverseSqrtSchedule(8).Run(lrs, 30).Rows.Select(r => r.Lrs[0]));
        Assert.NotEqual(
            HuggingFace.GetInverseSqrtSchedule(8, 4).Run(lrs, 30).Rows.Select(r => r.Lrs[0]),
            HuggingFace.GetInverseSqrtSchedule(8).Run(lrs, 30).Rows.Select(r => r.Lrs[0]));
    }

    [Fact]
    public void ATimescaleBelowOneIsRefusedByName()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => HuggingFace.GetInverseSqrtSchedule(10, 0));
        Assert.Equal("timescale", e.ParamName);
    }
}
