/// <summary>timm's <c>CosineLRScheduler</c>: cosine decay from each group's base LR to lr_min over t_initial, with
/// cycles (cycle_mul, cycle_decay, cycle_limit), k-decay, warmup and noise.</summary>
module Schedules.Kinds.Timm.CosineLRScheduler

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "timm.CosineLRScheduler"

/// timm's defaults.
[<Literal>]
let DefaultLrMin = 0.0

[<Literal>]
let DefaultCycleMul = 1.0

[<Literal>]
let DefaultCycleDecay = 1.0

[<Literal>]
let DefaultCycleLimit = 1

[<Literal>]
let DefaultWarmupPrefix = false

[<Literal>]
let DefaultKDecay = 1.0

/// The cycle arguments Cosine, Poly and Tanh share, checked once.
let internal validateCycles (tInitial: int) (lrMin: float) (cycleMul: float) (cycleDecay: float) =
    Validate.positiveInt "t_initial" tInitial
    Validate.nonNegative "lr_min" lrMin

    if not (cycleMul > 0.0) || Double.IsInfinity cycleMul then
        Validate.fail "cycle_mul" cycleMul "a finite number > 0 (timm takes its logarithm)"

    if not (Double.IsFinite cycleDecay) then
        Validate.fail "cycle_decay" cycleDecay "a finite number"

/// timm's _get_lr at t, for one group's base LR b (the source's operation order).
let internal rule
    (tInitial: int)
    (lrMin: float)
    (cycleMul: float)
    (cycleDecay: float)
    (cycleLimit: int)
    (w: Warmup)
    (kDecay: float)
    =
    let after =
        Scheduler.inCycle tInitial cycleMul cycleDecay cycleLimit w lrMin (fun lrMax tI tCurr ->
            lrMin
            + 0.5
              * (lrMax - lrMin)
              * (1.0 + Math.Cos(Math.PI * Arithmetic.pow tCurr kDecay / Arithmetic.pow tI kDecay)))

    fun (b: float) (t: int) -> if t < w.T then Scheduler.warmupLr w b t else after b t

let internal curve
    (tInitial: int)
    (lrMin: float)
    (cycleMul: float)
    (cycleDecay: float)
    (cycleLimit: int)
    (w: Warmup)
    (tInEpochs: bool)
    (noise: Noise)
    (kDecay: float)
    : Curve =
    validateCycles tInitial lrMin cycleMul cycleDecay
    Noise.validate noise

    if not (Double.IsFinite kDecay) then
        Validate.fail "k_decay" kDecay "a finite number"

    Scheduler.curve
        Name
        [
            "t_initial", Integer tInitial
            "lr_min", Number lrMin
            "cycle_mul", Number cycleMul
            "cycle_decay", Number cycleDecay
            "cycle_limit", Integer cycleLimit
            yield! Scheduler.warmupArgs w
            "t_in_epochs", Flag tInEpochs
            yield! Noise.args noise
            "k_decay", Number kDecay
        ]
        w
        noise
        (rule tInitial lrMin cycleMul cycleDecay cycleLimit w kDecay)

let internal parse (r: ArgReader) =
    curve
        (r.Int "t_initial")
        (r.FloatOr("lr_min", DefaultLrMin))
        (r.FloatOr("cycle_mul", DefaultCycleMul))
        (r.FloatOr("cycle_decay", DefaultCycleDecay))
        (r.IntOr("cycle_limit", DefaultCycleLimit))
        (Scheduler.readWarmup r DefaultWarmupPrefix)
        (r.BoolOr("t_in_epochs", Scheduler.DefaultTInEpochs))
        (Noise.read r NoiseType.Normal)
        (r.FloatOr("k_decay", DefaultKDecay))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "Warmup: lr = warmup_lr_init + t·(base − warmup_lr_init)/warmup_t for t < warmup_t. Then (t − warmup_t when warmup_prefix) in cycle i with length t_i and position t_curr: lr = lr_min + 0.5·(base·cycle_decay^i − lr_min)·(1 + cos(π·t_curr^k / t_i^k)) while i < cycle_limit, else lr_min; noise v + v·x at the steps of noise_range_t; times the group's lr_scale. Step 0 is what the constructor writes: warmup_lr_init (warmup_t ≠ 0) or base."
    Origin = "timm"
    Source = "`CosineLRScheduler(optimizer, t_initial=40, lr_min=1e-4, warmup_t=5, warmup_lr_init=1e-3)`"
    FSharp = "`Timm.CosineLRScheduler(40, lrMin = 1e-4, warmupT = 5, warmupLrInit = 1e-3)`"
    Differences =
        "None in the numbers: timm's, bit for bit with its own code, its quirks kept. Our step is timm's t: step once per epoch when t_in_epochs (timm's step(epoch)), once per update otherwise (step_update(num_updates)). Kept: the warmup never reaches base (its last value is warmup_lr_init + (warmup_t − 1)·s) and, without warmup_prefix (the default here), it overlays the cosine, which jumps at warmup_t; after cycle_limit cycles the LR stays at lr_min; the cycle index is the floor of a logarithm when cycle_mul ≠ 1, so an exact restart can land in the previous cycle (lr_min instead of the peak, for example cycle_mul = 3, t = 121); noise_std is stored and never used. Refused when built (timm asserts without a message, or fails later): t_initial < 1, lr_min < 0, cycle_mul ≤ 0; with cycle_mul < 1 the cycles end and the step where timm's logarithm fails raises."
    Example =
        """{"kind": "timm.CosineLRScheduler", "t_initial": 30, "lr_min": 0.001, "warmup_t": 5, "warmup_lr_init": 0.01, "cycle_limit": 2, "cycle_decay": 0.5}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 60
    ExampleMetrics = None
}
