/// <summary>optax's <c>polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0)</c>:
/// from init_value to end_value along (1 − t/transition_steps)^power, held at init_value before transition_begin.</summary>
module Schedules.Kinds.Optax.PolynomialSchedule

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "optax.polynomial_schedule"

/// optax's default transition_begin.
[<Literal>]
let DefaultTransitionBegin = 0

/// The value at a count, in optax's operation order; transition_steps ≤ 0 holds init_value (optax only logs it)
/// and a negative transition_begin counts as 0 (likewise).
let internal value (initValue: float) (endValue: float) (power: float) (transitionSteps: int) (transitionBegin: int) =
    if transitionSteps <= 0 then
        fun (_: int) -> initValue
    else
        let start = max transitionBegin 0

        fun (count: int) ->
            let c = min (max (int64 count - int64 start) 0L) (int64 transitionSteps)
            let frac = 1.0 - float c / float transitionSteps
            (initValue - endValue) * Arithmetic.pow frac power + endValue

/// Refuses values that would not make an LR (optax takes any number).
let internal checkValues (names: (string * float) list) =
    for name, v in names do
        Validate.nonNegative name v

let internal curve (initValue: float) (endValue: float) (power: float) (transitionSteps: int) (transitionBegin: int) =
    checkValues [ "init_value", initValue; "end_value", endValue ]

    if not (Double.IsFinite power) then
        Validate.fail "power" power "a finite number"

    let f = value initValue endValue power transitionSteps transitionBegin

    {
        Name = Name
        Args = [
            "init_value", Number initValue
            "end_value", Number endValue
            "power", Number power
            "transition_steps", Integer transitionSteps
            "transition_begin", Integer transitionBegin
        ]
        Lr = fun _ t -> f t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Float "init_value")
        (r.Float "end_value")
        (r.Float "power")
        (r.Int "transition_steps")
        (r.IntOr("transition_begin", DefaultTransitionBegin))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "c = clip(t − transition_begin, 0, transition_steps); lr = ((init_value − end_value) × (1 − c / transition_steps)^power) + end_value."
    Origin = "optax"
    Source =
        "`optax.polynomial_schedule(init_value=0.1, end_value=0.001, power=2.0, transition_steps=30, transition_begin=5)`"
    FSharp = "`Optax.PolynomialSchedule(0.1, 0.001, 2.0, 30, transitionBegin = 5)`"
    Differences =
        "None in the rule, kept as optax has it: transition_steps ≤ 0 holds init_value and a negative transition_begin counts as 0 (optax logs both at info level only). optax computes in float32, this library in float64 (optax's operation order): real optax output agrees to float32 precision. Values that are negative or not finite are refused."
    Example =
        """{"kind": "optax.polynomial_schedule", "init_value": 0.1, "end_value": 0.001, "power": 2.0, "transition_steps": 30, "transition_begin": 5}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
