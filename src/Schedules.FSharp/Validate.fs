namespace Schedules

open System
open System.Globalization

/// The one validation policy of the library: an ArgumentException (or ArgumentOutOfRangeException) whose message
/// names the parameter, the value received and what is allowed.
module internal Validate =

    let show (value: obj) =
        match value with
        | :? float as f -> f.ToString("R", CultureInfo.InvariantCulture)
        | :? GroupValues as g -> string g
        | :? (int list) as l -> l |> List.map string |> String.concat "; " |> sprintf "[%s]"
        | null -> "null"
        | v -> string v

    /// Whether every value of items.[start .. start + count - 1] lies in [lo, hi] (NaN fails every comparison): the
    /// fast path of the LR and momentum checks, a vector of doubles at a time; the scalar loops that follow it name
    /// the offending group only when this says one exists.
    let allWithin (lo: float) (hi: float) (items: float[]) (start: int) (count: int) =
        let span = ReadOnlySpan<float>(items, start, count)
        let mutable ok = true
        let mutable i = 0

        if Numerics.Vector.IsHardwareAccelerated && count >= Numerics.Vector<float>.Count then
            let vectors =
                Runtime.InteropServices.MemoryMarshal.Cast<float, Numerics.Vector<float>>(span)

            let low = Numerics.Vector<float>(lo)
            let high = Numerics.Vector<float>(hi)
            let mutable all = Numerics.Vector<int64>.AllBitsSet

            for v in vectors do
                all <-
                    all
                    &&& Numerics.Vector.GreaterThanOrEqual(v, low)
                    &&& Numerics.Vector.LessThanOrEqual(v, high)

            ok <- Numerics.Vector.EqualsAll(all, Numerics.Vector<int64>.AllBitsSet)
            i <- vectors.Length * Numerics.Vector<float>.Count

        while ok && i < count do
            let v = span.[i]
            ok <- v >= lo && v <= hi
            i <- i + 1

        ok

    /// Whether every value of items.[start .. start + count - 1] is finite and >= 0 (see allWithin).
    let finiteNonNegative (items: float[]) (start: int) (count: int) =
        allWithin 0.0 Double.MaxValue items start count

    let fail (param: string) (value: obj) (allowed: string) : 'T =
        raise (
            ArgumentOutOfRangeException(param, value, sprintf "%s must be %s, but got %s." param allowed (show value))
        )

    let positiveInt param (v: int) =
        if v < 1 then
            fail param v "a positive integer (at least 1)"

    let nonNegativeInt param (v: int) =
        if v < 0 then
            fail param v "a non-negative integer"

    let nonNegative param (v: float) =
        if not (Double.IsFinite v) || v < 0.0 then
            fail param v "a finite number >= 0"

    let positive param (v: float) =
        if not (Double.IsFinite v) || v <= 0.0 then
            fail param v "a finite number > 0"

    let between param (lo: float) (loIncl: bool) (hi: float) (hiIncl: bool) (v: float) =
        let okLo = if loIncl then v >= lo else v > lo
        let okHi = if hiIncl then v <= hi else v < hi

        if not (Double.IsFinite v && okLo && okHi) then
            fail
                param
                v
                (sprintf "in %s%s, %s%s" (if loIncl then "[" else "(") (show lo) (show hi) (if hiIncl then "]" else ")"))

    let groupsSetting param (groups: int) (setting: ForGroups<'T>) =
        match setting with
        | Each vs when List.length vs <> groups ->
            raise (
                ArgumentException(
                    sprintf
                        "%s must have one entry per param group (%d), but has %d entries."
                        param
                        groups
                        (List.length vs),
                    param
                )
            )
        | _ -> ()

    let notNull param (v: obj) =
        if isNull v then
            nullArg param

    /// User functions (lr_lambda, scale_fn): the setting and every function in it given.
    let functions param (setting: ForGroups<'F>) =
        notNull param (box setting)

        for f in ForGroups.values setting do
            notNull param (box f)

    let eachNonNegative param (setting: ForGroups<float>) =
        ForGroups.values setting |> List.iter (nonNegative param)

    /// A momentum setting (SGD momentum or Adam's beta1): finite, in [0, 1].
    let eachMomentum param (setting: ForGroups<float>) =
        ForGroups.values setting |> List.iter (between param 0.0 true 1.0 true)

    /// LRs handed in by the caller (an optimizer's or a user's): finite and >= 0.
    let lrs param (expectedCount: int) (values: GroupValues) =
        notNull param values

        if expectedCount >= 0 && values.Count <> expectedCount then
            raise (
                ArgumentException(
                    sprintf
                        "%s must hold one LR per param group: the scheduler was started with %d groups, but got %d."
                        param
                        expectedCount
                        values.Count,
                    param
                )
            )

        if not (finiteNonNegative values.Items 0 values.Count) then
            for i in 0 .. values.Count - 1 do
                let v = values.[i]

                if not (Double.IsFinite v) || v < 0.0 then
                    raise (
                        ArgumentOutOfRangeException(
                            param,
                            v,
                            sprintf
                                "%s[%d] (the LR of group %d) must be a finite number >= 0, but got %s."
                                param
                                i
                                i
                                (show v)
                        )
                    )

    /// A user function (lr_lambda, scale_fn) gave a factor that would make an LR NaN, infinite or negative.
    let factor (name: string) (epoch: int) (group: int) (v: float) =
        if not (Double.IsFinite v) || v < 0.0 then
            raise (
                InvalidOperationException(
                    sprintf
                        "%s returned %s for epoch %d (group %d); it must return a finite number >= 0 so that no LR becomes NaN, infinite or negative."
                        name
                        (show v)
                        epoch
                        group
                )
            )

        v

    /// Momentum a transition produced (a scale function above 1, or ExpRange's growth, can push it outside its
    /// bounds): finite and in [0, 1], or refused before anything is applied.
    let producedMomentum (kind: string) (epoch: int) (values: GroupValues) =
        if not (allWithin 0.0 1.0 values.Items 0 values.Count) then
            for i in 0 .. values.Count - 1 do
                let v = values.[i]

                if not (Double.IsFinite v) || v < 0.0 || v > 1.0 then
                    raise (
                        InvalidOperationException(
                            sprintf
                                "%s would set the momentum of group %d to %s at step %d; a momentum (or beta1) must stay finite and in [0, 1]. Check the scale function or gamma."
                                kind
                                i
                                (show v)
                                epoch
                        )
                    )

    /// One LR a transition produced, at a step and group, that is NaN, infinite or negative.
    let private refuseProduced (kind: string) (epoch: int) (group: int) (v: float) =
        raise (
            InvalidOperationException(
                sprintf
                    "%s would set the LR of group %d to %s at step %d; an LR must stay finite and >= 0. PyTorch would apply it; check the configuration (for example an EtaMin above the LRs a previous scheduler left)."
                    kind
                    group
                    (show v)
                    epoch
            )
        )

    /// LRs a transition produced: PyTorch would apply a negative or NaN LR (CosineAnnealingLR chained after a
    /// rule that dropped the LR below EtaMin, OneCycleLR's last linear three-phase step); this library refuses.
    let produced (kind: string) (epoch: int) (values: GroupValues) =
        if not (finiteNonNegative values.Items 0 values.Count) then
            for i in 0 .. values.Count - 1 do
                let v = values.[i]

                if not (Double.IsFinite v) || v < 0.0 then
                    refuseProduced kind epoch i v

    /// One group's LRs at a run of steps (column.[start + j] is the LR at step firstStep + j), checked as
    /// <c>produced</c> checks a step's.
    let producedColumn (kind: string) (group: int) (firstStep: int) (column: float[]) (start: int) (count: int) =
        if not (finiteNonNegative column start count) then
            for j in 0 .. count - 1 do
                let v = column.[start + j]

                if not (Double.IsFinite v) || v < 0.0 then
                    refuseProduced kind (firstStep + j) group v
