// docs:begin inverse-sqrt-curve
/// <summary>Hugging Face's <c>get_inverse_sqrt_schedule(optimizer, num_warmup_steps, timescale=None)</c>: a LambdaLR
/// whose factor rises linearly over the warm-up, then decays as 1/sqrt((t + shift)/timescale).</summary>
module Schedules.Kinds.HuggingFace.GetInverseSqrtSchedule

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "hf.get_inverse_sqrt_schedule"

/// Hugging Face's default timescale: num_warmup_steps, or 10,000 when that is 0.
let internal defaultTimescale (numWarmupSteps: int) =
    if numWarmupSteps <> 0 then numWarmupSteps else 10_000

/// The factor λ(t), in the source's operation order (Python's int / int is a correctly rounded division).
let internal factor (numWarmupSteps: int) (timescale: int) (t: int) =
    if t < numWarmupSteps then
        float t / float (max 1 numWarmupSteps)
    else
        let shift = timescale - numWarmupSteps
        1.0 / Math.Sqrt(float (t + shift) / float timescale)

let internal curve (numWarmupSteps: int) (timescale: int option) : Curve =
    let ts = defaultArg timescale (defaultTimescale numWarmupSteps)

    if ts < 1 then
        Validate.fail
            "timescale"
            ts
            (sprintf
                "a positive integer (it divides; by default num_warmup_steps, or 10000 when that is 0; num_warmup_steps was %d)"
                numWarmupSteps)

    {
        Name = Name
        Args = [
            "num_warmup_steps", Integer numWarmupSteps
            yield! timescale |> Option.map (fun t -> "timescale", Integer t) |> Option.toList
        ]
        // LambdaLR: base_lr * lmbda(last_epoch).
        Lr = fun b t -> b * factor numWarmupSteps ts t
    }

let internal parse (r: ArgReader) =
    curve (r.Int "num_warmup_steps") (r.IntOption "timescale")

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = base × λ(t): λ(t) = t / max(1, w) while t < w (w = num_warmup_steps), then 1 / sqrt((t + timescale − w) / timescale); timescale defaults to w, or 10,000 when w is 0."
    Origin = "Hugging Face transformers"
    Source = "`get_inverse_sqrt_schedule(optimizer, num_warmup_steps=10, timescale=None)`"
    FSharp = "`HuggingFace.GetInverseSqrtSchedule(10)`"
    Differences =
        "None: Hugging Face's numbers, bit for bit with transformers' own code (its operation order, Python's int / int as a correctly rounded division). A timescale below 1 is refused when the scheduler is built (Hugging Face divides by zero once the warm-up ends)."
    Example = """{"kind": "hf.get_inverse_sqrt_schedule", "num_warmup_steps": 10}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
// docs:end inverse-sqrt-curve
