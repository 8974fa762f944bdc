using System;
using System.Runtime.CompilerServices;
using Microsoft.FSharp.Core;
using Core = Schedules.Functions;

namespace Schedules.CSharp;

/// <summary>
/// Functions inside configurations (<c>lrLambda</c>, <c>scaleFn</c>) by name, so that a schedule holding them can be
/// written as JSON and read back (<see cref="LRSchedule.ToJson"/>, <see cref="Schedule.FromJson"/>): the built-ins
/// below, and your own functions registered with <see cref="Register(string, Func{int, double})"/>. A function
/// that is not registered still works everywhere but in a JSON configuration. The F# core's <c>Functions</c>, from
/// C#: a name registered here is the name the core writes and reads.
/// </summary>
/// <example><code>
/// var halving = Functions.Register("halving", epoch => Math.Pow(0.5, epoch));
/// string json = LRScheduler.LambdaLR(halving).ToJson();      // {"kind": "LambdaLR", "lrLambda": {"fn": "halving"}}
/// Schedule again = Schedule.FromJson(json);
/// </code></example>
public static class Functions
{
    // Each delegate handed out or registered here, with the F# function the core knows by name: the facade's
    // conversion returns that function, so the core can write the delegate's name.
    private static readonly ConditionalWeakTable<Func<int, double>, FSharpFunc<int, double>> Lambdas = new();
    private static readonly ConditionalWeakTable<Func<int, int, double>, FSharpFunc<int, FSharpFunc<int, double>>> WarmUps = new();

    /// <summary>
    /// Registers <paramref name="f"/> under <paramref name="name"/> and returns it: a schedule holding this delegate
    /// (the same instance: keep the one returned) is written as <c>{"fn": name}</c> and read back as this function.
    /// Registering a name again replaces the function.
    /// </summary>
    /// <param name="name">A non-empty name other than the built-ins' (gamma_pow, const, inv_sqrt, linear_warmup).</param>
    /// <param name="f">The function of the epoch (an <c>lrLambda</c> or a <c>scaleFn</c>).</param>
    public static Func<int, double> Register(string name, Func<int, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Lambdas.AddOrUpdate(f, Core.Register(name, FuncConvert.FromFunc(f)));
        return f;
    }

    /// <summary>
    /// Registers a WarmUp factor <paramref name="f"/>(step, steps) under <paramref name="name"/> and returns it; see
    /// <see cref="Register(string, Func{int, double})"/>.
    /// </summary>
    /// <param name="name">A non-empty name other than the built-ins' (gamma_pow, const, inv_sqrt, linear_warmup).</param>
    /// <param name="f">The factor as a function of (step, steps).</param>
    public static Func<int, int, double> Register(string name, Func<int, int, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        WarmUps.AddOrUpdate(f, Core.Register(name, FuncConvert.FromFunc(f)));
        return f;
    }

    /// <summary>PyTorch's classic multiplier <c>gamma ** epoch</c> (name <c>gamma_pow</c>).</summary>
    /// <param name="gamma">The base of the power.</param>
    public static Func<int, double> GammaPow(double gamma) => Known(Core.GammaPow(gamma));

    /// <summary>A constant multiplier (name <c>const</c>).</summary>
    /// <param name="value">The multiplier at every epoch.</param>
    public static Func<int, double> Constant(double value) => Known(Core.Constant(value));

    /// <summary><c>1 / sqrt(epoch + offset)</c> (name <c>inv_sqrt</c>).</summary>
    /// <param name="offset">Added to the epoch before the square root.</param>
    public static Func<int, double> InvSqrt(double offset) => Known(Core.InvSqrt(offset));

    /// <summary>celldetection's linear warm-up factor (name <c>linear_warmup</c>): 1 when step &gt; steps, else
    /// min(step / steps, 1). WarmUp's default.</summary>
    public static Func<int, int, double> LinearWarmUp { get; } = Known(Core.LinearWarmUp);

    /// <summary>The core's function for a delegate: the registered (or built-in) one it stands for, else a wrapper.</summary>
    internal static FSharpFunc<int, double> ToCore(Func<int, double> f) =>
        Lambdas.TryGetValue(f, out var core) ? core : FuncConvert.FromFunc(f);

    /// <summary>The core's function for a WarmUp factor: the registered (or built-in) one it stands for, else a wrapper.</summary>
    internal static FSharpFunc<int, FSharpFunc<int, double>> ToCore(Func<int, int, double> f) =>
        WarmUps.TryGetValue(f, out var core) ? core : FuncConvert.FromFunc(f);

    private static Func<int, double> Known(FSharpFunc<int, double> core)
    {
        Func<int, double> f = core.Invoke;
        Lambdas.AddOrUpdate(f, core);
        return f;
    }

    private static Func<int, int, double> Known(FSharpFunc<int, FSharpFunc<int, double>> core)
    {
        Func<int, int, double> f = (step, steps) => FSharpFunc<int, int>.InvokeFast(core, step, steps);
        WarmUps.AddOrUpdate(f, core);
        return f;
    }
}
