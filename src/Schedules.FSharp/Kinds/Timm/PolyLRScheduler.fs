/// <summary>timm's <c>PolyLRScheduler</c>: polynomial decay from each group's base LR to lr_min over t_initial,
/// with cycles, k-decay, warmup and noise.</summary>
module Schedules.Kinds.Timm.PolyLRScheduler

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "timm.PolyLRScheduler"

/// timm's default power.
[<Literal>]
let DefaultPower = 0.5

/// <summary>timm's default (CosineLRScheduler's, one home).</summary>
[<Literal>]
let DefaultLrMin = CosineLRScheduler.DefaultLrMin

/// <summary>timm's default (CosineLRScheduler's, one home).</summary>
[<Literal>]
let DefaultCycleMul = CosineLRScheduler.DefaultCycleMul

/// <summary>timm's default (CosineLRScheduler's, one home).</summary>
[<Literal>]
let DefaultCycleDecay = CosineLRScheduler.DefaultCycleDecay

/// <summary>timm's default (CosineLRScheduler's, one home).</summary>
[<Literal>]
let DefaultCycleLimit = CosineLRScheduler.DefaultCycleLimit

/// <summary>timm's default (CosineLRScheduler's, one home).</summary>
[<Literal>]
let DefaultWarmupPrefix = CosineLRScheduler.DefaultWarmupPrefix

/// <summary>timm's default (CosineLRScheduler's, one home).</summary>
[<Literal>]
let DefaultKDecay = CosineLRScheduler.DefaultKDecay

/// timm's _get_lr at t, for one group's base LR b (the source's operation order).
let internal rule
    (tInitial: int)
    (power: float)
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
            + (lrMax - lrMin)
              * Math.Pow(1.0 - Math.Pow(tCurr, kDecay) / Math.Pow(tI, kDecay), power))

    fun (b: float) (t: int) -> if t < w.T then Scheduler.warmupLr w b t else after b t

let internal curve
    (tInitial: int)
    (power: float)
    (lrMin: float)
    (cycleMul: float)
    (cycleDecay: float)
    (cycleLimit: int)
    (w: Warmup)
    (tInEpochs: bool)
    (noise: Noise)
    (kDecay: float)
    : Curve =
    CosineLRScheduler.validateCycles tInitial lrMin cycleMul cycleDecay
    Noise.validate noise

    if not (Double.IsFinite power) then
        Validate.fail "power" power "a finite number"

    if not (Double.IsFinite kDecay) then
        Validate.fail "k_decay" kDecay "a finite number"

    Scheduler.curve
        Name
        [
            "t_initial", Integer tInitial
            "power", Number power
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
        (rule tInitial power lrMin cycleMul cycleDecay cycleLimit w kDecay)

let internal parse (r: ArgReader) =
    curve
        (r.Int "t_initial")
        (r.FloatOr("power", DefaultPower))
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
        "Warmup as timm's CosineLRScheduler; then in cycle i (length t_i, position t_curr): lr = lr_min + (base·cycle_decay^i − lr_min)·(1 − t_curr^k / t_i^k)^power while i < cycle_limit, else lr_min; noise v + v·x at the steps of noise_range_t; times the group's lr_scale. Step 0 is what the constructor writes."
    Origin = "timm"
    Source = "`PolyLRScheduler(optimizer, t_initial=40, power=2.0, lr_min=1e-4, warmup_t=5)`"
    FSharp = "`Timm.PolyLRScheduler(40, power = 2.0, lrMin = 1e-4, warmupT = 5)`"
    Differences =
        "None in the numbers: timm's, bit for bit with its own code. Our step is timm's t (step(epoch) when t_in_epochs, step_update(num_updates) otherwise). Kept as timm's CosineLRScheduler: the warmup overlay without warmup_prefix, lr_min after cycle_limit cycles, the floor-of-logarithm cycle index with cycle_mul ≠ 1, noise_std unused. Refused when built: t_initial < 1, lr_min < 0, cycle_mul ≤ 0."
    Example =
        """{"kind": "timm.PolyLRScheduler", "t_initial": 40, "power": 2.0, "lr_min": 0.0001, "warmup_t": 5, "warmup_lr_init": 0.001}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 50
    ExampleMetrics = None
}
