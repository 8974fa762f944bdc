/// <summary>Hugging Face's <c>get_cosine_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
/// num_cycles=0.5)</c>: a LambdaLR whose factor rises linearly from 0 over the warm-up, then follows num_cycles
/// cosine waves down to 0 at num_training_steps, and on (no clamp).</summary>
module Schedules.Kinds.HuggingFace.GetCosineScheduleWithWarmup

open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "hf.get_cosine_schedule_with_warmup"

/// Hugging Face's default number of waves: half a cosine, from 1 down to 0.
[<Literal>]
let DefaultNumCycles = 0.5

/// The factor λ(t). transformers defines its cosine lambda twice; the second definition (with min_lr_rate = 0.0)
/// is the one that runs, so the cosine goes through <c>f * (1 - 0.0) + 0.0</c> and <c>max(0, f)</c>.
let internal factor (numWarmupSteps: int) (numTrainingSteps: int) (numCycles: float) (minLrRate: float) (t: int) =
    if t < numWarmupSteps then
        Lambda.warmup numWarmupSteps t
    else
        Lambda.progress t numWarmupSteps numTrainingSteps
        |> Lambda.cosine numCycles
        |> Lambda.floorAt minLrRate
        |> Lambda.atLeastZero

let internal curve (numWarmupSteps: int) (numTrainingSteps: int) (numCycles: float) : Curve =
    Lambda.finite "num_cycles" numCycles

    {
        Name = Name
        Args =
            Lambda.counts numWarmupSteps numTrainingSteps
            @ [ "num_cycles", Number numCycles ]
        Lr = fun b t -> b * factor numWarmupSteps numTrainingSteps numCycles 0.0 t
    }

let internal parse (r: ArgReader) =
    curve (r.Int "num_warmup_steps") (r.Int "num_training_steps") (r.FloatOr("num_cycles", DefaultNumCycles))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = base × λ(t): λ(t) = t / max(1, w) while t < w (w = num_warmup_steps), then max(0, 0.5 × (1 + cos(π × num_cycles × 2 × p))) with p = (t − w) / max(1, T − w) (T = num_training_steps)."
    Origin = "Hugging Face transformers"
    Source = "`get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=5, num_training_steps=30)`"
    FSharp = "`HuggingFace.GetCosineScheduleWithWarmup(5, 30)`"
    Differences =
        "None: Hugging Face's numbers, bit for bit, its bug included: p is not clamped, so after num_training_steps the cosine climbs back (with num_cycles 0.5 it is back at the base LR at t = 2T − w); stop stepping at T, or use get_cosine_with_min_lr_schedule_with_warmup's floor, if that is not wanted. A non-finite num_cycles is refused."
    Example = """{"kind": "hf.get_cosine_schedule_with_warmup", "num_warmup_steps": 5, "num_training_steps": 30}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
