using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.FSharp.Core;
using Schedules.CSharp;
using Xunit;
using Core = Schedules;

namespace CSharpInteropTests;

/// <summary>The C# facade's defaults are the F# core's: one home per default.</summary>
public sealed class DefaultsTests
{
    private static readonly Assembly Facade = typeof(LRScheduler).Assembly;
    private static readonly Assembly CoreAssembly = typeof(Core.LRScheduler).Assembly;

    // The F# factories whose `?x` options take their defaults from a preset rather than from the kind's module.
    private static readonly Dictionary<(Type, string), object> Presets = new()
    {
        [(typeof(Core.LRScheduler), "ReduceLROnPlateau")] = Core.ReduceLROnPlateauConfig.Default,
        [(typeof(Core.CellDetection), "ReduceLROnPlateau")] = Core.ReduceLROnPlateauConfig.CellDetectionDefault,
        [(typeof(Core.HuggingFace), "GetReduceOnPlateauSchedule")] = Core.ReduceLROnPlateauConfig.Default,
        [(typeof(Core.HuggingFace), "GreedyLR")] = Core.GreedyLRConfig.Default,
        [(typeof(Core.Keras), "ReduceLROnPlateau")] = Core.KerasReduceLROnPlateauConfig.Default,
        [(typeof(Core.Optax), "ReduceOnPlateau")] = Core.OptaxReduceOnPlateauConfig.Default,
        [(typeof(Core.Timm), "PlateauLRScheduler")] = Core.TimmPlateauLRSchedulerConfig.Default,
    };

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    private static bool IsOption(ParameterInfo p) =>
        p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(FSharpOption<>);

    /// <summary>The default the F# core gives a parameter: its DefaultParameterValue, or for a <c>?x</c> option the
    /// preset's field or the kind's <c>Default…</c> literal or value; none when the core leaves it unset.</summary>
    private static (bool Found, object? Value) CoreDefault(Type coreType, MethodInfo method, ParameterInfo p)
    {
        if (p.HasDefaultValue) return (true, p.DefaultValue);
        if (!IsOption(p)) return (false, null);
        if (Presets.TryGetValue((coreType, method.Name), out var preset))
        {
            var field = preset.GetType().GetProperty(Pascal(p.Name!));
            return field is null ? (false, null) : (true, field.GetValue(preset));
        }

        // The kind's own module, then the modules a family's kinds share (timm's base Scheduler and its Noise), where
        // a shared default has its one home (noisePct is Noise.DefaultPct).
        var homes = new[]
        {
            ($"Schedules.Kinds.{method.Name}", Pascal(p.Name!)),
            ($"Schedules.Kinds.{coreType.Name}.{method.Name}", Pascal(p.Name!)),
            ($"Schedules.Kinds.{coreType.Name}.Scheduler", Pascal(p.Name!)),
            ($"Schedules.Kinds.{coreType.Name}.NoiseModule", p.Name!.StartsWith("noise", StringComparison.Ordinal) ? p.Name![5..] : Pascal(p.Name!)),
        };
        foreach (var (home, name) in homes)
        {
            var member = CoreAssembly.GetType(home)
                ?.GetMember("Default" + name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .SingleOrDefault();
            switch (member)
            {
                case FieldInfo f: return (true, f.GetValue(null));
                case PropertyInfo q: return (true, q.GetValue(null));
            }
        }

        return (false, null);
    }

    // Modes compare by name (a C# enum against the core's union case), numbers and flags bit for bit.
    private static bool Same(object csharp, object? core) =>
        csharp.GetType().IsEnum ? csharp.ToString() == core?.ToString() : csharp.Equals(core);

    /// <summary>Every optional parameter of every public static factory of the facade against the F# factory of
    /// the same class and name: a C# default must be the core's; a null C# default must leave a core option unset.</summary>
    private static (List<string> Checked, List<string> Differences) Compare()
    {
        var checkedParameters = new List<string>();
        var differences = new List<string>();
        var factories =
            from type in Facade.GetExportedTypes()
            where type.IsAbstract && type.IsSealed
            let coreType = CoreAssembly.GetType($"Schedules.{type.Name}")
            where coreType is not null
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            select (type, coreType, method);

        foreach (var (type, coreType, method) in factories)
        {
            var coreMethods = coreType.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == method.Name).ToArray();
            foreach (var p in method.GetParameters().Where(p => p.IsOptional))
            {
                var where = $"{type.Name}.{method.Name}({p.Name})";
                checkedParameters.Add(where);
                var twins = coreMethods
                    .SelectMany(m => m.GetParameters().Where(q => q.Name == p.Name).Select(q => (m, q)))
                    .ToArray();
                if (twins.Length == 0)
                {
                    differences.Add($"{where}: the F# {coreType.Name}.{method.Name} has no parameter {p.Name}");
                    continue;
                }

                foreach (var (coreMethod, q) in twins)
                {
                    var (found, expected) = CoreDefault(coreType, coreMethod, q);
                    if (p.DefaultValue is null)
                    {
                        if (!IsOption(q))
                            differences.Add($"{where}: null in C#, but the F# parameter is no option to leave unset");
                    }
                    else if (!found)
                        differences.Add($"{where}: {p.DefaultValue} in C#, but the F# core has no default for it");
                    else if (!Same(p.DefaultValue, expected))
                        differences.Add($"{where}: {p.DefaultValue} in C#, {expected} in the F# core");
                }
            }
        }

        return (checkedParameters, differences);
    }

    [Fact]
    public void EveryCSharpDefaultIsTheCoresDefault()
    {
        var (checkedParameters, differences) = Compare();

        Assert.Empty(differences);
        // Not vacuous: every factory class with defaults is reached, down to the plateau's presets.
        Assert.Contains("LRScheduler.StepLR(gamma)", checkedParameters);
        Assert.Contains("LRScheduler.CyclicLR(mode)", checkedParameters);
        Assert.Contains("LRScheduler.ReduceLROnPlateau(patience)", checkedParameters);
        Assert.Contains("CellDetection.ReduceLROnPlateau(warmup)", checkedParameters);
        Assert.Contains("CellDetection.WarmUp(lrLambda)", checkedParameters);
        Assert.Contains("HuggingFace.GetInverseSqrtSchedule(timescale)", checkedParameters);
        Assert.True(checkedParameters.Count >= 50, $"only {checkedParameters.Count} optional parameters checked");
    }

    /// <summary>The comparison itself tells a different default: modes by name, numbers bit for bit.</summary>
    [Fact]
    public void TheComparisonTellsADifferentDefault()
    {
        Assert.True(Same(CyclicMode.Triangular, Core.CyclicMode.Triangular));
        Assert.False(Same(CyclicMode.Triangular2, Core.CyclicMode.Triangular));
        Assert.True(Same(ThresholdMode.Abs, Core.ThresholdMode.Abs));
        Assert.True(Same(10, 10));
        Assert.False(Same(11, 10));
        Assert.False(Same(1.0 / 3.0, 0.333));
        Assert.False(Same(true, false));
    }

    /// <summary>What each factory builds from its defaults alone is what the core builds from its own: the whole
    /// configuration, null defaults (left to the core) included.</summary>
    [Fact]
    public void EachFactoryWithItsDefaultsBuildsTheCoresConfiguration()
    {
        static string Json<T>(Core.Scheduler<T> s) => Core.ConfigModule.ToJson(s.Config);
        var all = Core.ForGroups<double>.NewAll;

        var pairs = new (LRSchedule CSharp, string Core)[]
        {
            (LRScheduler.StepLR(3), Json(Core.LRScheduler.StepLR(3, Core.Kinds.StepLR.DefaultGamma))),
            (LRScheduler.MultiStepLR([2, 4]), Json(Core.LRScheduler.MultiStepLR([2, 4], Core.Kinds.MultiStepLR.DefaultGamma))),
            (LRScheduler.ConstantLR(), Json(Core.LRScheduler.ConstantLR(Core.Kinds.ConstantLR.DefaultFactor, Core.Kinds.ConstantLR.DefaultTotalIters))),
            (LRScheduler.LinearLR(), Json(Core.LRScheduler.LinearLR(Core.Kinds.LinearLR.DefaultStartFactor, Core.Kinds.LinearLR.DefaultEndFactor, Core.Kinds.LinearLR.DefaultTotalIters))),
            (LRScheduler.PolynomialLR(), Json(Core.LRScheduler.PolynomialLR(Core.Kinds.PolynomialLR.DefaultTotalIters, Core.Kinds.PolynomialLR.DefaultPower))),
            (LRScheduler.CosineAnnealingLR(10), Json(Core.LRScheduler.CosineAnnealingLR(10, Core.Kinds.CosineAnnealingLR.DefaultEtaMin))),
            (LRScheduler.CosineAnnealingWarmRestarts(10), Json(Core.LRScheduler.CosineAnnealingWarmRestarts(10, Core.Kinds.CosineAnnealingWarmRestarts.DefaultTMult, Core.Kinds.CosineAnnealingWarmRestarts.DefaultEtaMin))),
            (LRScheduler.CyclicLR(0.01, 0.1), Json(Core.LRScheduler.CyclicLR(all(0.01), all(0.1), null, null, null, null, null, null, null, null, null))),
            (LRScheduler.OneCycleLR(1.0, totalSteps: 100), Json(Core.LRScheduler.OneCycleLR(all(1.0), 100, null, null, null, null, null, null, null, null, null, null))),
            (LRScheduler.WarmUp(5), Json(Core.LRScheduler.WarmUp(5, null))),
            (CellDetection.WarmUp(5), Json(Core.CellDetection.WarmUp(5, null))),
            (LRScheduler.ReduceLROnPlateau(), Json(Core.LRScheduler.ReduceLROnPlateau(null, null, null, null, null, null, null, null, null))),
            (CellDetection.ReduceLROnPlateau(), Json(Core.CellDetection.ReduceLROnPlateau(null, null, null, null, null, null, null, null, null))),
            (HuggingFace.GetInverseSqrtSchedule(4), Json(Core.HuggingFace.GetInverseSqrtSchedule(4, null))),
        };

        Assert.All(pairs, pair => Assert.Equal(pair.Core, pair.CSharp.ToJson()));
        Assert.NotEqual(LRScheduler.ReduceLROnPlateau().ToJson(), CellDetection.ReduceLROnPlateau().ToJson());
    }
}
