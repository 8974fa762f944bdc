/// optax's linear_schedule (Kinds/Optax/LinearSchedule.fs, factory Optax.LinearSchedule).
module Schedules.Tests.LinearScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let tests =
    testList "LinearSchedule" [
        test "linear from init_value to end_value over transition_steps, computed from end_value's side" {
            Expect.equal (values (Optax.LinearSchedule(0.0, 1.0, 4)) 5) [| 0.0; 0.25; 0.5; 0.75; 1.0; 1.0 |] "quarters"
            // ((0.005 − 0.05) × 1) + 0.05, as optax computes it: not exactly 0.005.
            Expect.equal (values (Optax.LinearSchedule(0.005, 0.05, 9)) 0) [| 0.0049999999999999975 |] "row 0"
        }
        test "the polynomial schedule with power 1" {
            Expect.equal
                (values (Optax.LinearSchedule(0.05, 0.0001, 72, transitionBegin = 5)) 80)
                (values (Optax.PolynomialSchedule(0.05, 0.0001, 1.0, 72, transitionBegin = 5)) 80)
                "the same values"
        }
        refused "a negative init_value is refused" "init_value" "-0.5" (fun () ->
            box (Optax.LinearSchedule(-0.5, 1.0, 4)))
        roundTrips "round-trips through JSON" 12 [ 0.1 ] (Scheduler.config (Optax.LinearSchedule(0.0, 0.1, 8)))
        previews "previews as it steps" (Optax.LinearSchedule(0.0, 0.1, 8)) 12
        resumes "resumes from a checkpoint" (Optax.LinearSchedule(0.0, 0.1, 8)) (List.replicate 12 ()) 5
    ]
