/// What the optax kinds' tests share: a schedule's values (absolute, on a base LR of 1), its preview against its
/// stepping, and a checkpoint taken mid-run that continues like the run.
module Schedules.Tests.OptaxSupport

open Expecto
open Schedules
open Schedules.Tests.Support

/// The first `steps + 1` values of a schedule (rows 0..steps, one group, base LR 1).
let values (s: Scheduler<unit>) (steps: int) =
    stepOnly s [ 1.0 ] steps |> Array.map (fun row -> row.[0])

/// The schedule's preview (closed form) equals its stepping, on two groups (the base LR is not used).
let previews (name: string) (s: Scheduler<unit>) (steps: int) =
    test name {
        let stepped = stepOnly s [ 1.0; 0.25 ] steps
        let series = Preview.series s (gv [ 1.0; 0.25 ]) 0 steps

        for g in 0..1 do
            Expect.sequenceEqual series.Lrs.[g] [ for row in stepped -> row.[g] ] (sprintf "group %d" g)

        Expect.equal (Preview.at s (gv [ 1.0; 0.25 ]) steps).Lrs.[1] stepped.[steps].[1] "Preview.at"
    }

/// Saving after `split` steps and loading into the same scheduler continues exactly as the uninterrupted run.
let resumes (name: string) (s: Scheduler<'M>) (metrics: 'M list) (split: int) =
    test name {
        let lrs = gv [ 0.5; 1.0 ]
        let whole = Scheduler.run s lrs metrics
        let first = Scheduler.run s lrs (List.take split metrics)
        let json = Checkpoint.save s first.State
        let loaded = Checkpoint.load s json
        Expect.equal loaded first.State "the state read back"
        let current = first.Rows.[first.Rows.Length - 1].Lrs
        let rest = Scheduler.fold s loaded current (List.skip split metrics)
        expectSameRows name "LR" (lrRows whole |> Array.skip (split + 1)) (lrRows rest)
    }
