/// <summary>Keras 3's <c>keras.optimizers.schedules.CosineDecay(initial_learning_rate, decay_steps, alpha=0.0,
/// warmup_target=None, warmup_steps=0)</c>: without a target, a half cosine from initial_learning_rate down to
/// alpha × initial_learning_rate over decay_steps, then held; with a target, a linear warm-up from
/// initial_learning_rate to warmup_target over warmup_steps, then the half cosine from warmup_target.</summary>
module Schedules.Kinds.Keras.CosineDecay

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "keras.CosineDecay"

/// <summary>Keras' default alpha: the decay ends at 0.</summary>
[<Literal>]
let DefaultAlpha = 0.0

/// <summary>Keras' default warmup_steps: no warm-up (it is read only with a warmup_target).</summary>
[<Literal>]
let DefaultWarmupSteps = 0.0

/// Keras' _decay_function: decayFrom × ((1 − alpha) × 0.5 × (1 + cos(π × (s / D))) + alpha).
let internal decay (alpha: float) (decayFrom: float) (decaySteps: float) (s: float) =
    let completedFraction = s / decaySteps
    let cosineDecayed = 0.5 * (1.0 + Math.Cos(Math.PI * completedFraction))
    let decayed = (1.0 - alpha) * cosineDecayed + alpha
    decayFrom * decayed

/// The value at a step, in Keras' operation order (restated in float64).
let internal value
    (initialLearningRate: float)
    (decaySteps: float)
    (alpha: float)
    (warmupTarget: float option)
    (warmupSteps: float)
    (step: int)
    =
    let s = float step

    match warmupTarget with
    | None -> decay alpha initialLearningRate decaySteps (Math.Min(s, decaySteps))
    | Some target ->
        let s = Math.Min(s, decaySteps + warmupSteps)

        if s < warmupSteps then
            let completedFraction = s / warmupSteps
            let totalStepDelta = target - initialLearningRate
            totalStepDelta * completedFraction + initialLearningRate
        else
            decay alpha target decaySteps (s - warmupSteps)

let internal curve
    (initialLearningRate: float)
    (decaySteps: float)
    (alpha: float)
    (warmupTarget: float option)
    (warmupSteps: float)
    : Curve =
    Checks.learningRate "initial_learning_rate" initialLearningRate
    Checks.length "decay_steps" decaySteps
    Validate.nonNegative "alpha" alpha
    warmupTarget |> Option.iter (Checks.learningRate "warmup_target")
    Validate.nonNegative "warmup_steps" warmupSteps

    {
        Name = Name
        Args = [
            "initial_learning_rate", Number initialLearningRate
            "decay_steps", Number decaySteps
            "alpha", Number alpha
            yield! warmupTarget |> Option.map (fun t -> "warmup_target", Number t) |> Option.toList
            "warmup_steps", Number warmupSteps
        ]
        // Keras schedules are absolute: the base LR is not read.
        Lr = fun _ t -> value initialLearningRate decaySteps alpha warmupTarget warmupSteps t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Float "initial_learning_rate")
        (r.Float "decay_steps")
        (r.FloatOr("alpha", DefaultAlpha))
        (r.FloatOption "warmup_target")
        (r.FloatOr("warmup_steps", DefaultWarmupSteps))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "without warmup_target: lr = initial_learning_rate × ((1 − alpha) × 0.5 × (1 + cos(π × s / decay_steps)) + alpha), s = min(step, decay_steps); with warmup_target: s = min(step, decay_steps + warmup_steps), (warmup_target − initial_learning_rate) × s / warmup_steps + initial_learning_rate while s < warmup_steps, then the cosine of s − warmup_steps from warmup_target; absolute: the optimizer's LR is not read."
    Origin = "Keras 3"
    Source =
        "`keras.optimizers.schedules.CosineDecay(0.0, decay_steps=30, alpha=0.1, warmup_target=0.1, warmup_steps=10)`"
    FSharp = "`Keras.CosineDecay(0.0, 30, alpha = 0.1, warmupTarget = 0.1, warmupSteps = 10)`"
    Differences =
        "Keras' conventions kept: warmup_steps is ignored without a warmup_target, and a warmup_target with warmup_steps 0 decays from the target (initial_learning_rate is then never used). Keras computes in float32 (the step too); this port computes Keras' operations in float64, in Keras' order, so values agree with Keras to float32 precision, not bit for bit. A negative alpha (negative LRs), a negative warmup_steps (a warm-up ending before step 0) or a non-finite argument is refused."
    Example =
        """{"kind": "keras.CosineDecay", "initial_learning_rate": 0.0, "decay_steps": 30, "alpha": 0.1, "warmup_target": 0.1, "warmup_steps": 10}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 45
    ExampleMetrics = None
}
