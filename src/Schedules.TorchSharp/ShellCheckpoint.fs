namespace Schedules.TorchSharp

open System
open System.IO
open System.Text
open System.Text.Json
open System.Text.Json.Serialization
open Schedules

/// The shell's JSON document: the call counter and the values the optimizer held when saved, around the
/// scheduler's checkpoint.
module internal ShellCheckpoint =

    /// Version 1 had no recorded optimizer values; version 2 records the LRs; version 3 names the field the shell
    /// drives ("field") and records its values ("values").
    [<Literal>]
    let FormatVersion = 3

    /// What the optimizer held when the shell was saved: one value of the driven field per group, and one momentum
    /// (or beta1) per group where the scheduler cycles it.
    type Recorded = {
        Field: Hyperparameter
        Values: float[]
        Momentum: float[] option
    }

    type Document = {
        /// The field the document was saved for (the LR for versions 1 and 2).
        Field: Hyperparameter
        Calls: int
        State: State
        /// None for a version 1 document, which recorded nothing.
        Recorded: Recorded option
    }

    /// What the optimizer holds now, as the shell records it.
    let held (config: Config) (field: Hyperparameter) (groups: ParamGroups.Group[]) = {
        Field = field
        Values = (ParamGroups.values field groups).ToArray()
        Momentum =
            if Config.cyclesMomentum config then
                Some(ParamGroups.momenta groups)
            else
                None
    }

    // The framework's own encoding of doubles: exact, with NaN and the infinities as strings, as in Checkpoint.
    let private numbers =
        JsonSerializerOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)

    let write (scheduler: Scheduler<'M>) (state: State) (calls: int) (every: int) (recorded: Recorded) =
        let checkpoint = Checkpoint.save scheduler state
        use stream = new MemoryStream()

        do
            use w = new Utf8JsonWriter(stream, JsonWriterOptions(Indented = true))
            w.WriteStartObject()
            w.WriteString("format", "schedules.shell")
            w.WriteNumber("version", FormatVersion)
            w.WriteNumber("calls", calls)
            w.WriteNumber("every", every)
            w.WriteString("field", ParamGroups.key recorded.Field)
            w.WritePropertyName "values"
            JsonSerializer.Serialize(w, recorded.Values, numbers)

            recorded.Momentum
            |> Option.iter (fun m ->
                w.WritePropertyName "momentum"
                JsonSerializer.Serialize(w, m, numbers))

            w.WritePropertyName "checkpoint"
            w.WriteRawValue checkpoint
            w.WriteEndObject()

        Encoding.UTF8.GetString(stream.ToArray())

    let read
        (scheduler: Scheduler<'M>)
        (field: Hyperparameter)
        (every: int)
        (groupCount: int)
        (json: string)
        : Document =
        if isNull json then
            nullArg "json"

        let bad message : 'T =
            raise (FormatException(sprintf "Not a Schedules shell checkpoint this scheduler can load: %s" message))

        let doc =
            try
                JsonDocument.Parse json
            with :? JsonException as e ->
                bad (sprintf "the text is not valid JSON (%s)" e.Message)

        use doc = doc
        let root = doc.RootElement

        let tryProp (name: string) =
            if root.ValueKind <> JsonValueKind.Object then
                bad (sprintf "expected an object, found %O." root.ValueKind)

            match root.TryGetProperty name with
            | true, v -> Some v
            | _ -> None

        let prop (name: string) =
            match tryProp name with
            | Some v -> v
            | None -> bad (sprintf "the property \"%s\" is missing." name)

        let int name =
            let v = prop name
            let mutable n = 0

            // TryGetInt32 throws on anything but a number.
            if v.ValueKind = JsonValueKind.Number && v.TryGetInt32(&n) then
                n
            else
                bad (sprintf "\"%s\" must be an integer, but is %s." name (v.GetRawText()))

        let perGroup name (v: JsonElement) =
            let values =
                try
                    JsonSerializer.Deserialize<float[]>(v, numbers)
                with :? JsonException ->
                    bad (sprintf "\"%s\" must be an array of numbers." name)

            if isNull values || values.Length <> groupCount then
                bad (sprintf "\"%s\" must hold one value per param group (%d)." name groupCount)

            values

        let format = prop "format"

        if
            format.ValueKind <> JsonValueKind.String
            || format.GetString() <> "schedules.shell"
        then
            bad "\"format\" must be \"schedules.shell\"."

        let version = int "version"

        if version < 1 || version > FormatVersion then
            bad (sprintf "format version %d; this library reads versions 1 to %d." version FormatVersion)

        let saved =
            if version < 3 then
                Hyperparameter.LearningRate
            else
                let v = prop "field"

                match
                    (if v.ValueKind = JsonValueKind.String then
                         v.GetString()
                     else
                         null)
                with
                | null -> bad (sprintf "\"field\" must be a string, but is %s." (v.GetRawText()))
                | name ->
                    match ParamGroups.ofKey name with
                    | Some f -> f
                    | None ->
                        bad (
                            sprintf
                                "\"field\" is \"%s\"; the fields are \"lr\", \"weight_decay\", \"momentum\", \"beta1\" and \"beta2\"."
                                name
                        )

        if saved <> field then
            bad (
                sprintf
                    "it was saved by a shell driving the %s (\"%s\"), but this shell drives the %s (\"%s\")."
                    (ParamGroups.noun saved)
                    (ParamGroups.key saved)
                    (ParamGroups.noun field)
                    (ParamGroups.key field)
            )

        if int "every" <> every then
            bad (sprintf "it was saved with every = %d, but this shell steps every %d calls." (int "every") every)

        let calls = int "calls"

        if calls < 0 then
            bad "\"calls\" must be >= 0."

        let state = Checkpoint.load scheduler ((prop "checkpoint").GetRawText())

        match State.groupCounts state |> List.tryFind (fun (_, n) -> n <> groupCount) with
        | Some(path, n) ->
            bad (
                sprintf
                    "checkpoint.state.%s holds %d base LR%s, but the optimizer has %d param group%s."
                    path
                    n
                    (if n = 1 then "" else "s")
                    groupCount
                    (if groupCount = 1 then "" else "s")
            )
        | None -> ()

        let recorded =
            if version = 1 then
                None
            else
                let values = if version = 2 then "lrs" else "values"

                Some {
                    Field = saved
                    Values = perGroup values (prop values)
                    Momentum = tryProp "momentum" |> Option.map (perGroup "momentum")
                }

        {
            Field = saved
            Calls = calls
            State = state
            Recorded = recorded
        }

    /// Refuses an optimizer that holds other values than those recorded (bit for bit: TorchSharp's state dict
    /// round trip is exact), so that resuming without the optimizer's state is not silent.
    let checkOptimizer (recorded: Recorded) (held: Recorded) =
        let show = ParamGroups.show

        let compare (what: string) (saved: float[]) (held: float[]) =
            match
                Array.zip saved held
                |> Array.tryFindIndex (fun (s, h) ->
                    BitConverter.DoubleToInt64Bits s <> BitConverter.DoubleToInt64Bits h)
            with
            | Some i ->
                raise (
                    ArgumentException(
                        sprintf
                            "Param group %d of the optimizer holds %s %s, but the checkpoint was saved when it held %s: load the optimizer's state first (optimizer.load_state_dict(...)) and then resume, or pass acceptOptimizerLrs = true to continue deliberately from the values the optimizer holds."
                            i
                            what
                            (show held.[i])
                            (show saved.[i]),
                        "optimizer"
                    )
                )
            | None -> ()

        compare (ParamGroups.noun recorded.Field) recorded.Values held.Values

        match recorded.Momentum, held.Momentum with
        | Some saved, Some held -> compare "momentum (beta1 for Adam)" saved held
        | _ -> ()
