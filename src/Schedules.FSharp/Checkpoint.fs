namespace Schedules

open System
open System.IO
open System.Text
open System.Text.Json

/// <summary>
/// Saving a scheduler's state to JSON and loading it back, bit for bit. The document carries a format version and
/// a description of the configuration (every kind and number in it), so a state saved for one configuration is
/// refused when loaded for another. Functions inside a configuration (lr_lambda, scale_fn) are not saved: as in
/// PyTorch, the caller builds the scheduler again, with its functions, and loads the state into it.
/// </summary>
[<RequireQualifiedAccess>]
module Checkpoint =

    /// <summary>The version written into every document. Version 2 writes modes by PyTorch's names; documents of
    /// version 1 (modes as F# case names) still load.</summary>
    [<Literal>]
    let FormatVersion = 2

    [<Literal>]
    let private Format = "schedules.state"

    let private number = Kinds.Json.writeNumber
    let private numbers = Kinds.Json.writeNumbers

    let rec private writeState (w: Utf8JsonWriter) (state: State) =
        w.WriteStartObject()

        match state with
        | Epoch(b, e) ->
            w.WriteString("kind", "Epoch")
            w.WritePropertyName "baseLrs"
            numbers w b
            w.WriteNumber("lastEpoch", e)
        | WarmRestarts(b, e, tCur, tI) ->
            w.WriteString("kind", "WarmRestarts")
            w.WritePropertyName "baseLrs"
            numbers w b
            w.WriteNumber("lastEpoch", e)
            w.WritePropertyName "tCur"
            number w tCur
            w.WriteNumber("tI", tI)
        | Plateau p ->
            w.WriteString("kind", "Plateau")
            w.WritePropertyName "best"
            number w p.Best
            w.WriteNumber("badEpochs", p.BadEpochs)
            w.WriteNumber("cooldownLeft", p.CooldownLeft)
            w.WriteNumber("warmupLeft", p.WarmupLeft)
            w.WriteNumber("lastEpoch", p.LastEpoch)
        | Sequential(e, children) ->
            w.WriteString("kind", "Sequential")
            w.WriteNumber("lastEpoch", e)
            w.WriteStartArray "schedulers"
            List.iter (writeState w) children
            w.WriteEndArray()
        | Chained children ->
            w.WriteString("kind", "Chained")
            w.WriteStartArray "schedulers"
            List.iter (writeState w) children
            w.WriteEndArray()
        | Fields(kind, values) ->
            w.WriteString("kind", kind)

            for name, value in values do
                w.WritePropertyName name

                match value with
                | Real v -> number w v
                | Counter c -> w.WriteNumberValue c
                | PerGroup g -> numbers w g

        w.WriteEndObject()

    /// The configuration as compact JSON, functions replaced by a placeholder.
    let internal describe (config: Config) = Compile.describe (Compile.node config)

    /// <summary>The state as a JSON document, with the format version, the PyTorch the scheduler reproduces
    /// (<c>"pytorch": "2.x"</c> or <c>"1.13"</c>) and the configuration it belongs to.</summary>
    [<CompiledName("Save")>]
    let save (scheduler: Scheduler<'M>) (state: State) : string =
        State.refuseDefault "state" state

        Compile.toText true (fun w ->
            w.WriteStartObject()
            w.WriteString("format", Format)
            w.WriteNumber("version", FormatVersion)
            w.WriteString("pytorch", PyTorchVersion.name (Scheduler.pytorch scheduler))
            w.WritePropertyName "scheduler"
            Compile.writeNode Compile.Placeholders w (Scheduler.node scheduler)
            w.WritePropertyName "state"
            writeState w state
            w.WriteEndObject())

    let private bad = Kinds.Json.bad
    let private prop = Kinds.Json.prop "checkpoint"

    /// <summary>Reads a state saved by <c>save</c> for the same configuration. Malformed, truncated or foreign
    /// JSON, another format version, a state saved by a scheduler reproducing another PyTorch version (see
    /// <c>Scheduler.withPyTorch</c>), or a state saved for another configuration raise a FormatException that says
    /// what is wrong; nothing else is touched.</summary>
    [<CompiledName("Load")>]
    let load (scheduler: Scheduler<'M>) (json: string) : State =
        Validate.notNull "json" (box json)

        let doc =
            try
                // The writer nests up to 1000 levels; read what it writes.
                JsonDocument.Parse(json, JsonDocumentOptions(MaxDepth = 1000))
            with :? JsonException as e ->
                bad (sprintf "the text is not valid JSON (%s)" e.Message)

        use doc = doc
        let root = doc.RootElement
        let format = prop root "format"

        if format.ValueKind <> JsonValueKind.String || format.GetString() <> Format then
            bad (sprintf "\"format\" must be \"%s\"." Format)

        let version = Kinds.Json.readInt "checkpoint.version" (prop root "version")

        if version < 1 || version > FormatVersion then
            bad (sprintf "format version %d; this library reads versions 1 to %d." version FormatVersion)

        // A document without "pytorch" was saved before the option existed: the versions agree on it unless it holds
        // one of the shapes where they part ways, so it loads into either.
        match root.TryGetProperty "pytorch" with
        | true, saved ->
            let ours = Scheduler.pytorch scheduler

            let theirs =
                if saved.ValueKind = JsonValueKind.String then
                    try
                        Some(PyTorchVersion.parse "pytorch" (saved.GetString()))
                    with :? ArgumentException ->
                        None
                else
                    None

            match theirs with
            | None -> bad (sprintf "\"pytorch\" must be \"2.x\" or \"1.13\", but is %s." (saved.GetRawText()))
            | Some v when v <> ours ->
                bad (
                    sprintf
                        "it was saved by a scheduler reproducing PyTorch %s, but this one reproduces PyTorch %s: build it with Scheduler.withPyTorch %A to continue that run."
                        (PyTorchVersion.name v)
                        (PyTorchVersion.name ours)
                        v
                )
            | Some _ -> ()
        | _ -> ()

        let node = Scheduler.node scheduler

        match Compile.mismatch node (prop root "scheduler") with
        | Some difference ->
            bad (
                sprintf
                    "it was saved for another configuration (%s).%sSaved:    %s%sExpected: %s"
                    difference
                    Environment.NewLine
                    ((prop root "scheduler").GetRawText())
                    Environment.NewLine
                    (Compile.describe node)
            )
        | None -> ()

        Kinds.Json.refuseDuplicates "checkpoint" root
        let state = node.ReadState "checkpoint.state" (prop root "state")
        // Per-group settings (a per-group lambda, min_lr, max_lr) against the groups the state was started with.
        State.groupCount state
        |> Option.iter (Kinds.Json.fitGroups "checkpoint.state" node.CheckGroups)

        state
