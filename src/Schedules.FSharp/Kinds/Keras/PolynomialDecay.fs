/// <summary>Keras 3's <c>keras.optimizers.schedules.PolynomialDecay(initial_learning_rate, decay_steps,
/// end_learning_rate=0.0001, power=1.0, cycle=False)</c>: from initial_learning_rate to end_learning_rate along
/// <c>(1 − step / decay_steps)^power</c>, then end_learning_rate; with cycle, over the first multiple of decay_steps
/// that is at least the step.</summary>
module Schedules.Kinds.Keras.PolynomialDecay

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "keras.PolynomialDecay"

/// <summary>Keras' default end_learning_rate.</summary>
[<Literal>]
let DefaultEndLearningRate = 0.0001

/// <summary>Keras' default power: a linear decay.</summary>
[<Literal>]
let DefaultPower = 1.0

/// <summary>Keras' default cycle: hold end_learning_rate after decay_steps.</summary>
[<Literal>]
let DefaultCycle = false

/// The value at a step, in Keras' operation order (restated in float64). With cycle the horizon is decay_steps ×
/// ceil(step / decay_steps) (× 1 at step 0), so the value at k·decay_steps is end_learning_rate and the restart
/// shows one step later.
let internal value
    (initialLearningRate: float)
    (decaySteps: float)
    (endLearningRate: float)
    (power: float)
    (cycle: bool)
    (step: int)
    =
    let s = float step

    let s, horizon =
        if cycle then
            let multiplier = if s = 0.0 then 1.0 else Math.Ceiling(s / decaySteps)
            s, decaySteps * multiplier
        else
            Math.Min(s, decaySteps), decaySteps

    let p = s / horizon

    (initialLearningRate - endLearningRate) * Math.Pow(1.0 - p, power)
    + endLearningRate

let internal curve
    (initialLearningRate: float)
    (decaySteps: float)
    (endLearningRate: float)
    (power: float)
    (cycle: bool)
    : Curve =
    Checks.learningRate "initial_learning_rate" initialLearningRate
    Checks.length "decay_steps" decaySteps
    Checks.learningRate "end_learning_rate" endLearningRate
    Validate.nonNegative "power" power

    {
        Name = Name
        Args = [
            "initial_learning_rate", Number initialLearningRate
            "decay_steps", Number decaySteps
            "end_learning_rate", Number endLearningRate
            "power", Number power
            "cycle", Flag cycle
        ]
        // Keras schedules are absolute: the base LR is not read.
        Lr = fun _ t -> value initialLearningRate decaySteps endLearningRate power cycle t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Float "initial_learning_rate")
        (r.Float "decay_steps")
        (r.FloatOr("end_learning_rate", DefaultEndLearningRate))
        (r.FloatOr("power", DefaultPower))
        (r.BoolOr("cycle", DefaultCycle))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = (initial_learning_rate − end_learning_rate) × (1 − s / D)^power + end_learning_rate with s = min(step, decay_steps), D = decay_steps; with cycle s = step and D = decay_steps × ceil(step / decay_steps) (1 at step 0); absolute: the optimizer's LR is not read."
    Origin = "Keras 3"
    Source =
        "`keras.optimizers.schedules.PolynomialDecay(0.1, decay_steps=10, end_learning_rate=0.01, power=2.0, cycle=True)`"
    FSharp = "`Keras.PolynomialDecay(0.1, 10, endLearningRate = 0.01, power = 2.0, cycle = true)`"
    Differences =
        "Keras' cycle kept: at step k × decay_steps the value is end_learning_rate (the multiplier ceil(step / decay_steps) is k there), so each restart shows one step later, at k × decay_steps + 1. Keras computes in float32 (the step too); this port computes Keras' operations in float64, in Keras' order, so values agree with Keras to float32 precision, not bit for bit. A negative power (an infinite LR at the end of the decay) or a non-finite argument is refused."
    Example =
        """{"kind": "keras.PolynomialDecay", "initial_learning_rate": 0.1, "decay_steps": 10, "end_learning_rate": 0.01, "power": 2.0, "cycle": true}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
