/// <summary>timm's <c>MultiStepLRScheduler</c>: each group's base LR times decay_rate^n, n the milestones of
/// decay_t at or before t + 1 (timm's one-epoch-early decay), with warmup and noise.</summary>
module Schedules.Kinds.Timm.MultiStepLRScheduler

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "timm.MultiStepLRScheduler"

/// By default the LR drops one step before each milestone, as timm's bisect_right(decay_t, t + 1) does.
[<Literal>]
let DefaultDecayAtMilestone = false

/// <summary>timm's default (StepLRScheduler's, one home).</summary>
[<Literal>]
let DefaultDecayRate = StepLRScheduler.DefaultDecayRate

/// <summary>timm's default (StepLRScheduler's, one home).</summary>
[<Literal>]
let DefaultWarmupPrefix = StepLRScheduler.DefaultWarmupPrefix

/// Python's bisect_right(a, x): a binary search, as timm runs it on an unsorted list too.
let internal bisectRight (a: int[]) (x: int) =
    let mutable lo = 0
    let mutable hi = a.Length

    while lo < hi do
        let mid = (lo + hi) / 2
        if x < a.[mid] then hi <- mid else lo <- mid + 1

    lo

/// timm's _get_lr at t, for one group's base LR b; decayAtMilestone drops the `+ 1` (the correction timm's PRs
/// #2745 and #2753 propose).
let internal rule (decayT: int list) (decayRate: float) (w: Warmup) (decayAtMilestone: bool) =
    let milestones = Array.ofList decayT
    let ahead = if decayAtMilestone then 0 else 1

    fun (b: float) (t: int) ->
        if t < w.T then
            Scheduler.warmupLr w b t
        else
            let t = Scheduler.shifted w t
            b * Math.Pow(decayRate, float (bisectRight milestones (t + ahead)))

let internal curve
    (decayT: int list)
    (decayRate: float)
    (w: Warmup)
    (tInEpochs: bool)
    (noise: Noise)
    (decayAtMilestone: bool)
    : Curve =
    Validate.notNull "decay_t" (box decayT)

    if not (Double.IsFinite decayRate) then
        Validate.fail "decay_rate" decayRate "a finite number"

    Noise.validate noise

    Scheduler.curve
        Name
        [
            "decay_t", Integers decayT
            "decay_rate", Number decayRate
            yield! Scheduler.warmupArgs w
            "t_in_epochs", Flag tInEpochs
            yield! Noise.args noise
            "decay_at_milestone", Flag decayAtMilestone
        ]
        w
        noise
        (rule decayT decayRate w decayAtMilestone)

let internal parse (r: ArgReader) =
    curve
        (r.Ints "decay_t")
        (r.FloatOr("decay_rate", DefaultDecayRate))
        (Scheduler.readWarmup r DefaultWarmupPrefix)
        (r.BoolOr("t_in_epochs", Scheduler.DefaultTInEpochs))
        (Noise.read r NoiseType.Normal)
        (r.BoolOr("decay_at_milestone", DefaultDecayAtMilestone))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "Warmup as timm's StepLRScheduler; then lr = base·decay_rate^n, n = bisect_right(decay_t, t′ + 1) with t′ = t − warmup_t (warmup_prefix, the default here) or t, or bisect_right(decay_t, t′) with decay_at_milestone; noise v + v·x at the steps of noise_range_t; times the group's lr_scale. Step 0 is what the constructor writes."
    Origin = "timm"
    Source = "`MultiStepLRScheduler(optimizer, decay_t=[10, 20], decay_rate=0.1)`"
    FSharp = "`Timm.MultiStepLRScheduler([ 10; 20 ], decayRate = 0.1)`"
    Differences =
        "Kept bug: timm's `+ 1` drops the LR one step before each milestone (milestone 10 decays at t = 9), unlike its own StepLRScheduler and PyTorch's MultiStepLR; `decay_at_milestone: true` (decayAtMilestone) drops the `+ 1`, as timm's PRs #2745 and #2753 propose. A repeated milestone counts twice and milestones out of order are bisected as they stand, as in timm. Our step is timm's t (step(epoch) when t_in_epochs, step_update(num_updates) otherwise); noise_std is unused."
    Example =
        """{"kind": "timm.MultiStepLRScheduler", "decay_t": [10, 20, 30], "decay_rate": 0.5, "warmup_t": 3, "warmup_lr_init": 0.001}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
