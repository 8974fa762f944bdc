/// <summary>Hugging Face's <c>get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps,
/// num_training_steps, lr_end=1e-7, power=1.0)</c>: a LambdaLR whose factor rises linearly from 0 over the warm-up,
/// then decays polynomially from the optimizer's default LR to lr_end at num_training_steps, and stays there.</summary>
module Schedules.Kinds.HuggingFace.GetPolynomialDecayScheduleWithWarmup

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "hf.get_polynomial_decay_schedule_with_warmup"

/// Hugging Face's default end LR.
[<Literal>]
let DefaultLrEnd = 1e-7

/// Hugging Face's default power (linear decay).
[<Literal>]
let DefaultPower = 1.0

/// The factor λ(t), with L the optimizer's default LR: the warm-up; <c>lr_end / L</c> after T; else
/// <c>((L - lr_end) * (1 - (t - W) / (T - W)) ** power + lr_end) / L</c>.
let internal factor
    (numWarmupSteps: int)
    (numTrainingSteps: int)
    (lrEnd: float)
    (power: float)
    (lrInit: float)
    (t: int)
    =
    if t < numWarmupSteps then
        Lambda.warmup numWarmupSteps t
    elif t > numTrainingSteps then
        lrEnd / lrInit
    else
        let lrRange = lrInit - lrEnd
        let decaySteps = int64 numTrainingSteps - int64 numWarmupSteps
        let pctRemaining = 1.0 - float (int64 t - int64 numWarmupSteps) / float decaySteps
        let decay = lrRange * Math.Pow(pctRemaining, power) + lrEnd
        decay / lrInit

let internal curve
    (numWarmupSteps: int)
    (numTrainingSteps: int)
    (optimizerLr: float)
    (lrEnd: float)
    (power: float)
    : Curve =
    Lambda.checkOptimizerLr optimizerLr
    Lambda.finite "lr_end" lrEnd

    if not (optimizerLr > lrEnd) then
        Validate.fail
            "lr_end"
            lrEnd
            (sprintf "smaller than the optimizer's initial lr (optimizer_lr, %s)" (Validate.show optimizerLr))

    if Double.IsNaN power then
        Validate.fail "power" power "a number"

    if numWarmupSteps = numTrainingSteps then
        Validate.fail
            "num_training_steps"
            numTrainingSteps
            "different from num_warmup_steps (Hugging Face divides by num_training_steps − num_warmup_steps at step num_training_steps)"

    if power < 0.0 && numWarmupSteps < numTrainingSteps then
        Validate.fail
            "power"
            power
            "≥ 0 (at step num_training_steps Hugging Face raises 0.0 to this power, which divides by zero)"

    {
        Name = Name
        Args =
            Lambda.counts numWarmupSteps numTrainingSteps
            @ [
                "lr_end", Number lrEnd
                "power", Number power
                "optimizer_lr", Number optimizerLr
            ]
        Lr = fun b t -> b * factor numWarmupSteps numTrainingSteps lrEnd power optimizerLr t
    }

let internal parse (r: ArgReader) =
    curve
        (r.Int "num_warmup_steps")
        (r.Int "num_training_steps")
        (r.Float "optimizer_lr")
        (r.FloatOr("lr_end", DefaultLrEnd))
        (r.FloatOr("power", DefaultPower))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = base × λ(t), L = optimizer_lr (the optimizer's default lr): λ(t) = t / max(1, w) while t < w (w = num_warmup_steps); lr_end / L after T (T = num_training_steps); else ((L − lr_end) × (1 − (t − w)/(T − w))^power + lr_end) / L."
    Origin = "Hugging Face transformers"
    Source =
        "`get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps=5, num_training_steps=30, lr_end=1e-4, power=2.0)` on an optimizer built with `lr=0.1`"
    FSharp = "`HuggingFace.GetPolynomialDecayScheduleWithWarmup(5, 30, optimizerLr = 0.1, lrEnd = 1e-4, power = 2.0)`"
    Differences =
        "Hugging Face reads the optimizer's default lr (`optimizer.defaults[\"lr\"]`); a scheduler here sees no optimizer, so that number is the explicit argument optimizer_lr (JSON `optimizer_lr`). Hugging Face's bug is kept: the decay is computed from L, not from each group's base LR, so a group whose LR differs from L ends at base × lr_end / L, not at lr_end (pass the group's own LR as optimizer_lr for a one-group run to end at lr_end exactly). num_training_steps = num_warmup_steps (Hugging Face divides by zero at that step), a negative power that the run reaches (0 to a negative power), a NaN power and a non-finite lr_end are refused when built; lr_end ≥ optimizer_lr is refused as Hugging Face does."
    Example =
        """{"kind": "hf.get_polynomial_decay_schedule_with_warmup", "num_warmup_steps": 5, "num_training_steps": 30, "lr_end": 0.0001, "power": 2.0, "optimizer_lr": 0.1}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
