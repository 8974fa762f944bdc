/// <summary>optax's <c>linear_schedule(init_value, end_value, transition_steps, transition_begin=0)</c>: the
/// polynomial schedule with power 1.</summary>
module Schedules.Kinds.Optax.LinearSchedule

open Schedules
open Schedules.Kinds

/// <summary>optax's default transition_begin (PolynomialSchedule's, one home).</summary>
[<Literal>]
let DefaultTransitionBegin = PolynomialSchedule.DefaultTransitionBegin

/// The name its users write.
[<Literal>]
let internal Name = "optax.linear_schedule"

/// The value at a count: optax's polynomial_schedule with power 1.
let internal value (initValue: float) (endValue: float) (transitionSteps: int) (transitionBegin: int) =
    PolynomialSchedule.value initValue endValue 1.0 transitionSteps transitionBegin

let internal curve (initValue: float) (endValue: float) (transitionSteps: int) (transitionBegin: int) : Curve =
    PolynomialSchedule.checkValues [ "init_value", initValue; "end_value", endValue ]
    let f = value initValue endValue transitionSteps transitionBegin

    {
        Name = Name
        Args = [
            "init_value", Number initValue
            "end_value", Number endValue
            "transition_steps", Integer transitionSteps
            "transition_begin", Integer transitionBegin
        ]
        Lr = fun _ t -> f t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Float "init_value")
        (r.Float "end_value")
        (r.Int "transition_steps")
        (r.IntOr("transition_begin", DefaultTransitionBegin))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "polynomial_schedule with power 1: c = clip(t − transition_begin, 0, transition_steps); lr = ((init_value − end_value) × (1 − c / transition_steps)) + end_value."
    Origin = "optax"
    Source = "`optax.linear_schedule(init_value=0.0, end_value=0.1, transition_steps=20)`"
    FSharp = "`Optax.LinearSchedule(0.0, 0.1, 20)`"
    Differences =
        "None in the rule (the interpolation runs from end_value's side, so the first value may differ from init_value in the last bit, as in optax), kept as optax has it: transition_steps ≤ 0 holds init_value, a negative transition_begin counts as 0. optax computes in float32, this library in float64: real optax output agrees to float32 precision. Values that are negative or not finite are refused."
    Example = """{"kind": "optax.linear_schedule", "init_value": 0.0, "end_value": 0.1, "transition_steps": 20}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
