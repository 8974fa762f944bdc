/// optax's piecewise_constant_schedule (Kinds/Optax/PiecewiseConstantSchedule.fs, factory
/// Optax.PiecewiseConstantSchedule).
module Schedules.Tests.PiecewiseConstantScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let private s () =
    Optax.PiecewiseConstantSchedule(1.0, [ 4, 0.5; 2, 0.25 ])

let tests =
    testList "PiecewiseConstantSchedule" [
        test "from each boundary step on (the step itself included) the value is multiplied by its scale" {
            Expect.equal (values (s ()) 5) [| 1.0; 1.0; 0.25; 0.25; 0.125; 0.125 |] "sorted by step"
        }
        test "without boundaries_and_scales the value is init_value" {
            Expect.equal (values (Optax.PiecewiseConstantSchedule 0.3) 3) (Array.create 4 0.3) "constant"
        }
        test "JSON keys are the steps as strings, compared as integers" {
            let json =
                """{"kind": "optax.piecewise_constant_schedule", "init_value": 1.0, "boundaries_and_scales": {"4": 0.5, "2": 0.25}}"""

            sameConfig (Config.ofJson json) (Scheduler.config (s ()))
            Expect.stringContains (Config.toJson (Scheduler.config (s ()))) "\"2\": 0.25" "written as an object"
        }
        refused "a negative scale is refused, as in optax" "boundaries_and_scales[3]" "-0.5" (fun () ->
            box (Optax.PiecewiseConstantSchedule(1.0, [ 3, -0.5 ])))
        refused "a step given twice is refused" "boundaries_and_scales" "3" (fun () ->
            box (Optax.PiecewiseConstantSchedule(1.0, [ 3, 0.5; 3, 0.1 ])))
        refused "a key that is not an integer is refused" "boundaries_and_scales" "x" (fun () ->
            box (
                Config.ofJson
                    """{"kind": "optax.piecewise_constant_schedule", "init_value": 1.0, "boundaries_and_scales": {"x": 0.5}}"""
            ))
        roundTrips "round-trips through JSON" 8 [ 0.1 ] (Scheduler.config (s ()))
        previews "previews as it steps" (s ()) 8
        resumes "resumes from a checkpoint" (s ()) (List.replicate 8 ()) 3
    ]
