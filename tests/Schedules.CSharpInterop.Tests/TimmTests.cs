using System;
using System.Linq;
using Schedules.CSharp;
using Xunit;

namespace CSharpInteropTests;

/// <summary>timm's schedulers from C#: timm's numbers (from the published conformance cases) and the F# core's.</summary>
public sealed class TimmTests
{
    private static double[] Column(ScheduleTrace trace) => trace.Lrs.Select(r => r[0]).ToArray();

    [Fact]
    public void CosineWithAPrefixedWarmupGivesTimmsValues()
    {
        var cosine = Timm.CosineLRScheduler(24, lrMin: 1e-4, warmupT: 6, warmupLrInit: 1e-3, warmupPrefix: true);
        Assert.Equal(
            [0.001, 0.0175, 0.034, 0.0505, 0.067, 0.0835, 0.1, 0.09957267082562184],
            Column(cosine.Run([0.1], 7)));
    }

    [Fact]
    public void CosineNoiseGivesTimmsValuesAndLrScaleMultipliesAfterIt()
    {
        var range = NoiseRange.Between(4, 12);
        var plain = Timm.CosineLRScheduler(20, noiseRangeT: range, noisePct: 0.3, noiseSeed: 11).Run([0.1], 20);
        var scaled = Timm.CosineLRScheduler(20, noiseRangeT: range, noisePct: 0.3, noiseSeed: 11, lrScale: new[] { 0.5, 1.0 })
            .Run([0.1, 0.1], 20);
        Assert.Equal(0.10333043714452086, plain.Lrs[4][0]);
        for (var t = 0; t <= 20; t++)
        {
            Assert.Equal(plain.Lrs[t][0] * 0.5, scaled.Lrs[t][0]);
            Assert.Equal(plain.Lrs[t][0], scaled.Lrs[t][1]);
        }
    }

    [Fact]
    public void MultiStepKeepsTimmsEarlyDecayUnlessAskedNotTo()
    {
        Assert.Equal(0.010000000000000002, Timm.MultiStepLRScheduler([2, 5], decayRate: 0.1).Run([0.1], 2).Lrs[1][0]);
        Assert.Equal(0.1, Timm.MultiStepLRScheduler([2, 5], decayRate: 0.1, decayAtMilestone: true).Run([0.1], 2).Lrs[1][0]);
    }

    [Fact]
    public void StepTanhAndPolyGiveTimmsValues()
    {
        Assert.Equal(0.25, Timm.StepLRScheduler(2.5, decayRate: 0.5).Run([1.0], 5).Lrs[5][0]);
        Assert.Equal(0.050050000000000046, Timm.TanhLRScheduler(10, cycleLimit: 3, cycleDecay: 0.5, lrMin: 1e-4).Run([0.1], 7).Lrs[7][0]);
        Assert.Equal(0.5, Timm.PolyLRScheduler(4, power: 1.0).Run([1.0], 2).Lrs[2][0]);
    }

    [Fact]
    public void PlateauIsInMaxModeByDefault()
    {
        var plateau = Timm.PlateauLRScheduler(patienceT: 1, decayRate: 0.5);
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.025], Column(plateau.Run([0.1], [0.9, 0.89, 0.88, 0.87, 0.86])));
    }

    [Fact]
    public void InvalidArgumentsAreRefusedNamingTheParameter()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Timm.CosineLRScheduler(0));
        Assert.Equal("t_initial", e.ParamName);
        e = Assert.ThrowsAny<ArgumentException>(() => Timm.PlateauLRScheduler(decayRate: 1.0));
        Assert.Equal("decay_rate", e.ParamName);
    }
}
