/// <summary>optax's <c>join_schedules(schedules, boundaries)</c>: schedules[i] from boundaries[i-1] on, each on its
/// own local time (the step minus its boundary).</summary>
module Schedules.Kinds.Optax.JoinSchedules

open System
open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "optax.join_schedules"

/// The LR at a step, as optax's order gives it: out = schedules[0](t); then for each (b, s) of (boundaries,
/// schedules[1..]) in order, out = out if t < b else s(t − b). Any boundaries: unsorted, a later boundary wins
/// whenever t ≥ it; a boundary ≤ 0 starts its schedule at once. Only the winning schedule is evaluated (the
/// last boundary ≤ t, found from the end): the others' values are overwritten, and schedules are pure.
let internal value (parts: (float -> int -> float)[]) (boundaries: int[]) (baseLr: float) (t: int) =
    let mutable k = boundaries.Length - 1

    while k >= 0 && t < boundaries.[k] do
        k <- k - 1

    if k < 0 then
        parts.[0] baseLr t
    else
        parts.[k + 1] baseLr (int (int64 t - int64 boundaries.[k]))

/// Refuses what optax only gets wrong later: no schedule, or lengths optax's zip would silently cut.
let internal check (schedules: Curve list) (boundaries: int list) =
    Validate.notNull "schedules" (box schedules)
    Validate.notNull "boundaries" (box boundaries)

    if List.isEmpty schedules then
        raise (ArgumentException("schedules must hold at least one schedule, but is empty.", "schedules"))

    schedules
    |> List.iteri (fun i c -> Validate.notNull (sprintf "schedules[%d]" i) (box c))

    if List.length boundaries <> List.length schedules - 1 then
        Validate.fail
            "boundaries"
            boundaries
            (sprintf "one boundary fewer than schedules (%d)" (List.length schedules - 1))

let internal curve (schedules: Curve list) (boundaries: int list) : Curve =
    check schedules boundaries
    let parts = schedules |> List.map _.Lr |> Array.ofList
    let starts = Array.ofList boundaries

    {
        Name = Name
        Args = [ "schedules", Curves schedules; "boundaries", Integers boundaries ]
        Lr = value parts starts
    }

let internal parse (read: string -> Text.Json.JsonElement -> Curve) (r: ArgReader) =
    curve (r.Children("schedules", read)) (r.Ints "boundaries")

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula =
        "schedules[0](t); for each boundary b_k in order, schedules[k](t − b_k) once t ≥ b_k: each schedule on its own local time."
    Origin = "optax"
    Source = "`optax.join_schedules([optax.linear_schedule(0.0, 0.1, 10), optax.cosine_decay_schedule(0.1, 30)], [10])`"
    FSharp = "`Optax.JoinSchedules([ Optax.LinearSchedule(0.0, 0.1, 10); Optax.CosineDecaySchedule(0.1, 30) ], [ 10 ])`"
    Differences =
        "None in the rule, boundaries included as optax takes them: unsorted (a later boundary wins whenever t ≥ it), 0 or negative (that schedule starts at once). Joins any curve of this library (optax's, Hugging Face's, ...); to join schedulers that are not curves (a PyTorch StepLR, a plateau rule), use SequentialLR, which restarts each at its own epoch 0 at its milestone: for curves the same local time (milestones strictly increasing and ≥ 1). schedules must not be empty and boundaries must hold one fewer (optax's zip would silently drop the rest)."
    Example =
        """{"kind": "optax.join_schedules", "schedules": [{"kind": "optax.linear_schedule", "init_value": 0.0, "end_value": 0.1, "transition_steps": 10}, {"kind": "optax.cosine_decay_schedule", "init_value": 0.1, "decay_steps": 30}], "boundaries": [10]}"""
    ExampleLrs = [ 1.0 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
