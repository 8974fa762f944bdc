/// What every Keras schedule shares, checked on each: it is absolute (the base LR is not read), a preview at any
/// step is the stepped value, and a checkpoint saved mid-run loads back and continues the same.
module Schedules.Tests.KerasCurveLaws

open Expecto
open Schedules
open Schedules.Tests.Support

/// The laws for one schedule, over `steps` steps.
let tests (name: string) (steps: int) (s: Scheduler<unit>) =
    testList "laws" [
        test (sprintf "%s ignores the base LR: every group gets the schedule's value" name) {
            let rows = stepOnly s [ 1.0; 0.25 ] steps

            for t in 0..steps do
                Expect.equal rows.[t].[1] rows.[t].[0] (sprintf "step %d" t)
        }
        test (sprintf "%s previews what stepping gives, at any step and as a series" name) {
            let stepped = stepOnly s [ 0.3 ] steps |> Array.map Array.head
            Expect.isTrue (Preview.hasClosedForm s) "random access"
            let series = Preview.series s (gv [ 0.3 ]) 0 steps
            Expect.equal (Seq.toArray series.Lrs.[0]) stepped "Preview.series"

            for t in [ 0; 1; steps / 2; steps ] do
                Expect.equal (Preview.at s (gv [ 0.3 ]) t).Lrs.[0] stepped.[t] (sprintf "Preview.at %d" t)
        }
        test (sprintf "%s saved at step 7 loads back and continues the same" name) {
            let whole = Scheduler.runSteps s (gv [ 0.1 ]) steps
            let part = Scheduler.runSteps s (gv [ 0.1 ]) 7
            let loaded = Checkpoint.load s (Checkpoint.save s part.State)
            Expect.equal loaded part.State "the same state"
            let rest = Scheduler.fold s loaded part.Rows.[7].Lrs (Seq.replicate (steps - 7) ())
            Expect.equal (lrRows rest) (lrRows whole |> Array.skip 8) "the same LRs after"
        }
    ]
