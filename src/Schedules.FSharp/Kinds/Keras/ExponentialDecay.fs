/// <summary>Keras 3's <c>keras.optimizers.schedules.ExponentialDecay(initial_learning_rate, decay_steps, decay_rate,
/// staircase=False)</c>: <c>initial_learning_rate × decay_rate^(step / decay_steps)</c>, the exponent floored when
/// staircase.</summary>
module Schedules.Kinds.Keras.ExponentialDecay

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "keras.ExponentialDecay"

/// <summary>Keras' default staircase: a smooth decay.</summary>
[<Literal>]
let DefaultStaircase = false

/// The value at a step, in Keras' operation order (restated in float64).
let internal value (initialLearningRate: float) (decaySteps: float) (decayRate: float) (staircase: bool) (step: int) =
    let p = float step / decaySteps
    let p = if staircase then Math.Floor p else p
    initialLearningRate * Math.Pow(decayRate, p)

let internal curve (initialLearningRate: float) (decaySteps: float) (decayRate: float) (staircase: bool) : Curve =
    Checks.learningRate "initial_learning_rate" initialLearningRate
    Checks.length "decay_steps" decaySteps
    Validate.nonNegative "decay_rate" decayRate

    {
        Name = Name
        Args = [
            "initial_learning_rate", Number initialLearningRate
            "decay_steps", Number decaySteps
            "decay_rate", Number decayRate
            "staircase", Flag staircase
        ]
        // Keras schedules are absolute: the base LR is not read.
        Lr = fun _ t -> value initialLearningRate decaySteps decayRate staircase t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Float "initial_learning_rate")
        (r.Float "decay_steps")
        (r.Float "decay_rate")
        (r.BoolOr("staircase", DefaultStaircase))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = initial_learning_rate × decay_rate^p, p = step / decay_steps (floor(step / decay_steps) when staircase); absolute: the optimizer's LR is not read."
    Origin = "Keras 3"
    Source = "`keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5, staircase=True)`"
    FSharp = "`Keras.ExponentialDecay(0.1, 10, 0.5, staircase = true)`"
    Differences =
        "Keras computes in float32 (the step too); this port computes Keras' operations in float64, in Keras' order, so values agree with Keras to float32 precision, not bit for bit. A negative decay_rate or a non-finite argument is refused (Keras takes them and yields NaN)."
    Example =
        """{"kind": "keras.ExponentialDecay", "initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5, "staircase": true}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
