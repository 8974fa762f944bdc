/// <summary>optax's <c>constant_schedule(value)</c>: the same value at every step.</summary>
module Schedules.Kinds.Optax.ConstantSchedule

open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "optax.constant_schedule"

let internal curve (value: float) : Curve =
    Validate.nonNegative "value" value

    {
        Name = Name
        Args = [ "value", Number value ]
        // optax's schedules are absolute: the value is the LR itself, whatever the group's base LR.
        Lr = fun _ _ -> value
    }

let internal parse (r: ArgReader) = curve (r.Float "value")

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula = "lr = value at every step (absolute: the base LR is not used)."
    Origin = "optax"
    Source = "`optax.constant_schedule(0.01)`"
    FSharp = "`Optax.ConstantSchedule(0.01)`"
    Differences =
        "None in the rule. optax computes in float32, this library in float64: real optax output agrees to float32 precision. A value that is negative or not finite is refused (an LR is finite and ≥ 0)."
    Example = """{"kind": "optax.constant_schedule", "value": 0.01}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
