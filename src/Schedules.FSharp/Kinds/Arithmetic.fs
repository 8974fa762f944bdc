namespace Schedules.Kinds

open System
open Schedules

/// The arithmetic several kinds share, each in PyTorch's operation order (Python's <c>**</c> is <c>Math.Pow</c>,
/// <c>a * b / c</c> is <c>(a * b) / c</c>): written once, called by the kinds.
module internal Arithmetic =

    /// <c>Math.Pow(x, y)</c> without its call where IEEE 754 fixes the result: x ** 1 is x, x ** 0 and 1 ** y are
    /// 1 (NaN included), bit for bit what <c>Math.Pow</c> returns. The curves' exponents are mostly 1, and a pow
    /// costs several cosines.
    let inline pow (x: float) (y: float) =
        if y = 1.0 then x
        elif y = 0.0 || x = 1.0 then 1.0
        else Math.Pow(x, y)

    /// The cosine annealing of SGDR and CosineAnnealingLR's closed form:
    /// etaMin + (base − etaMin)(1 + cos(π·tCur/tI))/2.
    let cosine (etaMin: float) (baseLr: float) (tCur: float) (tI: float) =
        etaMin + (baseLr - etaMin) * (1.0 + Math.Cos(Math.PI * tCur / tI)) / 2.0

    /// Every LR times f.
    let scale (lrs: GroupValues) (f: float) =
        GroupValues.Own(Array.map (fun (lr: float) -> lr * f) lrs.Items)

    /// f applied to each base LR.
    let ofBases (bases: GroupValues) (f: float -> float) =
        GroupValues.Own(Array.map f bases.Items)

    /// Python's bisect_right over milestones: how many are at or before epoch e (duplicates count).
    let passed (milestones: int list) (e: int) =
        milestones |> List.sumBy (fun m -> if m <= e then 1 else 0)

    /// Python's bisect_right over a sorted array, by binary search.
    let passedSorted (sorted: int[]) (e: int) =
        let mutable lo = 0
        let mutable hi = sorted.Length

        while lo < hi do
            let mid = (lo + hi) / 2
            if sorted.[mid] <= e then lo <- mid + 1 else hi <- mid

        lo

    /// A per-group setting as a lookup, resolved once when the scheduler is built.
    let getter (setting: ForGroups<'T>) : int -> 'T =
        match setting with
        | All v -> fun _ -> v
        | Each vs ->
            let a = Array.ofList vs
            fun g -> a.[g]

    /// The epoch after e: PyTorch's counters are Python's unbounded ints; this one stops, with a clear refusal, where
    /// an int ends.
    let next (kind: string) (e: int) =
        if e = Int32.MaxValue then
            raise (
                InvalidOperationException(
                    sprintf "%s has taken %d steps, the most its step counter holds; it cannot step further." kind e
                )
            )

        e + 1

    /// A user function's factor, refused when it would make an LR NaN, infinite or negative.
    let factor = Validate.factor
