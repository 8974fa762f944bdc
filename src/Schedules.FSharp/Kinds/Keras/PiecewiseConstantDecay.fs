/// <summary>Keras 3's <c>keras.optimizers.schedules.PiecewiseConstantDecay(boundaries, values)</c>: values[0] while
/// step ≤ boundaries[0], values[i] while boundaries[i−1] &lt; step ≤ boundaries[i], values[−1] after the last
/// boundary. A boundary step keeps the earlier value: each value changes one step later than PyTorch's MultiStepLR
/// or optax's piecewise_constant_schedule.</summary>
module Schedules.Kinds.Keras.PiecewiseConstantDecay

open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "keras.PiecewiseConstantDecay"

/// Keras' indicator sum, in its order: 0, + [step ≤ b0]·v0, + [step > b_last]·v_last, + Σ [b_{i−1} < step ≤ b_i]·v_i.
let internal value (boundaries: int[]) (values: float[]) (step: int) =
    let indicator (holds: bool) = if holds then 1.0 else 0.0
    let last = boundaries.Length - 1
    let mutable result = 0.0
    result <- result + indicator (step <= boundaries.[0]) * values.[0]
    result <- result + indicator (step > boundaries.[last]) * values.[values.Length - 1]

    for i in 1..last do
        result <-
            result
            + indicator (step > boundaries.[i - 1] && step <= boundaries.[i]) * values.[i]

    result

let internal curve (boundaries: int list) (values: float list) : Curve =
    Validate.notNull "boundaries" (box boundaries)
    Validate.notNull "values" (box values)

    if List.isEmpty boundaries then
        Validate.fail "boundaries" boundaries "at least one step (Keras reads boundaries[0] at the first step)"

    if List.length boundaries <> List.length values - 1 then
        Validate.fail
            "values"
            (sprintf "%d values" (List.length values))
            (sprintf "one more value than boundaries (%d)" (List.length boundaries + 1))

    if not (boundaries |> List.pairwise |> List.forall (fun (a, b) -> a <= b)) then
        Validate.fail
            "boundaries"
            boundaries
            "in increasing order (out of order, Keras' indicators overlap and their values add up)"

    values |> List.iteri (fun i v -> Checks.learningRate (sprintf "values[%d]" i) v)
    let bs = Array.ofList boundaries
    let vs = Array.ofList values

    {
        Name = Name
        Args = [ "boundaries", Integers boundaries; "values", Numbers values ]
        // Keras schedules are absolute: the base LR is not read.
        Lr = fun _ t -> value bs vs t
    }

let internal parse (r: ArgReader) =
    curve (r.Ints "boundaries") (r.Floats "values")

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "lr = values[0] while step ≤ boundaries[0], values[i] while boundaries[i−1] < step ≤ boundaries[i], values[−1] after the last boundary; absolute: the optimizer's LR is not read."
    Origin = "Keras 3"
    Source = "`keras.optimizers.schedules.PiecewiseConstantDecay(boundaries=[10, 25], values=[0.1, 0.05, 0.01])`"
    FSharp = "`Keras.PiecewiseConstantDecay([ 10; 25 ], [ 0.1; 0.05; 0.01 ])`"
    Differences =
        "Keras' boundary convention kept (the boundary belongs to the left piece): the value at step b is still the earlier one, and the new value starts at b + 1, one step later than PyTorch's MultiStepLR and optax's piecewise_constant_schedule. Boundaries out of order, an empty boundaries list (Keras fails at the first step) or a negative or non-finite value are refused when built."
    Example = """{"kind": "keras.PiecewiseConstantDecay", "boundaries": [10, 25], "values": [0.1, 0.05, 0.01]}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
