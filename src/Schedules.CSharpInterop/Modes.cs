namespace Schedules.CSharp;

/// <summary>Whether <c>ReduceLROnPlateau</c> waits for the metric to fall (a loss) or to rise (an accuracy).
/// PyTorch's <c>mode='min'</c> / <c>'max'</c>.</summary>
public enum PlateauMode
{
    /// <summary>Reduce when the metric stops falling.</summary>
    Min,

    /// <summary>Reduce when the metric stops rising.</summary>
    Max,
}

/// <summary>How <c>ReduceLROnPlateau</c> decides that a metric improved (PyTorch's <c>threshold_mode</c>).</summary>
public enum ThresholdMode
{
    /// <summary><c>a &lt; best * (1 - threshold)</c> (Min) or <c>a &gt; best * (threshold + 1)</c> (Max).</summary>
    Rel,

    /// <summary><c>a &lt; best - threshold</c> (Min) or <c>a &gt; best + threshold</c> (Max).</summary>
    Abs,
}

/// <summary>The built-in amplitude policies of <c>CyclicLR</c> (PyTorch's <c>mode</c>).</summary>
public enum CyclicMode
{
    /// <summary>Scale 1 in every cycle.</summary>
    Triangular,

    /// <summary>Scale <c>1 / 2^(cycle - 1)</c>: the amplitude halves each cycle.</summary>
    Triangular2,

    /// <summary>Scale <c>gamma^iteration</c>.</summary>
    ExpRange,
}

/// <summary>What a custom <c>CyclicLR</c> scale function receives (PyTorch's <c>scale_mode</c>).</summary>
public enum ScaleMode
{
    /// <summary>The cycle number, from 1.</summary>
    Cycle,

    /// <summary>The iteration (the scheduler's step count).</summary>
    Iterations,
}

/// <summary>How <c>OneCycleLR</c> moves between two values within a phase (PyTorch's <c>anneal_strategy</c>).</summary>
public enum AnnealStrategy
{
    /// <summary><c>end + (start - end) / 2 * (cos(pi * pct) + 1)</c>.</summary>
    Cos,

    /// <summary><c>(end - start) * pct + start</c>.</summary>
    Linear,
}
