using System;
using Schedules.CSharp;
using Schedules.Testing;
using Xunit;

namespace CSharpInteropTests;

/// <summary>The testing kit from C#: the docs example, and a broken scheduler caught by the laws.</summary>
public sealed class TestingKitTests
{
    // docs:begin csharp-user-scheduler
    [Fact]
    public void MyScheduleObeysTheLaws()
    {
        var schedule = LRScheduler.SequentialLR(
            [LRScheduler.LambdaLR(e => 1.0 / Math.Sqrt(e + 1.0)), LRScheduler.ReduceLROnPlateau(patience: 2, factor: 0.5)],
            milestones: [10]);

        foreach (var law in ScheduleLaws.For(schedule, groups: 2))
            law.Check();
    }
    // docs:end csharp-user-scheduler

    [Fact]
    public void ABrokenScheduleIsCaughtWithAShrunkCounterexample()
    {
        var calls = 0;
        var broken = LRScheduler.LambdaLR(e => ++calls % 5 == 0 ? 0.5 : 1.0);

        var failures = 0;
        foreach (var law in ScheduleLaws.For(broken, groups: 1))
        {
            try { law.Check(); }
            catch (Exception e) when (e.Message.Contains("Falsifiable"))
            {
                Assert.Contains("shrink", e.Message);
                failures++;
            }
        }

        Assert.True(failures > 0, "a law catches the hidden state");
    }
}
