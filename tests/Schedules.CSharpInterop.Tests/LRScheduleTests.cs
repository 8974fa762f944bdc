using System;
using System.Collections.Generic;
using System.Linq;
using Schedules.CSharp;
using Xunit;

namespace CSharpInteropTests;

/// <summary>Schedules as JSON configurations from C#: every factory's configuration round-trips, a hand-written one
/// takes the defaults, and an invalid one gets the factories' errors, naming the field.</summary>
public sealed class LRScheduleTests
{
    private static readonly double[] Start = [0.1, 0.05];

    // A loss that falls, then stalls: enough to make a plateau reduce within 30 steps.
    private static readonly double[] Losses = Enumerable.Range(0, 30).Select(k => k < 5 ? 1.0 - 0.1 * k : 0.6).ToArray();

    private static readonly Func<int, double> Halving =
        Functions.Register("csharp.tests.json-halving", epoch => Math.Pow(0.5, epoch));

    private static readonly Func<int, double> Scale =
        Functions.Register("csharp.tests.json-scale", cycle => 1.0 / cycle);

    private static readonly Func<int, int, double> Quadratic =
        Functions.Register("csharp.tests.json-quadratic", (step, steps) => Math.Min((double)step / steps, 1.0) * Math.Min((double)step / steps, 1.0));

    /// <summary>One configuration of every factory (and overload), with arguments away from their defaults.</summary>
    public static TheoryData<string> Factories() => new(Every.Keys);

    private static readonly Dictionary<string, Func<LRSchedule>> Every = new()
    {
        ["LambdaLR"] = () => LRScheduler.LambdaLR(Functions.GammaPow(0.9)),
        ["LambdaLR per group"] = () => LRScheduler.LambdaLR([Halving, Functions.InvSqrt(1.0)]),
        ["MultiplicativeLR"] = () => LRScheduler.MultiplicativeLR(Functions.Constant(0.95)),
        ["MultiplicativeLR per group"] = () => LRScheduler.MultiplicativeLR([Functions.Constant(0.95), Halving]),
        ["StepLR"] = () => LRScheduler.StepLR(4, gamma: 0.5),
        ["MultiStepLR"] = () => LRScheduler.MultiStepLR([3, 7, 7], gamma: 0.3),
        ["ConstantLR"] = () => LRScheduler.ConstantLR(factor: 0.25, totalIters: 6),
        ["LinearLR"] = () => LRScheduler.LinearLR(startFactor: 0.2, endFactor: 0.9, totalIters: 8),
        ["ExponentialLR"] = () => LRScheduler.ExponentialLR(0.93),
        ["PolynomialLR"] = () => LRScheduler.PolynomialLR(totalIters: 20, power: 2.0),
        ["CosineAnnealingLR"] = () => LRScheduler.CosineAnnealingLR(12, etaMin: 0.001),
        ["CosineAnnealingWarmRestarts"] = () => LRScheduler.CosineAnnealingWarmRestarts(5, tMult: 2, etaMin: 0.001),
        ["CyclicLR"] = () => LRScheduler.CyclicLR(
            0.01, new[] { 0.1, 0.2 }, stepSizeUp: 4, stepSizeDown: 3, mode: CyclicMode.ExpRange, gamma: 0.97,
            baseMomentum: 0.7, maxMomentum: new[] { 0.9, 0.95 }),
        ["CyclicLR with scaleFn"] = () => LRScheduler.CyclicLR(0.01, 0.1, stepSizeUp: 3, scaleFn: Scale, scaleMode: ScaleMode.Cycle),
        ["OneCycleLR"] = () => LRScheduler.OneCycleLR(
            new[] { 1.0, 0.5 }, totalSteps: 40, pctStart: 0.25, annealStrategy: AnnealStrategy.Linear, divFactor: 10.0,
            finalDivFactor: 100.0, threePhase: true),
        ["OneCycleLR by epochs"] = () => LRScheduler.OneCycleLR(1.0, epochs: 5, stepsPerEpoch: 8, cycleMomentum: false),
        ["WarmUp"] = () => LRScheduler.WarmUp(6),
        ["WarmUp registered"] = () => CellDetection.WarmUp(6, Quadratic),
        ["WarmUp per group"] = () => CellDetection.WarmUp(6, [Quadratic, Functions.LinearWarmUp]),
        ["ReduceLROnPlateau"] = () => LRScheduler.ReduceLROnPlateau(
            mode: PlateauMode.Min, factor: 0.5, patience: 2, threshold: 1e-3, thresholdMode: ThresholdMode.Abs,
            cooldown: 1, minLr: new[] { 0.0, 0.01 }, eps: 1e-9),
        ["CellDetection ReduceLROnPlateau"] = () => CellDetection.ReduceLROnPlateau(patience: 1),
        ["SequentialLR"] = () => LRScheduler.SequentialLR([LRScheduler.LinearLR(totalIters: 4), LRScheduler.ExponentialLR(0.9)], [5]),
        ["SequentialLR watching"] = () => CellDetection.SequentialLR(
            [CellDetection.WarmUp(4), CellDetection.ReduceLROnPlateau(factor: 0.5, patience: 1)], [5]),
        ["ChainedScheduler"] = () => LRScheduler.ChainedScheduler([LRScheduler.StepLR(3), LRScheduler.LambdaLR(Halving)]),
        ["ChainedScheduler watching"] = () => LRScheduler.ChainedScheduler(
            [LRScheduler.ConstantLR(), LRScheduler.ReduceLROnPlateau(patience: 1)]),
        ["GetInverseSqrtSchedule"] = () => HuggingFace.GetInverseSqrtSchedule(5, timescale: 3),
        ["GetConstantSchedule"] = () => HuggingFace.GetConstantSchedule(),
        ["GetConstantScheduleWithWarmup"] = () => HuggingFace.GetConstantScheduleWithWarmup(4),
        ["GetLinearScheduleWithWarmup"] = () => HuggingFace.GetLinearScheduleWithWarmup(4, 20),
        ["GetCosineScheduleWithWarmup"] = () => HuggingFace.GetCosineScheduleWithWarmup(4, 20, numCycles: 0.75),
        ["GetCosineWithHardRestartsScheduleWithWarmup"] = () => HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup(4, 20, numCycles: 2.0),
        ["GetPolynomialDecayScheduleWithWarmup"] = () => HuggingFace.GetPolynomialDecayScheduleWithWarmup(4, 20, optimizerLr: 0.1, lrEnd: 1e-4, power: 2.0),
        ["GetCosineWithMinLrScheduleWithWarmup"] = () => HuggingFace.GetCosineWithMinLrScheduleWithWarmup(4, 20, minLrRate: 0.1),
        ["GetCosineWithMinLrScheduleWithWarmupLrRate"] = () => HuggingFace.GetCosineWithMinLrScheduleWithWarmupLrRate(4, 20, minLrRate: 0.1, warmupLrRate: 0.2),
        ["GetWsdSchedule"] = () => HuggingFace.GetWsdSchedule(4, 6, numTrainingSteps: 25, decayType: "linear", minLrRatio: 0.1),
        ["GetReduceOnPlateauSchedule"] = () => HuggingFace.GetReduceOnPlateauSchedule(factor: 0.5, patience: 1),
        ["GreedyLR"] = () => HuggingFace.GreedyLR(patience: 2, smooth: true, windowSize: 3),
        ["GetScheduler"] = () => HuggingFace.GetScheduler("cosine", numWarmupSteps: 3, numTrainingSteps: 20),
    };

    private static IReadOnlyList<IReadOnlyList<double>> Lrs(LRSchedule s) => s switch
    {
        Schedule step => step.Run(Start, 30).Lrs,
        MetricSchedule watching => watching.Run(Start, Losses).Lrs,
        _ => throw new InvalidOperationException(),
    };

    [Theory]
    [MemberData(nameof(Factories))]
    public void EveryFactorysConfigurationRoundTrips(string factory)
    {
        var schedule = Every[factory]();

        var json = schedule.ToJson();
        LRSchedule back = schedule is Schedule ? Schedule.FromJson(json) : MetricSchedule.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Equal(schedule.Kind, back.Kind);
        Assert.Equal(31, Lrs(back).Count);
        Assert.Equal(Lrs(schedule), Lrs(back));
        // A step-based configuration also reads as one observing (and ignoring) a metric.
        if (schedule is Schedule) Assert.Equal(json, MetricSchedule.FromJson(json).ToJson());
    }

    [Fact]
    public void EveryFactoryIsInTheRoundTrip()
    {
        var factories = new[] { typeof(LRScheduler), typeof(CellDetection), typeof(HuggingFace) }
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly))
            .Select(m => m.Name)
            .ToHashSet();
        var kinds = Every.Values.Select(f => f()).SelectMany(Kinds).ToHashSet();

        Assert.Empty(factories.Except(kinds));
    }

    private static string Pascal(string snake) =>
        string.Concat(snake.Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    private static IEnumerable<string> Kinds(LRSchedule s) =>
        System.Text.Json.JsonDocument.Parse(s.ToJson()).RootElement is var root ? KindsIn(root) : [];

    private static IEnumerable<string> KindsIn(System.Text.Json.JsonElement e)
    {
        var kind = e.GetProperty("kind").GetString()!;
        // A family's kind ("hf.get_inverse_sqrt_schedule") names its factory (GetInverseSqrtSchedule).
        yield return kind.StartsWith("hf.", StringComparison.Ordinal) ? Pascal(kind[3..]) : kind;
        if (e.TryGetProperty("scheduler", out var inner) && inner.ValueKind == System.Text.Json.JsonValueKind.Object)
            foreach (var k in KindsIn(inner))
                yield return k;
        if (e.TryGetProperty("schedulers", out var children))
            foreach (var child in children.EnumerateArray())
                foreach (var k in KindsIn(child))
                    yield return k;
    }

    [Fact]
    public void AHandWrittenConfigurationTakesTheDefaults()
    {
        Assert.Equal(LRScheduler.StepLR(30).ToJson(), Schedule.FromJson("{\"kind\": \"StepLR\", \"stepSize\": 30}").ToJson());
        Assert.Equal(
            LRScheduler.OneCycleLR(0.1, totalSteps: 100).ToJson(),
            Schedule.FromJson("{\"kind\": \"OneCycleLR\", \"maxLr\": 0.1, \"totalSteps\": 100}").ToJson());
        // PyTorch's plateau, without the seed's grace period unless it says so.
        Assert.Equal(LRScheduler.ReduceLROnPlateau().ToJson(), MetricSchedule.FromJson("{\"kind\": \"ReduceLROnPlateau\"}").ToJson());
        Assert.Equal(
            CellDetection.ReduceLROnPlateau().ToJson(),
            MetricSchedule.FromJson("{\"kind\": \"ReduceLROnPlateau\", \"warmup\": 1}").ToJson());

        var lambda = Schedule.FromJson("{\"kind\": \"LambdaLR\", \"lrLambda\": {\"fn\": \"gamma_pow\", \"gamma\": 0.95}}");
        Assert.Equal(Lrs(LRScheduler.LambdaLR(e => Math.Pow(0.95, e))), Lrs(lambda));
    }

    /// <summary>docs/porting.md's example configuration.</summary>
    [Fact]
    public void ThePortingPagesExampleReads()
    {
        const string json = """
            {"kind": "SequentialLR", "milestones": [5],
             "schedulers": [{"kind": "LinearLR", "totalIters": 5}, {"kind": "CosineAnnealingLR", "tMax": 95}]}
            """;
        var built = LRScheduler.SequentialLR([LRScheduler.LinearLR(totalIters: 5), LRScheduler.CosineAnnealingLR(95)], [5]);

        Assert.Equal(built.ToJson(), Schedule.FromJson(json).ToJson());
        Assert.Equal(Lrs(built), Lrs(Schedule.FromJson(json)));
    }

    [Theory]
    [InlineData("{\"kind\": \"StepLR\", \"stepSize\": 0}", "stepSize")]
    [InlineData("{\"kind\": \"StepLR\"}", "stepSize")]
    [InlineData("{\"kind\": \"StepLR\", \"stepSize\": 3, \"gama\": 0.5}", "gama")]
    [InlineData("{\"kind\": \"StepLr\", \"stepSize\": 3}", "kind")]
    [InlineData("{\"kind\": \"CyclicLR\", \"baseLr\": 0.01, \"maxLr\": 0.1, \"mode\": \"triangle\"}", "mode")]
    [InlineData("{\"kind\": \"LambdaLR\", \"lrLambda\": {\"fn\": \"csharp.tests.never-registered\"}}", "lrLambda")]
    [InlineData("{\"kind\": \"SequentialLR\", \"milestones\": [3], \"schedulers\": [{\"kind\": \"StepLR\", \"stepSize\": -1}, {\"kind\": \"ExponentialLR\", \"gamma\": 0.9}]}", "stepSize")]
    public void AnInvalidConfigurationIsRefusedNamingTheField(string json, string field)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Schedule.FromJson(json));
        Assert.Equal(field, e.ParamName);
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => MetricSchedule.FromJson(json)).ParamName);
    }

    [Fact]
    public void TextThatIsNotJsonIsAFormatException()
    {
        Assert.Throws<FormatException>(() => Schedule.FromJson("{"));
        Assert.ThrowsAny<ArgumentException>(() => Schedule.FromJson(null!));
    }

    [Fact]
    public void AScheduleRefusesAConfigurationThatWatchesAMetric()
    {
        var plateau = Assert.ThrowsAny<ArgumentException>(() => Schedule.FromJson(LRScheduler.ReduceLROnPlateau().ToJson()));
        Assert.Equal("json", plateau.ParamName);
        Assert.Contains("ReduceLROnPlateau", plateau.Message);
        Assert.Contains("MetricSchedule.FromJson", plateau.Message);

        var sequential = Assert.ThrowsAny<ArgumentException>(
            () => Schedule.FromJson(Every["SequentialLR watching"]().ToJson()));
        Assert.Contains("SequentialLR", sequential.Message);
    }

    [Fact]
    public void RunSeriesKeepsRunsRowsAsColumns()
    {
        // A lone plateau over an array of metrics (its own loop), and a SequentialLR of OneCycleLR (momentum) and a
        // plateau over a sequence.
        var plateau = LRScheduler.ReduceLROnPlateau(factor: 0.5, patience: 2);
        var sequential = LRScheduler.SequentialLR(
            [LRScheduler.OneCycleLR(new[] { 0.1, 0.2 }, totalSteps: 10), LRScheduler.ReduceLROnPlateau(factor: 0.5, patience: 2)], [8]);

        foreach (var (schedule, metrics) in new (MetricSchedule, IEnumerable<double>)[]
                 { (plateau, Losses), (sequential, Losses.Select(l => l)) })
        {
            var rows = schedule.Run(Start, metrics);
            var columns = schedule.RunSeries(Start, metrics);

            for (var g = 0; g < Start.Length; g++)
            {
                Assert.Equal(rows.Rows.Select(r => r.Lrs[g]), columns.Lrs[g]);
            }

            var events = rows.Rows.SelectMany((r, row) => r.Events.Select(e => new RowEvent(row, e)));
            Assert.Equal(events, columns.Events);
            Assert.NotEmpty(columns.Events);
            Assert.Equal(rows.State, columns.State);
        }

        Assert.Empty(plateau.RunSeries(Start, Losses).Momentum);
        Assert.Equal(2, sequential.RunSeries(Start, Losses).Momentum.Count);
        Assert.Equal(
            LRScheduler.StepLR(2).Run(Start, 5).Rows.Select(r => r.Lrs[1]),
            LRScheduler.StepLR(2).RunSeries(Start, 5).Lrs[1]);
    }
}
