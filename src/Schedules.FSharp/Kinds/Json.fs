namespace Schedules.Kinds

open System
open System.Text.Json
open Schedules

/// JSON for checkpoints and configurations: numbers with NaN and infinities as strings, and readers whose
/// refusals name the field's path.
module internal Json =

    let writeNumber (w: Utf8JsonWriter) (v: float) =
        if Double.IsFinite v then w.WriteNumberValue v
        elif Double.IsNaN v then w.WriteStringValue "NaN"
        elif v > 0.0 then w.WriteStringValue "Infinity"
        else w.WriteStringValue "-Infinity"

    let writeNumbers (w: Utf8JsonWriter) (vs: seq<float>) =
        w.WriteStartArray()

        for v in vs do
            writeNumber w v

        w.WriteEndArray()

    /// A checkpoint that cannot be loaded: a FormatException that says why.
    let bad (message: string) : 'T =
        raise (FormatException(sprintf "Not a Schedules checkpoint this scheduler can load: %s" message))

    let prop (path: string) (e: JsonElement) (name: string) =
        match e.ValueKind with
        | JsonValueKind.Object ->
            match e.TryGetProperty name with
            | true, v -> v
            | _ -> bad (sprintf "the property \"%s.%s\" is missing." path name)
        | _ -> bad (sprintf "%s must be an object holding \"%s\", found %O." path name e.ValueKind)

    let tryNumber (e: JsonElement) =
        match e.ValueKind with
        | JsonValueKind.Number -> ValueSome(e.GetDouble())
        | JsonValueKind.String ->
            match e.GetString() with
            | "NaN" -> ValueSome nan
            | "Infinity" -> ValueSome infinity
            | "-Infinity" -> ValueSome -infinity
            | _ -> ValueNone
        | _ -> ValueNone

    let readNumber (path: string) (e: JsonElement) =
        match tryNumber e with
        | ValueSome v -> v
        | ValueNone -> bad (sprintf "%s must be a number, found %s." path (e.GetRawText()))

    let readInt (path: string) (e: JsonElement) =
        match e.ValueKind with
        | JsonValueKind.Number ->
            match e.TryGetInt32() with
            | true, v -> v
            | _ -> bad (sprintf "%s must be an integer, found %s." path (e.GetRawText()))
        | k -> bad (sprintf "%s must be an integer, found %O." path k)

    let readArray (path: string) (e: JsonElement) =
        match e.ValueKind with
        | JsonValueKind.Array -> [ for x in e.EnumerateArray() -> x ]
        | k -> bad (sprintf "%s must be an array, found %O." path k)

    let readValues (path: string) (e: JsonElement) =
        GroupValues.Own(
            readArray path e
            |> List.mapi (fun i x -> readNumber (sprintf "%s[%d]" path i) x)
            |> Array.ofList
        )

    let expectKind (path: string) (e: JsonElement) (kind: string) =
        let k = prop path e "kind"

        if k.ValueKind <> JsonValueKind.String || k.GetString() <> kind then
            bad (sprintf "%s must be a %s state, found %s." path kind (k.GetRawText()))

    /// The state of a step-based kind: Epoch(baseLrs, lastEpoch).
    let readEpoch (path: string) (e: JsonElement) =
        expectKind path e "Epoch"

        Epoch(
            readValues (path + ".baseLrs") (prop path e "baseLrs"),
            readInt (path + ".lastEpoch") (prop path e "lastEpoch")
        )

    /// A family kind's state: its fields in order, each read by its kind (`real`, `counter` or `perGroup`) from
    /// the values its checkpoint wrote; the kind then checks what a run can reach.
    let readFields
        (path: string)
        (e: JsonElement)
        (kind: string)
        (shape: (string * (string -> JsonElement -> FieldValue)) list)
        =
        expectKind path e kind
        Fields(kind, [ for name, read in shape -> name, read (path + "." + name) (prop path e name) ])

    /// Readers of the three field kinds, for `readFields`.
    let real (path: string) (e: JsonElement) = Real(readNumber path e)

    let counter (path: string) (e: JsonElement) =
        let v = readInt path e

        if v < 0 then
            bad (sprintf "%s is %d, but must be >= 0." path v)

        Counter v

    let perGroup (path: string) (e: JsonElement) = PerGroup(readValues path e)
