/// optax's cosine_onecycle_schedule (Kinds/Optax/CosineOnecycleSchedule.fs, factory Optax.CosineOnecycleSchedule).
module Schedules.Tests.CosineOnecycleScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let tests =
    testList "CosineOnecycleSchedule" [
        test "piecewise_interpolate_schedule('cosine', peak / div, {int(pct_start T): div, T: 1 / (div × final)})" {
            let s =
                Optax.CosineOnecycleSchedule(10, 1.0, divFactor = 4.0, finalDivFactor = 10.0)

            let same =
                Optax.PiecewiseInterpolateSchedule("cosine", 1.0 / 4.0, [ 3, 4.0; 10, 1.0 / (4.0 * 10.0) ])

            Expect.equal (values s 12) (values same 12) "optax's construction"
        }
        test "the published case cosine_onecycle_schedule-1-1" {
            Expect.equal
                (values (Optax.CosineOnecycleSchedule(2, 0.1, pctStart = 0.5, finalDivFactor = 100.0)) 3)
                [| 0.0040000000000000036; 0.1; 4e-05; 4e-05 |]
                "the recorded values"
        }
        test "optax's bug kept: pct_start 1 collides with transition_steps and the peak is never reached" {
            let v = values (Optax.CosineOnecycleSchedule(10, 1.0, pctStart = 1.0)) 12
            Expect.isTrue (Array.forall (fun x -> x < 1.0) v) "never peak_value"
        }
        refused "a negative transition_steps is refused, as in optax" "transition_steps" "-3" (fun () ->
            box (Optax.CosineOnecycleSchedule(-3, 0.1)))
        roundTrips "round-trips through JSON" 12 [ 0.1 ] (Scheduler.config (Optax.CosineOnecycleSchedule(10, 0.1)))
        previews "previews as it steps" (Optax.CosineOnecycleSchedule(10, 0.1)) 12
        resumes "resumes from a checkpoint" (Optax.CosineOnecycleSchedule(10, 0.1)) (List.replicate 12 ()) 4
    ]
