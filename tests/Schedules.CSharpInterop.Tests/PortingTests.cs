using System.Linq;
using Schedules.CSharp;
using Xunit;

namespace CSharpInteropTests;

/// <summary>
/// docs/porting.md's promise in C#: a literal port of PyTorch's snippets under PyTorch's names
/// (<see cref="LRScheduler"/>) gives PyTorch's numbers, and the seed's names (<see cref="CellDetection"/>) give the
/// seed's. Each Python snippet ran on PyTorch 1.13 (Debian's python3-torch); its output is quoted beside it.
/// </summary>
public sealed class PortingTests
{
    private static readonly double[] Lr = [0.1];

    private static double[] AfterEachStep(MetricSchedule scheduler, double[] metrics) =>
        scheduler.Run(Lr, metrics).Lrs.Skip(1).Select(r => r[0]).ToArray();

    [Fact]
    public void ReduceLROnPlateauWithPyTorchsDefaults()
    {
        // optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
        // scheduler = ReduceLROnPlateau(optimizer)
        // for loss in [1.0] * 14:
        //     optimizer.step()
        //     scheduler.step(loss)
        //     print(repr(optimizer.param_groups[0]["lr"]))
        // printed 0.1 (11 times), then 0.010000000000000002 (3 times)
        var scheduler = LRScheduler.ReduceLROnPlateau();

        Assert.Equal(
            Enumerable.Repeat(0.1, 11).Concat(Enumerable.Repeat(0.010000000000000002, 3)),
            AfterEachStep(scheduler, Enumerable.Repeat(1.0, 14).ToArray()));
    }

    [Fact]
    public void ReduceLROnPlateauWithPatience1ReducesAtStep3()
    {
        // scheduler = ReduceLROnPlateau(optimizer, patience=1)
        // for loss in [1.0, 2.0, 2.0]: ... (as above)
        // printed 0.1, 0.1, 0.010000000000000002
        Assert.Equal([0.1, 0.1, 0.010000000000000002], AfterEachStep(LRScheduler.ReduceLROnPlateau(patience: 1), [1.0, 2.0, 2.0]));

        // The seed's grace period forgets the first loss, so 2 becomes the best and nothing is reduced yet.
        Assert.Equal([0.1, 0.1, 0.1], AfterEachStep(CellDetection.ReduceLROnPlateau(patience: 1), [1.0, 2.0, 2.0]));
    }

    [Fact]
    public void ReduceLROnPlateauInMaxMode()
    {
        // scheduler = ReduceLROnPlateau(optimizer, mode='max', factor=0.5, patience=2)
        // for accuracy in [0.5, 0.6, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7]:
        //     optimizer.step()
        //     scheduler.step(accuracy)
        //     print(repr(optimizer.param_groups[0]["lr"]))
        // printed 0.1 0.1 0.1 0.1 0.05 0.05 0.05 0.05 0.025 0.025
        var scheduler = LRScheduler.ReduceLROnPlateau(mode: PlateauMode.Max, factor: 0.5, patience: 2);

        Assert.Equal(
            [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025],
            AfterEachStep(scheduler, [0.5, 0.6, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7]));
    }

    [Fact]
    public void StepLR()
    {
        // optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
        // scheduler = StepLR(optimizer, step_size=3, gamma=0.1)
        // print(repr(optimizer.param_groups[0]["lr"]))
        // for epoch in range(9):
        //     optimizer.step()
        //     scheduler.step()
        //     print(repr(optimizer.param_groups[0]["lr"]))
        // printed 0.1 0.1 0.1 0.010000000000000002 0.010000000000000002 0.010000000000000002
        //         0.0010000000000000002 0.0010000000000000002 0.0010000000000000002 0.00010000000000000003
        var scheduler = LRScheduler.StepLR(stepSize: 3, gamma: 0.1);

        Assert.Equal(
            [
                0.1, 0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002,
                0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002, 0.00010000000000000003,
            ],
            scheduler.Run(Lr, 9).Lrs.Select(r => r[0]));
    }
}
