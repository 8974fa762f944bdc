namespace Schedules.Kinds

open System
open System.Text.Json
open Schedules

/// The readers behind <c>ArgReader</c>: a refusal is an ArgumentException naming the field.
module internal ArgReading =

    let fail (path: string) (name: string) (message: string) : 'T =
        raise (ArgumentException(sprintf "%s%s %s" path name message, name))

    let int path name (v: JsonElement) : int =
        match v.ValueKind, v.TryGetInt32() with
        | JsonValueKind.Number, (true, i) -> i
        | _ -> fail path name (sprintf "must be an integer, but got %s." (v.GetRawText()))

    let number path name (v: JsonElement) : float =
        match Json.tryNumber v with
        | ValueSome x -> x
        | ValueNone -> fail path name (sprintf "must be a number, but got %s." (v.GetRawText()))

    let array path name (v: JsonElement) : JsonElement list =
        if v.ValueKind <> JsonValueKind.Array then
            fail path name (sprintf "must be an array, but got %s." (v.GetRawText()))

        [ for x in v.EnumerateArray() -> x ]

    let func<'F> path name (v: JsonElement) : 'F =
        let fn =
            match v.ValueKind with
            | JsonValueKind.Object ->
                match v.TryGetProperty "fn" with
                | true, f when f.ValueKind = JsonValueKind.String -> f.GetString()
                | _ -> fail path name "must name a function: {\"fn\": name, ...arguments}."
            | JsonValueKind.String -> v.GetString()
            | _ -> fail path name (sprintf "must name a function, but got %s." (v.GetRawText()))

        let arg (a: string) =
            match v.ValueKind with
            | JsonValueKind.Object ->
                match v.TryGetProperty a with
                | true, x -> number path (name + "." + a) x
                | _ -> fail path (name + "." + a) "is required by the function."
            | _ -> fail path (name + "." + a) "is required by the function."

        Functions.resolve<'F> name fn arg

/// Reads a configuration's arguments from JSON (<c>Config.ofJson</c>): absent optional arguments take their
/// defaults, and a refusal is an ArgumentException naming the field, as the constructors' are.
[<Sealed>]
type internal ArgReader(e: JsonElement, path: string) =

    let tryProp (name: string) =
        match e.TryGetProperty name with
        | true, v when v.ValueKind <> JsonValueKind.Null -> ValueSome v
        | _ -> ValueNone

    let get name =
        match tryProp name with
        | ValueSome v -> v
        | ValueNone -> ArgReading.fail path name "is required."

    let int name v = ArgReading.int path name v
    let number name v = ArgReading.number path name v
    let array name v = ArgReading.array path name v

    /// The JSON object read.
    member _.Element = e

    member _.Int(name: string) : int = int name (get name)

    member _.IntOr(name: string, fallback: int) : int =
        match tryProp name with
        | ValueSome v -> int name v
        | ValueNone -> fallback

    member _.IntOption(name: string) : int option =
        match tryProp name with
        | ValueSome v -> Some(int name v)
        | ValueNone -> None

    member _.Float(name: string) : float = number name (get name)

    member _.FloatOr(name: string, fallback: float) : float =
        match tryProp name with
        | ValueSome v -> number name v
        | ValueNone -> fallback

    member _.FloatOption(name: string) : float option =
        match tryProp name with
        | ValueSome v -> Some(number name v)
        | ValueNone -> None

    member _.Floats(name: string) : float list =
        array name (get name)
        |> List.mapi (fun i x -> number (sprintf "%s[%d]" name i) x)

    member _.BoolOr(name: string, fallback: bool) : bool =
        match tryProp name with
        | ValueSome v when v.ValueKind = JsonValueKind.True -> true
        | ValueSome v when v.ValueKind = JsonValueKind.False -> false
        | ValueSome v -> ArgReading.fail path name (sprintf "must be true or false, but got %s." (v.GetRawText()))
        | ValueNone -> fallback

    /// A mode by its PyTorch name, parsed by <c>Modes</c>.
    member _.NameOr<'T>(name: string, parse: string -> 'T, fallback: 'T) : 'T =
        match tryProp name with
        | ValueSome v when v.ValueKind = JsonValueKind.String -> parse (v.GetString())
        | ValueSome v -> ArgReading.fail path name (sprintf "must be a name, but got %s." (v.GetRawText()))
        | ValueNone -> fallback

    member _.Ints(name: string) : int list =
        array name (get name) |> List.mapi (fun i x -> int (sprintf "%s[%d]" name i) x)

    member _.Groups(name: string) : ForGroups<float> =
        match get name with
        | v when v.ValueKind = JsonValueKind.Array ->
            Each(array name v |> List.mapi (fun i x -> number (sprintf "%s[%d]" name i) x))
        | v -> All(number name v)

    member this.GroupsOr(name: string, fallback: ForGroups<float>) : ForGroups<float> =
        match tryProp name with
        | ValueSome _ -> this.Groups name
        | ValueNone -> fallback

    member _.Functions<'F>(name: string) : ForGroups<'F> =
        match get name with
        | v when v.ValueKind = JsonValueKind.Array ->
            Each(
                array name v
                |> List.mapi (fun i x -> ArgReading.func<'F> path (sprintf "%s[%d]" name i) x)
            )
        | v -> All(ArgReading.func<'F> path name v)

    member this.FunctionsOr<'F>(name: string, fallback: ForGroups<'F>) =
        match tryProp name with
        | ValueSome _ -> this.Functions<'F> name
        | ValueNone -> fallback

    member _.FunctionOption<'F>(name: string) : 'F option =
        match tryProp name with
        | ValueSome v when v.ValueKind = JsonValueKind.String && v.GetString() = "none" -> None
        | ValueSome v -> Some(ArgReading.func<'F> path name v)
        | ValueNone -> None

    /// Steps and their scales (optax's boundaries_and_scales): an object whose keys are integer steps written as
    /// strings, in the order written; None where it is left out.
    member _.ScalesOption(name: string) : (int * float) list option =
        match tryProp name with
        | ValueNone -> None
        | ValueSome v when v.ValueKind = JsonValueKind.Object ->
            Some [
                for p in v.EnumerateObject() ->
                    match
                        Int32.TryParse(
                            p.Name,
                            Globalization.NumberStyles.AllowLeadingSign,
                            Globalization.CultureInfo.InvariantCulture
                        )
                    with
                    | true, step -> step, number (sprintf "%s[\"%s\"]" name p.Name) p.Value
                    | _ ->
                        ArgReading.fail
                            path
                            name
                            (sprintf "must be keyed by integer steps, but has the key \"%s\"." p.Name)
            ]
        | ValueSome v ->
            ArgReading.fail path name (sprintf "must be an object {step: scale}, but got %s." (v.GetRawText()))

    /// Child configurations, each read by <paramref name="read"/>.
    member _.Children<'C>(name: string, read: string -> JsonElement -> 'C) : 'C list =
        array name (get name)
        |> List.mapi (fun i x -> read (sprintf "%s%s[%d]." path name i) x)
