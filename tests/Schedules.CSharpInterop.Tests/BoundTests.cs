using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Schedules.CSharp;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace CSharpInteropTests;

/// <summary>The bound types on real TorchSharp optimizers: fractional epochs, and the resume check.</summary>
public sealed class BoundTests
{
    private static optim.Optimizer Sgd(params double[] lrs)
    {
        var groups = lrs.Select(lr => new TorchSharp.Modules.SGD.ParamGroup([nn.Parameter(zeros(2, 2))], lr: lr, momentum: 0.9));
        return optim.SGD(groups, lrs[0], momentum: 0.9);
    }

    private static double[] Lrs(optim.Optimizer o) => o.ParamGroups.Select(g => g.LearningRate).ToArray();

    private static void Restore(optim.Optimizer from, optim.Optimizer to)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            ((TorchSharp.Modules.OptimizerHelper)from).save_state_dict(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        ((TorchSharp.Modules.OptimizerHelper)to).load_state_dict(reader);
    }

    /// <summary>PyTorch's batch loop: <c>scheduler.step(epoch + i / iters)</c>.</summary>
    private static readonly double[] BatchEpochs =
        Enumerable.Range(0, 14).SelectMany(e => Enumerable.Range(0, 4).Select(i => e + i / 4.0)).ToArray();

    [Fact]
    public void StepAtOnABoundScheduleGivesThePureNumbersAndResumesBitForBit()
    {
        var scheduler = LRScheduler.CosineAnnealingWarmRestarts(t0: 3, tMult: 2, etaMin: 0.001);

        var pure = scheduler.Init([0.1, 0.05]);
        var whole = Sgd(0.1, 0.05);
        var uninterrupted = scheduler.Bind(whole);
        foreach (var epoch in BatchEpochs)
        {
            var report = uninterrupted.StepAt(epoch);
            pure = scheduler.StepAt(pure.State, epoch, pure.Lrs);
            Assert.Equal(pure.Lrs, Lrs(whole));
            Assert.Equal(pure.Lrs, report.Lrs);
        }
        Assert.Equal(pure.State, uninterrupted.State);
        Assert.Equal(BatchEpochs.Length, uninterrupted.Calls);

        var first = Sgd(0.1, 0.05);
        var bound = scheduler.Bind(first);
        foreach (var epoch in BatchEpochs.Take(21)) bound.StepAt(epoch);
        var json = bound.Save();
        var second = Sgd(0.7, 0.7);
        Restore(first, second);
        var resumed = scheduler.Resume(second, json);
        foreach (var epoch in BatchEpochs.Skip(21)) resumed.StepAt(epoch);

        Assert.Equal(Lrs(whole), Lrs(second));
        Assert.Equal(uninterrupted.State, resumed.State);
        Assert.Equal(uninterrupted.Calls, resumed.Calls);
    }

    [Fact]
    public void StepAtIsRefusedWhenTheScheduleStepsEveryFewCalls()
    {
        var optimizer = Sgd(1.0);
        var bound = LRScheduler.CosineAnnealingWarmRestarts(t0: 3).Bind(optimizer, every: 2);
        var e = Assert.Throws<InvalidOperationException>(() => bound.StepAt(0.5));
        Assert.Contains("every 2 calls", e.Message);
        Assert.Equal(0, bound.Calls);
        Assert.Equal([1.0], Lrs(optimizer));
    }

    [Fact]
    public void ResumingWithoutTheOptimizersStateIsRefusedUnlessAccepted()
    {
        var scheduler = LRScheduler.ExponentialLR(0.1);
        var first = Sgd(0.01);
        var bound = scheduler.Bind(first);
        bound.Step();
        bound.Step();
        var json = bound.Save();

        var fresh = Sgd(0.01);
        var e = Assert.Throws<ArgumentException>(() => scheduler.Resume(fresh, json));
        Assert.Equal("optimizer", e.ParamName);
        Assert.Contains($"Param group 0 of the optimizer holds LR 0.01, but the checkpoint was saved when it held {Lrs(first)[0]:R}", e.Message);
        Assert.Contains("load the optimizer's state first", e.Message);

        var accepted = scheduler.Resume(fresh, json, acceptOptimizerLrs: true);
        accepted.Step();
        Assert.Equal([0.01 * 0.1], Lrs(fresh));

        var restored = Sgd(0.01);
        Restore(first, restored);
        scheduler.Resume(restored, json).Step();
        bound.Step();
        Assert.Equal(Lrs(first), Lrs(restored));
    }

    [Fact]
    public void AVersion1DocumentStillLoadsWithoutTheCheck()
    {
        var scheduler = LRScheduler.StepLR(stepSize: 1, gamma: 0.5);
        var bound = scheduler.Bind(Sgd(0.4));
        bound.Step();
        var document = JsonNode.Parse(bound.Save())!.AsObject();
        document.Remove("values");
        document.Remove("field");
        document["version"] = 1;

        var fresh = Sgd(0.4);
        var resumed = scheduler.Resume(fresh, document.ToJsonString());
        resumed.Step();
        Assert.Equal([0.2], Lrs(fresh));
        Assert.Equal(2, resumed.Calls);
    }

    private static optim.Optimizer AdamW(params (double Lr, double WeightDecay)[] groups) =>
        optim.AdamW(
            groups.Select(g => new TorchSharp.Modules.AdamW.ParamGroup(
                [nn.Parameter(ones(3))], lr: g.Lr, weight_decay: g.WeightDecay)),
            groups[0].Lr);

    private static double[] WeightDecays(optim.Optimizer o) =>
        o.ParamGroups.Select(g => ((TorchSharp.Modules.AdamW.ParamGroup)g).Options.weight_decay!.Value).ToArray();

    private static (double, double)[] Betas(optim.Optimizer o) =>
        o.ParamGroups.Select(g => ((optim.IBetas)g).Betas).ToArray();

    [Fact]
    public void LrAndWeightDecaySchedulesOnOneAdamWResumeBitForBit()
    {
        var lr = LRScheduler.SequentialLR(
            [LRScheduler.LinearLR(startFactor: 0.1, endFactor: 1.0, totalIters: 3), LRScheduler.CosineAnnealingLR(tMax: 7)],
            milestones: [3]);
        var wd = LRScheduler.CosineAnnealingLR(tMax: 10, etaMin: 0.4);

        var whole = AdamW((0.01, 0.04), (0.002, 0.04));
        var lrs = lr.Bind(whole);
        var wds = wd.Bind(whole, field: Hyperparameter.WeightDecay);
        Assert.Equal(Hyperparameter.LearningRate, lrs.Field);
        Assert.Equal(Hyperparameter.WeightDecay, wds.Field);
        var uninterrupted = Enumerable.Range(0, 10).Select(_ =>
        {
            lrs.Step();
            var report = wds.Step();
            Assert.Equal(WeightDecays(whole), report.Lrs);
            return Lrs(whole).Concat(WeightDecays(whole)).ToArray();
        }).ToArray();
        Assert.Equal(0.4, uninterrupted[9][2], 15); // group 0's weight decay at step 10

        var first = AdamW((0.01, 0.04), (0.002, 0.04));
        var boundLr = lr.Bind(first);
        var boundWd = wd.Bind(first, field: Hyperparameter.WeightDecay);
        for (var i = 0; i < 4; i++) { boundLr.Step(); boundWd.Step(); }
        var (lrJson, wdJson) = (boundLr.Save(), boundWd.Save());

        var second = AdamW((0.01, 0.04), (0.002, 0.04));
        Assert.Throws<FormatException>(() => wd.Resume(second, wdJson)); // saved for the weight decay, not the LR
        Assert.Throws<ArgumentException>(() => wd.Resume(second, wdJson, field: Hyperparameter.WeightDecay));
        Restore(first, second);
        var resumedLr = lr.Resume(second, lrJson);
        var resumedWd = wd.Resume(second, wdJson, field: Hyperparameter.WeightDecay);
        var rest = Enumerable.Range(0, 6).Select(_ =>
        {
            resumedLr.Step();
            resumedWd.Step();
            return Lrs(second).Concat(WeightDecays(second)).ToArray();
        });
        Assert.Equal(uninterrupted, uninterrupted.Take(4).Concat(rest).ToArray());
    }

    [Fact]
    public void EachHyperparameterDrivesItsOwnSetting()
    {
        var halve = LRScheduler.StepLR(stepSize: 1, gamma: 0.5);

        var sgd = Sgd(0.1, 0.2);
        var momentum = halve.Bind(sgd, field: Hyperparameter.Momentum);
        momentum.Step();
        Assert.Equal(Hyperparameter.Momentum, momentum.Field);
        Assert.Equal([0.45, 0.45], sgd.ParamGroups.Select(g => ((optim.IMomentum)g).Momentum));
        Assert.Equal([0.1, 0.2], Lrs(sgd));

        var adamW = AdamW((0.1, 0.5), (0.2, 0.25));
        foreach (var field in new[] { Hyperparameter.WeightDecay, Hyperparameter.Beta1, Hyperparameter.Beta2 })
        {
            var bound = halve.Bind(adamW, field: field);
            Assert.Equal(field, bound.Field);
            bound.Step();
        }
        Assert.Equal([0.25, 0.125], WeightDecays(adamW));
        Assert.Equal([(0.45, 0.4995), (0.45, 0.4995)], Betas(adamW));
        Assert.Equal([0.1, 0.2], Lrs(adamW));
    }

    [Fact]
    public void AFieldTheOptimizerLacksIsRefusedNamingBoth()
    {
        var rprop = optim.Rprop([nn.Parameter(zeros(2))], lr: 0.3);
        var e = Assert.Throws<ArgumentException>(
            () => LRScheduler.StepLR(stepSize: 2).Bind(rprop, field: Hyperparameter.WeightDecay));
        Assert.Equal("field", e.ParamName);
        Assert.Contains("This optimizer (Rprop) has no weight decay (\"weight_decay\")", e.Message);
        Assert.Equal([0.3], Lrs(rprop));

        var undefined = Assert.Throws<ArgumentOutOfRangeException>(
            () => LRScheduler.StepLR(stepSize: 2).Bind(Sgd(0.1), field: (Hyperparameter)7));
        Assert.Equal("field", undefined.ParamName);
    }
}
