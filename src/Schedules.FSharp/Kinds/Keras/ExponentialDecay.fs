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
let DefaultStaircase = StaircaseDecay.DefaultStaircase

/// The value from p (see StaircaseDecay.exponent), in Keras' operation order (restated in float64).
let internal decay (initialLearningRate: float) (decayRate: float) (p: float) =
    initialLearningRate * Math.Pow(decayRate, p)

let internal curve = StaircaseDecay.curve Name decay

let internal parse (r: ArgReader) = StaircaseDecay.parse curve r

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
