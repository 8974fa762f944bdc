/// optax's constant_schedule (Kinds/Optax/ConstantSchedule.fs, factory Optax.ConstantSchedule).
module Schedules.Tests.ConstantScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let tests =
    testList "ConstantSchedule" [
        test "the value at every step, whatever the base LR" {
            Expect.equal
                (stepOnly (Optax.ConstantSchedule 0.003) [ 1.0; 7.0 ] 3)
                (Array.create 4 [| 0.003; 0.003 |])
                "absolute"
        }
        refused "a negative value is refused" "value" "-0.1" (fun () -> box (Optax.ConstantSchedule -0.1))
        refused "value is required in JSON" "value" "is required" (fun () ->
            box (Config.ofJson """{"kind": "optax.constant_schedule"}"""))
        roundTrips "round-trips through JSON" 10 [ 0.1 ] (Scheduler.config (Optax.ConstantSchedule 0.05))
        previews "previews as it steps" (Optax.ConstantSchedule 0.05) 10
        resumes "resumes from a checkpoint" (Optax.ConstantSchedule 0.05) (List.replicate 10 ()) 4
    ]
