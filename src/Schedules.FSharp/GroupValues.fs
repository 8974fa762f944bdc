namespace Schedules

open System
open System.Collections
open System.Collections.Generic

/// <summary>
/// One double per optimizer param group (learning rates, momenta, base LRs), immutable.
/// Equality is bit for bit per element, so two traces are equal exactly when PyTorch would print the same numbers
/// (NaN equals NaN, 0.0 differs from -0.0).
/// </summary>
[<Sealed; AllowNullLiteral(false)>]
type GroupValues private (items: float[]) =

    /// <summary>Wraps an array this type alone owns; callers must not keep or change it.</summary>
    static member internal Own(items: float[]) = GroupValues items

    /// <summary>Copies the values, one per param group, in group order.</summary>
    static member Of(values: seq<float>) =
        if isNull (box values) then
            nullArg "values"

        GroupValues(Seq.toArray values)

    /// <summary>The same value for <paramref name="count"/> groups.</summary>
    static member Replicate(count: int, value: float) = GroupValues(Array.create count value)

    /// <summary>How many param groups.</summary>
    member _.Count = items.Length

    /// <summary>The value of param group <paramref name="group"/> (0-based).</summary>
    member _.Item
        with get (group: int) = items.[group]

    /// <summary>A copy of the values as an array.</summary>
    member _.ToArray() = Array.copy items

    member internal _.Items = items

    override _.Equals(other: obj) =
        match other with
        | :? GroupValues as o ->
            let b = o.Items

            b.Length = items.Length
            && Array.forall2
                (fun (x: float) (y: float) -> BitConverter.DoubleToInt64Bits x = BitConverter.DoubleToInt64Bits y)
                items
                b
        | _ -> false

    override _.GetHashCode() =
        let mutable h = items.Length

        for x in items do
            h <- h * 31 + (BitConverter.DoubleToInt64Bits x).GetHashCode()

        h

    override _.ToString() =
        items
        |> Array.map (fun x -> x.ToString("R", Globalization.CultureInfo.InvariantCulture))
        |> String.concat "; "
        |> sprintf "[%s]"

    interface IReadOnlyList<float> with
        member _.Count = items.Length

        member _.Item
            with get i = items.[i]

        member _.GetEnumerator() : IEnumerator<float> = (items :> seq<float>).GetEnumerator()
        member _.GetEnumerator() : IEnumerator = items.GetEnumerator()

    interface IEquatable<GroupValues> with
        member this.Equals(other) = this.Equals(box other)

/// <summary>Functions over <see cref="T:Schedules.GroupValues"/>.</summary>
[<RequireQualifiedAccess>]
module GroupValues =

    /// <summary>Values from a list, one per param group.</summary>
    [<CompiledName("OfList")>]
    let ofList (values: float list) = GroupValues.Of values

    /// <summary>Values from a sequence, one per param group.</summary>
    [<CompiledName("OfSeq")>]
    let ofSeq (values: seq<float>) = GroupValues.Of values

    /// <summary>The values as a list.</summary>
    [<CompiledName("ToList")>]
    let toList (values: GroupValues) = List.ofArray values.Items

    /// <summary>The values as a fresh array.</summary>
    [<CompiledName("ToArray")>]
    let toArray (values: GroupValues) = values.ToArray()

    /// <summary>How many param groups.</summary>
    [<CompiledName("Count")>]
    let count (values: GroupValues) = values.Count

    /// <summary>Applies <paramref name="f"/> to each group's index and value.</summary>
    [<CompiledName("MapIndexed")>]
    let mapi (f: int -> float -> float) (values: GroupValues) =
        GroupValues.Own(Array.mapi f values.Items)

/// <summary>
/// A setting given once for all param groups or once per group, like PyTorch's "a scalar or a list" arguments
/// (<c>min_lr</c>, <c>max_lr</c>, <c>lr_lambda</c>, ...). A per-group list must have one entry per group; that is
/// checked when the scheduler meets the optimizer's LRs.
/// </summary>
type ForGroups<'T> =
    /// <summary>The same setting for every param group.</summary>
    | All of 'T
    /// <summary>One setting per param group, in group order.</summary>
    | Each of 'T list

/// <summary>Functions over <see cref="T:Schedules.ForGroups`1"/>.</summary>
[<RequireQualifiedAccess>]
module ForGroups =

    /// <summary>The setting of group <paramref name="group"/>.</summary>
    [<CompiledName("Get")>]
    let get (group: int) (setting: ForGroups<'T>) =
        match setting with
        | All v -> v
        | Each vs -> List.item group vs

    /// <summary>Every value the setting holds (one for <c>All</c>).</summary>
    [<CompiledName("Values")>]
    let values (setting: ForGroups<'T>) =
        match setting with
        | All v -> [ v ]
        | Each vs -> vs

    /// <summary>The setting resolved for <paramref name="groups"/> param groups, as an array.</summary>
    let internal expand (groups: int) (setting: ForGroups<'T>) =
        match setting with
        | All v -> Array.create groups v
        | Each vs -> Array.ofList vs
