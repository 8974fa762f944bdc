using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.FSharp.Core;

namespace Schedules.CSharp;

/// <summary>
/// A validated, immutable scheduler: what <see cref="LRScheduler"/> builds. Building one touches nothing; a step is
/// a pure function from a state and the LRs currently applied (and, for a <see cref="MetricSchedule"/>, the metric)
/// to the next state and the LRs to apply. <see cref="Schedule"/> needs no metric; <see cref="MetricSchedule"/>
/// watches one.
/// </summary>
public abstract class LRSchedule
{
    private protected LRSchedule(Scheduler<double> core) => Core = core;

    internal Scheduler<double> Core { get; }

    /// <summary>The PyTorch class name of the scheduler (celldetection's for WarmUp).</summary>
    public string Kind => ConfigModule.Kind(Core.Config);

    /// <summary>Whether the scheduler, or one inside it, watches a metric.</summary>
    public bool WatchesMetric => ConfigModule.WatchesMetric(Core.Config);

    /// <summary>Whether the scheduler, or one inside it, cycles momentum (or Adam's beta1).</summary>
    public bool CyclesMomentum => ConfigModule.CyclesMomentum(Core.Config);

    /// <summary>The PyTorch whose semantics the schedule reproduces: <see cref="PyTorchVersion.PyTorch2"/> unless
    /// built with <c>WithPyTorch</c> (or read from JSON that names another).</summary>
    public PyTorchVersion PyTorch => PyTorchVersions.Of(Core.PyTorch);

    /// <summary>The core scheduler rebuilt for <paramref name="version"/>, validated again.</summary>
    private protected Scheduler<double> CoreFor(PyTorchVersion version) =>
        Schedules.Scheduler.WithPyTorch(PyTorchVersions.Core(version), Core);

    /// <summary>
    /// The configuration as a JSON document, <c>{"kind": "StepLR", "stepSize": 30, "gamma": 0.1}</c>: PyTorch's
    /// names, modes by PyTorch's names, functions by their registered names (see <see cref="Functions"/>),
    /// composites nested, and <c>"pytorch": "1.13"</c> for a schedule built for PyTorch 1.13 (a 2.x schedule writes
    /// no version). Read it back with <see cref="Schedule.FromJson"/> or <see cref="MetricSchedule.FromJson"/>.
    /// A function that is not registered raises an <see cref="ArgumentException"/> naming its parameter
    /// (<c>lrLambda</c>, <c>scaleFn</c>).
    /// </summary>
    public string ToJson() => Schedules.Scheduler.ToJson(Core);

    /// <summary>
    /// What building the scheduler on an optimizer with these LRs does (PyTorch's constructor, including its
    /// initial step): the first state and the LRs (and momentum) for epoch 0.
    /// </summary>
    /// <param name="lrs">The optimizer's LRs, one per param group; finite and &gt;= 0.</param>
    public StepResult Init(IReadOnlyList<double> lrs)
    {
        var (state, output) = Schedules.Scheduler.Init(Core, Interop.Values(lrs, nameof(lrs)));
        return Interop.Result(state, output);
    }

    /// <summary>The state as JSON, with a format version and a description of this configuration.</summary>
    public string Save(ScheduleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Schedules.Checkpoint.Save(Core, state.Core);
    }

    /// <summary>
    /// A state saved by <see cref="Save"/> for the same configuration. Malformed, truncated or mismatched JSON
    /// raises a <see cref="FormatException"/> that says what is wrong. Functions (lrLambda, scaleFn) are not saved:
    /// build the scheduler again with them, then load.
    /// </summary>
    public ScheduleState Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new ScheduleState(Schedules.Checkpoint.Load(Core, json));
    }

    private protected StepResult StepCore(ScheduleState state, IReadOnlyList<double> lrs, double metric)
    {
        ArgumentNullException.ThrowIfNull(state);
        var observation = new Observation<double>(Interop.Values(lrs, nameof(lrs)), metric);
        var (next, output) = Schedules.Scheduler.Step(Core, state.Core, observation);
        return Interop.Result(next, output);
    }

    private protected ScheduleTrace RunCore(IReadOnlyList<double> lrs, IEnumerable<double> metrics)
    {
        var trace = Schedules.Scheduler.Run(Core, Interop.Values(lrs, nameof(lrs)), metrics);
        return new ScheduleTrace(trace.Rows.Select(Interop.Row).ToArray(), new ScheduleState(trace.State));
    }

    private protected ScheduleSeriesTrace RunSeriesCore(IReadOnlyList<double> lrs, IEnumerable<double> metrics)
    {
        var run = Schedules.Scheduler.RunSeries(Core, Interop.Values(lrs, nameof(lrs)), metrics);
        return new ScheduleSeriesTrace(
            Interop.Columns(run.Lrs),
            Interop.Columns(run.Momentum),
            run.Events.Select(e => new RowEvent(e.Row, Interop.Event(e.Event))).ToArray(),
            new ScheduleState(run.State));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} scheduler";
}

/// <summary>A scheduler that needs no metric (every PyTorch scheduler except ReduceLROnPlateau).</summary>
public sealed class Schedule : LRSchedule
{
    private Scheduler<Unit>? _stepBased;

    internal Schedule(Scheduler<double> core)
        : base(core) { }

    /// <summary>
    /// A schedule from a JSON document written by <see cref="LRSchedule.ToJson"/> or by hand (arguments left out
    /// take their defaults, PyTorch's): <c>{"kind": "StepLR", "stepSize": 30}</c> reads as
    /// <c>LRScheduler.StepLR(30)</c>.
    /// An invalid value, an unknown kind, argument or function name raises the factories'
    /// <see cref="ArgumentException"/> naming the field; a text that is not JSON raises a
    /// <see cref="FormatException"/>. A configuration that watches a metric (one holding a ReduceLROnPlateau) is
    /// refused: read it with <see cref="MetricSchedule.FromJson"/>. A top-level <c>"pytorch"</c> field
    /// (<c>"2.x"</c> or <c>"1.13"</c>, as <see cref="LRSchedule.ToJson"/> writes it) says which PyTorch the schedule
    /// reproduces; without it, 2.x.
    /// </summary>
    /// <param name="json">The configuration as JSON.</param>
    public static Schedule FromJson(string json)
    {
        var watching = Schedules.Scheduler.OfJsonWatching(json);
        if (ConfigModule.WatchesMetric(watching.Config))
        {
            throw new ArgumentException(
                $"json holds a {ConfigModule.Kind(watching.Config)} that watches a metric (a ReduceLROnPlateau, or a "
                + "composite holding one), which a Schedule cannot: read it with MetricSchedule.FromJson.",
                nameof(json));
        }

        return new(watching);
    }

    /// <summary>The same schedule reproducing another PyTorch: <see cref="PyTorchVersion.PyTorch2"/> (the default)
    /// or <see cref="PyTorchVersion.PyTorch1_13"/>. The configuration is validated again, so a spec that version
    /// refuses (1.13: a ChainedScheduler inside a SequentialLR) raises an <see cref="ArgumentException"/>. A state
    /// belongs to the version that started it: <see cref="LRSchedule.Load"/> refuses another's checkpoint.</summary>
    public Schedule WithPyTorch(PyTorchVersion version) => new(CoreFor(version));

    /// <summary>The core's step-based view of this schedule, for <see cref="Preview"/>; built once, on first use.</summary>
    internal Scheduler<Unit> StepBased =>
        _stepBased ??= Schedules.Scheduler.WithPyTorch(Core.PyTorch, Schedules.Scheduler.Create(Core.Config));

    /// <summary>One transition from <paramref name="state"/>, observing the LRs currently applied.</summary>
    /// <param name="state">The state from <see cref="LRSchedule.Init"/> or the previous step.</param>
    /// <param name="lrs">The LRs currently applied (a manual change is honoured), one per param group.</param>
    public StepResult Step(ScheduleState state, IReadOnlyList<double> lrs) => StepCore(state, lrs, double.NaN);

    /// <summary>
    /// PyTorch's <c>step(epoch)</c> for CosineAnnealingWarmRestarts: jump to an explicit, possibly fractional
    /// epoch (for example <c>epoch + batch / batches</c>). Any other scheduler is refused.
    /// </summary>
    public StepResult StepAt(ScheduleState state, double epoch, IReadOnlyList<double> lrs)
    {
        ArgumentNullException.ThrowIfNull(state);
        var observation = new Observation<double>(Interop.Values(lrs, nameof(lrs)), double.NaN);
        var (next, output) = Schedules.Scheduler.StepAt(Core, state.Core, epoch, observation);
        return Interop.Result(next, output);
    }

    /// <summary>Builds the scheduler on <paramref name="lrs"/> and steps it <paramref name="steps"/> times,
    /// applying each step's LRs before the next: rows 0..steps.</summary>
    public ScheduleTrace Run(IReadOnlyList<double> lrs, int steps)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be >= 0, but got {steps}.");
        return RunCore(lrs, Enumerable.Repeat(double.NaN, steps));
    }

    /// <summary><see cref="Run(IReadOnlyList{double}, int)"/> kept as columns, one array of doubles per param group
    /// (rows 0..steps), for long runs.</summary>
    public ScheduleSeriesTrace RunSeries(IReadOnlyList<double> lrs, int steps)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be >= 0, but got {steps}.");
        return RunSeriesCore(lrs, new double[steps]);
    }

    /// <summary>The same scheduler, observing (and ignoring) a metric, to sit beside a ReduceLROnPlateau in a
    /// SequentialLR or ChainedScheduler. Also an implicit conversion.</summary>
    public MetricSchedule WithMetric() => new(Core);

    /// <summary>The same scheduler, observing (and ignoring) a metric.</summary>
    public static implicit operator MetricSchedule(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.WithMetric();
    }

    /// <summary>Binds the scheduler to a TorchSharp optimizer, as PyTorch's constructor does: writes epoch 0's
    /// LRs (and momentum). One transition every <paramref name="every"/> calls of <c>Step</c>. With another
    /// <paramref name="field"/> (default the LR) the schedule drives that setting instead, for example the weight
    /// decay; an optimizer without it, or holding values it does not allow, and a schedule that cycles momentum on a
    /// field other than the LR are refused with an <see cref="ArgumentException"/>.</summary>
    public BoundSchedule Bind(
        global::TorchSharp.torch.optim.Optimizer optimizer, int every = 1, Hyperparameter field = Hyperparameter.LearningRate) =>
        new(Schedules.TorchSharp.Shell.bind(Core, Bound.NotNull(optimizer), FSharpOption<int>.Some(every), Bound.Field(field)));

    /// <summary>Binds the scheduler to an optimizer restored from its state dict, continuing from a document
    /// written by <see cref="BoundLRSchedule.Save"/>; nothing is written to the optimizer. An optimizer whose LRs
    /// (or cycled momentum) differ from those the document recorded is refused with an
    /// <see cref="ArgumentException"/> (load its state first), unless <paramref name="acceptOptimizerLrs"/> is
    /// true. <paramref name="field"/> is the setting the schedule drives, as in <c>Bind</c>; a document saved for
    /// another field is refused with a <see cref="FormatException"/>.</summary>
    public BoundSchedule Resume(
        global::TorchSharp.torch.optim.Optimizer optimizer,
        string json,
        int every = 1,
        bool acceptOptimizerLrs = false,
        Hyperparameter field = Hyperparameter.LearningRate)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new(Schedules.TorchSharp.Shell.resume(
            Core,
            Bound.NotNull(optimizer),
            json,
            FSharpOption<int>.Some(every),
            FSharpOption<bool>.Some(acceptOptimizerLrs),
            Bound.Field(field)));
    }
}

/// <summary>A scheduler that watches a metric: ReduceLROnPlateau, or a composite holding one.</summary>
public sealed class MetricSchedule : LRSchedule
{
    internal MetricSchedule(Scheduler<double> core)
        : base(core) { }

    /// <summary>
    /// A schedule from a JSON document written by <see cref="LRSchedule.ToJson"/> or by hand (arguments left out
    /// take their defaults, PyTorch's: a ReduceLROnPlateau read here has no grace period unless it says
    /// <c>"warmup": 1</c>). Any configuration reads, one that watches no metric ignoring it. Errors and the
    /// <c>"pytorch"</c> field as <see cref="Schedule.FromJson"/>.
    /// </summary>
    /// <param name="json">The configuration as JSON.</param>
    public static MetricSchedule FromJson(string json) => new(Schedules.Scheduler.OfJsonWatching(json));

    /// <summary>The same schedule reproducing another PyTorch, as <see cref="Schedule.WithPyTorch"/>.</summary>
    public MetricSchedule WithPyTorch(PyTorchVersion version) => new(CoreFor(version));

    /// <summary>One transition from <paramref name="state"/>, observing the LRs currently applied and the metric
    /// (a validation loss, an accuracy; NaN counts as not improving).</summary>
    public StepResult Step(ScheduleState state, IReadOnlyList<double> lrs, double metric) => StepCore(state, lrs, metric);

    /// <summary>Builds the scheduler on <paramref name="lrs"/> and steps it once per metric: rows 0..n.</summary>
    public ScheduleTrace Run(IReadOnlyList<double> lrs, IEnumerable<double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return RunCore(lrs, metrics);
    }

    /// <summary><see cref="Run"/> kept as columns, one array of doubles per param group (rows 0..n), for long
    /// simulations: a million recorded metrics (pass them as an array) make no object per step.</summary>
    public ScheduleSeriesTrace RunSeries(IReadOnlyList<double> lrs, IEnumerable<double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return RunSeriesCore(lrs, metrics);
    }

    /// <summary>Binds the scheduler to a TorchSharp optimizer, as PyTorch's constructor does; with another
    /// <paramref name="field"/> (default the LR) it drives that setting instead, as <see cref="Schedule.Bind"/>
    /// does.</summary>
    public BoundMetricSchedule Bind(
        global::TorchSharp.torch.optim.Optimizer optimizer, int every = 1, Hyperparameter field = Hyperparameter.LearningRate) =>
        new(Schedules.TorchSharp.Shell.bind(Core, Bound.NotNull(optimizer), FSharpOption<int>.Some(every), Bound.Field(field)));

    /// <summary>Binds the scheduler to an optimizer restored from its state dict, continuing from a document
    /// written by <see cref="BoundLRSchedule.Save"/>; nothing is written to the optimizer. An optimizer whose LRs
    /// (or cycled momentum) differ from those the document recorded is refused with an
    /// <see cref="ArgumentException"/> (load its state first), unless <paramref name="acceptOptimizerLrs"/> is
    /// true. <paramref name="field"/> is the setting the schedule drives, as in <c>Bind</c>; a document saved for
    /// another field is refused with a <see cref="FormatException"/>.</summary>
    public BoundMetricSchedule Resume(
        global::TorchSharp.torch.optim.Optimizer optimizer,
        string json,
        int every = 1,
        bool acceptOptimizerLrs = false,
        Hyperparameter field = Hyperparameter.LearningRate)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new(Schedules.TorchSharp.Shell.resume(
            Core,
            Bound.NotNull(optimizer),
            json,
            FSharpOption<int>.Some(every),
            FSharpOption<bool>.Some(acceptOptimizerLrs),
            Bound.Field(field)));
    }
}
