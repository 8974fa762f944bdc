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

    /// A loaded value that no run of this configuration can reach: a FormatException naming the field and the rule.
    let unreachable (path: string) (rule: string) : 'T =
        bad (sprintf "%s %s; no run of this configuration reaches that." path rule)

    /// A counter: an integer >= 0 (and at most `most`, where given).
    let readCount (path: string) (e: JsonElement) (name: string) (most: int voption) =
        let p = path + "." + name
        let v = readInt p (prop path e name)

        if v < 0 then
            unreachable p (sprintf "is %d, but must be >= 0" v)

        match most with
        | ValueSome m when v > m -> unreachable p (sprintf "is %d, but must be at most %d" v m)
        | _ -> v

    /// Base LRs: one per param group (at least one), each finite and >= 0.
    let readLrs (path: string) (e: JsonElement) (name: string) =
        let p = path + "." + name
        let values = readValues p (prop path e name)

        if values.Count = 0 then
            unreachable p "is empty, but holds one LR per param group"

        for i in 0 .. values.Count - 1 do
            if not (Double.IsFinite values.[i]) || values.[i] < 0.0 then
                unreachable
                    (sprintf "%s[%d]" p i)
                    (sprintf "is %s, but an LR is finite and >= 0" (Validate.show values.[i]))

        values

    /// Base LRs whose count the configuration's per-group settings accept (`check` is the kind's CheckGroups).
    let fitGroups (path: string) (check: int -> unit) (count: int) =
        try
            check count
        with :? ArgumentException as e ->
            unreachable (path + ".baseLrs") (sprintf "holds %d LRs, but %s" count e.Message)

    /// The state of a step-based kind: Epoch(baseLrs, lastEpoch).
    let readEpoch (path: string) (e: JsonElement) =
        expectKind path e "Epoch"
        Epoch(readLrs path e "baseLrs", readCount path e "lastEpoch" ValueNone)

    /// Refuses an object that holds a property twice anywhere in the document (a reader would keep one silently).
    let rec refuseDuplicates (path: string) (e: JsonElement) =
        match e.ValueKind with
        | JsonValueKind.Object ->
            let seen = System.Collections.Generic.HashSet<string>()

            for p in e.EnumerateObject() do
                if not (seen.Add p.Name) then
                    bad (sprintf "the property \"%s.%s\" appears twice." path p.Name)

                refuseDuplicates (path + "." + p.Name) p.Value
        | JsonValueKind.Array ->
            e.EnumerateArray()
            |> Seq.iteri (fun i x -> refuseDuplicates (sprintf "%s[%d]" path i) x)
        | _ -> ()

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
            unreachable path (sprintf "is %d, but must be >= 0" v)

        Counter v

    let perGroup (path: string) (e: JsonElement) = PerGroup(readValues path e)
