/// <summary>Hugging Face's <c>get_cosine_with_min_lr_schedule_with_warmup_lr_rate(optimizer, num_warmup_steps,
/// num_training_steps, num_cycles=0.5, min_lr=None, min_lr_rate=None, warmup_lr_rate=None)</c>
/// (<c>"cosine_warmup_with_min_lr"</c>): a cosine onto a floor whose warm-up starts at warmup_lr_rate (or 1/W) and
/// reaches 1 at W − 1, every count made a float first, one step ahead of the plain min-lr cosine.</summary>
module Schedules.Kinds.HuggingFace.GetCosineWithMinLrScheduleWithWarmupLrRate

open System
open Schedules
open Schedules.Kinds

/// <summary>Hugging Face's default num_cycles (the cosine's: one home, <c>GetCosineScheduleWithWarmup</c>).</summary>
[<Literal>]
let DefaultNumCycles = GetCosineScheduleWithWarmup.DefaultNumCycles

/// The name its users write.
[<Literal>]
let internal Name = "hf.get_cosine_with_min_lr_schedule_with_warmup_lr_rate"

/// The factor λ(t), in transformers' order with t, W and T as floats.
let internal factor
    (numWarmupSteps: int)
    (numTrainingSteps: int)
    (numCycles: float)
    (minLrRate: float)
    (warmupLrRate: float option)
    (step: int)
    =
    let t = float step
    let w = float numWarmupSteps
    let total = float numTrainingSteps

    if t < w then
        match warmupLrRate with
        | None -> (t + 1.0) / max 1.0 w
        | Some rate -> rate + (1.0 - rate) * t / max 1.0 (w - 1.0)
    else
        let p = (t - w + 1.0) / max 1.0 (total - w)
        Lambda.cosine numCycles p |> Lambda.floorAt minLrRate |> Lambda.atLeastZero

let internal curve
    (numWarmupSteps: int)
    (numTrainingSteps: int)
    (numCycles: float)
    (minLr: float option)
    (minLrRate: float option)
    (warmupLrRate: float option)
    (optimizerLr: float option)
    : Curve =
    Lambda.finite "num_cycles" numCycles
    let rate = Lambda.minLrRate minLr minLrRate optimizerLr
    optimizerLr |> Option.iter Lambda.checkOptimizerLr
    warmupLrRate |> Option.iter (Lambda.finite "warmup_lr_rate")

    {
        Name = Name
        Args =
            Lambda.counts numWarmupSteps numTrainingSteps
            @ [ "num_cycles", Number numCycles ]
            @ Lambda.optional "min_lr" minLr Number
            @ Lambda.optional "min_lr_rate" minLrRate Number
            @ Lambda.optional "warmup_lr_rate" warmupLrRate Number
            @ Lambda.optional "optimizer_lr" optimizerLr Number
        Lr = fun b t -> b * factor numWarmupSteps numTrainingSteps numCycles rate warmupLrRate t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Int "num_warmup_steps")
        (r.Int "num_training_steps")
        (r.FloatOr("num_cycles", DefaultNumCycles))
        (r.FloatOption "min_lr")
        (r.FloatOption "min_lr_rate")
        (r.FloatOption "warmup_lr_rate")
        (r.FloatOption "optimizer_lr")

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = base × λ(t), t, w = num_warmup_steps and T = num_training_steps as floats: while t < w, λ = (t + 1) / max(1, w), or with warmup_lr_rate r_w, r_w + (1 − r_w) × t / max(1, w − 1); then max(0, f × (1 − r) + r) with f = 0.5 × (1 + cos(π × num_cycles × 2 × p)), p = (t − w + 1) / max(1, T − w), r = min_lr / optimizer_lr or min_lr_rate."
    Origin = "Hugging Face transformers"
    Source =
        "`get_cosine_with_min_lr_schedule_with_warmup_lr_rate(optimizer, num_warmup_steps=5, num_training_steps=30, min_lr_rate=0.1)`"
    FSharp = "`HuggingFace.GetCosineWithMinLrScheduleWithWarmupLrRate(5, 30, minLrRate = 0.1)`"
    Differences =
        "Hugging Face's numbers, bit for bit, its conventions kept: it is one step ahead of get_cosine_with_min_lr_schedule_with_warmup (the warm-up starts at 1/w, not 0, and the floor is reached at T − 1), and p is not clamped, so the cosine climbs back after T. With min_lr the optimizer's default lr is the explicit argument optimizer_lr (JSON `optimizer_lr`). Both or neither of min_lr and min_lr_rate are refused, as Hugging Face does; a non-finite num_cycles, min_lr, min_lr_rate or warmup_lr_rate is refused."
    Example =
        """{"kind": "hf.get_cosine_with_min_lr_schedule_with_warmup_lr_rate", "num_warmup_steps": 5, "num_training_steps": 30, "min_lr_rate": 0.1}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
