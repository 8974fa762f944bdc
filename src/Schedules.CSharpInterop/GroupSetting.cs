using System;
using System.Collections.Generic;
using System.Linq;

namespace Schedules.CSharp;

/// <summary>
/// A setting given once for all param groups or once per group, like PyTorch's "a scalar or a list" arguments
/// (<c>min_lr</c>, <c>max_lr</c>, ...). A <see cref="double"/> or a <c>double[]</c> converts implicitly:
/// <c>minLr: 1e-4</c> or <c>minLr: new[] { 0.0, 1e-4 }</c>.
/// </summary>
public readonly struct GroupSetting : IEquatable<GroupSetting>
{
    private readonly double[]? _each;

    private GroupSetting(double all, double[]? each)
    {
        All = all;
        _each = each;
    }

    /// <summary>The value for every group (when <see cref="Each"/> is null).</summary>
    public double All { get; }

    /// <summary>One value per group, or null when one value serves all.</summary>
    public IReadOnlyList<double>? Each => _each;

    /// <summary>The same value for every param group.</summary>
    public static GroupSetting ForAll(double value) => new(value, null);

    /// <summary>One value per param group, in group order.</summary>
    public static GroupSetting PerGroup(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(0.0, values.ToArray());
    }

    /// <summary>The same value for every param group.</summary>
    public static implicit operator GroupSetting(double value) => ForAll(value);

    /// <summary>One value per param group.</summary>
    public static implicit operator GroupSetting(double[] values) => PerGroup(values);

    internal ForGroups<double> ToCore() =>
        _each is null ? ForGroups<double>.NewAll(All) : ForGroups<double>.NewEach(Interop.List(_each));

    /// <inheritdoc />
    public bool Equals(GroupSetting other) =>
        _each is null ? other._each is null && All.Equals(other.All) : other._each is not null && _each.SequenceEqual(other._each);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GroupSetting other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _each is null ? All.GetHashCode() : _each.Length;

    /// <inheritdoc />
    public override string ToString() => _each is null ? $"{All:R} for all groups" : $"[{string.Join(", ", _each.Select(v => v.ToString("R")))}]";

    /// <summary>Equality.</summary>
    public static bool operator ==(GroupSetting left, GroupSetting right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(GroupSetting left, GroupSetting right) => !left.Equals(right);
}
