// A NuGet user's training loop: WarmUp then ReduceLROnPlateau through the C# facade, bound to a TorchSharp SGD
// optimizer, saved mid-run and resumed on a new optimizer. Exits 0 when the resumed run's LRs equal an
// uninterrupted run's, 1 otherwise (and fails to start at all where libtorch cannot load).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Schedules.CSharp;
using TorchSharp;
using static TorchSharp.torch;

const int Steps = 60;
const int SaveAt = 25;

torch.set_num_threads(1);

static MetricSchedule Scheduler() =>
    LRScheduler.SequentialLR(
        [LRScheduler.WarmUp(5), LRScheduler.ReduceLROnPlateau(patience: 2, factor: 0.5)],
        milestones: [6]);

// y = x·w + noise: the loss falls, then flattens at the noise floor, where the plateau scheduler reduces the LR.
torch.manual_seed(7);
var x = randn(64, 4);
var y = x.matmul(tensor(new float[] { 1f, -2f, 0.5f, 3f }).reshape(4, 1)) + 0.3f * randn(64, 1);

static nn.Module<Tensor, Tensor> Model()
{
    torch.manual_seed(11);
    return nn.Linear(4, 1);
}

static optim.Optimizer Sgd(nn.Module<Tensor, Tensor> model, double lr) => optim.SGD(model.parameters(), lr);

double TrainStep(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer)
{
    using var scope = NewDisposeScope();
    optimizer.zero_grad();
    var loss = nn.functional.mse_loss(model.call(x), y);
    loss.backward();
    optimizer.step();
    return loss.item<float>();
}

static double Lr(optim.Optimizer optimizer) => optimizer.ParamGroups.First().LearningRate;

// The uninterrupted run.
var wholeModel = Model();
var whole = Sgd(wholeModel, 0.2);
var wholeBound = Scheduler().Bind(whole);
var expected = new List<double>();
var reductions = 0;
for (var i = 0; i < Steps; i++)
{
    reductions += wholeBound.Step(TrainStep(wholeModel, whole)).Events.OfType<LrReduced>().Count();
    expected.Add(Lr(whole));
}

// The same run, stopped after SaveAt steps, saved, and resumed on a new optimizer with the state dict loaded.
var model = Model();
var first = Sgd(model, 0.2);
var bound = Scheduler().Bind(first);
var actual = new List<double>();
for (var i = 0; i < SaveAt; i++)
{
    bound.Step(TrainStep(model, first));
    actual.Add(Lr(first));
}

var json = bound.Save();
using var stream = new MemoryStream();
using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
    ((TorchSharp.Modules.OptimizerHelper)first).save_state_dict(writer);
stream.Position = 0;

var second = Sgd(model, 0.3);
using (var reader = new BinaryReader(stream))
    ((TorchSharp.Modules.OptimizerHelper)second).load_state_dict(reader);
var resumed = Scheduler().Resume(second, json);
for (var i = SaveAt; i < Steps; i++)
{
    resumed.Step(TrainStep(model, second));
    actual.Add(Lr(second));
}

var same = expected.SequenceEqual(actual);
Console.WriteLine($"LRs: warm-up {string.Join(", ", expected.Take(6))}; last {expected[^1]}; {reductions} reductions");
if (same && reductions > 0)
{
    Console.WriteLine($"consumer: PASS: the resumed run's {Steps} LRs equal the uninterrupted run's");
    return 0;
}

Console.WriteLine(reductions == 0
    ? "consumer: FAIL: the plateau scheduler never reduced the LR, so resuming was not tested"
    : $"consumer: FAIL: the resumed run's LRs differ:\n  expected {string.Join(", ", expected)}\n  actual   {string.Join(", ", actual)}");
return 1;
