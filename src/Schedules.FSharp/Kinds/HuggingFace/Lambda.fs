/// <summary>What Hugging Face's LambdaLR factors share, each in transformers' own operation order (Python's int / int
/// is a correctly rounded division: <c>float a / float b</c> for counts below 2^53).</summary>
module internal Schedules.Kinds.HuggingFace.Lambda

open System
open Schedules

/// The linear warm-up of every schedule: <c>float(t) / float(max(1, num_warmup_steps))</c>.
let warmup (numWarmupSteps: int) (t: int) = float t / float (max 1 numWarmupSteps)

/// Python's <c>max(0.0, x)</c> (and <c>max(0, x)</c>): the first argument unless x is greater, so −0.0 and NaN
/// give +0.
let atLeastZero (x: float) = if x > 0.0 then x else 0.0

/// <c>float(a - b) / float(max(1, c - d))</c> with Python's unbounded integers (no overflow for any int32 counts).
let progress (t: int) (numWarmupSteps: int) (numTrainingSteps: int) =
    float (int64 t - int64 numWarmupSteps)
    / float (max 1L (int64 numTrainingSteps - int64 numWarmupSteps))

/// The cosine factor <c>0.5 * (1.0 + cos(pi * float(num_cycles) * 2.0 * progress))</c>, evaluated left to right.
let cosine (numCycles: float) (progress: float) =
    0.5 * (1.0 + Math.Cos(Math.PI * numCycles * 2.0 * progress))

/// <c>factor * (1 - rate) + rate</c>: the floor of the min-lr cosines and of WSD.
let floorAt (rate: float) (factor: float) = factor * (1.0 - rate) + rate

/// Python's float <c>%</c>: C's fmod, moved into the divisor's sign (a zero takes the divisor's sign too).
let pyMod (x: float) (m: float) =
    let r = x % m

    if r <> 0.0 then
        if (m < 0.0) <> (r < 0.0) then r + m else r
    elif m < 0.0 then
        -0.0
    else
        0.0

/// A finite number, or a refusal naming the parameter.
let finite (param: string) (v: float) =
    if not (Double.IsFinite v) then
        Validate.fail param v "a finite number"

/// The optimizer's default LR (<c>optimizer.defaults["lr"]</c>), which some schedules divide by.
let checkOptimizerLr (v: float) =
    if not (Double.IsFinite v) || v <= 0.0 then
        Validate.fail
            "optimizer_lr"
            v
            "a finite number > 0 (the optimizer's default lr, optimizer.defaults[\"lr\"], which Hugging Face divides by)"

/// The arguments every curve of the family records, in the source's names.
let counts (numWarmupSteps: int) (numTrainingSteps: int) = [
    "num_warmup_steps", Integer numWarmupSteps
    "num_training_steps", Integer numTrainingSteps
]

/// The floor of the min-lr cosines as a ratio of the optimizer's default LR: <c>min_lr / optimizer.defaults["lr"]</c>
/// or <c>min_lr_rate</c>, exactly one of the two given (Hugging Face's refusals).
let minLrRate (minLr: float option) (minLrRate: float option) (optimizerLr: float option) =
    match minLr, minLrRate with
    | Some _, Some _ ->
        raise (ArgumentException("Only one of min_lr or min_lr_rate should be set, but both were.", "min_lr"))
    | None, None ->
        raise (ArgumentException("One of min_lr or min_lr_rate must be set, but neither was.", "min_lr_rate"))
    | None, Some rate ->
        finite "min_lr_rate" rate
        rate
    | Some lr, None ->
        finite "min_lr" lr

        match optimizerLr with
        | Some l ->
            checkOptimizerLr l
            lr / l
        | None ->
            raise (
                ArgumentException(
                    "optimizer_lr is required with min_lr: Hugging Face divides min_lr by the optimizer's default lr (optimizer.defaults[\"lr\"]).",
                    "optimizer_lr"
                )
            )

/// The optional arguments a curve records only when given.
let optional (name: string) (value: 'T option) (arg: 'T -> CurveArg) =
    value |> Option.map (fun v -> name, arg v) |> Option.toList
