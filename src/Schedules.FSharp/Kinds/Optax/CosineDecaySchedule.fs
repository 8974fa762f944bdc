/// <summary>optax's <c>cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0)</c>: a half cosine
/// from init_value to init_value × alpha over decay_steps, then flat.</summary>
module Schedules.Kinds.Optax.CosineDecaySchedule

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "optax.cosine_decay_schedule"

/// optax's default alpha.
[<Literal>]
let DefaultAlpha = 0.0

/// optax's default exponent.
[<Literal>]
let DefaultExponent = 1.0

/// The value at a count, in optax's operation order: c = min(count, decay_steps);
/// cd = 0.5 × (1 + cos((π × c) / decay_steps)); init_value × (((1 − alpha) × cd^exponent) + alpha).
let internal value (initValue: float) (decaySteps: int) (alpha: float) (exponent: float) =
    let steps = float decaySteps

    fun (count: int) ->
        let c = Math.Min(float count, steps)
        let cosineDecay = 0.5 * (1.0 + Math.Cos(Math.PI * c / steps))
        let decayed = (1.0 - alpha) * Arithmetic.pow cosineDecay exponent + alpha
        initValue * decayed

let internal curve (initValue: float) (decaySteps: int) (alpha: float) (exponent: float) : Curve =
    Validate.nonNegative "init_value" initValue
    Validate.positiveInt "decay_steps" decaySteps
    Validate.nonNegative "alpha" alpha

    if not (Double.IsFinite exponent) then
        Validate.fail "exponent" exponent "a finite number"

    let f = value initValue decaySteps alpha exponent

    {
        Name = Name
        Args = [
            "init_value", Number initValue
            "decay_steps", Integer decaySteps
            "alpha", Number alpha
            "exponent", Number exponent
        ]
        Lr = fun _ t -> f t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Float "init_value")
        (r.Int "decay_steps")
        (r.FloatOr("alpha", DefaultAlpha))
        (r.FloatOr("exponent", DefaultExponent))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "c = min(t, decay_steps); cd = 0.5 × (1 + cos((π × c) / decay_steps)); lr = init_value × (((1 − alpha) × cd^exponent) + alpha): flat at init_value × alpha after decay_steps."
    Origin = "optax"
    Source = "`optax.cosine_decay_schedule(init_value=0.1, decay_steps=30, alpha=0.1)`"
    FSharp = "`Optax.CosineDecaySchedule(0.1, 30, alpha = 0.1)`"
    Differences =
        "None in the rule (optax's argument order (π × c) / decay_steps, which differs in the last bit from PyTorch's and Keras'). decay_steps ≤ 0 is refused, as in optax. optax computes in float32, this library in float64: real optax output agrees to float32 precision. a negative alpha (optax takes it, and negative LRs follow) and a non-finite exponent are refused."
    Example = """{"kind": "optax.cosine_decay_schedule", "init_value": 0.1, "decay_steps": 30, "alpha": 0.1}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
