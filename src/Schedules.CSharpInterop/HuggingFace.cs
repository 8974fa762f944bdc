using Core = Schedules.HuggingFace;

namespace Schedules.CSharp;

/// <summary>
/// Hugging Face transformers' schedules (<c>transformers.optimization</c>), with its argument names in .NET casing
/// and its defaults, bit for bit with its own code. Each returns a step-based <see cref="Schedule"/>: Hugging Face's
/// Trainer steps it after every optimizer step.
/// </summary>
/// <example><code>
/// var schedule = HuggingFace.GetInverseSqrtSchedule(numWarmupSteps: 1000);   // timescale 1000
/// </code></example>
public static partial class HuggingFace
{
    /// <summary>
    /// <c>get_inverse_sqrt_schedule(optimizer, num_warmup_steps, timescale=None)</c>: LR = base × factor(t), the factor
    /// rising linearly from 0 over <paramref name="numWarmupSteps"/> steps, then decaying as
    /// <c>1 / sqrt((t + timescale − numWarmupSteps) / timescale)</c>.
    /// </summary>
    /// <param name="numWarmupSteps">The warm-up's length in steps.</param>
    /// <param name="timescale">The decay's timescale, at least 1; null for Hugging Face's default, numWarmupSteps
    /// (or 10,000 when that is 0).</param>
    public static Schedule GetInverseSqrtSchedule(int numWarmupSteps, int? timescale = null) =>
        new(Schedules.Scheduler.WithMetric(Core.GetInverseSqrtSchedule(numWarmupSteps, Interop.Option(timescale))));
}
