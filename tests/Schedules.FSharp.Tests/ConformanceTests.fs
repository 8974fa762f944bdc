/// Golden traces recorded from real PyTorch and the families' own code (the repository's tests/conformance, or
/// SCHEDULES_CONFORMANCE_DIR): every value must be bit-identical.
module Schedules.Tests.ConformanceTests

open System
open System.IO
open System.Text.Json
open System.Text.Json.Nodes
open Expecto
open Schedules
open Schedules.Tests.Support

let private number (e: JsonElement) =
    match e.ValueKind with
    | JsonValueKind.String ->
        match e.GetString() with
        | "NaN" -> nan
        | "Infinity" -> infinity
        | "-Infinity" -> -infinity
        | s -> failwithf "not a number: %s" s
    | _ -> e.GetDouble()

let private tryProp (name: string) (e: JsonElement) =
    match e.TryGetProperty name with
    | true, v when v.ValueKind <> JsonValueKind.Null -> Some v
    | _ -> None

/// An integer argument: PyTorch refuses 2.0 where it wants an int, and so does this loader.
let private integer (name: string) (v: JsonElement) =
    match v.TryGetInt32() with
    | true, i -> i
    | _ -> raise (ArgumentException(sprintf "%s must be an integer, but got %s." name (v.GetRawText()), name))

let private required name (e: JsonElement) =
    match tryProp name e with
    | Some v -> v
    | None -> raise (ArgumentException(sprintf "%s is required." name, name))

let private requiredInt name e = integer name (required name e)

let private floatOr name d e =
    tryProp name e |> Option.map number |> Option.defaultValue d

let private intOr name d e =
    tryProp name e |> Option.map (integer name) |> Option.defaultValue d

let private boolOr name d e =
    tryProp name e |> Option.map (fun v -> v.GetBoolean()) |> Option.defaultValue d

let private strOr name (d: string) e =
    tryProp name e |> Option.map (fun v -> v.GetString()) |> Option.defaultValue d

let private groupsOr name d e =
    match tryProp name e with
    | Some v when v.ValueKind = JsonValueKind.Array -> Each [ for x in v.EnumerateArray() -> number x ]
    | Some v -> All(number v)
    | None -> d

/// The named lr_lambda vocabulary of the conformance README.
let private lambda (e: JsonElement) : int -> float =
    match e.GetProperty("fn").GetString() with
    | "gamma_pow" ->
        let g = number (e.GetProperty "gamma")
        fun epoch -> Math.Pow(g, float epoch)
    | "const" ->
        let v = number (e.GetProperty "value")
        fun _ -> v
    | "inv_sqrt" ->
        let o = number (e.GetProperty "offset")
        fun epoch -> 1.0 / Math.Sqrt(float epoch + o)
    | other -> failwithf "unknown lr_lambda %s" other

let private lambdas (e: JsonElement) =
    if e.ValueKind = JsonValueKind.Array then
        Each [ for x in e.EnumerateArray() -> lambda x ]
    else
        All(lambda e)

/// A conformance spec as a configuration, PyTorch's defaults filling what the spec leaves out. A plateau spec
/// without warmup is PyTorch's class (no grace period) on its own, and celldetection's (warmup 1) inside a
/// composite: PyTorch's SequentialLR and ChainedScheduler refuse a plateau child, only the seed's forwards a metric.
let rec private configWith (plateauWarmup: int) (spec: JsonElement) : Config =
    match spec.GetProperty("type").GetString() with
    | "LambdaLR" -> LambdaLR(lambdas (required "lr_lambda" spec))
    | "MultiplicativeLR" -> MultiplicativeLR(lambdas (required "lr_lambda" spec))
    | "StepLR" -> StepLR(requiredInt "step_size" spec, floatOr "gamma" 0.1 spec)
    | "MultiStepLR" ->
        MultiStepLR(
            [
                for m in (required "milestones" spec).EnumerateArray() -> integer "milestones" m
            ]
            |> List.sort,
            floatOr "gamma" 0.1 spec
        )
    | "ConstantLR" -> ConstantLR(floatOr "factor" (1.0 / 3.0) spec, intOr "total_iters" 5 spec)
    | "LinearLR" ->
        LinearLR(floatOr "start_factor" (1.0 / 3.0) spec, floatOr "end_factor" 1.0 spec, intOr "total_iters" 5 spec)
    | "ExponentialLR" -> ExponentialLR(number (required "gamma" spec))
    | "PolynomialLR" -> PolynomialLR(intOr "total_iters" 5 spec, floatOr "power" 1.0 spec)
    | "CosineAnnealingLR" -> CosineAnnealingLR(requiredInt "T_max" spec, floatOr "eta_min" 0.0 spec)
    | "CosineAnnealingWarmRestarts" ->
        CosineAnnealingWarmRestarts(requiredInt "T_0" spec, intOr "T_mult" 1 spec, floatOr "eta_min" 0.0 spec)
    | "CyclicLR" ->
        CyclicLR {
            BaseLr = groupsOr "base_lr" (All 0.0) spec
            MaxLr = groupsOr "max_lr" (All 0.0) spec
            StepSizeUp = intOr "step_size_up" 2000 spec
            StepSizeDown = tryProp "step_size_down" spec |> Option.map (integer "step_size_down")
            Mode = Modes.parseCyclicMode (strOr "mode" "triangular" spec)
            Gamma = floatOr "gamma" 1.0 spec
            ScaleFn = tryProp "scale_fn" spec |> Option.map lambda
            ScaleMode = Modes.parseScaleMode (strOr "scale_mode" "cycle" spec)
            CycleMomentum = boolOr "cycle_momentum" true spec
            BaseMomentum = groupsOr "base_momentum" (All 0.8) spec
            MaxMomentum = groupsOr "max_momentum" (All 0.9) spec
        }
    | "OneCycleLR" ->
        let total =
            match tryProp "total_steps" spec with
            | Some t -> integer "total_steps" t
            | None ->
                match tryProp "epochs" spec, tryProp "steps_per_epoch" spec with
                | Some e, Some s ->
                    let e, s = integer "epochs" e, integer "steps_per_epoch" s

                    (Scheduler.config (LRScheduler.OneCycleLR(All 1.0, epochs = e, stepsPerEpoch = s))
                     |> function
                         | OneCycleLR c -> c.TotalSteps
                         | _ -> 0)
                | _ ->
                    raise (
                        ArgumentException("OneCycleLR needs total_steps, or epochs and steps_per_epoch.", "total_steps")
                    )

        OneCycleLR {
            MaxLr = groupsOr "max_lr" (All 0.0) spec
            TotalSteps = total
            PctStart = floatOr "pct_start" 0.3 spec
            AnnealStrategy = Modes.parseAnnealStrategy (strOr "anneal_strategy" "cos" spec)
            CycleMomentum = boolOr "cycle_momentum" true spec
            BaseMomentum = groupsOr "base_momentum" (All 0.85) spec
            MaxMomentum = groupsOr "max_momentum" (All 0.95) spec
            DivFactor = floatOr "div_factor" 25.0 spec
            FinalDivFactor = floatOr "final_div_factor" 1e4 spec
            ThreePhase = boolOr "three_phase" false spec
        }
    | "WarmUp" ->
        let steps = requiredInt "steps" spec

        match tryProp "lr_lambda" spec with
        | Some _ -> failwith "WarmUp cases use the default linear factor"
        | None -> ()

        Scheduler.config (LRScheduler.WarmUp steps)
    | "ReduceLROnPlateau" ->
        ReduceLROnPlateau {
            Mode = Modes.parsePlateauMode (strOr "mode" "min" spec)
            Factor = floatOr "factor" 0.1 spec
            Patience = intOr "patience" 10 spec
            Threshold = floatOr "threshold" 1e-4 spec
            ThresholdMode = Modes.parseThresholdMode (strOr "threshold_mode" "rel" spec)
            Cooldown = intOr "cooldown" 0 spec
            MinLr = groupsOr "min_lr" (All 0.0) spec
            Eps = floatOr "eps" 1e-8 spec
            Warmup = intOr "warmup" plateauWarmup spec
        }
    | "SequentialLR" ->
        SequentialLR(
            [ for c in (required "schedulers" spec).EnumerateArray() -> configWith 1 c ],
            [
                for m in (required "milestones" spec).EnumerateArray() -> integer "milestones" m
            ]
        )
    | "ChainedScheduler" ->
        ChainedScheduler [ for c in (required "schedulers" spec).EnumerateArray() -> configWith 1 c ]
    | other -> family other spec

/// A family's spec (`hf.get_inverse_sqrt_schedule`, ...) as the library's JSON configuration: `type` becomes `kind`,
/// the family's own argument names are the kind's, and a null (Python's None, the source's default) is left out, as
/// the format allows. A kind the library does not know fails the case, even one that expects an error: an unknown
/// kind is missing work, not a refusal.
and private family (kind: string) (spec: JsonElement) : Config =
    let config = JsonNode.Parse(spec.GetRawText()).AsObject()
    config.Remove "type" |> ignore

    for name in
        [
            for p in config do
                if isNull p.Value then
                    p.Key
        ] do
        config.Remove name |> ignore

    config.Insert(0, "kind", JsonValue.Create kind)

    // optax: join_schedules' child specs carry their own `type`; each becomes a `kind` the same way.
    if kind.StartsWith "optax." then
        optaxChildren config

    let json = config.ToJsonString()

    try
        Config.ofJson json
    with :? ArgumentException as e when e.ParamName = "kind" ->
        failwithf "type %s is not a kind this library knows yet (%s)" kind e.Message

/// optax's nested specs (join_schedules' `schedules`, at any depth): `type` becomes `kind`, nulls are left out.
and private optaxChildren (spec: JsonObject) =
    match spec.["schedules"] with
    | :? JsonArray as children ->
        for child in children do
            match child with
            | :? JsonObject as c ->
                match c.["type"] with
                | null -> ()
                | t ->
                    let kind = t.GetValue<string>()
                    c.Remove "type" |> ignore
                    c.Insert(0, "kind", JsonValue.Create kind)

                for name in
                    [
                        for p in c do
                            if isNull p.Value then
                                p.Key
                    ] do
                    c.Remove name |> ignore

                optaxChildren c
            | _ -> ()
    | _ -> ()

/// A conformance spec as a configuration (see configWith).
let config (spec: JsonElement) : Config = configWith 0 spec

let private rows (e: JsonElement) = [|
    for row in e.EnumerateArray() -> [| for v in row.EnumerateArray() -> number v |]
|]

/// Hugging Face's schedules that read the optimizer's default lr (`optimizer.defaults["lr"]`) take it as the
/// argument optimizer_lr: the case's `optimizer.lr`, else `base_lrs[0]` (the format's default).
let private withOptimizerLr (case: JsonElement) (spec: JsonElement) : JsonElement =
    match spec.GetProperty("type").GetString() with
    | "hf.get_polynomial_decay_schedule_with_warmup"
    | "hf.get_cosine_with_min_lr_schedule_with_warmup"
    | "hf.get_cosine_with_min_lr_schedule_with_warmup_lr_rate"
    | "hf.get_scheduler" ->
        let lr =
            match tryProp "optimizer" case |> Option.bind (tryProp "lr") with
            | Some lr -> number lr
            | None -> number ((required "base_lrs" case).[0])

        let withLr = JsonNode.Parse(spec.GetRawText()).AsObject()
        withLr.["optimizer_lr"] <- JsonValue.Create lr
        JsonDocument.Parse(withLr.ToJsonString()).RootElement.Clone()
    | _ -> spec

/// What the case's optimizer cycles (`optimizer`: SGD with momentum 0.9 unless it says otherwise) and the value it
/// holds before the scheduler is built.
let private optimizerMomentum (case: JsonElement) =
    match tryProp "optimizer" case with
    | Some o when strOr "type" "SGD" o = "Adam" ->
        let betas = required "betas" o
        Beta1, number (betas.[0])
    | Some o -> Momentum, floatOr "momentum" 0.9 o
    | None -> Momentum, 0.9

/// timm's stepping (the family README): trace step t calls step_update(t), then step(t / updates_per_epoch) when
/// t is a multiple of it; only the call matching t_in_epochs acts (PlateauLRScheduler: step). The library's step is
/// timm's t, so a per-epoch scheduler steps at the trace steps that end an epoch: this says after how many trace
/// steps one library step is taken (1 for everything else).
let private tracePerStep (case: JsonElement) =
    let spec = case.GetProperty "scheduler"
    let kind = spec.GetProperty("type").GetString()

    if kind.StartsWith "timm." then
        let perEpoch = kind = "timm.PlateauLRScheduler" || boolOr "t_in_epochs" true spec
        if perEpoch then intOr "updates_per_epoch" 1 case else 1
    else
        1

/// A timm case's spec with the case's per-group lr_scale (timm's param-group key) as the kind's lr_scale argument.
let private withLrScale (case: JsonElement) (spec: JsonElement) =
    match tryProp "lr_scale" case with
    | Some scale ->
        let node = JsonNode.Parse(spec.GetRawText()).AsObject()
        node.["lr_scale"] <- JsonNode.Parse(scale.GetRawText())
        JsonDocument.Parse(node.ToJsonString()).RootElement.Clone()
    | None -> spec

/// Builds and runs a case's spec for a PyTorch version: the scheduler is checked against the case's optimizer (as
/// the shell does when it binds one) and observes the case's metrics (NaN where a step-based case has none).
let runWith (version: PyTorchVersion) (case: JsonElement) =
    let spec = withLrScale case (withOptimizerLr case (case.GetProperty "scheduler"))

    let scheduler =
        Scheduler.createWatching (config spec) |> Scheduler.withPyTorch version

    Scheduler.checkMomentum scheduler (fst (optimizerMomentum case))

    // optax and Keras schedules have no optimizer: row t is [schedule(t)], a curve that ignores the base LR.
    let lrs =
        match tryProp "base_lrs" case with
        | Some b -> GroupValues.ofSeq [ for v in b.EnumerateArray() -> number v ]
        | None -> GroupValues.ofList [ 1.0 ]

    let steps = case.GetProperty("steps").GetInt32()
    let every = tracePerStep case

    let metrics =
        match tryProp "metrics" case with
        | Some m -> [ for v in m.EnumerateArray() -> number v ] |> List.truncate steps
        | None -> List.replicate steps nan

    // The metric of trace step t (1-based) is metrics[t-1]; a library step is taken at every `every`-th one.
    let taken =
        metrics
        |> List.indexed
        |> List.filter (fun (i, _) -> (i + 1) % every = 0)
        |> List.map snd

    Scheduler.run scheduler lrs taken

/// The trace's LR rows as the case's rows: trace step t reads the library row of the steps taken by then.
let private caseRows (case: JsonElement) (trace: Trace) =
    let every = tracePerStep case
    let rows = lrRows trace
    let steps = case.GetProperty("steps").GetInt32()
    Array.init (steps + 1) (fun t -> rows.[t / every])

/// A case's spec run for the default PyTorch (2.x).
let run (case: JsonElement) =
    runWith PyTorchVersion.defaultVersion case

/// What a version must do with a case: give these LR (and momentum) rows, or refuse the spec at this step.
type private Expected =
    | Rows of Lrs: JsonElement * Momentum: JsonElement option
    /// At construction (0) or at a step; None: somewhere in the run (the 1.13 cases' expected_error).
    | Refused of Message: string * AtStep: int option

let private refusedAt
    (name: string)
    (version: PyTorchVersion)
    (case: JsonElement)
    (message: string)
    (atStep: int option)
    =
    let steps = case.GetProperty("steps").GetInt32()

    let failsAfter (steps: int) =
        let cut = JsonNode.Parse(case.GetRawText()).AsObject()
        cut["steps"] <- JsonValue.Create steps
        use doc = JsonDocument.Parse(cut.ToJsonString())

        try
            runWith version doc.RootElement |> ignore
            false
        with
        | :? ArgumentException
        | :? InvalidOperationException -> true

    Expect.isTrue
        (failsAfter (atStep |> Option.map (min steps) |> Option.defaultValue steps))
        (sprintf "%s: PyTorch %s refuses this spec (%s); so must we" name (PyTorchVersion.name version) message)

    match atStep with
    | Some k when k > 0 ->
        Expect.isFalse
            (failsAfter (k - 1))
            (sprintf "%s: PyTorch %s runs %d steps before refusing" name (PyTorchVersion.name version) (k - 1))
    | _ -> ()

let private expectRows (name: string) (version: PyTorchVersion) (case: JsonElement) lrs momentum =
    let label = sprintf "%s (PyTorch %s)" name (PyTorchVersion.name version)
    let trace = runWith version case
    expectSameRows label "LR" (rows lrs) (caseRows case trace)

    match momentum with
    | Some expected when boolOr "record_momentum" true case ->
        // A step that writes no momentum leaves the optimizer's: the one before, or the optimizer's own.
        let actual =
            trace.Rows
            |> Seq.scan
                (fun (held: float[]) o ->
                    match o.Momentum with
                    | Some m -> m.ToArray()
                    | None -> held)
                (Array.replicate (lrRows trace).[0].Length (snd (optimizerMomentum case)))
            |> Seq.tail
            |> Array.ofSeq

        expectSameRows label "momentum" (rows expected) actual
    | _ -> ()

/// The 1.13 outcome a case records: its own trace or refusal where the case comes from 2.x (`pytorch_1_13_*`),
/// else the case's (the 1.13 cases, where both versions agree). 1.13's TypeError for 2.x's
/// `ChainedScheduler(schedulers, optimizer)` is Python's signature, not a behaviour: the library's composites take no
/// optimizer in either version (the shell binds one to the whole scheduler), so where that is the case's only shape
/// the 1.13 mode gives the chain's numbers, as 1.13 does without the argument.
let private expected13 (case: JsonElement) (expected2: Expected) =
    let shapes =
        strOr "shape" "" case
        |> fun s -> s.Split('+', StringSplitOptions.RemoveEmptyEntries) |> List.ofArray

    match tryProp "pytorch_1_13_lrs" case, tryProp "pytorch_1_13_error" case with
    | Some lrs, _ -> Rows(lrs, tryProp "pytorch_1_13_momentum" case)
    | None, Some _ when shapes = [ "chain-opt" ] -> expected2
    | None, Some message -> Refused(message.GetString(), Some(intOr "pytorch_1_13_error_at_step" 0 case))
    | None, None -> expected2

let private caseTest (bothVersions: bool) (case: JsonElement) =
    let name = case.GetProperty("name").GetString()

    let expected2 =
        match tryProp "expected_error" case with
        | Some message -> Refused(message.GetString(), None)
        | None -> Rows(case.GetProperty "expected_lrs", tryProp "expected_momentum" case)

    let check version expected =
        match expected with
        | Rows(lrs, momentum) -> expectRows name version case lrs momentum
        | Refused(message, atStep) -> refusedAt name version case message atStep

    testList name [
        test "PyTorch 2.x" { check PyTorch2 expected2 }
        if bothVersions then
            test "PyTorch 1.13" { check PyTorch1_13 (expected13 case expected2) }
    ]

/// Where the cases are: SCHEDULES_CONFORMANCE_DIR, else the repository's tests/conformance (a folder per family).
let folder () =
    match Environment.GetEnvironmentVariable "SCHEDULES_CONFORMANCE_DIR" with
    | null
    | "" -> Path.Combine(DocsTests.root (), "tests", "conformance")
    | dir -> dir

/// Every *.json under the folder, at any depth and of any family, sorted; an error saying why when there is none.
let files () =
    try
        let dir = folder ()

        if not (Directory.Exists dir) then
            Error(
                sprintf
                    "No conformance folder at %s: the repository keeps its cases in tests/conformance; SCHEDULES_CONFORMANCE_DIR replaces that folder."
                    dir
            )
        else
            match Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories) |> Array.sort with
            | [||] -> Error(sprintf "No *.json in %s or its subfolders." dir)
            | found -> Ok(dir, found)
    with e ->
        Error e.Message

/// A file's cases, named by its path under the folder (pytorch/StepLR), or why it does not parse.
let private load (dir: string) (file: string) =
    let name =
        Path.ChangeExtension(Path.GetRelativePath(dir, file), null).Replace('\\', '/')

    let cases =
        try
            use doc = JsonDocument.Parse(File.ReadAllText file)

            Ok [
                for case in doc.RootElement.GetProperty("cases").EnumerateArray() -> case.Clone()
            ]
        with e ->
            Error(sprintf "%s is not a conformance file: %s" file e.Message)

    name, cases

let tests =
    let found =
        files ()
        |> Result.bind (fun (dir, files) ->
            let loaded = files |> Array.map (load dir)

            let count =
                loaded
                |> Array.sumBy (fun (_, cases) -> cases |> Result.map List.length |> Result.defaultValue 0)

            printfn "Conformance: %d cases in %d files under %s" count files.Length dir

            if count = 0 then
                let broken =
                    loaded
                    |> Array.choose (fun (_, cases) ->
                        match cases with
                        | Error message -> Some message
                        | Ok _ -> None)

                sprintf "No conformance case in the %d *.json files under %s." files.Length dir
                :: List.ofArray broken
                |> String.concat "\n"
                |> Error
            else
                Ok loaded)

    testList "Conformance" [
        test "the conformance folder holds cases" {
            match found with
            | Ok _ -> ()
            | Error message -> failtest message
        }
        match found with
        | Ok loaded ->
            for name, cases in loaded do
                match cases with
                | Ok cases ->
                    // PyTorch's cases run in both versions; the families' (built on 2.x's classes) in the default.
                    let bothVersions = name.StartsWith "pytorch/" || name.StartsWith "pytorch-2x/"
                    testList name [ for case in cases -> caseTest bothVersions case ]
                | Error message -> test name { failtest message }
        | Error _ -> ()
    ]
