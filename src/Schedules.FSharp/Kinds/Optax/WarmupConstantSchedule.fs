/// <summary>optax's <c>warmup_constant_schedule(init_value, peak_value, warmup_steps)</c>: a linear warm-up from
/// init_value to peak_value, then peak_value.</summary>
module Schedules.Kinds.Optax.WarmupConstantSchedule

open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "optax.warmup_constant_schedule"

let internal curve (initValue: float) (peakValue: float) (warmupSteps: int) : Curve =
    PolynomialSchedule.checkValues [ "init_value", initValue; "peak_value", peakValue ]
    let f = LinearSchedule.value initValue peakValue warmupSteps 0

    {
        Name = Name
        Args = [
            "init_value", Number initValue
            "peak_value", Number peakValue
            "warmup_steps", Integer warmupSteps
        ]
        Lr = fun _ t -> f t
    }

let internal parse (r: ArgReader) =
    curve (r.Float "init_value") (r.Float "peak_value") (r.Int "warmup_steps")

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "linear_schedule(init_value, peak_value, warmup_steps): lr = ((init_value − peak_value) × (1 − min(t, warmup_steps) / warmup_steps)) + peak_value."
    Origin = "optax"
    Source = "`optax.warmup_constant_schedule(init_value=0.0, peak_value=0.1, warmup_steps=10)`"
    FSharp = "`Optax.WarmupConstantSchedule(0.0, 0.1, 10)`"
    Differences =
        "None in the rule, kept as optax has it: warmup_steps ≤ 0 holds init_value for ever (optax's linear_schedule turns into a constant). optax computes in float32, this library in float64: real optax output agrees to float32 precision. Values that are negative or not finite are refused."
    Example = """{"kind": "optax.warmup_constant_schedule", "init_value": 0.0, "peak_value": 0.1, "warmup_steps": 10}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
