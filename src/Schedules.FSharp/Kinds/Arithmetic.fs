namespace Schedules.Kinds

open System
open System.Runtime.CompilerServices
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

    // The loops over the groups. On Linux x64 every xmm register is caller-saved: a double that lives across a
    // call (the allocation of the result array) is spilled, and the JIT then writes it back to its stack slot on
    // every pass of the loop, about 2 ns a group. So a step allocates its array in one method and fills it in
    // another that calls nothing (marked NoInlining, so that the JIT does not merge the two again).

    /// Writes f g into values.[g] for every group, f inlined: the body of a loop method.
    let inline fill (values: float[]) ([<InlineIfLambda>] f: int -> float) =
        for g in 0 .. values.Length - 1 do
            values.[g] <- f g

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    let private scaleInto (next: float[]) (lrs: float[]) (f: float) = fill next (fun g -> lrs.[g] * f)

    /// Every LR times f.
    let scale (lrs: GroupValues) (f: float) =
        let next = Array.zeroCreate lrs.Count
        scaleInto next lrs.Items f
        GroupValues.Own next

    /// `groups` values, value g = f g, f inlined into one loop; for an f that calls out anyway (a user's lambda, a
    /// curve's rule), whose calls cost more than the spills.
    let inline init (groups: int) ([<InlineIfLambda>] f: int -> float) =
        let values = Array.zeroCreate groups
        fill values f
        GroupValues.Own values

    /// f applied to each base LR (see init).
    let inline ofBases (bases: GroupValues) ([<InlineIfLambda>] f: float -> float) =
        let bases = bases.Items
        init bases.Length (fun g -> f bases.[g])

    /// The same value for every group (Array.Fill is vectorized; Array.create sets one element at a time).
    let same (groups: int) (value: float) =
        let values = Array.zeroCreate groups
        Array.Fill(values, value)
        GroupValues.Own values

    /// The factor of the cosine annealing that is the same for every group: 1 + cos(π·tCur/tI).
    let cosineTerm (tCur: float) (tI: float) = 1.0 + Math.Cos(Math.PI * tCur / tI)

    /// The cosine annealing of one base LR from its factor (cosineTerm): etaMin + (base − etaMin)·term/2.
    let inline cosineOf (etaMin: float) (baseLr: float) (term: float) = etaMin + (baseLr - etaMin) * term / 2.0

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    let private cosineInto (values: float[]) (bases: float[]) (etaMin: float) (term: float) =
        fill values (fun g -> cosineOf etaMin bases.[g] term)

    /// The cosine annealing of every base LR at tCur of a period tI, the cosine computed once.
    let cosineOfBases (etaMin: float) (bases: GroupValues) (tCur: float) (tI: float) =
        let values = Array.zeroCreate bases.Count
        cosineInto values bases.Items etaMin (cosineTerm tCur tI)
        GroupValues.Own values

    /// The cosine annealing of SGDR and CosineAnnealingLR's closed form:
    /// etaMin + (base − etaMin)(1 + cos(π·tCur/tI))/2.
    let cosine (etaMin: float) (baseLr: float) (tCur: float) (tI: float) =
        cosineOf etaMin baseLr (cosineTerm tCur tI)

    /// Two per-group settings (the ends of an anneal; a bound and a height) resolved once, when a scheduler is
    /// built, for the loops of its steps: one pair for every group, or one pair per group.
    [<Struct; NoEquality; NoComparison>]
    type Pair =
        | Shared of First: float * Second: float
        | PerGroup of Firsts: float[] * Seconds: float[]

    /// The pair (first g, second g) of two values derived from `settings`: Shared where every setting is All (one
    /// value serves every group), else arrays over the groups the Each lists fix (the shortest list's length, so a
    /// group beyond it fails as the setting's own lookup would).
    let pair (settings: ForGroups<float> list) (first: int -> float) (second: int -> float) =
        let lengths =
            settings
            |> List.choose (fun s ->
                match s with
                | Each vs -> Some(List.length vs)
                | All _ -> None)

        if List.isEmpty lengths then
            Shared(first 0, second 0)
        else
            let n = List.min lengths
            PerGroup(Array.init n first, Array.init n second)

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
