/// What the timm kinds' tests share: a checkpoint round trip and the preview against stepping.
module Schedules.Tests.TimmSupport

open Expecto
open Schedules
open Schedules.Tests.Support

/// Saving the state after k steps, loading it and continuing gives the LRs of the uninterrupted run.
let resumes (name: string) (s: Scheduler<'M>) (lrs: float list) (metrics: 'M list) (k: int) =
    test name {
        let whole = Scheduler.run s (gv lrs) metrics
        let partial = Scheduler.run s (gv lrs) (List.take k metrics)
        let loaded = Checkpoint.load s (Checkpoint.save s partial.State)
        Expect.equal loaded partial.State "the state read back"
        let rest = Scheduler.fold s loaded partial.Rows.[k].Lrs (List.skip k metrics)
        expectSameRows name "LR" (lrRows whole |> Array.skip (k + 1)) (lrRows rest)
    }

/// The preview (closed form) equals stepping, row for row.
let previews (name: string) (s: Scheduler<unit>) (lrs: float list) (steps: int) =
    test name {
        Expect.isTrue (Preview.hasClosedForm s) "random access"
        let stepped = stepOnly s lrs steps
        let series = Preview.series s (gv lrs) 0 steps

        for t in 0..steps do
            Expect.equal ((Preview.at s (gv lrs) t).Lrs.ToArray()) stepped.[t] (sprintf "Preview.at %d" t)

            for g in 0 .. lrs.Length - 1 do
                Expect.equal series.Lrs.[g].[t] stepped.[t].[g] (sprintf "Preview.series %d, group %d" t g)
    }
