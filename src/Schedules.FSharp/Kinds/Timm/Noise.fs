namespace Schedules

/// <summary>timm's <c>noise_range_t</c>: the steps at which noise is added to the LRs.</summary>
[<RequireQualifiedAccess>]
type NoiseRange =
    /// <summary>A number <c>n</c>: noise at every t ≥ n.</summary>
    | From of int
    /// <summary>A list <c>[lo, hi]</c>: noise at lo ≤ t &lt; hi.</summary>
    | Between of int * int

/// <summary>timm's <c>noise_type</c> (only <c>PlateauLRScheduler</c> takes one; the others are always normal).</summary>
[<RequireQualifiedAccess>]
type NoiseType =
    /// <summary><c>'normal'</c>: <c>torch.randn(1)</c> drawn again until |x| &lt; noise_pct.</summary>
    | Normal
    /// <summary><c>'uniform'</c> (any other name in timm): <c>2·(torch.rand(1) − 0.5)·noise_pct</c>.</summary>
    | Uniform

namespace Schedules.Kinds.Timm

open Schedules
open Schedules.Kinds

/// timm's noise (timm.scheduler.Scheduler._add_noise): at the steps of noise_range_t, each LR v becomes v + v·x, x
/// drawn from a fresh torch CPU generator seeded with noise_seed + t.
[<NoEquality; NoComparison>]
type internal Noise = {
    Range: NoiseRange option
    Type: NoiseType
    Pct: float
    /// Stored and never used, as in timm.
    Std: float
    Seed: int
}

module internal Noise =

    [<Literal>]
    let DefaultPct = 0.67

    [<Literal>]
    let DefaultStd = 1.0

    [<Literal>]
    let DefaultSeed = 42

    /// timm's name of a noise type.
    let typeName (t: NoiseType) =
        match t with
        | NoiseType.Normal -> "normal"
        | NoiseType.Uniform -> "uniform"

    /// A noise type by timm's name ('normal' or 'uniform'; timm takes any other name as uniform, this refuses it).
    let parseType (text: string) =
        match text with
        | "normal" -> NoiseType.Normal
        | "uniform" -> NoiseType.Uniform
        | _ -> Validate.fail "noise_type" text "'normal' or 'uniform'"

    let validate (n: Noise) =
        match n.Range with
        | Some(NoiseRange.Between(lo, hi)) when lo > hi ->
            Validate.fail "noise_range_t" [ lo; hi ] "a range [lo, hi] with lo ≤ hi"
        | _ -> ()

        match n.Type with
        | NoiseType.Normal -> Validate.positive "noise_pct" n.Pct
        | NoiseType.Uniform -> Validate.nonNegative "noise_pct" n.Pct

        if System.Double.IsNaN n.Std then
            Validate.fail "noise_std" n.Std "a number (timm stores it and never uses it)"

    /// Whether noise applies at t (lo ≤ t < hi, or t ≥ n).
    let applies (n: Noise) (t: int) =
        match n.Range with
        | None -> false
        | Some(NoiseRange.From from) -> t >= from
        | Some(NoiseRange.Between(lo, hi)) -> lo <= t && t < hi

    /// The draw at t (timm's _calculate_noise).
    let draw (n: Noise) (t: int) : float =
        let g = TorchGenerator(int64 n.Seed + int64 t)

        match n.Type with
        | NoiseType.Normal ->
            let mutable x = g.Randn()

            while not (abs x < n.Pct) do
                x <- g.Randn()

            x
        | NoiseType.Uniform -> 2.0 * (g.Rand() - 0.5) * n.Pct

    /// The LR v at t with noise added where it applies.
    let add (n: Noise) (t: int) (v: float) =
        if applies n t then
            let x = draw n t
            v + v * x
        else
            v

    /// The noise arguments as curve data (left out where the source default holds None).
    let args (n: Noise) : (string * CurveArg) list = [
        match n.Range with
        | Some(NoiseRange.From f) -> "noise_range_t", Integer f
        | Some(NoiseRange.Between(lo, hi)) -> "noise_range_t", Integers [ lo; hi ]
        | None -> ()
        "noise_pct", Number n.Pct
        "noise_std", Number n.Std
        "noise_seed", Integer n.Seed
    ]

    /// noise_range_t from JSON: an integer or [lo, hi].
    let readRange (r: ArgReader) : NoiseRange option =
        match r.Element.TryGetProperty "noise_range_t" with
        | true, v when v.ValueKind = System.Text.Json.JsonValueKind.Null -> None
        | true, v when v.ValueKind = System.Text.Json.JsonValueKind.Array ->
            match r.Ints "noise_range_t" with
            | [ lo; hi ] -> Some(NoiseRange.Between(lo, hi))
            | xs ->
                ArgReading.fail
                    ""
                    "noise_range_t"
                    (sprintf "must be an integer or a list [lo, hi], but holds %d values." xs.Length)
        | true, _ -> Some(NoiseRange.From(r.Int "noise_range_t"))
        | _ -> None

    let read (r: ArgReader) (noiseType: NoiseType) : Noise = {
        Range = readRange r
        Type = noiseType
        Pct = r.FloatOr("noise_pct", DefaultPct)
        Std = r.FloatOr("noise_std", DefaultStd)
        Seed = r.IntOr("noise_seed", DefaultSeed)
    }
