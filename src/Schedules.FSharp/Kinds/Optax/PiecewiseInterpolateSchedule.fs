/// <summary>optax's <c>piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales=None)</c>:
/// linear or cosine interpolation between the running products of the scales, placed at their boundaries.</summary>
module Schedules.Kinds.Optax.PiecewiseInterpolateSchedule

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "optax.piecewise_interpolate_schedule"

/// optax's _linear_interpolate: ((end − start) × pct) + start.
let internal linear (start: float) (finish: float) (pct: float) = (finish - start) * pct + start

/// optax's _cosine_interpolate: end + ((start − end) / 2.0) × (cos(π × pct) + 1).
let internal cosine (start: float) (finish: float) (pct: float) =
    finish + (start - finish) / 2.0 * (Math.Cos(Math.PI * pct) + 1.0)

/// The interpolation by optax's name ("linear" or "cosine").
let internal interpolation (interpolateType: string) =
    match interpolateType with
    | "linear" -> linear
    | "cosine" -> cosine
    | _ -> Validate.fail "interpolate_type" interpolateType "\"linear\" or \"cosine\""

/// The value at a count, in optax's operation order: bounds 0, b1, ...; values the running products init_value,
/// init_value × s1, ...; the dot product of the segments' indicators (bounds[j] ≤ count < bounds[j+1]) with their
/// interpolations at pct = (count − bounds[j]) / max(bounds[j+1] − bounds[j], 1), plus values[-1] from the last
/// bound on.
let internal value
    (interpolate: float -> float -> float -> float)
    (initValue: float)
    (sortedScales: (int * float) list)
    =
    let bounds = Array.ofList (0 :: List.map fst sortedScales)
    let values = Array.scan (*) initValue (Array.ofList (List.map snd sortedScales))
    let last = bounds.Length - 1

    fun (count: int) ->
        let mutable sum = 0.0

        for j in 0 .. last - 1 do
            let size = max (int64 bounds.[j + 1] - int64 bounds.[j]) 1L
            let pct = float (int64 count - int64 bounds.[j]) / float size

            let indicator =
                if bounds.[j] <= count && count < bounds.[j + 1] then
                    1.0
                else
                    0.0

            sum <- sum + indicator * interpolate values.[j] values.[j + 1] pct

        sum + (if bounds.[last] <= count then 1.0 else 0.0) * values.[last]

let internal curve (interpolateType: string) (initValue: float) (boundariesAndScales: (int * float) list option) =
    Validate.notNull "interpolate_type" (box interpolateType)
    let interpolate = interpolation interpolateType
    Validate.nonNegative "init_value" initValue
    let scales = boundariesAndScales |> Option.map PiecewiseConstantSchedule.sorted
    scales |> Option.iter PiecewiseConstantSchedule.checkScales
    let f = value interpolate initValue (defaultArg scales [])

    {
        Name = Name
        Args = [
            "interpolate_type", Text interpolateType
            "init_value", Number initValue
            yield!
                scales
                |> Option.map (fun s -> "boundaries_and_scales", Scales s)
                |> Option.toList
        ]
        Lr = fun _ t -> f t
    }

let internal parse (r: ArgReader) =
    let interpolateType =
        match r.Element.TryGetProperty "interpolate_type" with
        | true, v when v.ValueKind = Text.Json.JsonValueKind.String -> v.GetString()
        | true, v when v.ValueKind <> Text.Json.JsonValueKind.Null ->
            ArgReading.fail
                ""
                "interpolate_type"
                (sprintf "must be \"linear\" or \"cosine\", but got %s." (v.GetRawText()))
        | _ -> ArgReading.fail "" "interpolate_type" "is required."

    curve interpolateType (r.Float "init_value") (r.ScalesOption "boundaries_and_scales")

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "values v0 = init_value, v(j+1) = vj × s(j+1) placed at steps 0, b1, b2, ...; between bj and b(j+1): pct = (t − bj) / max(b(j+1) − bj, 1), linear ((v(j+1) − vj) × pct) + vj or cosine v(j+1) + ((vj − v(j+1)) / 2.0) × (cos(π × pct) + 1); the last value after the last boundary."
    Origin = "optax"
    Source =
        "`optax.piecewise_interpolate_schedule('cosine', init_value=0.1, boundaries_and_scales={10: 0.5, 30: 0.1})`"
    FSharp = "`Optax.PiecewiseInterpolateSchedule(\"cosine\", 0.1, [ 10, 0.5; 30, 0.1 ])`"
    Differences =
        "None in the rule (optax's dot product of segment indicators, with its max(…, 1) fix for a boundary at step 0). optax computes in float32, this library in float64: real optax output agrees to float32 precision. An interpolate_type other than linear or cosine and a negative or NaN scale are refused as in optax, an infinite scale too."
    Example =
        """{"kind": "optax.piecewise_interpolate_schedule", "interpolate_type": "cosine", "init_value": 0.1, "boundaries_and_scales": {"10": 0.5, "30": 0.1}}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
