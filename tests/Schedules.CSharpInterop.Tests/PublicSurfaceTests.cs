using System;
using System.IO;
using System.Linq;
using System.Reflection;
using PublicApiGenerator;
using Schedules.CSharp;
using Xunit;

namespace CSharpInteropTests;

/// <summary>No F# type in any public signature, and every change of the public surface visible in review.</summary>
public sealed class PublicSurfaceTests
{
    private static readonly Assembly Facade = typeof(LRScheduler).Assembly;

    private static bool IsFSharp(Type t) =>
        (t.Namespace?.StartsWith("Microsoft.FSharp", StringComparison.Ordinal) ?? false)
        || t.Assembly.GetName().Name == "FSharp.Core"
        || t.Assembly != Facade && t.Assembly.GetName().Name is "Schedules.FSharp" or "Schedules.TorchSharp"
        || t.IsGenericType && t.GetGenericTypeDefinition().FullName?.StartsWith("System.Tuple", StringComparison.Ordinal) == true
        || t.GetGenericArguments().Any(IsFSharp)
        || (t.HasElementType && IsFSharp(t.GetElementType()!));

    [Fact]
    public void NoPublicSignatureMentionsAnFSharpType()
    {
        var offenders =
            from type in Facade.GetExportedTypes()
            from member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            from used in member switch
            {
                MethodBase m => m.GetParameters().Select(p => p.ParameterType).Append(m is MethodInfo mi ? mi.ReturnType : typeof(void)),
                PropertyInfo p => [p.PropertyType],
                FieldInfo f => [f.FieldType],
                EventInfo e => [e.EventHandlerType!],
                _ => [],
            }
            where IsFSharp(used)
            select $"{type.FullName}.{member.Name}: {used}";

        Assert.Empty(offenders);
        Assert.DoesNotContain(Facade.GetExportedTypes(), t => t.BaseType is { } b && IsFSharp(b));
    }

    /// <summary>Every library's public surface, against a checked-in baseline, so every API change shows in review.</summary>
    [Theory]
    [InlineData("Schedules.CSharpInterop")]
    [InlineData("Schedules.FSharp")]
    [InlineData("Schedules.TorchSharp")]
    [InlineData("Schedules.Testing")]
    [InlineData("Schedules.Testing.CSharp")]
    public void ThePublicSurfaceMatchesTheApprovedBaseline(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        // PublicApiGenerator reads C# well; for the F# libraries a plain reflection listing is steadier.
        var actual = (assembly == Facade
            ? assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false })
            : Listing(assembly)).ReplaceLineEndings("\n");
        var approvedPath = Path.Combine(AppContext.BaseDirectory, "PublicApi", $"{assemblyName}.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";

        if (actual != approved)
        {
            var received = Path.Combine(AppContext.BaseDirectory, "PublicApi", $"{assemblyName}.received.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(received)!);
            File.WriteAllText(received, actual);
            Assert.Fail(
                $"The public surface of {assemblyName} changed. Review {received} and, if intended, copy it over " +
                $"tests/Schedules.CSharpInterop.Tests/PublicApi/{assemblyName}.approved.txt.");
        }
    }

    private static string Listing(Assembly assembly)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var lines =
            from type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal)
            let header = $"{(type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class")} {type.FullName}" +
                         (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) ? $" : {b.FullName}" : "")
            from line in new[] { header }.Concat(
                type.GetMembers(flags).Select(m => "    " + m).OrderBy(l => l, StringComparer.Ordinal))
            select line;
        return string.Join("\n", lines) + "\n";
    }
}
