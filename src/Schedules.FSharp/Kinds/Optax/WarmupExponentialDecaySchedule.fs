/// <summary>optax's <c>warmup_exponential_decay_schedule(init_value, peak_value, warmup_steps, transition_steps,
/// decay_rate, transition_begin=0, staircase=False, end_value=None)</c>: a linear warm-up to peak_value, then
/// exponential_decay from peak_value on its local time.</summary>
module Schedules.Kinds.Optax.WarmupExponentialDecaySchedule

open Schedules
open Schedules.Kinds

/// <summary>optax's default transition_begin (ExponentialDecay's, one home).</summary>
[<Literal>]
let DefaultTransitionBegin = ExponentialDecay.DefaultTransitionBegin

/// <summary>optax's default staircase (ExponentialDecay's, one home).</summary>
[<Literal>]
let DefaultStaircase = ExponentialDecay.DefaultStaircase

/// The name its users write.
[<Literal>]
let internal Name = "optax.warmup_exponential_decay_schedule"

let internal curve
    (initValue: float)
    (peakValue: float)
    (warmupSteps: int)
    (transitionSteps: int)
    (decayRate: float)
    (transitionBegin: int)
    (staircase: bool)
    (endValue: float option)
    : Curve =
    PolynomialSchedule.checkValues [ "init_value", initValue; "peak_value", peakValue ]
    // The decay's own checks, under the same names.
    let decay =
        ExponentialDecay.curve peakValue transitionSteps decayRate transitionBegin staircase endValue

    let warmup = LinearSchedule.value initValue peakValue warmupSteps 0

    let join =
        JoinSchedules.value [| (fun _ t -> warmup t); decay.Lr |] [| warmupSteps |]

    {
        Name = Name
        Args = [
            "init_value", Number initValue
            "peak_value", Number peakValue
            "warmup_steps", Integer warmupSteps
            yield! decay.Args |> List.filter (fun (n, _) -> n <> "init_value")
        ]
        Lr = join
    }

let internal parse (r: ArgReader) =
    let steps, rate, start, staircase, endValue = ExponentialDecay.parseDecay r
    curve (r.Float "init_value") (r.Float "peak_value") (r.Int "warmup_steps") steps rate start staircase endValue

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "linear_schedule(init_value, peak_value, warmup_steps) until warmup_steps, then exponential_decay(peak_value, transition_steps, decay_rate, transition_begin, staircase, end_value) on its local time t − warmup_steps."
    Origin = "optax"
    Source =
        "`optax.warmup_exponential_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=5, transition_steps=5, decay_rate=0.7, end_value=0.005)`"
    FSharp = "`Optax.WarmupExponentialDecaySchedule(0.0, 0.1, 5, 5, 0.7, endValue = 0.005)`"
    Differences =
        "None in the rule, kept as optax has it: transition_begin counts from the end of the warm-up; transition_steps ≤ 0 or decay_rate 0 hold peak_value after the warm-up. optax computes in float32, this library in float64: real optax output agrees to float32 precision. Values that are negative or not finite are refused."
    Example =
        """{"kind": "optax.warmup_exponential_decay_schedule", "init_value": 0.0, "peak_value": 0.1, "warmup_steps": 5, "transition_steps": 5, "decay_rate": 0.7, "end_value": 0.005}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
