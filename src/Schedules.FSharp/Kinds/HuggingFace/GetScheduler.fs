/// <summary>Hugging Face's <c>get_scheduler(name, optimizer, num_warmup_steps=None, num_training_steps=None,
/// scheduler_specific_kwargs=None)</c>: the schedule named by a <c>SchedulerType</c>, built with the arguments
/// Hugging Face hands it.</summary>
[<RequireQualifiedAccess>]
module internal Schedules.Kinds.HuggingFace.GetScheduler

open System
open System.Text.Json
open System.Text.Json.Nodes
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let Name = "hf.get_scheduler"

/// What a scheduler type takes from get_scheduler's arguments.
type private Takes =
    /// Nothing (constant).
    | Nothing
    /// The kwargs only (plateau, greedy).
    | KwargsOnly
    /// num_warmup_steps only; kwargs silently dropped (constant_with_warmup).
    | WarmupOnly
    /// num_warmup_steps and the kwargs (inverse_sqrt).
    | WarmupAndKwargs
    /// num_warmup_steps, num_training_steps if given, and the kwargs (warmup_stable_decay).
    | WarmupMaybeTotalAndKwargs
    /// num_warmup_steps, num_training_steps and the kwargs; reads optimizer.defaults["lr"] where flagged.
    | WarmupTotalAndKwargs of ReadsOptimizerLr: bool

/// Hugging Face's SchedulerType values, each with the function it names (TYPE_TO_SCHEDULER_FUNCTION).
let private types = [
    "linear", GetLinearScheduleWithWarmup.Name, WarmupTotalAndKwargs false
    "cosine", GetCosineScheduleWithWarmup.Name, WarmupTotalAndKwargs false
    "cosine_with_restarts", GetCosineWithHardRestartsScheduleWithWarmup.Name, WarmupTotalAndKwargs false
    "polynomial", GetPolynomialDecayScheduleWithWarmup.Name, WarmupTotalAndKwargs true
    "constant", GetConstantSchedule.Name, Nothing
    "constant_with_warmup", GetConstantScheduleWithWarmup.Name, WarmupOnly
    "inverse_sqrt", GetInverseSqrtSchedule.Name, WarmupAndKwargs
    "reduce_lr_on_plateau", GetReduceOnPlateauSchedule.Name, KwargsOnly
    "cosine_with_min_lr", GetCosineWithMinLrScheduleWithWarmup.Name, WarmupTotalAndKwargs true
    "cosine_warmup_with_min_lr", GetCosineWithMinLrScheduleWithWarmupLrRate.Name, WarmupTotalAndKwargs true
    "warmup_stable_decay", GetWsdSchedule.Name, WarmupMaybeTotalAndKwargs
    "greedy", GreedyLR.Name, KwargsOnly
]

/// The SchedulerType names, in Hugging Face's order.
let names = types |> List.map (fun (n, _, _) -> n)

/// The arguments get_scheduler passes on itself, which scheduler_specific_kwargs cannot hold.
let private own = [ "num_warmup_steps"; "num_training_steps"; "optimizer_lr" ]

/// The configuration of the named schedule, as JSON for its kind's reader: get_scheduler's dispatch, in Hugging
/// Face's order of checks.
let arguments
    (name: string)
    (numWarmupSteps: int option)
    (numTrainingSteps: int option)
    (optimizerLr: float option)
    (kwargs: JsonObject option)
    : JsonObject =
    let kind, takes =
        match types |> List.tryFind (fun (n, _, _) -> n = name) with
        | Some(_, kind, takes) -> kind, takes
        | None ->
            raise (
                ArgumentException(
                    sprintf
                        "name '%s' is not a valid SchedulerType (one of %s)."
                        (if isNull name then "null" else name)
                        (String.concat ", " names),
                    "name"
                )
            )

    let config = JsonObject()
    config.Add("kind", JsonValue.Create kind)

    let addKwargs () =
        match kwargs with
        | Some k ->
            for p in k do
                if List.contains p.Key own then
                    raise (
                        ArgumentException(
                            sprintf
                                "scheduler_specific_kwargs must not hold %s: get_scheduler passes it itself (Hugging Face raises a TypeError)."
                                p.Key,
                            "scheduler_specific_kwargs"
                        )
                    )

                config.Add(p.Key, (if isNull p.Value then null else p.Value.DeepClone()))
        | None -> ()

    let warmup () =
        match numWarmupSteps with
        | Some w -> config.Add("num_warmup_steps", JsonValue.Create w)
        | None ->
            raise (
                ArgumentException(
                    sprintf "%s requires num_warmup_steps, but it was not given." name,
                    "num_warmup_steps"
                )
            )

    let total required =
        match numTrainingSteps with
        | Some t -> config.Add("num_training_steps", JsonValue.Create t)
        | None when required ->
            raise (
                ArgumentException(
                    sprintf "%s requires num_training_steps, but it was not given." name,
                    "num_training_steps"
                )
            )
        | None -> ()

    match takes with
    | Nothing -> ()
    | KwargsOnly -> addKwargs ()
    | WarmupOnly -> warmup ()
    | WarmupAndKwargs ->
        warmup ()
        addKwargs ()
    | WarmupMaybeTotalAndKwargs ->
        warmup ()
        total false
        addKwargs ()
    | WarmupTotalAndKwargs readsLr ->
        warmup ()
        total true
        addKwargs ()

        match optimizerLr with
        | Some lr when readsLr -> config.Add("optimizer_lr", JsonValue.Create lr)
        | _ -> ()

    config

/// A number as JSON (NaN and the infinities as the strings the readers accept).
let number (v: float) : JsonNode =
    if Double.IsFinite v then JsonValue.Create v
    elif Double.IsNaN v then JsonValue.Create "NaN"
    elif v > 0.0 then JsonValue.Create "Infinity"
    else JsonValue.Create "-Infinity"

/// A keyword argument given from .NET as JSON: a number, a string, a boolean, a list of numbers, or null (left out,
/// the default).
let rec keywordValue (key: string) (value: obj) : JsonNode =
    match value with
    | null -> null
    | :? int as i -> JsonValue.Create i
    | :? int64 as i -> JsonValue.Create i
    | :? float as f -> number f
    | :? float32 as f -> number (float f)
    | :? decimal as d -> JsonValue.Create d
    | :? string as s -> JsonValue.Create s
    | :? bool as b -> JsonValue.Create b
    | :? System.Collections.IEnumerable as items ->
        let array = JsonArray()

        for item in items do
            array.Add(keywordValue key item)

        array :> JsonNode
    | v ->
        raise (
            ArgumentException(
                sprintf
                    "schedulerSpecificKwargs[%s] must be a number, a string, a boolean or a list of numbers, but got a %s."
                    key
                    (v.GetType().Name),
                "schedulerSpecificKwargs"
            )
        )

/// Reads a get_scheduler configuration: its own arguments, and the named schedule read by `read`.
let parse (read: string -> JsonElement -> 'C) (path: string) (r: ArgReader) =
    let name = r.NameOr("name", id, null)

    if isNull name then
        ArgReading.fail path "name" "is required: the SchedulerType, such as \"linear\" or \"cosine\"."

    let kwargs =
        match r.Element.TryGetProperty "scheduler_specific_kwargs" with
        | true, k when k.ValueKind = JsonValueKind.Object -> Some(JsonObject.Create k)
        | true, k when k.ValueKind = JsonValueKind.Null -> None
        | true, k ->
            ArgReading.fail
                path
                "scheduler_specific_kwargs"
                (sprintf "must be an object of keyword arguments, but got %s." (k.GetRawText()))
        | _ -> None

    let w = r.IntOption "num_warmup_steps"
    let t = r.IntOption "num_training_steps"
    let lr = r.FloatOption "optimizer_lr"
    let config = arguments name w t lr kwargs
    use doc = JsonDocument.Parse(config.ToJsonString())
    name, w, t, lr, read (path + "scheduler_specific_kwargs.") doc.RootElement

/// The named schedule's node under get_scheduler's name and arguments; scheduler_specific_kwargs are the named
/// schedule's own arguments beside the ones get_scheduler passes itself.
let compile
    (name: string, numWarmupSteps: int option, numTrainingSteps: int option, optimizerLr: float option, scheduler: Node)
    : Node =
    let kwargs = scheduler.Args |> List.filter (fun a -> not (List.contains a.Name own))

    {
        scheduler with
            Kind = Name
            Args = [
                Arg.required "name" (NameArg(name, name))
                yield!
                    numWarmupSteps
                    |> Option.map (fun w -> Arg.required "num_warmup_steps" (IntArg w))
                    |> Option.toList
                yield!
                    numTrainingSteps
                    |> Option.map (fun t -> Arg.required "num_training_steps" (IntArg t))
                    |> Option.toList
                yield!
                    optimizerLr
                    |> Option.map (fun l -> Arg.required "optimizer_lr" (FloatArg l))
                    |> Option.toList
                Arg.required "scheduler_specific_kwargs" (KeywordArgs kwargs)
            ]
    }

/// Its page in docs/schedulers and its line in HTML tables.
let description: Description = {
    Name = Name
    Formula =
        "the schedule named by name (a SchedulerType: linear, cosine, cosine_with_restarts, polynomial, constant, constant_with_warmup, inverse_sqrt, reduce_lr_on_plateau, cosine_with_min_lr, cosine_warmup_with_min_lr, warmup_stable_decay, greedy), built with num_warmup_steps, num_training_steps and scheduler_specific_kwargs as Hugging Face hands them on."
    Origin = "Hugging Face transformers"
    Source =
        "`get_scheduler(\"cosine_with_restarts\", optimizer, num_warmup_steps=5, num_training_steps=35, scheduler_specific_kwargs={\"num_cycles\": 3})`"
    FSharp = "`HuggingFace.GetScheduler(\"cosine_with_restarts\", 5, 35, dict [ \"num_cycles\", box 3 ])`"
    Differences =
        "Hugging Face's dispatch, kept: constant ignores every other argument; reduce_lr_on_plateau and greedy take only the kwargs; constant_with_warmup drops the kwargs silently; warmup_stable_decay may go without num_training_steps when the kwargs hold num_stable_steps; the others require num_warmup_steps and num_training_steps (refused, naming the argument, when missing). An unknown name is refused naming name. optimizer_lr stands for the optimizer's default lr, which the polynomial and min-lr schedules read. Layer-wise dummy optimizers (one scheduler per parameter) have no counterpart."
    Example =
        """{"kind": "hf.get_scheduler", "name": "cosine_with_restarts", "num_warmup_steps": 5, "num_training_steps": 35, "scheduler_specific_kwargs": {"num_cycles": 3}}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
