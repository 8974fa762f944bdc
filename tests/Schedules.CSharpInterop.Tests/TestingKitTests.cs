using System;
using Schedules.CSharp;
using Schedules.Testing;
using Xunit;

namespace CSharpInteropTests;

/// <summary>The testing kit's C# laws (Schedules.Testing.CSharp): the docs example, a broken scheduler caught by the
/// laws, and the laws over momentum and over a metric schedule that ignores its metric.</summary>
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

    [Fact]
    public void TheLawsHoldForACyclingScheduleWithMomentum()
    {
        var schedule = LRScheduler.CyclicLR(baseLr: new[] { 0.01, 0.02 }, maxLr: 0.1, stepSizeUp: 4, mode: CyclicMode.Triangular2);
        Assert.True(schedule.CyclesMomentum);

        var laws = ScheduleLaws.For(schedule, groups: 2);
        Assert.Equal(5, laws.Count);
        foreach (var law in laws)
            law.Check();
    }

    [Fact]
    public void AMetricScheduleThatIgnoresItsMetricAlsoObeysTheCompositionIdentities()
    {
        var laws = ScheduleLaws.For(LRScheduler.StepLR(stepSize: 3, gamma: 0.5).WithMetric(), groups: 1);

        Assert.Contains(laws, l => l.Name.StartsWith("composition", StringComparison.Ordinal));
        foreach (var law in laws)
            law.Check();
    }

    [Fact]
    public void ABrokenCompositeIsCaughtByTheCompositionIdentity()
    {
        // Each instance of the lambda counts its own calls, so the composite's copy does not replay the schedule's.
        var calls = 0;
        var drifting = LRScheduler.LambdaLR(e => e == 0 ? 1.0 : 1.0 / ++calls);
        var composition = Assert.Single(ScheduleLaws.For(drifting, groups: 1), l => l.Name.StartsWith("composition", StringComparison.Ordinal));

        Assert.Contains("Falsifiable", Assert.ThrowsAny<Exception>(composition.Check).Message);
    }

    [Fact]
    public void ANullScheduleIsRefusedByName()
    {
        Assert.Equal("schedule", Assert.Throws<ArgumentNullException>(() => ScheduleLaws.For((Schedule)null!, 1)).ParamName);
        Assert.Equal("schedule", Assert.Throws<ArgumentNullException>(() => ScheduleLaws.For((MetricSchedule)null!, 1)).ParamName);
    }
}
