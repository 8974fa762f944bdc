/// <summary>Hugging Face's <c>get_wsd_schedule(optimizer, num_warmup_steps, num_decay_steps, num_training_steps=None,
/// num_stable_steps=None, warmup_type="linear", decay_type="cosine", min_lr_ratio=0, num_cycles=0.5)</c>:
/// warm-up from min_lr_ratio to 1, a stable phase at 1, a decay back to min_lr_ratio, then min_lr_ratio.</summary>
module Schedules.Kinds.HuggingFace.GetWsdSchedule

open System
open Schedules
open Schedules.Kinds

/// <summary>Hugging Face's default num_cycles (the cosine's: one home, <c>GetCosineScheduleWithWarmup</c>).</summary>
[<Literal>]
let DefaultNumCycles = GetCosineScheduleWithWarmup.DefaultNumCycles

/// The name its users write.
[<Literal>]
let internal Name = "hf.get_wsd_schedule"

/// Hugging Face's default warm-up shape.
[<Literal>]
let DefaultWarmupType = "linear"

/// Hugging Face's default decay shape.
[<Literal>]
let DefaultDecayType = "cosine"

/// Hugging Face's default floor (a ratio of the base LR).
[<Literal>]
let DefaultMinLrRatio = 0.0

/// The shapes of the warm-up and of the decay, by the names Hugging Face gives them.
type internal Shape =
    | Linear
    | Cosine
    | OneMinusSqrt

let private shapes = [ "linear", Linear; "cosine", Cosine; "1-sqrt", OneMinusSqrt ]

let internal shape (param: string) (name: string) =
    match shapes |> List.tryFind (fun (n, _) -> n = name) with
    | Some(_, s) -> s
    | None ->
        raise (
            ArgumentException(
                sprintf
                    "Unknown %s: %s, expected 'linear', 'cosine' or '1-sqrt'."
                    param
                    (if isNull name then "null" else name),
                param
            )
        )

/// The factor λ(t) in transformers' order (S may be negative: the decay then starts before W + D).
let internal factor
    (numWarmupSteps: int)
    (numStableSteps: int64)
    (numDecaySteps: int)
    (warmupType: Shape)
    (decayType: Shape)
    (minLrRatio: float)
    (numCycles: float)
    (t: int)
    =
    let t64 = int64 t
    let w = int64 numWarmupSteps

    if t < numWarmupSteps then
        let p = Lambda.warmup numWarmupSteps t

        let f =
            match warmupType with
            | Linear -> p
            | Cosine -> 0.5 * (1.0 - Math.Cos(Math.PI * p))
            | OneMinusSqrt -> 1.0 - Math.Sqrt(1.0 - p)

        Lambda.atLeastZero (Lambda.floorAt minLrRatio f)
    elif t64 < w + numStableSteps then
        1.0
    elif t64 < w + numStableSteps + int64 numDecaySteps then
        let p = float (t64 - w - numStableSteps) / float (max 1 numDecaySteps)

        let f =
            match decayType with
            | Linear -> 1.0 - p
            | Cosine -> Lambda.cosine numCycles p
            | OneMinusSqrt -> 1.0 - Math.Sqrt p

        Lambda.atLeastZero (Lambda.floorAt minLrRatio f)
    else
        minLrRatio

let internal curve
    (numWarmupSteps: int)
    (numDecaySteps: int)
    (numTrainingSteps: int option)
    (numStableSteps: int option)
    (warmupType: string)
    (decayType: string)
    (minLrRatio: float)
    (numCycles: float)
    : Curve =
    if numTrainingSteps.IsNone && numStableSteps.IsNone then
        raise (
            ArgumentException(
                "Either num_training_steps or num_stable_steps must be specified, but neither was.",
                "num_training_steps"
            )
        )

    let warmupShape = shape "warmup_type" warmupType
    let decayShape = shape "decay_type" decayType
    Lambda.finite "min_lr_ratio" minLrRatio
    Lambda.finite "num_cycles" numCycles

    // Hugging Face: num_stable_steps wins when both are given (with a warning).
    let stable =
        match numStableSteps with
        | Some s -> int64 s
        | None -> int64 numTrainingSteps.Value - int64 numWarmupSteps - int64 numDecaySteps

    {
        Name = Name
        Args =
            [
                "num_warmup_steps", Integer numWarmupSteps
                "num_decay_steps", Integer numDecaySteps
            ]
            @ Lambda.optional "num_training_steps" numTrainingSteps Integer
            @ Lambda.optional "num_stable_steps" numStableSteps Integer
            @ [
                "warmup_type", Text warmupType
                "decay_type", Text decayType
                "min_lr_ratio", Number minLrRatio
                "num_cycles", Number numCycles
            ]
        Lr =
            fun b t ->
                b
                * factor numWarmupSteps stable numDecaySteps warmupShape decayShape minLrRatio numCycles t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Int "num_warmup_steps")
        (r.Int "num_decay_steps")
        (r.IntOption "num_training_steps")
        (r.IntOption "num_stable_steps")
        (r.NameOr("warmup_type", id, DefaultWarmupType))
        (r.NameOr("decay_type", id, DefaultDecayType))
        (r.FloatOr("min_lr_ratio", DefaultMinLrRatio))
        (r.FloatOr("num_cycles", DefaultNumCycles))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = base × λ(t), r = min_lr_ratio, S = num_stable_steps or T − w − D: while t < w (w = num_warmup_steps), p = t / max(1, w) and λ = max(0, f(p) × (1 − r) + r) with f = p, 0.5 × (1 − cos(π p)) or 1 − sqrt(1 − p) (warmup_type); 1 while t < w + S; while t < w + S + D (D = num_decay_steps), p = (t − w − S) / max(1, D) and f = 1 − p, 0.5 × (1 + cos(π × num_cycles × 2 × p)) or 1 − sqrt(p) (decay_type); then r."
    Origin = "Hugging Face transformers"
    Source =
        "`get_wsd_schedule(optimizer, num_warmup_steps=5, num_decay_steps=10, num_training_steps=35, min_lr_ratio=0.1)`"
    FSharp = "`HuggingFace.GetWsdSchedule(5, 10, numTrainingSteps = 35, minLrRatio = 0.1)`"
    Differences =
        "Hugging Face's numbers, bit for bit, its conventions kept: the warm-up starts at min_lr_ratio, not 0; num_stable_steps wins when both it and num_training_steps are given; with num_training_steps < w + D the stable phase is negative and the decay starts before w + D, silently (as in Hugging Face). Neither num_training_steps nor num_stable_steps, and an unknown warmup_type or decay_type, are refused as Hugging Face does; a non-finite min_lr_ratio or num_cycles is refused."
    Example =
        """{"kind": "hf.get_wsd_schedule", "num_warmup_steps": 5, "num_decay_steps": 10, "num_training_steps": 35, "min_lr_ratio": 0.1}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
