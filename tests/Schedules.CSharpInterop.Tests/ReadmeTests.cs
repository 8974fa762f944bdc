using System.IO;
using Schedules.CSharp;
using Xunit;
using static TorchSharp.torch;

namespace CSharpInteropTests;

/// <summary>The README's C# examples, run as written (Docs tests check that the README quotes them).</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void CheckpointAndResumeContinueTheUninterruptedRun()
    {
        var scheduler = CellDetection.SequentialLR(
            [CellDetection.WarmUp(steps: 5), CellDetection.ReduceLROnPlateau(factor: 0.5, patience: 2)],
            milestones: [6]);
        double[] losses = [0.93, 0.71, 0.64, 0.62, 0.62, 0.61, 0.61, 0.61, 0.61, 0.61, 0.61, 0.60, 0.60, 0.60, 0.60];
        var model = nn.Linear(2, 1);
        var folder = Directory.CreateTempSubdirectory("schedules-readme-").FullName;
        var checkpointPath = Path.Combine(folder, "checkpoint.json");
        var optimizerPath = Path.Combine(folder, "optimizer.bin");

        var uninterrupted = scheduler.Bind(optim.SGD(model.parameters(), 0.1, momentum: 0.9));
        foreach (var loss in losses) uninterrupted.Step(loss);

        var optimizer = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        var bound = scheduler.Bind(optimizer);
        foreach (var loss in losses[..9]) bound.Step(loss);

        // docs:begin csharp-checkpoint
        File.WriteAllText(checkpointPath, bound.Save());   // the scheduler's state, with a format version
        optimizer.save_state_dict(optimizerPath);          // TorchSharp's own state dict holds the LRs and momenta

        // later, in a new process: build the same scheduler and optimizer, restore, continue
        var restored = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        restored.load_state_dict(optimizerPath);
        var resumed = scheduler.Resume(restored, File.ReadAllText(checkpointPath));
        // docs:end csharp-checkpoint

        Assert.Equal(bound.Lrs, resumed.Lrs);
        foreach (var loss in losses[9..]) resumed.Step(loss);

        Assert.Equal(uninterrupted.Lrs, resumed.Lrs);
        Assert.Equal(uninterrupted.State, resumed.State);
        Assert.True(resumed.Lrs[0] < 0.1, "the resumed part reduces the LR");
        Directory.Delete(folder, recursive: true);
    }
}
