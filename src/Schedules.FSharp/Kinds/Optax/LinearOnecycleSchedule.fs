/// <summary>optax's <c>linear_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, pct_final=0.85,
/// div_factor=25.0, final_div_factor=1e4)</c>: three linear phases, as a piecewise_interpolate_schedule.</summary>
module Schedules.Kinds.Optax.LinearOnecycleSchedule

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "optax.linear_onecycle_schedule"

/// optax's default pct_start.
[<Literal>]
let DefaultPctStart = 0.3

/// optax's default pct_final.
[<Literal>]
let DefaultPctFinal = 0.85

/// optax's default div_factor.
[<Literal>]
let DefaultDivFactor = 25.0

/// optax's default final_div_factor.
[<Literal>]
let DefaultFinalDivFactor = 1e4

/// Python's int() of a float: truncation toward zero (a NaN or infinity is refused, as Python raises).
let internal truncate (param: string) (x: float) =
    if not (Double.IsFinite x) || Math.Abs x >= 2147483648.0 then
        Validate.fail param x "a finite fraction of transition_steps"

    int (Math.Truncate x)

/// A Python dict literal of steps and scales: a repeated key keeps its later value (optax's one-cycle peak collapses
/// this way when boundaries collide), then sorted by step as piecewise_interpolate_schedule sorts it.
let internal dict (entries: (int * float) list) =
    entries
    |> List.fold (fun (m: Map<int, float>) (k, v) -> m.Add(k, v)) Map.empty
    |> Map.toList

/// The checks both one-cycle schedules share: transition_steps > 0 (optax's ValueError), positive finite factors
/// (optax divides by them; a negative one gives a negative scale, which optax refuses), a finite peak_value ≥ 0.
let internal check (transitionSteps: int) (peakValue: float) (divFactor: float) (finalDivFactor: float) =
    Validate.positiveInt "transition_steps" transitionSteps
    Validate.nonNegative "peak_value" peakValue
    Validate.positive "div_factor" divFactor
    Validate.positive "final_div_factor" finalDivFactor

let internal curve
    (transitionSteps: int)
    (peakValue: float)
    (pctStart: float)
    (pctFinal: float)
    (divFactor: float)
    (finalDivFactor: float)
    : Curve =
    check transitionSteps peakValue divFactor finalDivFactor

    let scales =
        dict [
            truncate "pct_start" (pctStart * float transitionSteps), divFactor
            truncate "pct_final" (pctFinal * float transitionSteps), 1.0 / divFactor
            transitionSteps, 1.0 / finalDivFactor
        ]

    let f =
        PiecewiseInterpolateSchedule.value PiecewiseInterpolateSchedule.linear (peakValue / divFactor) scales

    {
        Name = Name
        Args = [
            "transition_steps", Integer transitionSteps
            "peak_value", Number peakValue
            "pct_start", Number pctStart
            "pct_final", Number pctFinal
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
        (r.FloatOr("pct_final", DefaultPctFinal))
        (r.FloatOr("div_factor", DefaultDivFactor))
        (r.FloatOr("final_div_factor", DefaultFinalDivFactor))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "piecewise_interpolate_schedule('linear', peak_value / div_factor, {int(pct_start × T): div_factor, int(pct_final × T): 1 / div_factor, T: 1 / final_div_factor}) with T = transition_steps."
    Origin = "optax"
    Source = "`optax.linear_onecycle_schedule(transition_steps=30, peak_value=0.1)`"
    FSharp = "`Optax.LinearOnecycleSchedule(30, 0.1)`"
    Differences =
        "None in the rule, optax's bug kept: when boundaries collide (a small transition_steps makes int(pct_start × T), int(pct_final × T) and T equal) the later scale replaces the earlier, so the peak collapses: T = 1 gives {0: 1 / div_factor, 1: 1 / final_div_factor} and the schedule starts at peak_value / div_factor² and never reaches peak_value. transition_steps ≤ 0 is refused, as in optax. optax computes in float32, this library in float64: real optax output agrees to float32 precision. div_factor and final_div_factor must be finite and > 0."
    Example = """{"kind": "optax.linear_onecycle_schedule", "transition_steps": 30, "peak_value": 0.1}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
