/// <summary>Hugging Face's <c>get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, num_warmup_steps,
/// num_training_steps, num_cycles=1)</c>: a LambdaLR whose factor rises linearly from 0 over the warm-up, then runs
/// num_cycles half-cosines from 1 to 0, each restarting at 1, and is 0 from num_training_steps on.</summary>
module Schedules.Kinds.HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "hf.get_cosine_with_hard_restarts_schedule_with_warmup"

/// Hugging Face's default number of restarts.
[<Literal>]
let DefaultNumCycles = 1.0

/// The factor λ(t): after the warm-up, 0.0 once p ≥ 1, else
/// <c>max(0.0, 0.5 * (1.0 + cos(pi * ((float(num_cycles) * p) % 1.0))))</c>.
let internal factor (numWarmupSteps: int) (numTrainingSteps: int) (numCycles: float) (t: int) =
    if t < numWarmupSteps then
        Lambda.warmup numWarmupSteps t
    else
        let p = Lambda.progress t numWarmupSteps numTrainingSteps

        if p >= 1.0 then
            0.0
        else
            Lambda.atLeastZero (0.5 * (1.0 + Math.Cos(Math.PI * Lambda.pyMod (numCycles * p) 1.0)))

let internal curve (numWarmupSteps: int) (numTrainingSteps: int) (numCycles: float) : Curve =
    Lambda.finite "num_cycles" numCycles

    {
        Name = Name
        Args =
            Lambda.counts numWarmupSteps numTrainingSteps
            @ [ "num_cycles", Number numCycles ]
        Lr = fun b t -> b * factor numWarmupSteps numTrainingSteps numCycles t
    }

let internal parse (r: ArgReader) =
    curve (r.Int "num_warmup_steps") (r.Int "num_training_steps") (r.FloatOr("num_cycles", DefaultNumCycles))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = base × λ(t): λ(t) = t / max(1, w) while t < w (w = num_warmup_steps); then with p = (t − w) / max(1, T − w) (T = num_training_steps): 0 once p ≥ 1, else max(0, 0.5 × (1 + cos(π × ((num_cycles × p) mod 1))))."
    Origin = "Hugging Face transformers"
    Source =
        "`get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, num_warmup_steps=5, num_training_steps=35, num_cycles=3)`"
    FSharp = "`HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup(5, 35, 3.0)`"
    Differences =
        "None: Hugging Face's numbers, bit for bit (Python's float modulo, whose result takes the divisor's sign). A non-finite num_cycles is refused."
    Example =
        """{"kind": "hf.get_cosine_with_hard_restarts_schedule_with_warmup", "num_warmup_steps": 5, "num_training_steps": 35, "num_cycles": 3}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
