/// optax's warmup_constant_schedule (Kinds/Optax/WarmupConstantSchedule.fs, factory Optax.WarmupConstantSchedule).
module Schedules.Tests.WarmupConstantScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let tests =
    testList "WarmupConstantSchedule" [
        test "linear to peak_value over warmup_steps, then peak_value" {
            Expect.equal
                (values (Optax.WarmupConstantSchedule(0.0, 1.0, 4)) 6)
                [| 0.0; 0.25; 0.5; 0.75; 1.0; 1.0; 1.0 |]
                "quarters, then the peak"
        }
        test "warmup_steps 0 holds init_value, as optax's linear_schedule does" {
            Expect.equal (values (Optax.WarmupConstantSchedule(0.01, 1.0, 0)) 2) (Array.create 3 0.01) "init_value"
        }
        refused "a negative peak_value is refused" "peak_value" "-1" (fun () ->
            box (Optax.WarmupConstantSchedule(0.0, -1.0, 4)))
        roundTrips "round-trips through JSON" 12 [ 0.1 ] (Scheduler.config (Optax.WarmupConstantSchedule(0.0, 0.1, 5)))
        previews "previews as it steps" (Optax.WarmupConstantSchedule(0.0, 0.1, 5)) 12
        resumes "resumes from a checkpoint" (Optax.WarmupConstantSchedule(0.0, 0.1, 5)) (List.replicate 12 ()) 3
    ]
