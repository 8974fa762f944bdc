/// <summary>optax's <c>cosine_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, div_factor=25.0,
/// final_div_factor=1e4)</c>: a cosine rise to peak_value and a cosine fall, as a piecewise_interpolate_schedule.</summary>
module Schedules.Kinds.Optax.CosineOnecycleSchedule

open Schedules
open Schedules.Kinds

/// <summary>optax's default pct_start (LinearOnecycleSchedule's, one home).</summary>
[<Literal>]
let DefaultPctStart = LinearOnecycleSchedule.DefaultPctStart

/// <summary>optax's default div_factor (LinearOnecycleSchedule's, one home).</summary>
[<Literal>]
let DefaultDivFactor = LinearOnecycleSchedule.DefaultDivFactor

/// <summary>optax's default final_div_factor (LinearOnecycleSchedule's, one home).</summary>
[<Literal>]
let DefaultFinalDivFactor = LinearOnecycleSchedule.DefaultFinalDivFactor

/// The name its users write.
[<Literal>]
let internal Name = "optax.cosine_onecycle_schedule"

let internal curve
    (transitionSteps: int)
    (peakValue: float)
    (pctStart: float)
    (divFactor: float)
    (finalDivFactor: float)
    : Curve =
    LinearOnecycleSchedule.check transitionSteps peakValue divFactor finalDivFactor

    let scales =
        LinearOnecycleSchedule.dict [
            LinearOnecycleSchedule.truncate "pct_start" (pctStart * float transitionSteps), divFactor
            transitionSteps, 1.0 / (divFactor * finalDivFactor)
        ]

    let f =
        PiecewiseInterpolateSchedule.value PiecewiseInterpolateSchedule.cosine (peakValue / divFactor) scales

    {
        Name = Name
        Args = [
            "transition_steps", Integer transitionSteps
            "peak_value", Number peakValue
            "pct_start", Number pctStart
            "div_factor", Number divFactor
            "final_div_factor", Number finalDivFactor
        ]
        Lr = fun _ t -> f t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Int "transition_steps")
        (r.Float "peak_value")
        (r.FloatOr("pct_start", DefaultPctStart))
        (r.FloatOr("div_factor", DefaultDivFactor))
        (r.FloatOr("final_div_factor", DefaultFinalDivFactor))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "piecewise_interpolate_schedule('cosine', peak_value / div_factor, {int(pct_start × T): div_factor, T: 1 / (div_factor × final_div_factor)}) with T = transition_steps."
    Origin = "optax"
    Source = "`optax.cosine_onecycle_schedule(transition_steps=30, peak_value=0.1)`"
    FSharp = "`Optax.CosineOnecycleSchedule(30, 0.1)`"
    Differences =
        "None in the rule, optax's bug kept: when int(pct_start × T) equals T (pct_start = 1, or a small T) the later scale replaces the peak's, so the schedule never reaches peak_value. transition_steps ≤ 0 is refused, as in optax. optax computes in float32, this library in float64: real optax output agrees to float32 precision. div_factor and final_div_factor must be finite and > 0."
    Example = """{"kind": "optax.cosine_onecycle_schedule", "transition_steps": 30, "peak_value": 0.1}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
