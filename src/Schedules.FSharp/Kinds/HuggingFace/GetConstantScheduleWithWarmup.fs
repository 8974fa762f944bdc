/// <summary>Hugging Face's <c>get_constant_schedule_with_warmup(optimizer, num_warmup_steps)</c>: a LambdaLR whose
/// factor rises linearly from 0 over the warm-up, then stays 1.</summary>
module Schedules.Kinds.HuggingFace.GetConstantScheduleWithWarmup

open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "hf.get_constant_schedule_with_warmup"

/// The factor λ(t): <c>float(t) / float(max(1.0, num_warmup_steps))</c> during the warm-up, then 1.0.
let internal factor (numWarmupSteps: int) (t: int) =
    if t < numWarmupSteps then
        float t / max 1.0 (float numWarmupSteps)
    else
        1.0

let internal curve (numWarmupSteps: int) : Curve = {
    Name = Name
    Args = [ "num_warmup_steps", Integer numWarmupSteps ]
    Lr = fun b t -> b * factor numWarmupSteps t
}

let internal parse (r: ArgReader) = curve (r.Int "num_warmup_steps")

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = base × λ(t): λ(t) = t / max(1, w) while t < w (w = num_warmup_steps), then 1; the warm-up starts at 0 and reaches (w − 1)/w."
    Origin = "Hugging Face transformers"
    Source = "`get_constant_schedule_with_warmup(optimizer, num_warmup_steps=10)`"
    FSharp = "`HuggingFace.GetConstantScheduleWithWarmup(10)`"
    Differences =
        "None: Hugging Face's numbers, bit for bit. Through `get_scheduler(\"constant_with_warmup\", ...)` Hugging Face drops `scheduler_specific_kwargs` silently, and so does `HuggingFace.GetScheduler` (kept)."
    Example = """{"kind": "hf.get_constant_schedule_with_warmup", "num_warmup_steps": 10}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
