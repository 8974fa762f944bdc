using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Schedules.CSharp;

/// <summary>Conversions between this facade's C# types and the F# core's, in one place.</summary>
internal static class Interop
{
    internal static FSharpOption<T> Some<T>(T value) => FSharpOption<T>.Some(value);

    internal static FSharpList<T> List<T>(IEnumerable<T> items) => ListModule.OfSeq(items);

    internal static GroupValues Values(IReadOnlyList<double> values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        return GroupValues.Of(values);
    }

    internal static FSharpFunc<int, double> Func(Func<int, double> f, string paramName)
    {
        ArgumentNullException.ThrowIfNull(f, paramName);
        return Functions.ToCore(f);
    }

    internal static FSharpFunc<int, FSharpFunc<int, double>> Func(Func<int, int, double> f, string paramName)
    {
        ArgumentNullException.ThrowIfNull(f, paramName);
        return Functions.ToCore(f);
    }

    internal static FSharpOption<T>? Option<T>(T? value)
        where T : struct => value is T v ? Some(v) : null;

    internal static FSharpOption<ForGroups<double>>? Option(GroupSetting? setting) =>
        setting is GroupSetting s ? Some(s.ToCore()) : null;

    internal static ForGroups<FSharpFunc<int, double>> Lambdas(IReadOnlyList<Func<int, double>> fs, string paramName)
    {
        ArgumentNullException.ThrowIfNull(fs, paramName);
        if (fs.Any(f => f is null)) throw new ArgumentNullException(paramName, $"{paramName} holds a null function.");
        return ForGroups<FSharpFunc<int, double>>.NewEach(List(fs.Select(Functions.ToCore)));
    }

    internal static ForGroups<FSharpFunc<int, FSharpFunc<int, double>>> Lambdas(
        IReadOnlyList<Func<int, int, double>> fs, string paramName)
    {
        ArgumentNullException.ThrowIfNull(fs, paramName);
        if (fs.Any(f => f is null)) throw new ArgumentNullException(paramName, $"{paramName} holds a null function.");
        return ForGroups<FSharpFunc<int, FSharpFunc<int, double>>>.NewEach(List(fs.Select(Functions.ToCore)));
    }

    internal static IReadOnlyList<double>? Optional(FSharpOption<GroupValues> momentum) =>
        FSharpOption<GroupValues>.get_IsSome(momentum) ? momentum.Value : null;

    internal static Schedules.PlateauMode Core(PlateauMode mode) => mode switch
    {
        PlateauMode.Min => Schedules.PlateauMode.Min,
        PlateauMode.Max => Schedules.PlateauMode.Max,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"mode must be Min or Max, but got {mode}."),
    };

    internal static Schedules.ThresholdMode Core(ThresholdMode mode) => mode switch
    {
        ThresholdMode.Rel => Schedules.ThresholdMode.Rel,
        ThresholdMode.Abs => Schedules.ThresholdMode.Abs,
        _ => throw new ArgumentOutOfRangeException("thresholdMode", mode, $"thresholdMode must be Rel or Abs, but got {mode}."),
    };

    internal static Schedules.CyclicMode Core(CyclicMode mode) => mode switch
    {
        CyclicMode.Triangular => Schedules.CyclicMode.Triangular,
        CyclicMode.Triangular2 => Schedules.CyclicMode.Triangular2,
        CyclicMode.ExpRange => Schedules.CyclicMode.ExpRange,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"mode must be Triangular, Triangular2 or ExpRange, but got {mode}."),
    };

    internal static Schedules.ScaleMode Core(ScaleMode mode) => mode switch
    {
        ScaleMode.Cycle => Schedules.ScaleMode.Cycle,
        ScaleMode.Iterations => Schedules.ScaleMode.Iterations,
        _ => throw new ArgumentOutOfRangeException("scaleMode", mode, $"scaleMode must be Cycle or Iterations, but got {mode}."),
    };

    internal static Schedules.AnnealStrategy Core(AnnealStrategy strategy) => strategy switch
    {
        AnnealStrategy.Cos => Schedules.AnnealStrategy.Cos,
        AnnealStrategy.Linear => Schedules.AnnealStrategy.Linear,
        _ => throw new ArgumentOutOfRangeException("annealStrategy", strategy, $"annealStrategy must be Cos or Linear, but got {strategy}."),
    };

    internal static ScheduleEvent Event(Event e) => e switch
    {
        Event.LrReduced r => new LrReduced(r.Group, r.OldLr, r.NewLr),
        Event.SchedulerSwitched s => new SchedulerSwitched(s.Index),
        _ => throw new InvalidOperationException($"Unknown event {e}."),
    };

    internal static double[][] Columns(System.Collections.Immutable.ImmutableArray<System.Collections.Immutable.ImmutableArray<double>> columns) =>
        columns.Select(column => System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(column)!).ToArray();

    internal static TraceRow Row(Output output) =>
        new(output.Lrs, Optional(output.Momentum), output.Events.Select(Event).ToArray());

    internal static StepResult Result(State state, Output output) =>
        new(
            new ScheduleState(state),
            output.Lrs,
            Optional(output.Momentum),
            output.Events.Select(Event).ToArray());
}
