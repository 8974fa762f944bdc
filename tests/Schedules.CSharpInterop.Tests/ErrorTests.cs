using System;
using Schedules.CSharp;
using Xunit;

namespace CSharpInteropTests;

/// <summary>Invalid arguments raise the .NET exceptions a C# user expects, with the parameter's name.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData("stepSize")]
    [InlineData("gamma")]
    [InlineData("tMax")]
    [InlineData("factor")]
    [InlineData("steps")]
    [InlineData("pctStart")]
    [InlineData("milestones")]
    public void OutOfRangeValuesNameTheirParameter(string parameter)
    {
        Action build = parameter switch
        {
            "stepSize" => () => LRScheduler.StepLR(0),
            "gamma" => () => LRScheduler.ExponentialLR(double.NaN),
            "tMax" => () => LRScheduler.CosineAnnealingLR(0),
            "factor" => () => LRScheduler.ReduceLROnPlateau(factor: 1.5),
            "steps" => () => LRScheduler.WarmUp(0),
            "pctStart" => () => LRScheduler.OneCycleLR(1.0, totalSteps: 10, pctStart: 2.0),
            "milestones" => () => LRScheduler.SequentialLR([LRScheduler.StepLR(2), LRScheduler.StepLR(3)], [5, 2, 1]),
            _ => throw new InvalidOperationException(),
        };

        var e = Assert.ThrowsAny<ArgumentException>(build);
        Assert.Equal(parameter, e.ParamName);
        Assert.DoesNotContain("FSharp", e.Message);
    }

    [Fact]
    public void OutOfRangeIsArgumentOutOfRangeException()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LRScheduler.StepLR(0));
        Assert.StartsWith("stepSize must be a positive integer (at least 1), but got 0.", e.Message);
    }

    [Fact]
    public void NullsAreArgumentNullException()
    {
        Assert.Equal("lrLambda", Assert.Throws<ArgumentNullException>(() => LRScheduler.LambdaLR((Func<int, double>)null!)).ParamName);
        Assert.Equal("schedulers", Assert.Throws<ArgumentNullException>(() => LRScheduler.ChainedScheduler((Schedule[])null!)).ParamName);
        Assert.Equal("lrs", Assert.Throws<ArgumentNullException>(() => LRScheduler.StepLR(2).Init(null!)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => LRScheduler.StepLR(2).Step(null!, [0.1])).ParamName);
        Assert.Equal("optimizer", Assert.Throws<ArgumentNullException>(() => LRScheduler.StepLR(2).Bind(null!)).ParamName);
    }

    [Fact]
    public void PerGroupSettingsOfTheWrongLengthAreRefusedWhenTheLrsComeIn()
    {
        var scheduler = LRScheduler.ReduceLROnPlateau(minLr: new[] { 0.0, 0.0, 0.0 });
        var e = Assert.ThrowsAny<ArgumentException>(() => scheduler.Init([0.1, 0.1]));
        Assert.Equal("minLr", e.ParamName);
    }

    [Fact]
    public void SteppingPastOneCycleIsAnInvalidOperation()
    {
        var scheduler = LRScheduler.OneCycleLR(1.0, totalSteps: 2, pctStart: 0.25);
        Assert.Throws<InvalidOperationException>(() => scheduler.Run([0.1], 3));
    }
}
