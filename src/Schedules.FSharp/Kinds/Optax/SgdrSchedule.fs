/// <summary>optax's <c>sgdr_schedule(cosine_kwargs)</c>: warmup_cosine_decay_schedule cycles, one per element of
/// cosine_kwargs, each lasting its decay_steps, joined.</summary>
module Schedules.Kinds.Optax.SgdrSchedule

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "optax.sgdr_schedule"

/// A cycle's decay_steps: the cycle must be a warmup_cosine_decay_schedule (the one kind optax's cosine_kwargs make).
let private decaySteps (i: int) (cycle: Curve) =
    Validate.notNull (sprintf "cosine_kwargs[%d]" i) (box cycle)

    match cycle.Name, cycle.Args |> List.tryFind (fun (n, _) -> n = "decay_steps") with
    | WarmupCosineDecaySchedule.Name, Some(_, Integer steps) -> int64 steps
    | name, _ -> Validate.fail (sprintf "cosine_kwargs[%d]" i) name (sprintf "a %s" WarmupCosineDecaySchedule.Name)

let internal curve (cycles: Curve list) : Curve =
    Validate.notNull "cosine_kwargs" (box cycles)

    if List.isEmpty cycles then
        raise (ArgumentException("cosine_kwargs must hold at least one cycle, but is empty.", "cosine_kwargs"))

    // The boundaries are the running sums of decay_steps, the last one dropped.
    let boundaries =
        cycles
        |> List.mapi decaySteps
        |> List.scan (+) 0L
        |> List.tail
        |> List.truncate (cycles.Length - 1)

    if boundaries |> List.exists (fun b -> b > int64 Int32.MaxValue) then
        Validate.fail "cosine_kwargs" cycles.Length "cycles whose decay_steps add up to at most 2147483647"

    let join =
        JoinSchedules.value (cycles |> List.map _.Lr |> Array.ofList) (boundaries |> List.map int |> Array.ofList)

    {
        Name = Name
        Args = [ "cosine_kwargs", Curves cycles ]
        Lr = join
    }

/// cosine_kwargs: objects of warmup_cosine_decay_schedule's arguments (a "kind" naming it is allowed, as the
/// library writes them).
let internal parse (r: ArgReader) =
    let known =
        set [
            "kind"
            "init_value"
            "peak_value"
            "warmup_steps"
            "decay_steps"
            "end_value"
            "exponent"
        ]

    let read (path: string) (e: Text.Json.JsonElement) =
        if e.ValueKind <> Text.Json.JsonValueKind.Object then
            ArgReading.fail
                path
                ""
                (sprintf "must be an object of warmup_cosine_decay_schedule's arguments, but got %s." (e.GetRawText()))

        for p in e.EnumerateObject() do
            if not (known.Contains p.Name) then
                ArgReading.fail path p.Name "is not an argument of warmup_cosine_decay_schedule."

        match e.TryGetProperty "kind" with
        | true, k when
            k.ValueKind <> Text.Json.JsonValueKind.String
            || k.GetString() <> WarmupCosineDecaySchedule.Name
            ->
            ArgReading.fail
                path
                "kind"
                (sprintf "must be \"%s\" where given, but got %s." WarmupCosineDecaySchedule.Name (k.GetRawText()))
        | _ -> ()

        try
            WarmupCosineDecaySchedule.parse (ArgReader(e, path))
        with :? ArgumentOutOfRangeException as x ->
            raise (ArgumentException(sprintf "%s%s" path x.Message, path + x.ParamName))

    curve (r.Children("cosine_kwargs", read))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "join_schedules of warmup_cosine_decay_schedule(**kwargs) for each kwargs of cosine_kwargs, at the running sums of their decay_steps: each cycle warms up and decays on its own local time."
    Origin = "optax"
    Source =
        "`optax.sgdr_schedule([dict(init_value=0.0, peak_value=0.1, warmup_steps=3, decay_steps=15), dict(init_value=0.0, peak_value=0.05, warmup_steps=2, decay_steps=25, end_value=0.001)])`"
    FSharp =
        "`Optax.SgdrSchedule([ Optax.WarmupCosineDecaySchedule(0.0, 0.1, 3, 15); Optax.WarmupCosineDecaySchedule(0.0, 0.05, 2, 25, endValue = 0.001) ])`"
    Differences =
        "None in the rule. optax computes in float32, this library in float64: real optax output agrees to float32 precision. Each cycle is a warmup_cosine_decay_schedule, checked as one (decay_steps must exceed warmup_steps; in JSON the message names the cycle); an empty cosine_kwargs is refused (optax fails at the first step)."
    Example =
        """{"kind": "optax.sgdr_schedule", "cosine_kwargs": [{"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 3, "decay_steps": 15}, {"init_value": 0.0, "peak_value": 0.05, "warmup_steps": 2, "decay_steps": 25, "end_value": 0.001}]}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
