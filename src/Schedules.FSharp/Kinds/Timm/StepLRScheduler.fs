/// <summary>timm's <c>StepLRScheduler</c>: each group's base LR times decay_rate^(t // decay_t), with warmup and
/// noise.</summary>
module Schedules.Kinds.Timm.StepLRScheduler

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "timm.StepLRScheduler"

/// timm's default decay_rate.
[<Literal>]
let DefaultDecayRate = 1.0

/// timm's default warmup_prefix for Step and MultiStep (Cosine, Poly and Tanh default to false).
[<Literal>]
let DefaultWarmupPrefix = true

/// timm's _get_lr at t, for one group's base LR b (Python's float floor division when decay_t is a float).
let internal rule (decayT: float) (decayRate: float) (w: Warmup) =
    fun (b: float) (t: int) ->
        if t < w.T then
            Scheduler.warmupLr w b t
        else
            b
            * Math.Pow(decayRate, Scheduler.floorDiv (float (Scheduler.shifted w t)) decayT)

let internal curve (decayT: float) (decayRate: float) (w: Warmup) (tInEpochs: bool) (noise: Noise) : Curve =
    Validate.positive "decay_t" decayT

    if not (Double.IsFinite decayRate) then
        Validate.fail "decay_rate" decayRate "a finite number"

    Noise.validate noise

    Scheduler.curve
        Name
        [
            "decay_t", Number decayT
            "decay_rate", Number decayRate
            yield! Scheduler.warmupArgs w
            "t_in_epochs", Flag tInEpochs
            yield! Noise.args noise
        ]
        w
        noise
        (rule decayT decayRate w)

let internal parse (r: ArgReader) =
    curve
        (r.Float "decay_t")
        (r.FloatOr("decay_rate", DefaultDecayRate))
        (Scheduler.readWarmup r DefaultWarmupPrefix)
        (r.BoolOr("t_in_epochs", Scheduler.DefaultTInEpochs))
        (Noise.read r NoiseType.Normal)

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "Warmup: lr = warmup_lr_init + t·(base − warmup_lr_init)/warmup_t for t < warmup_t; then lr = base·decay_rate^(t′ // decay_t), t′ = t − warmup_t (warmup_prefix, the default here) or t; noise v + v·x at the steps of noise_range_t; times the group's lr_scale. Step 0 is what the constructor writes."
    Origin = "timm"
    Source = "`StepLRScheduler(optimizer, decay_t=10, decay_rate=0.5, warmup_t=3, warmup_lr_init=1e-3)`"
    FSharp = "`Timm.StepLRScheduler(10.0, decayRate = 0.5, warmupT = 3, warmupLrInit = 1e-3)`"
    Differences =
        "None in the numbers: timm's, bit for bit with its own code (a fractional decay_t floors as Python's float // does). Our step is timm's t (step(epoch) when t_in_epochs, step_update(num_updates) otherwise). warmup_prefix defaults to true here, false in Cosine, Poly and Tanh, as in timm; noise_std is unused. decay_t ≤ 0 is refused when built (timm divides by zero at the first step after the warmup)."
    Example =
        """{"kind": "timm.StepLRScheduler", "decay_t": 10, "decay_rate": 0.5, "warmup_t": 3, "warmup_lr_init": 0.001}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
