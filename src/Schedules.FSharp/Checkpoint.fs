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

    /// <summary>The version written into every document; loading refuses any other.</summary>
    [<Literal>]
    let FormatVersion = 1

    [<Literal>]
    let private Format = "schedules.state"

    let private number (w: Utf8JsonWriter) (v: float) =
        if Double.IsFinite v then w.WriteNumberValue v
        elif Double.IsNaN v then w.WriteStringValue "NaN"
        elif v > 0.0 then w.WriteStringValue "Infinity"
        else w.WriteStringValue "-Infinity"

    let private numbers (w: Utf8JsonWriter) (vs: seq<float>) =
        w.WriteStartArray()

        for v in vs do
            number w v

        w.WriteEndArray()

    let private setting (w: Utf8JsonWriter) (name: string) (s: ForGroups<float>) =
        w.WritePropertyName name

        match s with
        | All v -> number w v
        | Each vs -> numbers w vs

    let private functions (w: Utf8JsonWriter) (name: string) (s: ForGroups<'F>) =
        match s with
        | All _ -> w.WriteString(name, "function")
        | Each fs -> w.WriteString(name, sprintf "%d functions" (List.length fs))

    /// The configuration as data, functions replaced by a placeholder: what a saved state must be loaded into.
    let rec private describeConfig (w: Utf8JsonWriter) (config: Config) =
        w.WriteStartObject()
        w.WriteString("kind", Config.kind config)

        let num (name: string) (v: float) =
            w.WritePropertyName name
            number w v

        let int (name: string) (v: int) = w.WriteNumber(name, v)
        let text (name: string) (v: obj) = w.WriteString(name, sprintf "%A" v)

        match config with
        | LambdaLR ls
        | MultiplicativeLR ls -> functions w "lrLambda" ls
        | StepLR(s, g) ->
            int "stepSize" s
            num "gamma" g
        | MultiStepLR(ms, g) ->
            w.WritePropertyName "milestones"
            numbers w (ms |> List.map float)
            num "gamma" g
        | ConstantLR(f, t) ->
            num "factor" f
            int "totalIters" t
        | LinearLR(s, e, t) ->
            num "startFactor" s
            num "endFactor" e
            int "totalIters" t
        | ExponentialLR g -> num "gamma" g
        | PolynomialLR(t, p) ->
            int "totalIters" t
            num "power" p
        | CosineAnnealingLR(t, m) ->
            int "tMax" t
            num "etaMin" m
        | CosineAnnealingWarmRestarts(t0, tm, m) ->
            int "t0" t0
            int "tMult" tm
            num "etaMin" m
        | CyclicLR c ->
            setting w "baseLr" c.BaseLr
            setting w "maxLr" c.MaxLr
            int "stepSizeUp" c.StepSizeUp
            int "stepSizeDown" (defaultArg c.StepSizeDown c.StepSizeUp)
            text "mode" c.Mode
            num "gamma" c.Gamma
            w.WriteString("scaleFn", (if c.ScaleFn.IsSome then "function" else "none"))
            text "scaleMode" c.ScaleMode
            w.WriteBoolean("cycleMomentum", c.CycleMomentum)
            setting w "baseMomentum" c.BaseMomentum
            setting w "maxMomentum" c.MaxMomentum
        | OneCycleLR c ->
            setting w "maxLr" c.MaxLr
            int "totalSteps" c.TotalSteps
            num "pctStart" c.PctStart
            text "annealStrategy" c.AnnealStrategy
            w.WriteBoolean("cycleMomentum", c.CycleMomentum)
            setting w "baseMomentum" c.BaseMomentum
            setting w "maxMomentum" c.MaxMomentum
            num "divFactor" c.DivFactor
            num "finalDivFactor" c.FinalDivFactor
            w.WriteBoolean("threePhase", c.ThreePhase)
        | WarmUp(steps, ls) ->
            int "steps" steps
            functions w "lrLambda" ls
        | ReduceLROnPlateau c ->
            text "mode" c.Mode
            num "factor" c.Factor
            int "patience" c.Patience
            num "threshold" c.Threshold
            text "thresholdMode" c.ThresholdMode
            int "cooldown" c.Cooldown
            setting w "minLr" c.MinLr
            num "eps" c.Eps
            int "warmup" c.Warmup
        | SequentialLR(children, milestones) ->
            w.WritePropertyName "milestones"
            numbers w (milestones |> List.map float)
            w.WriteStartArray "schedulers"
            List.iter (describeConfig w) children
            w.WriteEndArray()
        | ChainedScheduler children ->
            w.WriteStartArray "schedulers"
            List.iter (describeConfig w) children
            w.WriteEndArray()

        w.WriteEndObject()

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

        w.WriteEndObject()

    let private toJson (indented: bool) (write: Utf8JsonWriter -> unit) =
        use stream = new MemoryStream()

        do
            use w = new Utf8JsonWriter(stream, JsonWriterOptions(Indented = indented))
            write w

        Encoding.UTF8.GetString(stream.ToArray())

    /// The configuration as compact JSON, functions replaced by a placeholder.
    let internal describe (config: Config) =
        toJson false (fun w -> describeConfig w config)

    /// <summary>The state as a JSON document, with the format version and the configuration it belongs to.</summary>
    [<CompiledName("Save")>]
    let save (scheduler: Scheduler<'M>) (state: State) : string =
        Validate.notNull "state" (box state)

        toJson true (fun w ->
            w.WriteStartObject()
            w.WriteString("format", Format)
            w.WriteNumber("version", FormatVersion)
            w.WritePropertyName "scheduler"
            describeConfig w (Scheduler.config scheduler)
            w.WritePropertyName "state"
            writeState w state
            w.WriteEndObject())

    let private bad (message: string) : 'T =
        raise (FormatException(sprintf "Not a Schedules checkpoint this scheduler can load: %s" message))

    let private prop (e: JsonElement) (name: string) =
        match e.ValueKind with
        | JsonValueKind.Object ->
            match e.TryGetProperty name with
            | true, v -> v
            | _ -> bad (sprintf "the property \"%s\" is missing." name)
        | _ -> bad (sprintf "expected an object holding \"%s\", found %O." name e.ValueKind)

    let private readNumber (e: JsonElement) =
        match e.ValueKind with
        | JsonValueKind.Number -> e.GetDouble()
        | JsonValueKind.String ->
            match e.GetString() with
            | "NaN" -> nan
            | "Infinity" -> infinity
            | "-Infinity" -> -infinity
            | s -> bad (sprintf "\"%s\" is not a number." s)
        | k -> bad (sprintf "expected a number, found %O." k)

    let private readInt (e: JsonElement) =
        match e.ValueKind with
        | JsonValueKind.Number ->
            match e.TryGetInt32() with
            | true, v -> v
            | _ -> bad (sprintf "expected an integer, found %s." (e.GetRawText()))
        | k -> bad (sprintf "expected an integer, found %O." k)

    let private readArray (e: JsonElement) =
        match e.ValueKind with
        | JsonValueKind.Array -> [ for x in e.EnumerateArray() -> x ]
        | k -> bad (sprintf "expected an array, found %O." k)

    let private readValues (e: JsonElement) =
        GroupValues.Own(readArray e |> List.map readNumber |> Array.ofList)

    let private expectKind (e: JsonElement) (kind: string) =
        let k = prop e "kind"

        if k.ValueKind <> JsonValueKind.String || k.GetString() <> kind then
            bad (sprintf "expected a %s state, found %s." kind (k.GetRawText()))

    /// Reads a state shaped as the configuration expects.
    let rec private readState (config: Config) (e: JsonElement) : State =
        match config with
        | ReduceLROnPlateau _ ->
            expectKind e "Plateau"

            Plateau {
                Best = readNumber (prop e "best")
                BadEpochs = readInt (prop e "badEpochs")
                CooldownLeft = readInt (prop e "cooldownLeft")
                WarmupLeft = readInt (prop e "warmupLeft")
                LastEpoch = readInt (prop e "lastEpoch")
            }
        | CosineAnnealingWarmRestarts _ ->
            expectKind e "WarmRestarts"

            WarmRestarts(
                readValues (prop e "baseLrs"),
                readInt (prop e "lastEpoch"),
                readNumber (prop e "tCur"),
                readInt (prop e "tI")
            )
        | SequentialLR(children, _) ->
            expectKind e "Sequential"
            let states = readArray (prop e "schedulers")

            if states.Length <> children.Length then
                bad (sprintf "expected %d child states, found %d." children.Length states.Length)

            Sequential(readInt (prop e "lastEpoch"), List.map2 readState children states)
        | ChainedScheduler children ->
            expectKind e "Chained"
            let states = readArray (prop e "schedulers")

            if states.Length <> children.Length then
                bad (sprintf "expected %d child states, found %d." children.Length states.Length)

            Chained(List.map2 readState children states)
        | _ ->
            expectKind e "Epoch"
            Epoch(readValues (prop e "baseLrs"), readInt (prop e "lastEpoch"))

    /// <summary>Reads a state saved by <c>save</c> for the same configuration. Malformed, truncated or foreign
    /// JSON, another format version, or a state saved for another configuration raise a FormatException that says
    /// what is wrong; nothing else is touched.</summary>
    [<CompiledName("Load")>]
    let load (scheduler: Scheduler<'M>) (json: string) : State =
        Validate.notNull "json" (box json)

        let doc =
            try
                JsonDocument.Parse json
            with :? JsonException as e ->
                bad (sprintf "the text is not valid JSON (%s)" e.Message)

        use doc = doc
        let root = doc.RootElement
        let format = prop root "format"

        if format.ValueKind <> JsonValueKind.String || format.GetString() <> Format then
            bad (sprintf "\"format\" must be \"%s\"." Format)

        let version = readInt (prop root "version")

        if version <> FormatVersion then
            bad (sprintf "format version %d; this library reads version %d." version FormatVersion)

        // Both sides written by the same writer, compactly: equal text means the same configuration.
        let expected = describe (Scheduler.config scheduler)
        let saved = toJson false (prop root "scheduler").WriteTo

        if saved <> expected then
            bad (
                sprintf
                    "it was saved for another configuration.%sSaved:    %s%sExpected: %s"
                    Environment.NewLine
                    saved
                    Environment.NewLine
                    expected
            )

        readState (Scheduler.config scheduler) (prop root "state")
