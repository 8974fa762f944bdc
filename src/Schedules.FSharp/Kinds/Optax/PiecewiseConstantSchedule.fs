/// <summary>optax's <c>piecewise_constant_schedule(init_value, boundaries_and_scales=None)</c>: from each boundary
/// step on, the value is multiplied by its scale.</summary>
module Schedules.Kinds.Optax.PiecewiseConstantSchedule

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "optax.piecewise_constant_schedule"

/// optax's refusal of negative scales (a NaN is not ≥ 0 either), and this library's of infinite ones.
let internal checkScales (scales: (int * float) list) =
    for step, scale in scales do
        if not (Double.IsFinite scale) || scale < 0.0 then
            Validate.fail (sprintf "boundaries_and_scales[%d]" step) scale "a finite scale >= 0"

/// Steps and scales sorted by step (optax iterates `sorted(boundaries_and_scales.items())`); a step given twice is
/// refused (a Python dict cannot hold it).
let internal sorted (scales: (int * float) list) =
    match scales |> List.countBy fst |> List.tryFind (fun (_, n) -> n > 1) with
    | Some(step, _) -> Validate.fail "boundaries_and_scales" step "keyed by distinct steps, but holds twice the step"
    | None -> List.sortBy fst scales

/// The value at a count, in optax's operation order: for each (b, s) by ascending b,
/// indicator = max(0, sign(b − count)); v = v × indicator + ((1 − indicator) × s) × v.
let internal value (initValue: float) (scales: (int * float) list) =
    let pairs = Array.ofList scales

    fun (count: int) ->
        let mutable v = initValue

        for b, s in pairs do
            let indicator = if b > count then 1.0 else 0.0
            v <- v * indicator + (1.0 - indicator) * s * v

        v

let internal curve (initValue: float) (boundariesAndScales: (int * float) list option) : Curve =
    Validate.nonNegative "init_value" initValue
    let scales = boundariesAndScales |> Option.map sorted
    scales |> Option.iter checkScales
    let f = value initValue (defaultArg scales [])

    {
        Name = Name
        Args = [
            "init_value", Number initValue
            yield!
                scales
                |> Option.map (fun s -> "boundaries_and_scales", Scales s)
                |> Option.toList
        ]
        Lr = fun _ t -> f t
    }

let internal parse (r: ArgReader) =
    curve (r.Float "init_value") (r.ScalesOption "boundaries_and_scales")

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = init_value × the product of the scales whose boundary step is ≤ t (from step b on, v ← v × s), in optax's order: v = v × indicator + ((1 − indicator) × s) × v with indicator = max(0, sign(b − t))."
    Origin = "optax"
    Source = "`optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={10: 0.5, 25: 0.1})`"
    FSharp = "`Optax.PiecewiseConstantSchedule(0.1, [ 10, 0.5; 25, 0.1 ])`"
    Differences =
        "None in the rule: the new value holds from the boundary step itself (PyTorch's MultiStepLR convention; Keras' PiecewiseConstantDecay switches one step later). optax computes in float32, this library in float64: real optax output agrees to float32 precision. A negative or NaN scale is refused as in optax, an infinite one too; in JSON boundaries_and_scales is an object keyed by the steps as strings."
    Example =
        """{"kind": "optax.piecewise_constant_schedule", "init_value": 0.1, "boundaries_and_scales": {"10": 0.5, "25": 0.1}}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
