using System;

namespace Schedules.CSharp;

/// <summary>
/// Which PyTorch a schedule reproduces where PyTorch's versions part ways (a MultiplicativeLR reached through a
/// SequentialLR milestone, a milestone of 0, a SequentialLR or ChainedScheduler as the first child of a
/// SequentialLR, CyclicLR on Adam's beta1, the momentum bounds CyclicLR writes). They agree everywhere else. See
/// docs/porting.md.
/// </summary>
public enum PyTorchVersion
{
    /// <summary>Current PyTorch (2.x): the default.</summary>
    PyTorch2,

    /// <summary>PyTorch 1.13, for runs recorded or trained with it: the compatibility option.</summary>
    PyTorch1_13,
}

internal static class PyTorchVersions
{
    internal static global::Schedules.PyTorchVersion Core(PyTorchVersion version) => version switch
    {
        PyTorchVersion.PyTorch2 => global::Schedules.PyTorchVersion.PyTorch2,
        PyTorchVersion.PyTorch1_13 => global::Schedules.PyTorchVersion.PyTorch1_13,
        _ => throw new ArgumentOutOfRangeException(
            nameof(version), version, $"version must be PyTorch2 or PyTorch1_13, but got {(int)version}."),
    };

    internal static PyTorchVersion Of(global::Schedules.PyTorchVersion version) =>
        version.IsPyTorch1_13 ? PyTorchVersion.PyTorch1_13 : PyTorchVersion.PyTorch2;
}
