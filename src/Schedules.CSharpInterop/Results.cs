using System;
using System.Collections.Generic;
using System.Linq;

namespace Schedules.CSharp;

/// <summary>Something a step did that a training loop may want to log.</summary>
public abstract record ScheduleEvent;

/// <summary><c>ReduceLROnPlateau</c> lowered the LR of param group <paramref name="Group"/>.</summary>
/// <param name="Group">The param group, from 0.</param>
/// <param name="OldLr">The LR before.</param>
/// <param name="NewLr">The LR after.</param>
public sealed record LrReduced(int Group, double OldLr, double NewLr) : ScheduleEvent;

/// <summary><c>SequentialLR</c> reached a milestone: scheduler <paramref name="Index"/> takes over.</summary>
/// <param name="Index">The child that takes over, from 0.</param>
public sealed record SchedulerSwitched(int Index) : ScheduleEvent;

/// <summary>
/// The whole state of a scheduler between two steps: immutable, and equal to another exactly when every counter
/// and value is bit for bit the same. Save it with <see cref="LRSchedule.Save"/>.
/// </summary>
public sealed class ScheduleState : IEquatable<ScheduleState>
{
    internal ScheduleState(State core) => Core = core;

    internal State Core { get; }

    /// <summary>How many transitions the state has seen.</summary>
    public int Epoch => Schedules.StateModule.Epoch(Core);

    /// <inheritdoc />
    public bool Equals(ScheduleState? other) => other is not null && Core.Equals(other.Core);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ScheduleState);

    /// <inheritdoc />
    public override int GetHashCode() => Core.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Core.ToString();
}

/// <summary>What a transition produced: the new state and what to apply.</summary>
/// <param name="State">The state to pass to the next step.</param>
/// <param name="Lrs">The LRs to apply, one per param group.</param>
/// <param name="Momentum">The momentum (SGD) or beta1 (Adam) to apply where the scheduler cycles it; otherwise null.</param>
/// <param name="Events">What happened in this step, in order.</param>
public readonly record struct StepResult(
    ScheduleState State,
    IReadOnlyList<double> Lrs,
    IReadOnlyList<double>? Momentum,
    IReadOnlyList<ScheduleEvent> Events);

/// <summary>One row of a run: what one step produced.</summary>
/// <param name="Lrs">The LRs applied from this step on, one per param group.</param>
/// <param name="Momentum">The momentum (or beta1) where the scheduler cycles it; otherwise null.</param>
/// <param name="Events">What happened in this step, in order.</param>
public readonly record struct TraceRow(
    IReadOnlyList<double> Lrs,
    IReadOnlyList<double>? Momentum,
    IReadOnlyList<ScheduleEvent> Events);

/// <summary>A run of a scheduler: one row per step (row 0 is what building it produced) and the last state.</summary>
public sealed class ScheduleTrace
{
    internal ScheduleTrace(IReadOnlyList<TraceRow> rows, ScheduleState state)
    {
        Rows = rows;
        State = state;
    }

    /// <summary>Row t holds what step t produced; row 0 what building the scheduler produced.</summary>
    public IReadOnlyList<TraceRow> Rows { get; }

    /// <summary>The state after the last row, to continue from.</summary>
    public ScheduleState State { get; }

    /// <summary>The LRs of every row.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Lrs => Rows.Select(r => r.Lrs).ToArray();
}

/// <summary>An event of a run kept as columns, with the row of the step that produced it.</summary>
/// <param name="Row">The row (in <see cref="ScheduleSeriesTrace"/>'s columns) of the step that produced the event.</param>
/// <param name="Event">What happened.</param>
public readonly record struct RowEvent(int Row, ScheduleEvent Event);

/// <summary>
/// A run of a scheduler kept as columns, for long simulations (a million recorded metrics): one column of doubles per
/// param group instead of one row object per step, the events with their rows, and the state after the last row.
/// The values are <see cref="ScheduleTrace"/>'s, bit for bit.
/// </summary>
public sealed class ScheduleSeriesTrace
{
    internal ScheduleSeriesTrace(
        IReadOnlyList<double[]> lrs, IReadOnlyList<double[]> momentum, IReadOnlyList<RowEvent> events, ScheduleState state)
    {
        Lrs = lrs;
        Momentum = momentum;
        Events = events;
        State = state;
    }

    /// <summary>For each param group, the LR of every row: <c>Lrs[group][row]</c>; row 0 is what building the
    /// scheduler produced.</summary>
    public IReadOnlyList<double[]> Lrs { get; }

    /// <summary>For each param group, the momentum (or beta1) the optimizer holds after every row, where the scheduler
    /// cycles it (NaN in rows before the first that writes one); empty where it does not.</summary>
    public IReadOnlyList<double[]> Momentum { get; }

    /// <summary>Every event, in order, with its row.</summary>
    public IReadOnlyList<RowEvent> Events { get; }

    /// <summary>The state after the last row, to continue from.</summary>
    public ScheduleState State { get; }
}
