namespace Schedules

/// <summary>
/// Hugging Face transformers' schedules (<c>transformers.optimization</c>), with its argument names in .NET casing
/// and its defaults, bit for bit with its own code. Each returns a step-based scheduler (a curve): Hugging Face's
/// Trainer steps it after every optimizer step.
/// </summary>
[<AbstractClass; Sealed>]
type HuggingFace =

    /// <summary><c>get_inverse_sqrt_schedule(optimizer, num_warmup_steps, timescale=None)</c>: the factor rises
    /// linearly from 0 over <paramref name="numWarmupSteps"/> steps, then decays as
    /// <c>1 / sqrt((t + timescale − numWarmupSteps) / timescale)</c>. The timescale defaults to numWarmupSteps, or
    /// 10,000 when that is 0; it must be at least 1.</summary>
    static member GetInverseSqrtSchedule(numWarmupSteps: int, ?timescale: int) : Scheduler<unit> =
        Scheduler.create (Curve(Kinds.HuggingFace.GetInverseSqrtSchedule.curve numWarmupSteps timescale))
