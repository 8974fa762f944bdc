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
}
