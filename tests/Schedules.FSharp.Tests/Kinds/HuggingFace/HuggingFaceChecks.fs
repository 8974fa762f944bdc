/// Checks every Hugging Face kind's tests share: a checkpoint taken mid-run continues exactly, and a preview equals
/// stepping.
module Schedules.Tests.HuggingFaceChecks

open Expecto
open Schedules
open Schedules.Tests.Support

/// Saving the state after `cut` observations, loading it into the same scheduler and continuing gives the LRs of the
/// uninterrupted run, bit for bit.
let resumes (name: string) (s: Scheduler<'M>) (lrs: float list) (metrics: 'M list) (cut: int) =
    test name {
        let whole = Scheduler.run s (gv lrs) metrics
        let head = Scheduler.run s (gv lrs) (List.take cut metrics)
        let saved = Checkpoint.save s head.State
        let loaded = Checkpoint.load s saved
        Expect.equal (Checkpoint.save s loaded) saved "the state read back writes the same checkpoint"
        let last = head.Rows.[head.Rows.Length - 1].Lrs
        let rest = Scheduler.fold s loaded last (List.skip cut metrics)

        expectSameRows
            name
            "LR"
            (lrRows whole |> Array.skip (cut + 1))
            (rest.Rows |> Seq.map (fun o -> o.Lrs.ToArray()) |> Array.ofSeq)
    }

/// Preview.series (the closed form) gives the LRs of stepping, bit for bit.
let previews (name: string) (s: Scheduler<unit>) (lrs: float list) (steps: int) =
    test name {
        let stepped = stepOnly s lrs steps
        let series = Preview.series s (gv lrs) 0 steps

        let rows =
            Array.init (steps + 1) (fun t -> Array.init lrs.Length (fun g -> series.Lrs.[g].[t]))

        expectSameRows name "LR" stepped rows
        Expect.equal ((Preview.at s (gv lrs) steps).Lrs.ToArray()) stepped.[steps] "Preview.at the last step"
    }

/// The step-based checks of a curve: a checkpoint mid-run, a preview, and a JSON round trip.
let curveChecks (s: Scheduler<unit>) (lrs: float list) (steps: int) = [
    resumes "a checkpoint mid-run continues exactly" s lrs (List.replicate steps ()) (steps / 2)
    previews "a preview equals stepping" s lrs steps
    roundTrips "round-trips through JSON" steps lrs (Scheduler.config s)
]
