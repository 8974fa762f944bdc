/// <summary>Keras 3's <c>keras.optimizers.schedules.CosineDecayRestarts(initial_learning_rate, first_decay_steps,
/// t_mul=2.0, m_mul=1.0, alpha=0.0)</c>: SGDR, half cosines from m_mul^i × initial_learning_rate down to
/// alpha × initial_learning_rate over periods first_decay_steps × t_mul^i.</summary>
module Schedules.Kinds.Keras.CosineDecayRestarts

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "keras.CosineDecayRestarts"

/// <summary>Keras' default t_mul: each period twice as long as the one before.</summary>
[<Literal>]
let DefaultTMul = 2.0

/// <summary>Keras' default m_mul: every restart back to initial_learning_rate.</summary>
[<Literal>]
let DefaultMMul = 1.0

/// <summary>Keras' default alpha: each period ends at 0.</summary>
[<Literal>]
let DefaultAlpha = 0.0

/// The restart index and the fraction of its period done at a step, in Keras' operation order. With t_mul ≠ 1
/// the index is floor(log(1 − f × (1 − t_mul)) / log(t_mul)), which can fall one short at an exact restart
/// (t_mul 3, first_decay_steps 1, step 121: log(243) / log(3) = 4.999999999999999): the fraction is then 1 and the
/// value alpha × initial_learning_rate instead of the restart's peak. Kept, as Keras has it.
let internal restart (firstDecaySteps: float) (tMul: float) (step: int) =
    let completedFraction = float step / firstDecaySteps

    if tMul = 1.0 then
        let i = Math.Floor completedFraction
        struct (i, completedFraction - i)
    else
        let i = Math.Floor(Math.Log(1.0 - completedFraction * (1.0 - tMul)) / Math.Log tMul)
        let sumR = (1.0 - Math.Pow(tMul, i)) / (1.0 - tMul)
        struct (i, (completedFraction - sumR) / Math.Pow(tMul, i))

/// The value at a step, in Keras' operation order (restated in float64).
let internal value
    (initialLearningRate: float)
    (firstDecaySteps: float)
    (tMul: float)
    (mMul: float)
    (alpha: float)
    (step: int)
    =
    let struct (i, completedFraction) = restart firstDecaySteps tMul step
    let mFac = Math.Pow(mMul, i)
    let cosineDecayed = 0.5 * mFac * (1.0 + Math.Cos(Math.PI * completedFraction))
    let decayed = (1.0 - alpha) * cosineDecayed + alpha
    initialLearningRate * decayed

let internal curve
    (initialLearningRate: float)
    (firstDecaySteps: float)
    (tMul: float)
    (mMul: float)
    (alpha: float)
    : Curve =
    Checks.learningRate "initial_learning_rate" initialLearningRate
    Checks.length "first_decay_steps" firstDecaySteps

    if not (Double.IsFinite tMul) || tMul < 1.0 then
        Validate.fail
            "t_mul"
            tMul
            "a finite number >= 1 (below 1 the periods' lengths sum to a limit, after which Keras takes the log of a negative number: NaN)"

    Validate.nonNegative "m_mul" mMul
    Validate.nonNegative "alpha" alpha

    {
        Name = Name
        Args = [
            "initial_learning_rate", Number initialLearningRate
            "first_decay_steps", Number firstDecaySteps
            "t_mul", Number tMul
            "m_mul", Number mMul
            "alpha", Number alpha
        ]
        // Keras schedules are absolute: the base LR is not read.
        Lr = fun _ t -> value initialLearningRate firstDecaySteps tMul mMul alpha t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Float "initial_learning_rate")
        (r.Float "first_decay_steps")
        (r.FloatOr("t_mul", DefaultTMul))
        (r.FloatOr("m_mul", DefaultMMul))
        (r.FloatOr("alpha", DefaultAlpha))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "f = step / first_decay_steps; t_mul = 1: i = floor(f), f −= i; else i = floor(log(1 − f × (1 − t_mul)) / log(t_mul)), f = (f − (1 − t_mul^i) / (1 − t_mul)) / t_mul^i; lr = initial_learning_rate × ((1 − alpha) × 0.5 × m_mul^i × (1 + cos(π × f)) + alpha); absolute: the optimizer's LR is not read."
    Origin = "Keras 3"
    Source = "`keras.optimizers.schedules.CosineDecayRestarts(0.1, first_decay_steps=10, t_mul=2.0, m_mul=0.8)`"
    FSharp = "`Keras.CosineDecayRestarts(0.1, 10, tMul = 2.0, mMul = 0.8)`"
    Differences =
        "Keras' restart index kept: with t_mul ≠ 1 it is the floor of a quotient of logarithms, which can fall one short at an exact restart (t_mul 3, first_decay_steps 1, step 121 gives alpha × initial_learning_rate, 0 by default, instead of the peak); alpha is not multiplied by m_mul^i, so the floor stays at alpha × initial_learning_rate while the peaks shrink. Keras computes in float32 (the step too); this port computes Keras' operations in float64, in Keras' order, so values agree with Keras to float32 precision, not bit for bit. t_mul below 1 (Keras yields NaN once the periods' geometric sum is exhausted), a negative m_mul or alpha (negative LRs) or a non-finite argument is refused."
    Example =
        """{"kind": "keras.CosineDecayRestarts", "initial_learning_rate": 0.1, "first_decay_steps": 10, "t_mul": 2.0, "m_mul": 0.8}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
