using System;
using System.Linq;
using Schedules.CSharp;
using Xunit;
using Core = Schedules;

namespace CSharpInteropTests;

/// <summary>Hugging Face's schedules from C# are the F# core's, number for number.</summary>
public sealed class HuggingFaceTests
{
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
