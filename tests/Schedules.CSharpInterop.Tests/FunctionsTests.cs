using System;
using System.Linq;
using Schedules.CSharp;
using Xunit;

namespace CSharpInteropTests;

/// <summary>C# lambdas by name: a registered delegate or a built-in is written as its name and read back as the
/// same function; an unnamed one is refused, naming its parameter.</summary>
public sealed class FunctionsTests
{
    private static double[] Lrs(Schedule s) => s.Run([0.1], 12).Rows.Select(r => r.Lrs[0]).ToArray();

    [Fact]
    public void ARegisteredLambdaIsWrittenByItsNameAndReadBack()
    {
        var halving = Functions.Register("csharp.tests.halving", epoch => Math.Pow(0.5, epoch));
        var schedule = LRScheduler.LambdaLR(halving);

        var json = schedule.ToJson();
        Assert.Contains("\"fn\": \"csharp.tests.halving\"", json);
        var back = Schedule.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(Lrs(schedule), Lrs(back));
        Assert.Equal(0.1 * Math.Pow(0.5, 3), Lrs(back)[3]);
    }

    [Fact]
    public void ARegisteredWarmUpFactorIsWrittenByItsNameAndReadBack()
    {
        var square = Functions.Register("csharp.tests.square-warmup", (step, steps) => Math.Pow(Math.Min((double)step / steps, 1.0), 2));
        var schedule = CellDetection.WarmUp(4, square);

        var json = schedule.ToJson();
        Assert.Contains("\"fn\": \"csharp.tests.square-warmup\"", json);
        Assert.Equal(Lrs(schedule), Lrs(Schedule.FromJson(json)));
        Assert.Equal(0.1 * 0.25, Lrs(schedule)[2], 15);
    }

    [Fact]
    public void TheBuiltInsAreTheCoresNamedFunctions()
    {
        Assert.Contains("{\"fn\": \"gamma_pow\", \"gamma\": 0.9}", Compact(LRScheduler.LambdaLR(Functions.GammaPow(0.9)).ToJson()));
        Assert.Contains("{\"fn\": \"const\", \"value\": 0.5}", Compact(LRScheduler.MultiplicativeLR(Functions.Constant(0.5)).ToJson()));
        Assert.Contains("{\"fn\": \"inv_sqrt\", \"offset\": 1}", Compact(LRScheduler.LambdaLR(Functions.InvSqrt(1.0)).ToJson()));
        Assert.Equal(CellDetection.WarmUp(5).ToJson(), CellDetection.WarmUp(5, Functions.LinearWarmUp).ToJson());

        Assert.Equal(Math.Pow(0.9, 3), Functions.GammaPow(0.9)(3));
        Assert.Equal(0.5, Functions.Constant(0.5)(7));
        Assert.Equal(1.0 / Math.Sqrt(4.0), Functions.InvSqrt(1.0)(3));
        Assert.Equal(0.4, Functions.LinearWarmUp(2, 5));
        Assert.Equal(1.0, Functions.LinearWarmUp(6, 5));
    }

    [Fact]
    public void AnUnregisteredLambdaIsRefusedNamingItsParameter()
    {
        var lambda = Assert.ThrowsAny<ArgumentException>(() => LRScheduler.LambdaLR(e => Math.Pow(0.9, e)).ToJson());
        Assert.Equal("lrLambda", lambda.ParamName);
        Assert.Contains("Functions.register", lambda.Message);

        var scale = Assert.ThrowsAny<ArgumentException>(() => LRScheduler.CyclicLR(0.01, 0.1, scaleFn: c => 1.0 / c).ToJson());
        Assert.Equal("scaleFn", scale.ParamName);

        var perGroup = Assert.ThrowsAny<ArgumentException>(
            () => LRScheduler.LambdaLR([Functions.GammaPow(0.9), e => 1.0]).ToJson());
        Assert.Equal("lrLambda[1]", perGroup.ParamName);

        // The unregistered lambda still works everywhere else.
        Assert.Equal(0.1 * 0.81, Lrs(LRScheduler.LambdaLR(e => Math.Pow(0.9, e)))[2], 15);
    }

    [Fact]
    public void RegisterRefusesABuiltInNameAndANullFunction()
    {
        var name = Assert.ThrowsAny<ArgumentException>(() => Functions.Register("gamma_pow", e => 1.0));
        Assert.Equal("name", name.ParamName);
        Assert.Throws<ArgumentNullException>("f", () => Functions.Register("csharp.tests.null", (Func<int, double>)null!));
    }

    [Fact]
    public void AFunctionOfTheWrongShapeIsRefusedNamingTheField()
    {
        Functions.Register("csharp.tests.two-argument", (step, steps) => 1.0);
        var e = Assert.ThrowsAny<ArgumentException>(
            () => Schedule.FromJson("{\"kind\": \"LambdaLR\", \"lrLambda\": {\"fn\": \"csharp.tests.two-argument\"}}"));
        Assert.Equal("lrLambda", e.ParamName);
    }

    private static string Compact(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString()
        .Replace("\":", "\": ").Replace(",\"", ", \"");
}
