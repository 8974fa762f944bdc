/// optax's polynomial_schedule (Kinds/Optax/PolynomialSchedule.fs, factory Optax.PolynomialSchedule).
module Schedules.Tests.PolynomialScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let tests =
    testList "PolynomialSchedule" [
        test "held at init_value until transition_begin, then ((init − end) × (1 − c/T)^power) + end, then end" {
            let v = values (Optax.PolynomialSchedule(1.0, 0.0, 2.0, 4, transitionBegin = 2)) 8
            Expect.equal v [| 1.0; 1.0; 1.0; 0.5625; 0.25; 0.0625; 0.0; 0.0; 0.0 |] "(1 − c/4)²"
        }
        test "the published case polynomial_schedule-1-4 (power 3), first rows" {
            let v = values (Optax.PolynomialSchedule(1.0, 0.0, 3.0, 74)) 2
            Expect.equal v [| 1.0; 0.9600048368309874; 0.9210905573213829 |] "the recorded values"
        }
        test "transition_steps ≤ 0 holds init_value and a negative transition_begin counts as 0, as in optax" {
            Expect.equal (values (Optax.PolynomialSchedule(0.1, 0.0, 1.0, 0)) 3) (Array.create 4 0.1) "constant"

            Expect.equal
                (values (Optax.PolynomialSchedule(1.0, 0.0, 1.0, 4, transitionBegin = -3)) 4)
                (values (Optax.PolynomialSchedule(1.0, 0.0, 1.0, 4)) 4)
                "begin 0"
        }
        refused "a non-finite power is refused" "power" "NaN" (fun () ->
            box (Optax.PolynomialSchedule(1.0, 0.0, nan, 4)))
        refused "a negative end_value is refused" "end_value" "-1" (fun () ->
            box (Optax.PolynomialSchedule(1.0, -1.0, 1.0, 4)))
        roundTrips
            "round-trips through JSON"
            20
            [ 0.1 ]
            (Scheduler.config (Optax.PolynomialSchedule(0.1, 0.001, 0.5, 12, transitionBegin = 3)))
        previews "previews as it steps" (Optax.PolynomialSchedule(0.1, 0.001, 0.5, 12, transitionBegin = 3)) 20
        resumes "resumes from a checkpoint" (Optax.PolynomialSchedule(0.1, 0.001, 0.5, 12)) (List.replicate 20 ()) 7
    ]
