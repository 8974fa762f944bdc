/// <summary>timm's <c>TanhLRScheduler</c>: a hyperbolic-tangent decay from each group's base LR to lr_min over
/// t_initial, with cycles, warmup and noise.</summary>
module Schedules.Kinds.Timm.TanhLRScheduler

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "timm.TanhLRScheduler"

/// timm's default lower bound.
[<Literal>]
let DefaultLb = -7.0

/// timm's default upper bound.
[<Literal>]
let DefaultUb = 3.0

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

/// The tanh rule after the warmup (no warmup branch): what _get_lr gives at t ≥ warmup_t.
let private decay
    (tInitial: int)
    (lb: float)
    (ub: float)
    (lrMin: float)
    (cycleMul: float)
    (cycleDecay: float)
    (cycleLimit: int)
    (w: Warmup)
    =
    Scheduler.inCycle tInitial cycleMul cycleDecay cycleLimit w lrMin (fun lrMax tI tCurr ->
        let tr = tCurr / tI
        lrMin + 0.5 * (lrMax - lrMin) * (1.0 - Math.Tanh(lb * (1.0 - tr) + ub * tr)))

/// timm's _get_lr at t, for one group's base LR b: the warmup ramps toward base with warmup_prefix, toward the
/// tanh value at warmup_t without.
let internal rule tInitial lb ub lrMin cycleMul cycleDecay cycleLimit (w: Warmup) =
    let after = decay tInitial lb ub lrMin cycleMul cycleDecay cycleLimit w

    fun (b: float) (t: int) ->
        if t < w.T then
            let target = if w.Prefix then b else after b w.T
            Scheduler.warmupLr w target t
        else
            after b t

let internal curve
    (tInitial: int)
    (lb: float)
    (ub: float)
    (lrMin: float)
    (cycleMul: float)
    (cycleDecay: float)
    (cycleLimit: int)
    (w: Warmup)
    (tInEpochs: bool)
    (noise: Noise)
    : Curve =
    CosineLRScheduler.validateCycles tInitial lrMin cycleMul cycleDecay
    Noise.validate noise

    if not (Double.IsFinite lb && Double.IsFinite ub && lb < ub) then
        Validate.fail "lb" lb (sprintf "a finite number below ub (%s)" (Validate.show (box ub)))

    Validate.nonNegativeInt "cycle_limit" cycleLimit
    Validate.nonNegativeInt "warmup_t" w.T
    Validate.nonNegative "warmup_lr_init" w.LrInit

    Scheduler.curve
        Name
        [
            "t_initial", Integer tInitial
            "lb", Number lb
            "ub", Number ub
            "lr_min", Number lrMin
            "cycle_mul", Number cycleMul
            "cycle_decay", Number cycleDecay
            "cycle_limit", Integer cycleLimit
            yield! Scheduler.warmupArgs w
            "t_in_epochs", Flag tInEpochs
            yield! Noise.args noise
        ]
        w
        noise
        (rule tInitial lb ub lrMin cycleMul cycleDecay cycleLimit w)

let internal parse (r: ArgReader) =
    curve
        (r.Int "t_initial")
        (r.FloatOr("lb", DefaultLb))
        (r.FloatOr("ub", DefaultUb))
        (r.FloatOr("lr_min", DefaultLrMin))
        (r.FloatOr("cycle_mul", DefaultCycleMul))
        (r.FloatOr("cycle_decay", DefaultCycleDecay))
        (r.IntOr("cycle_limit", DefaultCycleLimit))
        (Scheduler.readWarmup r DefaultWarmupPrefix)
        (r.BoolOr("t_in_epochs", Scheduler.DefaultTInEpochs))
        (Noise.read r NoiseType.Normal)

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "Warmup toward base (warmup_prefix) or toward the tanh value at warmup_t (without); then in cycle i (length t_i, position t_curr, tr = t_curr/t_i): lr = lr_min + 0.5·(base·cycle_decay^i − lr_min)·(1 − tanh(lb·(1 − tr) + ub·tr)) while i < cycle_limit, else lr_min; noise v + v·x at the steps of noise_range_t; times the group's lr_scale. Step 0 is what the constructor writes."
    Origin = "timm"
    Source = "`TanhLRScheduler(optimizer, t_initial=40, lr_min=1e-4, warmup_t=5, warmup_lr_init=1e-3)`"
    FSharp = "`Timm.TanhLRScheduler(40, lrMin = 1e-4, warmupT = 5, warmupLrInit = 1e-3)`"
    Differences =
        "None in the numbers: timm's, bit for bit with its own code. Our step is timm's t (step(epoch) when t_in_epochs, step_update(num_updates) otherwise). Kept: the LR never starts at exactly base (at t_curr = 0 the factor is 0.5·(1 − tanh(lb))); lr_min after cycle_limit cycles; the floor-of-logarithm cycle index with cycle_mul ≠ 1; noise_std unused. Refused when built (timm asserts without a message): t_initial < 1, lr_min < 0, lb ≥ ub, cycle_limit < 0, warmup_t < 0, warmup_lr_init < 0; also cycle_mul ≤ 0."
    Example =
        """{"kind": "timm.TanhLRScheduler", "t_initial": 20, "lr_min": 0.0001, "cycle_limit": 2, "cycle_decay": 0.5, "warmup_t": 3, "warmup_lr_init": 0.001}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 50
    ExampleMetrics = None
}
