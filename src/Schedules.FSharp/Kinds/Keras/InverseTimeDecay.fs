/// <summary>Keras 3's <c>keras.optimizers.schedules.InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate,
/// staircase=False)</c>: <c>initial_learning_rate / (1 + decay_rate × step / decay_steps)</c>, the quotient floored
/// when staircase.</summary>
module Schedules.Kinds.Keras.InverseTimeDecay

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "keras.InverseTimeDecay"

/// <summary>Keras' default staircase: a smooth decay.</summary>
[<Literal>]
let DefaultStaircase = StaircaseDecay.DefaultStaircase

/// The value from p (see StaircaseDecay.exponent), in Keras' operation order (restated in float64).
let internal decay (initialLearningRate: float) (decayRate: float) (p: float) =
    initialLearningRate / (1.0 + decayRate * p)

let internal curve = StaircaseDecay.curve Name decay

let internal parse (r: ArgReader) = StaircaseDecay.parse curve r

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = initial_learning_rate / (1 + decay_rate × p), p = step / decay_steps (floor(step / decay_steps) when staircase); absolute: the optimizer's LR is not read."
    Origin = "Keras 3"
    Source = "`keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=5, decay_rate=0.5)`"
    FSharp = "`Keras.InverseTimeDecay(0.1, 5, 0.5)`"
    Differences =
        "Keras computes in float32 (the step too); this port computes Keras' operations in float64, in Keras' order, so values agree with Keras to float32 precision, not bit for bit. A negative decay_rate (a pole where 1 + decay_rate × p = 0) or a non-finite argument is refused."
    Example =
        """{"kind": "keras.InverseTimeDecay", "initial_learning_rate": 0.1, "decay_steps": 5, "decay_rate": 0.5}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
