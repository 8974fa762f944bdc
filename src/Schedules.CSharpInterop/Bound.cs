using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.FSharp.Core;
using Schedules.TorchSharp;

namespace Schedules.CSharp;

/// <summary>
/// The optimizer setting a bound schedule drives (optax's <c>inject_hyperparams</c>, timm's
/// <c>param_group_field</c>): the "LRs" its steps read, compute and write are this setting's values, one per param
/// group. Bind one schedule per setting to schedule several settings of one optimizer.
/// </summary>
public enum Hyperparameter
{
    /// <summary>The learning rate (<c>lr</c>), which every optimizer has: the default. Finite and &gt;= 0.</summary>
    LearningRate,

    /// <summary>The weight decay (<c>weight_decay</c>: SGD, the Adam family, RMSprop, Adagrad, Adadelta, ASGD).
    /// Finite and &gt;= 0.</summary>
    WeightDecay,

    /// <summary>The momentum (<c>momentum</c>: SGD, RMSprop). In [0, 1).</summary>
    Momentum,

    /// <summary>The first of the betas (<c>betas[0]</c>: Adam, AdamW, Adamax, NAdam, RAdam). In [0, 1).</summary>
    Beta1,

    /// <summary>The second of the betas (<c>betas[1]</c>: Adam, AdamW, Adamax, NAdam, RAdam). In [0, 1).</summary>
    Beta2,
}

/// <summary>What one call of a bound scheduler's <c>Step</c> did, for the caller to log.</summary>
/// <param name="Call">How many times <c>Step</c> has been called, this call included.</param>
/// <param name="Stepped">Whether this call ran a transition.</param>
/// <param name="Step">How many transitions have run.</param>
/// <param name="Lrs">The values the optimizer now holds of the field the schedule drives: the LRs, unless it was
/// bound to another <see cref="Hyperparameter"/>.</param>
/// <param name="Momentum">The momentum (or beta1) written, where the scheduler cycles it; otherwise null.</param>
/// <param name="Events">What the transition did.</param>
/// <param name="Messages">One line per event, for example "group 0 reduced from 0.1 to 0.01 at step 37".</param>
public sealed record StepReport(
    int Call,
    bool Stepped,
    int Step,
    IReadOnlyList<double> Lrs,
    IReadOnlyList<double>? Momentum,
    IReadOnlyList<ScheduleEvent> Events,
    IReadOnlyList<string> Messages);

internal static class Bound
{
    internal static global::TorchSharp.torch.optim.Optimizer NotNull(global::TorchSharp.torch.optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return optimizer;
    }

    internal static FSharpOption<Schedules.TorchSharp.Hyperparameter> Field(Hyperparameter field) =>
        FSharpOption<Schedules.TorchSharp.Hyperparameter>.Some(field switch
        {
            Hyperparameter.LearningRate => Schedules.TorchSharp.Hyperparameter.LearningRate,
            Hyperparameter.WeightDecay => Schedules.TorchSharp.Hyperparameter.WeightDecay,
            Hyperparameter.Momentum => Schedules.TorchSharp.Hyperparameter.Momentum,
            Hyperparameter.Beta1 => Schedules.TorchSharp.Hyperparameter.Beta1,
            Hyperparameter.Beta2 => Schedules.TorchSharp.Hyperparameter.Beta2,
            _ => throw new ArgumentOutOfRangeException(
                nameof(field), field, $"field must be one of the Hyperparameter values, but got {(int)field}."),
        });

    internal static StepReport Report(Schedules.TorchSharp.StepReport r) =>
        new(
            r.Call,
            r.Stepped,
            r.Step,
            r.Lrs,
            Interop.Optional(r.Momentum),
            r.Events.Select(Interop.Event).ToArray(),
            r.Messages.ToArray());
}

/// <summary>
/// A scheduler bound to a TorchSharp optimizer: each <c>Step</c> reads the optimizer's LRs, runs the transition and
/// writes the result back. It holds the only mutable thing, the current state.
/// </summary>
public abstract class BoundLRSchedule
{
    private protected BoundLRSchedule(BoundScheduler<double> core) => Core = core;

    private protected BoundScheduler<double> Core { get; }

    /// <summary>The values the optimizer holds now of the field this schedule drives: the LRs, unless it was bound to
    /// another <see cref="Hyperparameter"/>.</summary>
    public IReadOnlyList<double> Lrs => Core.Lrs;

    /// <summary>The optimizer setting this schedule drives.</summary>
    public Hyperparameter Field => (Hyperparameter)Core.Field.Tag;

    /// <summary>The current state.</summary>
    public ScheduleState State => new(Core.State);

    /// <summary>How many times <c>Step</c> (or <c>StepAt</c>) has been called.</summary>
    public int Calls => Core.Calls;

    /// <summary>The state as JSON, with the LRs (and momentum or beta1, where cycled) the optimizer holds now, which
    /// <c>Resume</c> checks; save the optimizer with its own state dict beside it, at the same point.</summary>
    public string Save() => Core.Save();

    /// <summary>Replaces the state with one saved by <see cref="Save"/>; a bad document raises a
    /// <see cref="FormatException"/> and leaves the running state untouched. The optimizer's values are not checked
    /// here (only <c>Resume</c> checks them).</summary>
    public void Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Core.Load(json);
    }
}

/// <summary>A <see cref="Schedule"/> bound to a TorchSharp optimizer.</summary>
public sealed class BoundSchedule : BoundLRSchedule
{
    internal BoundSchedule(BoundScheduler<double> core)
        : base(core) { }

    /// <summary>One call from the training loop; every <c>every</c>-th call runs a transition. A failing
    /// transition writes nothing.</summary>
    public StepReport Step() => Bound.Report(Core.Step(double.NaN));

    /// <summary>
    /// PyTorch's <c>step(epoch)</c> for CosineAnnealingWarmRestarts on the optimizer: jumps to an explicit, possibly
    /// fractional epoch (for example <c>epoch + (double)i / iters</c> once per batch) and writes the LRs; later
    /// <c>Step</c> calls continue from there. It always runs one transition and counts as one call; a schedule bound
    /// with <c>every</c> &gt; 1 refuses it (<see cref="InvalidOperationException"/>), and any other scheduler is
    /// refused (<see cref="ArgumentException"/>). A failing transition writes nothing.
    /// </summary>
    public StepReport StepAt(double epoch) => Bound.Report(Core.StepAt(epoch));
}

/// <summary>A <see cref="MetricSchedule"/> bound to a TorchSharp optimizer.</summary>
public sealed class BoundMetricSchedule : BoundLRSchedule
{
    internal BoundMetricSchedule(BoundScheduler<double> core)
        : base(core) { }

    /// <summary>One call from the training loop with the metric (a validation loss, an accuracy); every
    /// <c>every</c>-th call runs a transition. A failing transition writes nothing.</summary>
    public StepReport Step(double metric) => Bound.Report(Core.Step(metric));
}
