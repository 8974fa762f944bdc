/// <summary>optax's <c>exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0,
/// staircase=False, end_value=None)</c>: init_value × decay_rate^((t − transition_begin) / transition_steps), floored
/// exponent with staircase, bounded by end_value.</summary>
module Schedules.Kinds.Optax.ExponentialDecay

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "optax.exponential_decay"

/// optax's default transition_begin.
[<Literal>]
let DefaultTransitionBegin = 0

/// optax's default staircase.
[<Literal>]
let DefaultStaircase = false

/// The value at a count, in optax's operation order. transition_steps ≤ 0 or decay_rate 0 hold init_value (without
/// the end_value bound), a negative transition_begin counts as 0: optax only logs these.
let internal value
    (initValue: float)
    (transitionSteps: int)
    (decayRate: float)
    (transitionBegin: int)
    (staircase: bool)
    (endValue: float option)
    =
    if transitionSteps <= 0 || decayRate = 0.0 then
        fun (_: int) -> initValue
    else
        let start = max transitionBegin 0
        // end_value is a lower bound when the rate decays (< 1), an upper bound otherwise.
        let clip: float -> float =
            match endValue with
            | None -> id
            | Some e when decayRate < 1.0 -> fun v -> Math.Max(v, e)
            | Some e -> fun v -> Math.Min(v, e)

        fun (count: int) ->
            let decreased = int64 count - int64 start
            let p = float decreased / float transitionSteps
            let p = if staircase then Math.Floor p else p

            let decayed =
                if decreased <= 0L then
                    initValue
                else
                    initValue * Math.Pow(decayRate, p)

            clip decayed

let internal curve
    (initValue: float)
    (transitionSteps: int)
    (decayRate: float)
    (transitionBegin: int)
    (staircase: bool)
    (endValue: float option)
    : Curve =
    Validate.nonNegative "init_value" initValue
    Validate.nonNegative "decay_rate" decayRate
    endValue |> Option.iter (Validate.nonNegative "end_value")

    let f = value initValue transitionSteps decayRate transitionBegin staircase endValue

    {
        Name = Name
        Args = [
            "init_value", Number initValue
            "transition_steps", Integer transitionSteps
            "decay_rate", Number decayRate
            "transition_begin", Integer transitionBegin
            "staircase", Flag staircase
            yield! endValue |> Option.map (fun e -> "end_value", Number e) |> Option.toList
        ]
        Lr = fun _ t -> f t
    }

/// The arguments after init_value, as optax's warmup_exponential_decay_schedule also takes them.
let internal parseDecay (r: ArgReader) =
    r.Int "transition_steps",
    r.Float "decay_rate",
    r.IntOr("transition_begin", DefaultTransitionBegin),
    r.BoolOr("staircase", DefaultStaircase),
    (match r.Element.TryGetProperty "end_value" with
     | true, v when v.ValueKind <> Text.Json.JsonValueKind.Null -> Some(r.Float "end_value")
     | _ -> None)

let internal parse (r: ArgReader) =
    let steps, rate, start, staircase, endValue = parseDecay r
    curve (r.Float "init_value") steps rate start staircase endValue

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "d = t − transition_begin; p = d / transition_steps (floored with staircase); lr = init_value while d ≤ 0, else init_value × decay_rate^p; then bounded by end_value (max when decay_rate < 1, min otherwise; init_value too)."
    Origin = "optax"
    Source =
        "`optax.exponential_decay(init_value=0.1, transition_steps=5, decay_rate=0.8, transition_begin=3, staircase=True, end_value=0.02)`"
    FSharp = "`Optax.ExponentialDecay(0.1, 5, 0.8, transitionBegin = 3, staircase = true, endValue = 0.02)`"
    Differences =
        "None in the rule, kept as optax has it: transition_steps ≤ 0 or decay_rate 0 give a constant init_value (end_value then ignored), a negative transition_begin counts as 0 (optax logs these at info level only). optax computes in float32, this library in float64: real optax output agrees to float32 precision. A negative or non-finite init_value, decay_rate or end_value is refused."
    Example =
        """{"kind": "optax.exponential_decay", "init_value": 0.1, "transition_steps": 5, "decay_rate": 0.8, "transition_begin": 3, "staircase": true, "end_value": 0.02}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
