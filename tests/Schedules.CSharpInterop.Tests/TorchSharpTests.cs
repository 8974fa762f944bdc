using System.IO;
using System.Linq;
using Schedules.CSharp;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace CSharpInteropTests;

/// <summary>The facade on real TorchSharp optimizers.</summary>
public sealed class TorchSharpTests
{
    private static optim.Optimizer Sgd(params double[] lrs)
    {
        var groups = lrs.Select(lr => new TorchSharp.Modules.SGD.ParamGroup([nn.Parameter(zeros(2, 2))], lr: lr, momentum: 0.9));
        return optim.SGD(groups, lrs[0], momentum: 0.9);
    }

    private static double[] Lrs(optim.Optimizer o) => o.ParamGroups.Select(g => g.LearningRate).ToArray();

    [Fact]
    public void TheSeedsCombinationOnARealOptimizerGivesThePureNumbers()
    {
        var scheduler = CellDetection.SequentialLR(
            [CellDetection.WarmUp(3), CellDetection.ReduceLROnPlateau(patience: 0, factor: 0.5)],
            milestones: [4]);
        double[] metrics = [1.0, 0.9, 0.8, 0.8, 0.8, 0.8, 0.7];
        var expected = scheduler.Run([0.1, 0.01], metrics).Lrs.Select(r => r.ToArray()).ToArray();

        var optimizer = Sgd(0.1, 0.01);
        var bound = scheduler.Bind(optimizer);
        var rows = new[] { Lrs(optimizer) }.ToList();
        foreach (var m in metrics)
        {
            bound.Step(m);
            rows.Add(Lrs(optimizer));
        }

        Assert.Equal(expected, rows.ToArray());
    }

    [Fact]
    public void ReportsSayWhatHappened()
    {
        var bound = LRScheduler.ReduceLROnPlateau(patience: 0, factor: 0.5, warmup: 0).Bind(Sgd(0.1));
        bound.Step(1.0);
        var report = bound.Step(1.0);
        Assert.Equal(["group 0 reduced from 0.1 to 0.05 at step 2"], report.Messages);
        Assert.Equal(new LrReduced(0, 0.1, 0.05), Assert.Single(report.Events));
    }

    [Fact]
    public void SaveAndResumeContinueTheSameRun()
    {
        var scheduler = LRScheduler.CyclicLR(baseLr: 0.01, maxLr: 0.1, stepSizeUp: 3, mode: CyclicMode.Triangular2);

        var whole = Sgd(0.05);
        var uninterrupted = scheduler.Bind(whole);
        for (var i = 0; i < 20; i++) uninterrupted.Step();

        var first = Sgd(0.05);
        var bound = scheduler.Bind(first);
        for (var i = 0; i < 8; i++) bound.Step();
        var json = bound.Save();
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            ((TorchSharp.Modules.OptimizerHelper)first).save_state_dict(writer);

        var second = Sgd(0.3);
        stream.Position = 0;
        using (var reader = new BinaryReader(stream))
            ((TorchSharp.Modules.OptimizerHelper)second).load_state_dict(reader);
        var resumed = scheduler.Resume(second, json);
        for (var i = 8; i < 20; i++) resumed.Step();

        Assert.Equal(Lrs(whole), Lrs(second));
        Assert.Equal(uninterrupted.State, resumed.State);
    }
}
