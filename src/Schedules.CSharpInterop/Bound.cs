using System;
using System.Collections.Generic;
using System.Linq;
using Schedules.TorchSharp;

namespace Schedules.CSharp;

/// <summary>What one call of a bound scheduler's <c>Step</c> did, for the caller to log.</summary>
/// <param name="Call">How many times <c>Step</c> has been called, this call included.</param>
/// <param name="Stepped">Whether this call ran a transition.</param>
/// <param name="Step">How many transitions have run.</param>
/// <param name="Lrs">The LRs the optimizer now holds.</param>
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

    /// <summary>The LRs the optimizer holds now.</summary>
    public IReadOnlyList<double> Lrs => Core.Lrs;

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
