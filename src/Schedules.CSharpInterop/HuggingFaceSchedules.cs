using System.Collections.Generic;
using Microsoft.FSharp.Core;
using Core = Schedules.HuggingFace;

namespace Schedules.CSharp;

/// <summary>
/// Hugging Face transformers' schedules (<c>transformers.optimization</c>), with its argument names in C# casing
/// and its defaults, bit for bit with its own code. Each LambdaLR schedule is a <see cref="Schedule"/> (Hugging
/// Face's Trainer steps it after every optimizer step); the plateau rules are <see cref="MetricSchedule"/>s.
/// Invalid arguments raise <see cref="System.ArgumentException"/> naming the parameter, the value and what is
/// allowed, when built.
/// </summary>
public static partial class HuggingFace
{
    private static Schedule Curve(Scheduler<Unit> core) => new(Schedules.Scheduler.WithMetric(core));

    private static FSharpOption<T> Option<T>(T? value) where T : struct =>
        value.HasValue ? FSharpOption<T>.Some(value.Value) : FSharpOption<T>.None;

    private static FSharpOption<string> Option(string? value) =>
        value is null ? FSharpOption<string>.None : FSharpOption<string>.Some(value);

    /// <summary><c>get_constant_schedule(optimizer)</c>: LR = base at every step.</summary>
    public static Schedule GetConstantSchedule() => Curve(Core.GetConstantSchedule());

    /// <summary><c>get_constant_schedule_with_warmup(optimizer, num_warmup_steps)</c>: LR = base × t / max(1, W)
    /// while t &lt; W, then base.</summary>
    public static Schedule GetConstantScheduleWithWarmup(int numWarmupSteps) =>
        Curve(Core.GetConstantScheduleWithWarmup(numWarmupSteps));

    /// <summary><c>get_linear_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps)</c>: the linear
    /// warm-up, then base × max(0, (T − t) / max(1, T − W)): 0 from T on.</summary>
    public static Schedule GetLinearScheduleWithWarmup(int numWarmupSteps, int numTrainingSteps) =>
        Curve(Core.GetLinearScheduleWithWarmup(numWarmupSteps, numTrainingSteps));

    /// <summary><c>get_cosine_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
    /// num_cycles=0.5)</c>: the linear warm-up, then base × max(0, 0.5 × (1 + cos(π × numCycles × 2 × p))),
    /// p = (t − W) / max(1, T − W). p is not clamped: after T the LR climbs back (Hugging Face's bug, kept).</summary>
    public static Schedule GetCosineScheduleWithWarmup(int numWarmupSteps, int numTrainingSteps, double numCycles = Kinds.HuggingFace.GetCosineScheduleWithWarmup.DefaultNumCycles) =>
        Curve(Core.GetCosineScheduleWithWarmup(numWarmupSteps, numTrainingSteps, numCycles));

    /// <summary><c>get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, num_warmup_steps,
    /// num_training_steps, num_cycles=1)</c>: the linear warm-up, then numCycles half-cosines from base to 0, each
    /// restarting at base; 0 from T on.</summary>
    public static Schedule GetCosineWithHardRestartsScheduleWithWarmup(
        int numWarmupSteps, int numTrainingSteps, double numCycles = Kinds.HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup.DefaultNumCycles) =>
        Curve(Core.GetCosineWithHardRestartsScheduleWithWarmup(numWarmupSteps, numTrainingSteps, numCycles));

    /// <summary><c>get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
    /// lr_end=1e-7, power=1.0)</c> on an optimizer whose default lr is <paramref name="optimizerLr"/> (Hugging Face
    /// reads <c>optimizer.defaults["lr"]</c>): the linear warm-up, then base × ((L − lrEnd) × (1 − (t − W)/(T − W))^power
    /// + lrEnd) / L, and base × lrEnd / L after T.</summary>
    public static Schedule GetPolynomialDecayScheduleWithWarmup(
        int numWarmupSteps, int numTrainingSteps, double optimizerLr, double lrEnd = 1e-7, double power = 1.0) =>
        Curve(Core.GetPolynomialDecayScheduleWithWarmup(numWarmupSteps, numTrainingSteps, optimizerLr, lrEnd, power));

    /// <summary><c>get_cosine_with_min_lr_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
    /// num_cycles=0.5, min_lr=None, min_lr_rate=None)</c>: the cosine onto a floor r = minLr / optimizerLr or
    /// minLrRate (exactly one of minLr and minLrRate; optimizerLr, the optimizer's default lr, with minLr).</summary>
    public static Schedule GetCosineWithMinLrScheduleWithWarmup(
        int numWarmupSteps,
        int numTrainingSteps,
        double numCycles = Kinds.HuggingFace.GetCosineWithMinLrScheduleWithWarmup.DefaultNumCycles,
        double? minLr = null,
        double? minLrRate = null,
        double? optimizerLr = null) =>
        Curve(Core.GetCosineWithMinLrScheduleWithWarmup(
            numWarmupSteps, numTrainingSteps, Interop.Some(numCycles), Option(minLr), Option(minLrRate), Option(optimizerLr)));

    /// <summary><c>get_cosine_with_min_lr_schedule_with_warmup_lr_rate(optimizer, num_warmup_steps,
    /// num_training_steps, num_cycles=0.5, min_lr=None, min_lr_rate=None, warmup_lr_rate=None)</c>: a warm-up from
    /// warmupLrRate (or 1/W) reaching base at W − 1, then the min-lr cosine one step ahead of
    /// <see cref="GetCosineWithMinLrScheduleWithWarmup"/>.</summary>
    public static Schedule GetCosineWithMinLrScheduleWithWarmupLrRate(
        int numWarmupSteps,
        int numTrainingSteps,
        double numCycles = Kinds.HuggingFace.GetCosineWithMinLrScheduleWithWarmupLrRate.DefaultNumCycles,
        double? minLr = null,
        double? minLrRate = null,
        double? warmupLrRate = null,
        double? optimizerLr = null) =>
        Curve(Core.GetCosineWithMinLrScheduleWithWarmupLrRate(
            numWarmupSteps,
            numTrainingSteps,
            Interop.Some(numCycles),
            Option(minLr),
            Option(minLrRate),
            Option(warmupLrRate),
            Option(optimizerLr)));

    /// <summary><c>get_wsd_schedule(optimizer, num_warmup_steps, num_decay_steps, num_training_steps=None,
    /// num_stable_steps=None, warmup_type="linear", decay_type="cosine", min_lr_ratio=0, num_cycles=0.5)</c>: warm-up
    /// from minLrRatio to 1, a stable phase at 1 (numStableSteps, or T − W − D), a decay back to minLrRatio, then
    /// minLrRatio; types "linear", "cosine" or "1-sqrt".</summary>
    public static Schedule GetWsdSchedule(
        int numWarmupSteps,
        int numDecaySteps,
        int? numTrainingSteps = null,
        int? numStableSteps = null,
        string warmupType = "linear",
        string decayType = "cosine",
        double minLrRatio = 0.0,
        double numCycles = Kinds.HuggingFace.GetWsdSchedule.DefaultNumCycles) =>
        Curve(Core.GetWsdSchedule(
            numWarmupSteps,
            numDecaySteps,
            Option(numTrainingSteps),
            Option(numStableSteps),
            Option(warmupType),
            Option(decayType),
            Interop.Some(minLrRatio),
            Interop.Some(numCycles)));

    /// <summary><c>get_reduce_on_plateau_schedule(optimizer, **kwargs)</c>: PyTorch's ReduceLROnPlateau with
    /// PyTorch's defaults, no grace period (see <see cref="LRScheduler.ReduceLROnPlateau"/>).</summary>
    public static MetricSchedule GetReduceOnPlateauSchedule(
        PlateauMode mode = PlateauMode.Min,
        double factor = 0.1,
        int patience = 10,
        double threshold = 1e-4,
        ThresholdMode thresholdMode = ThresholdMode.Rel,
        int cooldown = 0,
        GroupSetting? minLr = null,
        double eps = 1e-8) =>
        new(Core.GetReduceOnPlateauSchedule(
            Interop.Some(Interop.Core(mode)),
            Interop.Some(factor),
            Interop.Some(patience),
            Interop.Some(threshold),
            Interop.Some(Interop.Core(thresholdMode)),
            Interop.Some(cooldown),
            Interop.Some((minLr ?? 0.0).ToCore()),
            Interop.Some(eps)));

    /// <summary><c>GreedyLR(optimizer, ...)</c>: after more than patience better observations in a row
    /// LR = min(LR / factor, maxLr), after more than patience that are not LR = max(LR × factor, minLr); cooldown
    /// (after a reduction) and warmup (after a raise) observations are not compared; after resetStart reductions
    /// that leave every group at minLr everything starts over. factor must be below 1.</summary>
    public static MetricSchedule GreedyLR(
        PlateauMode mode = PlateauMode.Min,
        double factor = 0.95,
        int patience = 10,
        double threshold = 1e-6,
        ThresholdMode thresholdMode = ThresholdMode.Abs,
        int cooldown = 0,
        int warmup = 0,
        GroupSetting? minLr = null,
        GroupSetting? maxLr = null,
        double eps = 1e-8,
        bool smooth = false,
        int windowSize = 50,
        int resetStart = 500) =>
        new(Core.GreedyLR(
            Interop.Some(Interop.Core(mode)),
            Interop.Some(factor),
            Interop.Some(patience),
            Interop.Some(threshold),
            Interop.Some(Interop.Core(thresholdMode)),
            Interop.Some(cooldown),
            Interop.Some(warmup),
            Interop.Some((minLr ?? 1e-3).ToCore()),
            Interop.Some((maxLr ?? 1.0).ToCore()),
            Interop.Some(eps),
            Interop.Some(smooth),
            Interop.Some(windowSize),
            Interop.Some(resetStart)));

    /// <summary><c>get_scheduler(name, optimizer, num_warmup_steps=None, num_training_steps=None,
    /// scheduler_specific_kwargs=None)</c>: the schedule Hugging Face's SchedulerType <paramref name="name"/> names
    /// ("linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup",
    /// "inverse_sqrt", "reduce_lr_on_plateau", "cosine_with_min_lr", "cosine_warmup_with_min_lr",
    /// "warmup_stable_decay", "greedy"), given the arguments Hugging Face hands it; kwargs by their Python names
    /// (numbers, strings, booleans, lists of numbers). optimizerLr is the optimizer's default lr, which
    /// "polynomial" and the min-lr cosines read. A <see cref="Schedule"/> or a <see cref="MetricSchedule"/>, as the
    /// named schedule is; an unknown name is refused naming name.</summary>
    public static LRSchedule GetScheduler(
        string name,
        int? numWarmupSteps = null,
        int? numTrainingSteps = null,
        IReadOnlyDictionary<string, object?>? schedulerSpecificKwargs = null,
        double? optimizerLr = null)
    {
        System.ArgumentNullException.ThrowIfNull(name);
        var kwargs = schedulerSpecificKwargs is null
            ? FSharpOption<IReadOnlyDictionary<string, object>>.None
            : FSharpOption<IReadOnlyDictionary<string, object>>.Some(Kwargs(schedulerSpecificKwargs));
        var core = Core.GetScheduler(name, Option(numWarmupSteps), Option(numTrainingSteps), kwargs, Option(optimizerLr));
        // Not a conditional expression: Schedule converts implicitly to MetricSchedule, which would win.
        if (Schedules.ConfigModule.WatchesMetric(core.Config)) return new MetricSchedule(core);
        return new Schedule(core);
    }

    private static IReadOnlyDictionary<string, object> Kwargs(IReadOnlyDictionary<string, object?> kwargs)
    {
        var copy = new Dictionary<string, object>();
        foreach (var (key, value) in kwargs) copy[key] = value!;
        return copy;
    }
}
