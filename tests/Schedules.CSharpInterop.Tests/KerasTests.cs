using System;
using System.Linq;
using Schedules.CSharp;
using Xunit;

namespace CSharpInteropTests;

/// <summary>
/// Keras' schedules and callback from C# (<see cref="Keras"/>): the calls Keras users write, ported literally, give
/// the numbers of the published Keras cases (tests/conformance/keras), and the defaults are the core's.
/// </summary>
public sealed class KerasTests
{
    private static double[] Values(Schedule s, int steps) => s.Run([1.0], steps).Lrs.Select(r => r[0]).ToArray();

    [Fact]
    public void ExponentialDecayWithStaircase()
    {
        // keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=3, decay_rate=0.5, staircase=True)
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025], Values(Keras.ExponentialDecay(0.1, 3, 0.5, staircase: true), 6));
    }

    [Fact]
    public void PiecewiseConstantDecayKeepsTheEarlierValueAtTheBoundary()
    {
        // PiecewiseConstantDecay(boundaries=[2, 5], values=[0.1, 0.05, 0.01]): edge-pub-keras-piecewise-boundaries
        Assert.Equal(
            [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.01, 0.01, 0.01],
            Values(Keras.PiecewiseConstantDecay([2, 5], [0.1, 0.05, 0.01]), 8));
    }

    [Fact]
    public void PolynomialDecayWithCycle()
    {
        // PolynomialDecay(0.1, decay_steps=2, end_learning_rate=0.01, power=2.0, cycle=True): keras.PolynomialDecay-1-2
        Assert.Equal(
            [0.1, 0.0325, 0.01, 0.015625, 0.01, 0.012499999999999999],
            Values(Keras.PolynomialDecay(0.1, 2, endLearningRate: 0.01, power: 2.0, cycle: true), 5));
    }

    [Fact]
    public void InverseTimeDecay()
    {
        // InverseTimeDecay(0.003, decay_steps=1, decay_rate=0.1): keras.InverseTimeDecay-1-0
        Assert.Equal([0.003, 0.002727272727272727, 0.0025], Values(Keras.InverseTimeDecay(0.003, 1, 0.1), 2));
    }

    [Fact]
    public void CosineDecayWithWarmup()
    {
        // CosineDecay(0.0, decay_steps=8, warmup_target=0.1, warmup_steps=4, alpha=0.05): edge-pub-keras-cosine-warmup
        var values = Values(Keras.CosineDecay(0.0, 8, alpha: 0.05, warmupTarget: 0.1, warmupSteps: 4), 14);
        Assert.Equal([0.0, 0.025, 0.05, 0.07500000000000001, 0.1, 0.09638427779428613], values.Take(6));
        Assert.Equal(0.005000000000000001, values[14]);
    }

    [Fact]
    public void CosineDecayRestartsKeepsTheFloorOfLogGlitch()
    {
        // CosineDecayRestarts(1.0, first_decay_steps=1, t_mul=3.0): the exact restart at 121 gives 0, not the peak
        var values = Values(Keras.CosineDecayRestarts(1.0, 1, tMul: 3.0), 121);
        Assert.Equal(1.0, values[40]);
        Assert.Equal(0.0, values[121]);
    }

    [Fact]
    public void ReduceLROnPlateauReducesOnThePatienceThBadEpoch()
    {
        // ReduceLROnPlateau(patience=2, factor=0.5, cooldown=1) on [1.0] + [0.9] * 11: edge-pub-keras-rop-patience-2
        var trace = Keras.ReduceLROnPlateau(patience: 2, factor: 0.5, cooldown: 1)
            .Run([0.1], new[] { 1.0 }.Concat(Enumerable.Repeat(0.9, 11)));
        Assert.Equal(
            [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625, 0.00625, 0.003125],
            trace.Lrs.Select(r => r[0]));
    }

    [Fact]
    public void ReduceLROnPlateauInAutoModeNeedsALossMonitor()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Keras.ReduceLROnPlateau(monitor: "val_accuracy"));
        Assert.Equal("mode", e.ParamName);
        var max = Keras.ReduceLROnPlateau(monitor: "val_accuracy", mode: PlateauMode.Max, patience: 1, factor: 0.5);
        Assert.Equal([1.0, 1.0, 1.0, 0.5], max.Run([1.0], [0.5, 0.6, 0.6]).Lrs.Select(r => r[0]));
    }

    [Fact]
    public void RefusalsNameKerasParameters()
    {
        Assert.Equal("decay_steps", Assert.ThrowsAny<ArgumentException>(() => Keras.ExponentialDecay(0.1, 0, 0.5)).ParamName);
        Assert.Equal("t_mul", Assert.ThrowsAny<ArgumentException>(() => Keras.CosineDecayRestarts(0.1, 10, tMul: 0.5)).ParamName);
        Assert.Equal("factor", Assert.ThrowsAny<ArgumentException>(() => Keras.ReduceLROnPlateau(factor: 1.0)).ParamName);
        Assert.Throws<ArgumentNullException>(() => Keras.PiecewiseConstantDecay(null!, [0.1]));
    }

    [Fact]
    public void TheCSharpDefaultsAreTheCoresDefaults()
    {
        static string Described(LRSchedule s) => s.Save(s.Init([0.1]).State);

        static string Core<TMetric>(global::Schedules.Scheduler<TMetric> s) =>
            global::Schedules.Checkpoint.Save(
                s, global::Schedules.Scheduler.Init(s, global::Schedules.GroupValues.Of([0.1])).Item1);

        Assert.Equal(Core(global::Schedules.Keras.ReduceLROnPlateau(null, null, null, null, null, null, null)), Described(Keras.ReduceLROnPlateau()));
        Assert.Equal(Core(global::Schedules.Keras.CosineDecay(0.1, 10, null, null, null)), Described(Keras.CosineDecay(0.1, 10)));
        Assert.Equal(Core(global::Schedules.Keras.PolynomialDecay(0.1, 10)), Described(Keras.PolynomialDecay(0.1, 10)));
        Assert.Equal(Core(global::Schedules.Keras.CosineDecayRestarts(0.1, 10)), Described(Keras.CosineDecayRestarts(0.1, 10)));
        Assert.Equal(Core(global::Schedules.Keras.ExponentialDecay(0.1, 10, 0.5)), Described(Keras.ExponentialDecay(0.1, 10, 0.5)));
        Assert.Equal(Core(global::Schedules.Keras.InverseTimeDecay(0.1, 10, 0.5)), Described(Keras.InverseTimeDecay(0.1, 10, 0.5)));
    }
}
