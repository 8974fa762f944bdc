/// <summary>What Keras' ExponentialDecay and InverseTimeDecay share: their arguments (initial_learning_rate,
/// decay_steps, decay_rate, staircase) and checks, and the exponent p = step / decay_steps, floored when
/// staircase. Each kind gives only its decay of p.</summary>
module internal Schedules.Kinds.Keras.StaircaseDecay

open System
open Schedules
open Schedules.Kinds

/// Keras' default staircase: a smooth decay.
[<Literal>]
let DefaultStaircase = false

/// p = step / decay_steps, floored when staircase (Keras' order, restated in float64).
let exponent (decaySteps: float) (staircase: bool) (step: int) =
    let p = float step / decaySteps
    if staircase then Math.Floor p else p

/// The curve of a kind whose value is `decay initial_learning_rate decay_rate p`.
let curve
    (name: string)
    (decay: float -> float -> float -> float)
    (initialLearningRate: float)
    (decaySteps: float)
    (decayRate: float)
    (staircase: bool)
    : Curve =
    Checks.learningRate "initial_learning_rate" initialLearningRate
    Checks.length "decay_steps" decaySteps
    Validate.nonNegative "decay_rate" decayRate

    {
        Name = name
        Args = [
            "initial_learning_rate", Number initialLearningRate
            "decay_steps", Number decaySteps
            "decay_rate", Number decayRate
            "staircase", Flag staircase
        ]
        // Keras schedules are absolute: the base LR is not read.
        Lr = fun _ t -> decay initialLearningRate decayRate (exponent decaySteps staircase t)
    }

/// The kind's curve from its JSON configuration (`build` is the kind's curve builder).
let parse (build: float -> float -> float -> bool -> Curve) (r: ArgReader) =
    build
        (r.Float "initial_learning_rate")
        (r.Float "decay_steps")
        (r.Float "decay_rate")
        (r.BoolOr("staircase", DefaultStaircase))
