/// <summary>Hugging Face's <c>get_linear_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps)</c>: a
/// LambdaLR whose factor rises linearly from 0 over the warm-up, then falls linearly to 0 at num_training_steps and
/// stays there.</summary>
module Schedules.Kinds.HuggingFace.GetLinearScheduleWithWarmup

open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "hf.get_linear_schedule_with_warmup"

/// The factor λ(t): the warm-up, then <c>max(0.0, float(T - t) / float(max(1, T - W)))</c>.
let internal factor (numWarmupSteps: int) (numTrainingSteps: int) (t: int) =
    if t < numWarmupSteps then
        Lambda.warmup numWarmupSteps t
    else
        Lambda.atLeastZero (
            float (int64 numTrainingSteps - int64 t)
            / float (max 1L (int64 numTrainingSteps - int64 numWarmupSteps))
        )

let internal curve (numWarmupSteps: int) (numTrainingSteps: int) : Curve = {
    Name = Name
    Args = Lambda.counts numWarmupSteps numTrainingSteps
    Lr = fun b t -> b * factor numWarmupSteps numTrainingSteps t
}

let internal parse (r: ArgReader) =
    curve (r.Int "num_warmup_steps") (r.Int "num_training_steps")

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = base × λ(t): λ(t) = t / max(1, w) while t < w (w = num_warmup_steps), then max(0, (T − t) / max(1, T − w)) (T = num_training_steps): 0 from T on."
    Origin = "Hugging Face transformers"
    Source = "`get_linear_schedule_with_warmup(optimizer, num_warmup_steps=5, num_training_steps=30)`"
    FSharp = "`HuggingFace.GetLinearScheduleWithWarmup(5, 30)`"
    Differences =
        "None: Hugging Face's numbers, bit for bit. Its max(1, …) guards make num_warmup_steps 0 and num_training_steps = num_warmup_steps legal, and they are here."
    Example = """{"kind": "hf.get_linear_schedule_with_warmup", "num_warmup_steps": 5, "num_training_steps": 30}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
