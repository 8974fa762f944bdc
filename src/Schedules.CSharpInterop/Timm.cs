using System;
using System.Collections.Generic;
using Microsoft.FSharp.Core;
using Core = Schedules.Timm;

namespace Schedules.CSharp;

/// <summary>
/// timm's schedulers (<c>timm.scheduler</c>) with timm's argument names (in C# casing) and timm's defaults, bit for
/// bit with timm's own code. timm's schedulers are closed forms of the t the caller passes; here t is the
/// scheduler's step: step once per epoch where timm calls <c>step(epoch)</c> (<c>tInEpochs</c>, the default), once
/// per update where it calls <c>step_update(num_updates)</c>. Step 0 is what timm's constructor writes:
/// <c>warmupLrInit</c> when <c>warmupT ≠ 0</c>, else the base LR. <c>lrScale</c> is timm's <c>lr_scale</c>
/// param-group key: a multiplier per group applied after the noise (null: none). Noise settings:
/// <c>NoiseRange.From(n)</c> (t ≥ n) or <c>NoiseRange.Between(lo, hi)</c> (lo ≤ t &lt; hi); draws come from a
/// .NET port of torch's CPU generator seeded with noiseSeed + t.
/// </summary>
/// <example><code>
/// var cosine = Timm.CosineLRScheduler(tInitial: 300, lrMin: 1e-5, warmupT: 5, warmupLrInit: 1e-6);
/// </code></example>
public static partial class Timm
{
    private static Schedule Step(Scheduler<Unit> core) => new(Schedules.Scheduler.WithMetric(core));

    private static FSharpOption<global::Schedules.NoiseRange> Option(NoiseRange? range) =>
        range is null ? FSharpOption<global::Schedules.NoiseRange>.None : Interop.Some(range.ToCore());

    private static FSharpOption<global::Schedules.NoiseType> Option(NoiseType? type) =>
        type switch
        {
            null => FSharpOption<global::Schedules.NoiseType>.None,
            NoiseType.Normal => Interop.Some(global::Schedules.NoiseType.Normal),
            NoiseType.Uniform => Interop.Some(global::Schedules.NoiseType.Uniform),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Normal or Uniform."),
        };

    private static FSharpOption<ForGroups<double>> Scale(GroupSetting? lrScale) =>
        lrScale is { } s ? Interop.Some(s.ToCore()) : FSharpOption<ForGroups<double>>.None;

    /// <summary>timm's <c>CosineLRScheduler</c>: after the warmup (<c>warmupLrInit + t·(base − warmupLrInit)/warmupT</c>
    /// for t &lt; warmupT), in cycle i of length t_i at position t_curr, <c>lr = lrMin + 0.5·(base·cycleDecay^i −
    /// lrMin)·(1 + cos(π·t_curr^k / t_i^k))</c> while i &lt; cycleLimit, else lrMin; noise and lrScale after. See
    /// <see cref="Core.CosineLRScheduler"/>.</summary>
    public static Schedule CosineLRScheduler(
        int tInitial,
        double lrMin = 0.0,
        double cycleMul = 1.0,
        double cycleDecay = 1.0,
        int cycleLimit = 1,
        int warmupT = 0,
        double warmupLrInit = 0.0,
        bool warmupPrefix = false,
        bool tInEpochs = true,
        NoiseRange? noiseRangeT = null,
        double noisePct = 0.67,
        double noiseStd = 1.0,
        int noiseSeed = 42,
        double kDecay = 1.0,
        GroupSetting? lrScale = null) =>
        Step(
            Core.CosineLRScheduler(
                tInitial,
                Interop.Some(lrMin),
                Interop.Some(cycleMul),
                Interop.Some(cycleDecay),
                Interop.Some(cycleLimit),
                Interop.Some(warmupT),
                Interop.Some(warmupLrInit),
                Interop.Some(warmupPrefix),
                Interop.Some(tInEpochs),
                Option(noiseRangeT),
                Interop.Some(noisePct),
                Interop.Some(noiseStd),
                Interop.Some(noiseSeed),
                Interop.Some(kDecay),
                Scale(lrScale)));

    /// <summary>timm's <c>TanhLRScheduler</c>: the cycles of <see cref="CosineLRScheduler"/> with
    /// <c>lr = lrMin + 0.5·(base·cycleDecay^i − lrMin)·(1 − tanh(lb·(1 − tr) + ub·tr))</c>, tr = t_curr/t_i; the
    /// warmup ramps toward base with warmupPrefix, toward the tanh value at warmupT without.</summary>
    public static Schedule TanhLRScheduler(
        int tInitial,
        double lb = -7.0,
        double ub = 3.0,
        double lrMin = 0.0,
        double cycleMul = 1.0,
        double cycleDecay = 1.0,
        int cycleLimit = 1,
        int warmupT = 0,
        double warmupLrInit = 0.0,
        bool warmupPrefix = false,
        bool tInEpochs = true,
        NoiseRange? noiseRangeT = null,
        double noisePct = 0.67,
        double noiseStd = 1.0,
        int noiseSeed = 42,
        GroupSetting? lrScale = null) =>
        Step(
            Core.TanhLRScheduler(
                tInitial,
                Interop.Some(lb),
                Interop.Some(ub),
                Interop.Some(lrMin),
                Interop.Some(cycleMul),
                Interop.Some(cycleDecay),
                Interop.Some(cycleLimit),
                Interop.Some(warmupT),
                Interop.Some(warmupLrInit),
                Interop.Some(warmupPrefix),
                Interop.Some(tInEpochs),
                Option(noiseRangeT),
                Interop.Some(noisePct),
                Interop.Some(noiseStd),
                Interop.Some(noiseSeed),
                Scale(lrScale)));

    /// <summary>timm's <c>PolyLRScheduler</c>: the cycles and warmup of <see cref="CosineLRScheduler"/> with
    /// <c>lr = lrMin + (base·cycleDecay^i − lrMin)·(1 − t_curr^k / t_i^k)^power</c>.</summary>
    public static Schedule PolyLRScheduler(
        int tInitial,
        double power = 0.5,
        double lrMin = 0.0,
        double cycleMul = 1.0,
        double cycleDecay = 1.0,
        int cycleLimit = 1,
        int warmupT = 0,
        double warmupLrInit = 0.0,
        bool warmupPrefix = false,
        bool tInEpochs = true,
        NoiseRange? noiseRangeT = null,
        double noisePct = 0.67,
        double noiseStd = 1.0,
        int noiseSeed = 42,
        double kDecay = 1.0,
        GroupSetting? lrScale = null) =>
        Step(
            Core.PolyLRScheduler(
                tInitial,
                Interop.Some(power),
                Interop.Some(lrMin),
                Interop.Some(cycleMul),
                Interop.Some(cycleDecay),
                Interop.Some(cycleLimit),
                Interop.Some(warmupT),
                Interop.Some(warmupLrInit),
                Interop.Some(warmupPrefix),
                Interop.Some(tInEpochs),
                Option(noiseRangeT),
                Interop.Some(noisePct),
                Interop.Some(noiseStd),
                Interop.Some(noiseSeed),
                Interop.Some(kDecay),
                Scale(lrScale)));

    /// <summary>timm's <c>StepLRScheduler</c>: after the warmup (prefixed by default),
    /// <c>lr = base·decayRate^(t // decayT)</c>, Python's float floor division for a fractional decayT (&gt; 0).</summary>
    public static Schedule StepLRScheduler(
        double decayT,
        double decayRate = 1.0,
        int warmupT = 0,
        double warmupLrInit = 0.0,
        bool warmupPrefix = true,
        bool tInEpochs = true,
        NoiseRange? noiseRangeT = null,
        double noisePct = 0.67,
        double noiseStd = 1.0,
        int noiseSeed = 42,
        GroupSetting? lrScale = null) =>
        Step(
            Core.StepLRScheduler(
                decayT,
                Interop.Some(decayRate),
                Interop.Some(warmupT),
                Interop.Some(warmupLrInit),
                Interop.Some(warmupPrefix),
                Interop.Some(tInEpochs),
                Option(noiseRangeT),
                Interop.Some(noisePct),
                Interop.Some(noiseStd),
                Interop.Some(noiseSeed),
                Scale(lrScale)));

    /// <summary>timm's <c>MultiStepLRScheduler</c>: after the warmup (prefixed by default),
    /// <c>lr = base·decayRate^n</c>, <c>n = bisect_right(decayT, t + 1)</c>: timm's LR drops one step before each
    /// milestone (kept); <paramref name="decayAtMilestone"/> drops it at the milestone.</summary>
    public static Schedule MultiStepLRScheduler(
        IReadOnlyList<int> decayT,
        double decayRate = 1.0,
        int warmupT = 0,
        double warmupLrInit = 0.0,
        bool warmupPrefix = true,
        bool tInEpochs = true,
        NoiseRange? noiseRangeT = null,
        double noisePct = 0.67,
        double noiseStd = 1.0,
        int noiseSeed = 42,
        bool decayAtMilestone = false,
        GroupSetting? lrScale = null)
    {
        ArgumentNullException.ThrowIfNull(decayT);
        return Step(
            Core.MultiStepLRScheduler(
                Interop.List(decayT),
                Interop.Some(decayRate),
                Interop.Some(warmupT),
                Interop.Some(warmupLrInit),
                Interop.Some(warmupPrefix),
                Interop.Some(tInEpochs),
                Option(noiseRangeT),
                Interop.Some(noisePct),
                Interop.Some(noiseStd),
                Interop.Some(noiseSeed),
                Interop.Some(decayAtMilestone),
                Scale(lrScale)));
    }

    /// <summary>timm's <c>PlateauLRScheduler</c> (its step is timm's <c>step(epoch, metric)</c>): for epoch ≤ warmupT
    /// the warmup, the metric unseen; then the LRs from before the last noise are put back, PyTorch's
    /// ReduceLROnPlateau steps (mode <b>Max</b> by default, threshold_mode 'rel', eps 1e-8), and noise is added at the
    /// epochs of noiseRangeT.</summary>
    public static MetricSchedule PlateauLRScheduler(
        double decayRate = 0.1,
        int patienceT = 10,
        double threshold = 1e-4,
        int cooldownT = 0,
        int warmupT = 0,
        double warmupLrInit = 0.0,
        double lrMin = 0.0,
        PlateauMode mode = PlateauMode.Max,
        NoiseRange? noiseRangeT = null,
        NoiseType noiseType = NoiseType.Normal,
        double noisePct = 0.67,
        double noiseStd = 1.0,
        int noiseSeed = 42,
        GroupSetting? lrScale = null) =>
        new(
            Core.PlateauLRScheduler(
                Interop.Some(decayRate),
                Interop.Some(patienceT),
                Interop.Some(threshold),
                Interop.Some(cooldownT),
                Interop.Some(warmupT),
                Interop.Some(warmupLrInit),
                Interop.Some(lrMin),
                Interop.Some(Interop.Core(mode)),
                Option(noiseRangeT),
                Option(noiseType),
                Interop.Some(noisePct),
                Interop.Some(noiseStd),
                Interop.Some(noiseSeed),
                Scale(lrScale)));
}

/// <summary>timm's <c>noise_range_t</c>: the steps at which noise is added to the LRs.</summary>
public sealed record NoiseRange
{
    private NoiseRange(int start, int? end)
    {
        Start = start;
        End = end;
    }

    /// <summary>The first step with noise.</summary>
    public int Start { get; }

    /// <summary>The first step without noise again, or null for none (noise for ever).</summary>
    public int? End { get; }

    /// <summary>timm's number <c>n</c>: noise at every t ≥ n.</summary>
    public static NoiseRange From(int start) => new(start, null);

    /// <summary>timm's list <c>[lo, hi]</c>: noise at lo ≤ t &lt; hi.</summary>
    public static NoiseRange Between(int start, int end) => new(start, end);

    internal global::Schedules.NoiseRange ToCore() =>
        End is { } end ? global::Schedules.NoiseRange.NewBetween(Start, end) : global::Schedules.NoiseRange.NewFrom(Start);
}

/// <summary>timm's <c>noise_type</c> (only <see cref="Timm.PlateauLRScheduler"/> takes one).</summary>
public enum NoiseType
{
    /// <summary><c>'normal'</c>: <c>torch.randn(1)</c> drawn again until |x| &lt; noise_pct.</summary>
    Normal,

    /// <summary><c>'uniform'</c>: <c>2·(torch.rand(1) − 0.5)·noise_pct</c>.</summary>
    Uniform,
}
