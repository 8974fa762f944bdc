/// optax's warmup_exponential_decay_schedule (Kinds/Optax/WarmupExponentialDecaySchedule.fs, factory
/// Optax.WarmupExponentialDecaySchedule).
module Schedules.Tests.WarmupExponentialDecayScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let tests =
    testList "WarmupExponentialDecaySchedule" [
        test "a linear warm-up, then exponential_decay from peak_value on local time" {
            let s =
                Optax.WarmupExponentialDecaySchedule(0.0, 1.0, 2, 1, 0.5, transitionBegin = 1, endValue = 0.2)

            Expect.equal (values s 6) [| 0.0; 0.5; 1.0; 1.0; 0.5; 0.25; 0.2 |] "begin counts from the warm-up's end"
        }
        refused "a negative decay_rate is refused" "decay_rate" "-2" (fun () ->
            box (Optax.WarmupExponentialDecaySchedule(0.0, 1.0, 2, 1, -2.0)))
        roundTrips
            "round-trips through JSON"
            20
            [ 0.1 ]
            (Scheduler.config (
                Optax.WarmupExponentialDecaySchedule(0.0, 0.1, 4, 3, 0.7, staircase = true, endValue = 0.01)
            ))
        previews "previews as it steps" (Optax.WarmupExponentialDecaySchedule(0.0, 0.1, 4, 3, 0.7)) 20
        resumes
            "resumes from a checkpoint"
            (Optax.WarmupExponentialDecaySchedule(0.0, 0.1, 4, 3, 0.7))
            (List.replicate 20 ())
            6
    ]
