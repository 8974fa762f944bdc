namespace Schedules

open System
open System.IO
open System.Text
open System.Text.Json
open Schedules.Kinds

/// <summary>
/// The configuration of a scheduler: plain data that says which PyTorch (or celldetection) scheduler it is and with
/// which arguments. A <see cref="T:Schedules.Scheduler`1"/> holds one that has been validated.
/// </summary>
[<NoEquality; NoComparison>]
type Config =
    /// <summary>LR = base × LrLambda(epoch), per group.</summary>
    | LambdaLR of LrLambda: ForGroups<int -> float>
    /// <summary>LR ← LR × LrLambda(epoch) for epoch ≥ 1.</summary>
    | MultiplicativeLR of LrLambda: ForGroups<int -> float>
    /// <summary>LR ← LR × Gamma every StepSize epochs.</summary>
    | StepLR of StepSize: int * Gamma: float
    /// <summary>LR ← LR × Gamma^(count of Milestones equal to the epoch).</summary>
    | MultiStepLR of Milestones: int list * Gamma: float
    /// <summary>LR = base × Factor until TotalIters, then base.</summary>
    | ConstantLR of Factor: float * TotalIters: int
    /// <summary>Factor moves linearly from StartFactor to EndFactor over TotalIters epochs.</summary>
    | LinearLR of StartFactor: float * EndFactor: float * TotalIters: int
    /// <summary>LR ← LR × Gamma every epoch.</summary>
    | ExponentialLR of Gamma: float
    /// <summary>LR = base × (1 - epoch/TotalIters)^Power, reaching 0 at TotalIters.</summary>
    | PolynomialLR of TotalIters: int * Power: float
    /// <summary>Cosine from base to EtaMin over TMax epochs, continuing as a cosine (no clamp) after.</summary>
    | CosineAnnealingLR of TMax: int * EtaMin: float
    /// <summary>SGDR: cosine over periods T0, T0·TMult, ... restarting at base.</summary>
    | CosineAnnealingWarmRestarts of T0: int * TMult: int * EtaMin: float
    /// <summary>Cyclical LR (and momentum).</summary>
    | CyclicLR of CyclicLRConfig
    /// <summary>The 1cycle policy (and momentum).</summary>
    | OneCycleLR of OneCycleLRConfig
    /// <summary>celldetection's WarmUp: LR = base × LrLambda(step, Steps) for step ≤ Steps, then the LRs pass through.</summary>
    | WarmUp of Steps: int * LrLambda: ForGroups<int -> int -> float>
    /// <summary>ReduceLROnPlateau with celldetection's grace period; watches a metric.</summary>
    | ReduceLROnPlateau of ReduceLROnPlateauConfig
    /// <summary>Runs Schedulers[i] from Milestones[i-1] on, each on its own clock restarted at its milestone.</summary>
    | SequentialLR of Schedulers: Config list * Milestones: int list
    /// <summary>Steps every scheduler in order, each acting on the LRs the previous one left.</summary>
    | ChainedScheduler of Schedulers: Config list
    /// <summary>A schedule that is a pure function of the step (see <see cref="T:Schedules.Curve"/>): every
    /// Hugging Face schedule, and the curves built by <c>Curves</c>.</summary>
    | Curve of Curve
    /// <summary>Hugging Face's get_reduce_on_plateau_schedule: PyTorch's ReduceLROnPlateau (Warmup 0) under
    /// Hugging Face's name.</summary>
    | GetReduceOnPlateauSchedule of ReduceLROnPlateauConfig
    /// <summary>Hugging Face's GreedyLR: watches a metric, lowers the LRs on a plateau and raises them on a run of
    /// improvements.</summary>
    | GreedyLR of GreedyLRConfig
    /// <summary>Hugging Face's get_scheduler: the schedule named by Name (Hugging Face's SchedulerType), built from
    /// NumWarmupSteps, NumTrainingSteps, OptimizerLr (the optimizer's default lr) and its keyword arguments; Scheduler
    /// is that schedule.</summary>
    | GetScheduler of
        Name: string *
        NumWarmupSteps: int option *
        NumTrainingSteps: int option *
        OptimizerLr: float option *
        Scheduler: Config
    /// <summary>Keras 3's ReduceLROnPlateau callback (wait ≥ patience); watches a metric.</summary>
    | KerasReduceLROnPlateau of KerasReduceLROnPlateauConfig
    /// <summary>optax's contrib.reduce_on_plateau: the LRs are the base LRs × a scale that drops when the averaged
    /// metric stops improving; watches a metric.</summary>
    | OptaxReduceOnPlateau of OptaxReduceOnPlateauConfig
    /// <summary>A timm scheduler other than the plateau one (Cosine, Tanh, Poly, Step, MultiStep): its curve of
    /// timm's t, times each group's LrScale after the noise, as timm's <c>lr_scale</c> param-group key (1: none).
    /// Built by the <c>Timm</c> factories.</summary>
    | TimmScheduler of Curve: Curve * LrScale: ForGroups<float>
    /// <summary>timm's PlateauLRScheduler: PyTorch's ReduceLROnPlateau (mode max by default) after timm's warmup,
    /// with timm's noise; watches a metric.</summary>
    | TimmPlateauLRScheduler of TimmPlateauLRSchedulerConfig

/// Configurations compiled into nodes, once per scheduler: the one place that maps each kind's union case to its
/// file (a missing case is a compiler warning, which this build treats as an error).
module internal Compile =

    /// The momentum bounds (base, max) the param groups hold once every scheduler of the configuration was built
    /// on one optimizer: the last written, depth first, as PyTorch builds children before their composite.
    let rec boundsWritten (version: PyTorchVersion) (config: Config) =
        match config with
        | OneCycleLR c -> Kinds.OneCycleLR.boundsWritten c
        | CyclicLR c -> Kinds.CyclicLR.boundsWritten version c
        | SequentialLR(cs, _)
        | ChainedScheduler cs when not (isNull (box cs)) -> cs |> List.choose (boundsWritten version) |> List.tryLast
        | _ -> None

    /// The node of a configuration for the PyTorch version it reproduces, in the construction context every node of
    /// it shares (one optimizer): the kinds whose semantics differ between versions take `version`, OneCycleLR the
    /// momentum bounds the groups hold.
    let rec private compileIn (version: PyTorchVersion) (bounds: (ForGroups<float> * ForGroups<float>) option) config =
        let children (cs: Config list) =
            if isNull (box cs) then
                Unchecked.defaultof<_>
            else
                List.map (compileIn version bounds) cs

        match config with
        | LambdaLR ls -> Kinds.LambdaLR.compile ls
        | MultiplicativeLR ls -> Kinds.MultiplicativeLR.compile version ls
        | StepLR(stepSize, gamma) -> Kinds.StepLR.compile (stepSize, gamma)
        | MultiStepLR(milestones, gamma) -> Kinds.MultiStepLR.compile (milestones, gamma)
        | ConstantLR(factor, totalIters) -> Kinds.ConstantLR.compile (factor, totalIters)
        | LinearLR(s, e, total) -> Kinds.LinearLR.compile (s, e, total)
        | ExponentialLR gamma -> Kinds.ExponentialLR.compile gamma
        | PolynomialLR(total, power) -> Kinds.PolynomialLR.compile (total, power)
        | CosineAnnealingLR(tMax, etaMin) -> Kinds.CosineAnnealingLR.compile (tMax, etaMin)
        | CosineAnnealingWarmRestarts(t0, tMult, etaMin) ->
            Kinds.CosineAnnealingWarmRestarts.compile (t0, tMult, etaMin)
        | CyclicLR c -> Kinds.CyclicLR.compile c
        | OneCycleLR c -> Kinds.OneCycleLR.compile (c, bounds)
        | WarmUp(steps, ls) -> Kinds.WarmUp.compile (steps, ls)
        | ReduceLROnPlateau c -> Kinds.ReduceLROnPlateau.compile c
        | SequentialLR(cs, milestones) -> Kinds.SequentialLR.compile (version, children cs, milestones)
        | ChainedScheduler cs -> Kinds.ChainedScheduler.compile (version, children cs)
        | Curve c -> Kinds.Curve.compile c
        | GetReduceOnPlateauSchedule c -> Kinds.HuggingFace.GetReduceOnPlateauSchedule.compile c
        | GreedyLR c -> Kinds.HuggingFace.GreedyLR.compile c
        | GetScheduler(name, w, t, lr, c) ->
            Kinds.HuggingFace.GetScheduler.compile (name, w, t, lr, compileIn version bounds c)
        | KerasReduceLROnPlateau c -> Kinds.Keras.ReduceLROnPlateau.compile c
        | OptaxReduceOnPlateau c -> Kinds.Optax.ReduceOnPlateau.compile c
        | TimmScheduler(c, lrScale) -> Kinds.Timm.Scheduler.compile (c, lrScale)
        | TimmPlateauLRScheduler c -> Kinds.Timm.PlateauLRScheduler.compile c

    /// The node of a configuration for the PyTorch version it reproduces.
    let nodeFor (version: PyTorchVersion) (config: Config) : Node =
        compileIn version (boundsWritten version config) config

    /// The node of a configuration for the default PyTorch version (facts that no version changes: its kind, its
    /// arguments, whether it watches a metric).
    let node (config: Config) : Node =
        nodeFor PyTorchVersion.defaultVersion config

    /// Each kind's description (its page and HTML line) and its reader of JSON configurations, registered by the
    /// description's name; composites read their children with `read`.
    let private readers (read: string -> JsonElement -> Config) : (Description * (ArgReader -> Config)) list = [
        Kinds.LambdaLR.description, (fun r -> LambdaLR(Kinds.LambdaLR.parse r))
        Kinds.MultiplicativeLR.description, (fun r -> MultiplicativeLR(Kinds.MultiplicativeLR.parse r))
        Kinds.StepLR.description, (fun r -> let a, b = Kinds.StepLR.parse r in StepLR(a, b))
        Kinds.MultiStepLR.description, (fun r -> let a, b = Kinds.MultiStepLR.parse r in MultiStepLR(a, b))
        Kinds.ConstantLR.description, (fun r -> let a, b = Kinds.ConstantLR.parse r in ConstantLR(a, b))
        Kinds.LinearLR.description, (fun r -> let a, b, c = Kinds.LinearLR.parse r in LinearLR(a, b, c))
        Kinds.ExponentialLR.description, (fun r -> ExponentialLR(Kinds.ExponentialLR.parse r))
        Kinds.PolynomialLR.description, (fun r -> let a, b = Kinds.PolynomialLR.parse r in PolynomialLR(a, b))
        Kinds.CosineAnnealingLR.description,
        (fun r -> let a, b = Kinds.CosineAnnealingLR.parse r in CosineAnnealingLR(a, b))
        Kinds.CosineAnnealingWarmRestarts.description,
        (fun r -> let a, b, c = Kinds.CosineAnnealingWarmRestarts.parse r in CosineAnnealingWarmRestarts(a, b, c))
        Kinds.CyclicLR.description, (fun r -> CyclicLR(Kinds.CyclicLR.parse r))
        Kinds.OneCycleLR.description, (fun r -> OneCycleLR(Kinds.OneCycleLR.parse r))
        Kinds.WarmUp.description, (fun r -> let a, b = Kinds.WarmUp.parse r in WarmUp(a, b))
        Kinds.ReduceLROnPlateau.description, (fun r -> ReduceLROnPlateau(Kinds.ReduceLROnPlateau.parse r))
        Kinds.SequentialLR.description, (fun r -> let a, b = Kinds.SequentialLR.parse read r in SequentialLR(a, b))
        Kinds.ChainedScheduler.description, (fun r -> ChainedScheduler(Kinds.ChainedScheduler.parse read r))
        Kinds.HuggingFace.GetReduceOnPlateauSchedule.description,
        (fun r -> GetReduceOnPlateauSchedule(Kinds.HuggingFace.GetReduceOnPlateauSchedule.parse r))
        Kinds.HuggingFace.GreedyLR.description, (fun r -> GreedyLR(Kinds.HuggingFace.GreedyLR.parse r))
        Kinds.HuggingFace.GetScheduler.description,
        (fun r -> GetScheduler(Kinds.HuggingFace.GetScheduler.parse read "" r))
        Kinds.Keras.ReduceLROnPlateau.description,
        (fun r -> KerasReduceLROnPlateau(Kinds.Keras.ReduceLROnPlateau.parse r))
        Kinds.Optax.ReduceOnPlateau.description, (fun r -> OptaxReduceOnPlateau(Kinds.Optax.ReduceOnPlateau.parse r))
        Kinds.Timm.CosineLRScheduler.description,
        (fun r -> Kinds.Timm.Scheduler.read Kinds.Timm.CosineLRScheduler.parse r |> TimmScheduler)
        Kinds.Timm.TanhLRScheduler.description,
        (fun r -> Kinds.Timm.Scheduler.read Kinds.Timm.TanhLRScheduler.parse r |> TimmScheduler)
        Kinds.Timm.PolyLRScheduler.description,
        (fun r -> Kinds.Timm.Scheduler.read Kinds.Timm.PolyLRScheduler.parse r |> TimmScheduler)
        Kinds.Timm.StepLRScheduler.description,
        (fun r -> Kinds.Timm.Scheduler.read Kinds.Timm.StepLRScheduler.parse r |> TimmScheduler)
        Kinds.Timm.MultiStepLRScheduler.description,
        (fun r ->
            Kinds.Timm.Scheduler.read Kinds.Timm.MultiStepLRScheduler.parse r
            |> TimmScheduler)
        Kinds.Timm.PlateauLRScheduler.description,
        (fun r -> TimmPlateauLRScheduler(Kinds.Timm.PlateauLRScheduler.parse r))
    ]

    /// A configuration from its JSON object; `path` prefixes field names in messages.
    let rec read (path: string) (e: JsonElement) : Config =
        if e.ValueKind <> JsonValueKind.Object then
            raise (
                ArgumentException(
                    sprintf
                        "%s must be a JSON object, but got %s."
                        (if path = "" then "The configuration" else path.TrimEnd '.')
                        (e.GetRawText()),
                    "json"
                )
            )

        let kind =
            match e.TryGetProperty "kind" with
            | true, k when k.ValueKind = JsonValueKind.String -> k.GetString()
            | _ -> raise (ArgumentException(sprintf "%skind is required: the name of the scheduler." path, "kind"))

        let table = readers read

        let parse =
            match table |> List.tryFind (fun (d, _) -> d.Name = kind) with
            | Some(_, parse) -> Some parse
            | None -> Curves.tryReader kind |> Option.map (fun parse r -> Curve(parse r))

        match parse with
        | Some parse ->
            let config = parse (ArgReader(e, path))
            let known = (node config).Args |> List.map _.Name |> Set.ofList |> Set.add "kind"

            for p in e.EnumerateObject() do
                // null is an argument left out (Python's None), which takes its default.
                if p.Value.ValueKind <> JsonValueKind.Null && not (known.Contains p.Name) then
                    raise (
                        ArgumentException(
                            sprintf
                                "%s%s is not an argument of %s (its arguments: %s)."
                                path
                                p.Name
                                kind
                                (known |> Set.remove "kind" |> String.concat ", "),
                            p.Name
                        )
                    )

            config
        | None ->
            raise (
                ArgumentException(
                    sprintf
                        "%skind \"%s\" is not a scheduler this library knows (%s)."
                        path
                        kind
                        (table |> List.map (fun (d, _) -> d.Name) |> String.concat ", "),
                    "kind"
                )
            )

    /// Every kind's description, the curves' after the kinds': what docs/schedulers and HTML tables show.
    let descriptions: Description list =
        (readers read |> List.map fst) @ Curves.descriptions

    /// How functions are written: placeholders (checkpoints, tables) or their registered names (JSON configurations).
    type FunctionStyle =
        | Placeholders
        | Names

    let private writeFunction (style: FunctionStyle) (param: string) (w: Utf8JsonWriter) (f: obj) =
        match style, Functions.describe f with
        | Placeholders, _ -> w.WriteStringValue "function"
        | Names, Some(name, args) ->
            w.WriteStartObject()
            w.WriteString("fn", name)

            for a, v in args do
                w.WritePropertyName a
                Json.writeNumber w v

            w.WriteEndObject()
        | Names, None ->
            raise (
                ArgumentException(
                    sprintf
                        "%s holds a function that has no name, so the configuration cannot be written as JSON: build it with Functions.register (or a built-in such as Functions.gammaPow)."
                        param,
                    param
                )
            )

    let rec writeNode (style: FunctionStyle) (w: Utf8JsonWriter) (n: Node) =
        w.WriteStartObject()
        w.WriteString("kind", n.Kind)
        writeArgs style w n.Args
        w.WriteEndObject()

    and private writeArgs (style: FunctionStyle) (w: Utf8JsonWriter) (args: Arg list) =
        for a in args do
            w.WritePropertyName a.Name

            match a.Value with
            | IntArg i -> w.WriteNumberValue i
            | FloatArg f -> Json.writeNumber w f
            | BoolArg b -> w.WriteBooleanValue b
            | NameArg(name, _) -> w.WriteStringValue name
            | IntsArg is ->
                w.WriteStartArray()

                for i in is do
                    w.WriteNumberValue i

                w.WriteEndArray()
            | GroupsArg(All v) -> Json.writeNumber w v
            | GroupsArg(Each vs) -> Json.writeNumbers w vs
            | FunctionsArg(All f) -> writeFunction style a.Name w f
            | FunctionsArg(Each fs) ->
                match style with
                | Placeholders -> w.WriteStringValue(sprintf "%d functions" (List.length fs))
                | Names ->
                    w.WriteStartArray()

                    fs
                    |> List.iteri (fun i f -> writeFunction style (sprintf "%s[%d]" a.Name i) w f)

                    w.WriteEndArray()
            | NoneArg -> w.WriteStringValue "none"
            | ChildrenArg nodes ->
                w.WriteStartArray()

                for child in nodes do
                    writeNode style w child

                w.WriteEndArray()
            | KeywordArgs args ->
                w.WriteStartObject()
                writeArgs style w args
                w.WriteEndObject()
            | ScalesArg ss ->
                w.WriteStartObject()

                for step, scale in ss do
                    w.WritePropertyName(string step)
                    Json.writeNumber w scale

                w.WriteEndObject()

    let toText (indented: bool) (write: Utf8JsonWriter -> unit) =
        use stream = new MemoryStream()

        do
            use w = new Utf8JsonWriter(stream, JsonWriterOptions(Indented = indented))
            write w

        Encoding.UTF8.GetString(stream.ToArray())

    /// The configuration as compact JSON, functions as placeholders: what checkpoints record and tables show.
    let describe (n: Node) =
        toText false (fun w -> writeNode Placeholders w n)

    let private sameNumber (a: float) (e: JsonElement) =
        match Json.tryNumber e with
        | ValueSome b -> BitConverter.DoubleToInt64Bits a = BitConverter.DoubleToInt64Bits b
        | ValueNone -> false

    let private sameInt (a: int) (e: JsonElement) =
        e.ValueKind = JsonValueKind.Number
        && (match e.TryGetInt32() with
            | true, b -> a = b
            | _ -> false)

    let private sameArray (e: JsonElement) (count: int) (item: int -> JsonElement -> bool) =
        e.ValueKind = JsonValueKind.Array
        && e.GetArrayLength() = count
        && (e.EnumerateArray() |> Seq.mapi item |> Seq.forall id)

    /// Whether a default is the configured value (bit for bit).
    let private sameValue (a: ArgValue) (b: ArgValue) =
        match a, b with
        | IntArg x, IntArg y -> x = y
        | FloatArg x, FloatArg y -> BitConverter.DoubleToInt64Bits x = BitConverter.DoubleToInt64Bits y
        | BoolArg x, BoolArg y -> x = y
        | NameArg(x, _), NameArg(y, _) -> x = y
        | GroupsArg(All x), GroupsArg(All y) -> BitConverter.DoubleToInt64Bits x = BitConverter.DoubleToInt64Bits y
        | NoneArg, NoneArg -> true
        | _ -> false

    /// Whether a saved argument is the configured one: numbers bit for bit, modes by name (or format 1's name),
    /// functions by shape only (they are not saved as code).
    let rec private sameArg (value: ArgValue) (e: JsonElement) =
        match value with
        | IntArg i -> sameInt i e
        | FloatArg f -> sameNumber f e
        | BoolArg b ->
            (e.ValueKind = JsonValueKind.True && b)
            || (e.ValueKind = JsonValueKind.False && not b)
        | NameArg(name, legacy) ->
            e.ValueKind = JsonValueKind.String
            && (e.GetString() = name || e.GetString() = legacy)
        | IntsArg is -> sameArray e is.Length (fun k x -> sameInt is.[k] x)
        | GroupsArg(All v) -> sameNumber v e
        | GroupsArg(Each vs) -> sameArray e vs.Length (fun k x -> sameNumber vs.[k] x)
        | FunctionsArg(All _) -> e.ValueKind = JsonValueKind.String || e.ValueKind = JsonValueKind.Object
        | FunctionsArg(Each fs) ->
            (e.ValueKind = JsonValueKind.String
             && e.GetString() = sprintf "%d functions" fs.Length)
            || (e.ValueKind = JsonValueKind.Array && e.GetArrayLength() = fs.Length)
        | NoneArg -> e.ValueKind = JsonValueKind.String && e.GetString() = "none"
        | ChildrenArg nodes -> sameArray e nodes.Length (fun k x -> (mismatch nodes.[k] x).IsNone)
        | KeywordArgs args -> e.ValueKind = JsonValueKind.Object && (mismatchArgs "" args e).IsNone
        | ScalesArg ss ->
            e.ValueKind = JsonValueKind.Object
            && (let saved = [ for p in e.EnumerateObject() -> p.Name, p.Value ]

                saved.Length = ss.Length
                && List.forall2 (fun (step, scale) (name, v) -> name = string step && sameNumber scale v) ss saved)

    /// Where a saved configuration differs from the node's, if it does. An argument the saved one lacks must have
    /// its default here (it was added after the save).
    and mismatch (n: Node) (saved: JsonElement) : string option =
        if saved.ValueKind <> JsonValueKind.Object then
            Some "the saved configuration is not an object"
        else
            match saved.TryGetProperty "kind" with
            | true, k when k.ValueKind = JsonValueKind.String && k.GetString() = n.Kind ->
                mismatchArgs n.Kind n.Args saved
            | true, k -> Some(sprintf "the saved configuration is a %s, not a %s" (k.GetRawText()) n.Kind)
            | _ -> Some(sprintf "the saved configuration has no kind, where a %s was expected" n.Kind)

    /// Where saved arguments (beside "kind") differ from these, if they do.
    and private mismatchArgs (owner: string) (args: Arg list) (saved: JsonElement) : string option =
        let names = args |> List.map _.Name |> Set.ofList |> Set.add "kind"

        let extra =
            saved.EnumerateObject() |> Seq.tryFind (fun p -> not (names.Contains p.Name))

        match extra with
        | Some p -> Some(sprintf "%s has no argument %s" owner p.Name)
        | None ->
            args
            |> List.tryPick (fun a ->
                match saved.TryGetProperty a.Name with
                | true, v when sameArg a.Value v -> None
                | true, v -> Some(sprintf "%s.%s was %s" owner a.Name (v.GetRawText()))
                | _ ->
                    let fallback =
                        match a.Default with
                        | ValueSome d -> sameValue d a.Value
                        | ValueNone -> false

                    if fallback then
                        None
                    else
                        Some(sprintf "%s.%s is missing" owner a.Name))

/// <summary>Facts about configurations, and configurations as JSON.</summary>
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Config =

    /// <summary>The class name of the configuration's scheduler (PyTorch's; celldetection's for WarmUp).</summary>
    [<CompiledName("Kind")>]
    let kind config = (Compile.node config).Kind

    /// <summary>Whether the scheduler, or one inside it, watches a metric (ReduceLROnPlateau).</summary>
    [<CompiledName("WatchesMetric")>]
    let watchesMetric config = (Compile.node config).WatchesMetric

    /// <summary>Whether the scheduler, or one inside it, cycles momentum (CyclicLR, OneCycleLR with CycleMomentum).</summary>
    [<CompiledName("CyclesMomentum")>]
    let cyclesMomentum config = (Compile.node config).CyclesMomentum

    /// <summary>The configuration as a JSON document: <c>{"kind": "StepLR", "stepSize": 30, "gamma": 0.1}</c>,
    /// modes by PyTorch's names, functions by their registered names (see <c>Functions</c>), composites nested.
    /// A function without a name raises an ArgumentException naming the parameter.</summary>
    [<CompiledName("ToJson")>]
    let toJson (config: Config) : string =
        Validate.notNull "config" (box config)
        Compile.toText true (fun w -> Compile.writeNode Compile.Names w (Compile.node config))

    /// A configuration and the PyTorch version named beside it at the top level (`"pytorch": "1.13"`, which
    /// `Scheduler.toJson` writes), if it is.
    let internal ofVersionedJson (json: string) : Config * PyTorchVersion option =
        Validate.notNull "json" (box json)

        let doc =
            try
                JsonDocument.Parse(json, JsonDocumentOptions(MaxDepth = 256))
            with :? JsonException as e ->
                raise (FormatException(sprintf "The configuration is not valid JSON (%s)" e.Message))

        use doc = doc
        let root = doc.RootElement

        let version, root =
            match root.ValueKind with
            | JsonValueKind.Object ->
                match root.TryGetProperty "pytorch" with
                | true, v ->
                    let version =
                        match v.ValueKind with
                        | JsonValueKind.String -> Some(PyTorchVersion.parse "pytorch" (v.GetString()))
                        // null is a field left out, as for arguments.
                        | JsonValueKind.Null -> None
                        | _ ->
                            raise (
                                ArgumentException(
                                    sprintf
                                        "pytorch must be a string, \"2.x\" or \"1.13\", but got %s."
                                        (v.GetRawText()),
                                    "pytorch"
                                )
                            )

                    let rest = Nodes.JsonObject.Create root
                    rest.Remove "pytorch" |> ignore
                    version, JsonSerializer.SerializeToElement rest
                | _ -> None, root
            | _ -> None, root

        let config = Compile.read "" root
        (Compile.node config).Validate()
        config, version

    /// <summary>A configuration from a JSON document written by <c>toJson</c> (or by hand: arguments left out take
    /// their defaults). Raises the constructors' ArgumentException, naming the field, for an invalid value, an
    /// unknown kind or argument, or an unknown function name; a text that is not JSON raises a FormatException.
    /// A configuration holds no PyTorch version: a document that names one other than the default
    /// (<c>"pytorch": "1.13"</c>, as <c>Scheduler.toJson</c> writes for a 1.13 scheduler) is refused with an
    /// ArgumentException naming <c>pytorch</c>; read it with <c>Scheduler.ofJson</c>.</summary>
    [<CompiledName("OfJson")>]
    let ofJson (json: string) : Config =
        match ofVersionedJson json with
        | config, None -> config
        | config, Some version when version = PyTorchVersion.defaultVersion -> config
        | _, Some version ->
            raise (
                ArgumentException(
                    sprintf
                        "json names PyTorch %s (\"pytorch\"), which belongs to a scheduler, not to its configuration: read it with Scheduler.ofJson (C#: Schedule.FromJson), which builds the scheduler for that version."
                        (PyTorchVersion.name version),
                    "pytorch"
                )
            )
