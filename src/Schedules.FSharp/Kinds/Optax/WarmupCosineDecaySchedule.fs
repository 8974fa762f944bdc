/// <summary>optax's <c>warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps,
/// end_value=0.0, exponent=1.0)</c>: a linear warm-up to peak_value, then a cosine decay over decay_steps −
/// warmup_steps steps towards end_value.</summary>
module Schedules.Kinds.Optax.WarmupCosineDecaySchedule

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "optax.warmup_cosine_decay_schedule"

/// optax's default end_value.
[<Literal>]
let DefaultEndValue = 0.0

/// optax's default exponent.
[<Literal>]
let DefaultExponent = 1.0

/// The curve's arguments, under optax's names (also one element of sgdr_schedule's cosine_kwargs).
let internal args
    (initValue: float)
    (peakValue: float)
    (warmupSteps: int)
    (decaySteps: int)
    (endValue: float)
    (exponent: float)
    =
    [
        "init_value", Number initValue
        "peak_value", Number peakValue
        "warmup_steps", Integer warmupSteps
        "decay_steps", Integer decaySteps
        "end_value", Number endValue
        "exponent", Number exponent
    ]

/// The value at a step, as optax builds it: alpha = 0.0 if peak_value == 0.0 else end_value / peak_value;
/// join_schedules([linear_schedule(init_value, peak_value, warmup_steps), cosine_decay_schedule(peak_value,
/// decay_steps − warmup_steps, alpha, exponent)], [warmup_steps]).
let internal value
    (initValue: float)
    (peakValue: float)
    (warmupSteps: int)
    (decaySteps: int)
    (endValue: float)
    (exponent: float)
    =
    let alpha = if peakValue = 0.0 then 0.0 else endValue / peakValue
    let warmup = LinearSchedule.value initValue peakValue warmupSteps 0

    let decay =
        CosineDecaySchedule.value peakValue (decaySteps - warmupSteps) alpha exponent

    // The curve's Lr itself (its base LR unused: optax's values are absolute).
    JoinSchedules.value [| (fun _ t -> warmup t); (fun _ t -> decay t) |] [| warmupSteps |]

let internal curve
    (initValue: float)
    (peakValue: float)
    (warmupSteps: int)
    (decaySteps: int)
    (endValue: float)
    (exponent: float)
    =
    PolynomialSchedule.checkValues [ "init_value", initValue; "peak_value", peakValue; "end_value", endValue ]

    let cosineSteps = int64 decaySteps - int64 warmupSteps

    if cosineSteps <= 0L || cosineSteps > int64 Int32.MaxValue then
        Validate.fail
            "decay_steps"
            decaySteps
            (sprintf
                "greater than warmup_steps (%d), since it counts the warm-up: optax's cosine_decay_schedule refuses the decay_steps − warmup_steps = %d it would get"
                warmupSteps
                cosineSteps)

    if not (Double.IsFinite exponent) then
        Validate.fail "exponent" exponent "a finite number"

    {
        Name = Name
        Args = args initValue peakValue warmupSteps decaySteps endValue exponent
        Lr = value initValue peakValue warmupSteps decaySteps endValue exponent
    }

let internal parse (r: ArgReader) =
    curve
        (r.Float "init_value")
        (r.Float "peak_value")
        (r.Int "warmup_steps")
        (r.Int "decay_steps")
        (r.FloatOr("end_value", DefaultEndValue))
        (r.FloatOr("exponent", DefaultExponent))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "linear_schedule(init_value, peak_value, warmup_steps) until warmup_steps, then cosine_decay_schedule(peak_value, decay_steps − warmup_steps, alpha = end_value / peak_value, exponent) on its local time t − warmup_steps."
    Origin = "optax"
    Source =
        "`optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=5, decay_steps=40, end_value=0.001)`"
    FSharp = "`Optax.WarmupCosineDecaySchedule(0.0, 0.1, 5, 40, endValue = 0.001)`"
    Differences =
        "None in the rule, kept as optax has it: decay_steps counts the warm-up (the cosine runs decay_steps − warmup_steps steps), the end is peak_value × (end_value / peak_value), which may differ from end_value in the last bit, and warmup_steps 0 starts at peak_value. decay_steps ≤ warmup_steps is refused, as optax's cosine refuses it, naming decay_steps and warmup_steps. optax computes in float32, this library in float64: real optax output agrees to float32 precision. Values that are negative or not finite are refused."
    Example =
        """{"kind": "optax.warmup_cosine_decay_schedule", "init_value": 0.0, "peak_value": 0.1, "warmup_steps": 5, "decay_steps": 40, "end_value": 0.001}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 45
    ExampleMetrics = None
}
