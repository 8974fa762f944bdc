/// <summary>Hugging Face's <c>get_cosine_with_min_lr_schedule_with_warmup(optimizer, num_warmup_steps,
/// num_training_steps, num_cycles=0.5, min_lr=None, min_lr_rate=None)</c>: the cosine of
/// <c>get_cosine_schedule_with_warmup</c> lifted onto a floor, min_lr (as a ratio of the optimizer's default LR) or
/// min_lr_rate.</summary>
module Schedules.Kinds.HuggingFace.GetCosineWithMinLrScheduleWithWarmup

open Schedules
open Schedules.Kinds

/// <summary>Hugging Face's default num_cycles (the cosine's: one home, <c>GetCosineScheduleWithWarmup</c>).</summary>
[<Literal>]
let DefaultNumCycles = GetCosineScheduleWithWarmup.DefaultNumCycles

/// The name its users write.
[<Literal>]
let internal Name = "hf.get_cosine_with_min_lr_schedule_with_warmup"

let internal curve
    (numWarmupSteps: int)
    (numTrainingSteps: int)
    (numCycles: float)
    (minLr: float option)
    (minLrRate: float option)
    (optimizerLr: float option)
    : Curve =
    Lambda.finite "num_cycles" numCycles
    let rate = Lambda.minLrRate minLr minLrRate optimizerLr
    optimizerLr |> Option.iter Lambda.checkOptimizerLr

    {
        Name = Name
        Args =
            Lambda.counts numWarmupSteps numTrainingSteps
            @ [ "num_cycles", Number numCycles ]
            @ Lambda.optional "min_lr" minLr Number
            @ Lambda.optional "min_lr_rate" minLrRate Number
            @ Lambda.optional "optimizer_lr" optimizerLr Number
        // The one cosine lambda transformers runs (see GetCosineScheduleWithWarmup.factor).
        Lr =
            fun b t ->
                b
                * GetCosineScheduleWithWarmup.factor numWarmupSteps numTrainingSteps numCycles rate t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Int "num_warmup_steps")
        (r.Int "num_training_steps")
        (r.FloatOr("num_cycles", DefaultNumCycles))
        (r.FloatOption "min_lr")
        (r.FloatOption "min_lr_rate")
        (r.FloatOption "optimizer_lr")

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = base × λ(t): λ(t) = t / max(1, w) while t < w (w = num_warmup_steps), then max(0, f × (1 − r) + r) with f = 0.5 × (1 + cos(π × num_cycles × 2 × p)), p = (t − w) / max(1, T − w) (T = num_training_steps) and r = min_lr / optimizer_lr or min_lr_rate."
    Origin = "Hugging Face transformers"
    Source =
        "`get_cosine_with_min_lr_schedule_with_warmup(optimizer, num_warmup_steps=5, num_training_steps=30, min_lr_rate=0.1)`"
    FSharp = "`HuggingFace.GetCosineWithMinLrScheduleWithWarmup(5, 30, minLrRate = 0.1)`"
    Differences =
        "Hugging Face divides min_lr by the optimizer's default lr (`optimizer.defaults[\"lr\"]`); a scheduler here sees no optimizer, so with min_lr that number is the explicit argument optimizer_lr (JSON `optimizer_lr`), and a group whose LR differs from it ends at base × min_lr / optimizer_lr, as in Hugging Face (kept). p is not clamped: after num_training_steps the cosine climbs back above the floor (Hugging Face's bug, kept). Both or neither of min_lr and min_lr_rate are refused, as Hugging Face does; a non-finite num_cycles, min_lr or min_lr_rate is refused."
    Example =
        """{"kind": "hf.get_cosine_with_min_lr_schedule_with_warmup", "num_warmup_steps": 5, "num_training_steps": 30, "min_lr_rate": 0.1}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
