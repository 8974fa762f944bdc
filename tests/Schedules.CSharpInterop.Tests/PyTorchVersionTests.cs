using System;
using System.Linq;
using Schedules.CSharp;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace CSharpInteropTests;

/// <summary>The PyTorch version from C#: the option, its read-back, its numbers, its JSON, its checkpoints and the
/// shell's refusal of 1.13's CyclicLR on Adam.</summary>
public sealed class PyTorchVersionTests
{
    // docs/porting.md's example: a MultiplicativeLR reached through a SequentialLR milestone.
    private static Schedule MultLater() =>
        LRScheduler.SequentialLR([LRScheduler.ConstantLR(0.5), LRScheduler.MultiplicativeLR(Functions.Constant(0.9))], [2]);

    private static double[] Lrs(Schedule s) => s.Run([1.0], 4).Lrs.Select(r => r[0]).ToArray();

    [Fact]
    public void TwoIsTheDefaultAnd113IsAnOption()
    {
        var s = MultLater();
        Assert.Equal(PyTorchVersion.PyTorch2, s.PyTorch);
        var old = s.WithPyTorch(PyTorchVersion.PyTorch1_13);
        Assert.Equal(PyTorchVersion.PyTorch1_13, old.PyTorch);
        Assert.Equal(PyTorchVersion.PyTorch2, old.WithPyTorch(PyTorchVersion.PyTorch2).PyTorch);

        // The numbers docs/porting.md gives: 2.x multiplies at the milestone, 1.13 keeps the LR there.
        Assert.Equal([0.5, 0.5, 0.45, 0.405, 0.3645], Lrs(s), new Close());
        Assert.Equal([0.5, 0.5, 0.5, 0.45, 0.405], Lrs(old), new Close());
    }

    [Fact]
    public void MetricSchedulesTakeTheOptionAndKeepItThroughWithMetric()
    {
        var old = MultLater().WithPyTorch(PyTorchVersion.PyTorch1_13);
        Assert.Equal(PyTorchVersion.PyTorch1_13, old.WithMetric().PyTorch);
        MetricSchedule watching = LRScheduler.ReduceLROnPlateau();
        Assert.Equal(PyTorchVersion.PyTorch1_13, watching.WithPyTorch(PyTorchVersion.PyTorch1_13).PyTorch);
    }

    [Fact]
    public void AVersionThatRefusesTheSpecRaisesAndAnUnknownValueIsRefused()
    {
        var chainInSeq = LRScheduler.SequentialLR(
            [LRScheduler.ChainedScheduler([LRScheduler.ConstantLR(0.5)]), LRScheduler.ConstantLR(0.5)], [2]);
        Assert.Throws<ArgumentException>(() => chainInSeq.WithPyTorch(PyTorchVersion.PyTorch1_13));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => chainInSeq.WithPyTorch((PyTorchVersion)7));
        Assert.Equal("version", e.ParamName);
    }

    [Fact]
    public void JsonCarriesTheVersionBothWays()
    {
        var s = MultLater();
        Assert.DoesNotContain("pytorch", s.ToJson());

        foreach (var version in new[] { PyTorchVersion.PyTorch2, PyTorchVersion.PyTorch1_13 })
        {
            var built = s.WithPyTorch(version);
            var back = Schedule.FromJson(built.ToJson());
            Assert.Equal(version, back.PyTorch);
            Assert.Equal(built.ToJson(), back.ToJson());
            Assert.Equal(Lrs(built), Lrs(back));
            Assert.Equal(version, MetricSchedule.FromJson(built.ToJson()).PyTorch);
        }

        Assert.Contains("\"pytorch\": \"1.13\"", s.WithPyTorch(PyTorchVersion.PyTorch1_13).ToJson());
    }

    [Fact]
    public void ACheckpointIsRefusedByTheOtherVersion()
    {
        var s = MultLater();
        var old = s.WithPyTorch(PyTorchVersion.PyTorch1_13);
        var saved = old.Save(old.Init([1.0]).State);
        Assert.Equal(0, old.Load(saved).Epoch);
        var e = Assert.Throws<FormatException>(() => s.Load(saved));
        Assert.Contains("1.13", e.Message);
        Assert.Throws<FormatException>(() => old.Load(s.Save(s.Init([1.0]).State)));
    }

    [Fact]
    public void BindingA113CyclicLROnAdamIsRefusedBeforeAnythingIsWritten()
    {
        var cyclic = LRScheduler.CyclicLR(0.01, 0.1, stepSizeUp: 4);
        var adam = optim.Adam([nn.Parameter(zeros(2, 2))], 0.3);
        var e = Assert.Throws<ArgumentException>(() => cyclic.WithPyTorch(PyTorchVersion.PyTorch1_13).Bind(adam));
        Assert.Contains("PyTorch 1.13", e.Message);
        Assert.Equal(0.3, adam.ParamGroups.Single().LearningRate);

        var bound = cyclic.Bind(adam);
        Assert.Equal(0.9, ((optim.IBetas)adam.ParamGroups.Single()).Betas.Item1);
        bound.Step();
        Assert.True(((optim.IBetas)adam.ParamGroups.Single()).Betas.Item1 < 0.9);
    }

    private sealed class Close : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) < 1e-12;

        public int GetHashCode(double d) => 0;
    }
}
