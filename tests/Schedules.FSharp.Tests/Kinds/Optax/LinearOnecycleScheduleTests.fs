/// optax's linear_onecycle_schedule (Kinds/Optax/LinearOnecycleSchedule.fs, factory Optax.LinearOnecycleSchedule).
module Schedules.Tests.LinearOnecycleScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let tests =
    testList "LinearOnecycleSchedule" [
        test
            "piecewise_interpolate_schedule('linear', peak / div, {int(0.3 T): div, int(0.85 T): 1 / div, T: 1 / final})" {
            let s =
                Optax.LinearOnecycleSchedule(20, 1.0, divFactor = 4.0, finalDivFactor = 10.0)

            let same =
                Optax.PiecewiseInterpolateSchedule("linear", 1.0 / 4.0, [ 6, 4.0; 17, 1.0 / 4.0; 20, 1.0 / 10.0 ])

            Expect.equal (values s 25) (values same 25) "optax's construction"
            Expect.equal (values s 6).[6] 1.0 "the peak at int(0.3 × 20)"
        }
        test "optax's bug kept: with T = 1 the boundaries collide and the peak collapses to peak / div²" {
            let v =
                values (Optax.LinearOnecycleSchedule(1, 1.0, divFactor = 10.0, finalDivFactor = 100.0)) 2

            Expect.floatClose Accuracy.veryHigh v.[0] 0.01 "peak / div², never the peak"
            Expect.isTrue (Array.forall (fun x -> x < 1.0) v) "never reaches peak_value"
        }
        test "edge-pub-optax-linear-onecycle-T2" {
            Expect.equal
                (values (Optax.LinearOnecycleSchedule(2, 0.1)) 4)
                [|
                    0.1
                    0.004
                    4.0000000000000003e-07
                    4.0000000000000003e-07
                    4.0000000000000003e-07
                |]
                "the recorded values"
        }
        refused "transition_steps 0 is refused, as in optax" "transition_steps" "0" (fun () ->
            box (Optax.LinearOnecycleSchedule(0, 0.1)))
        refused "div_factor 0 is refused" "div_factor" "0" (fun () ->
            box (Optax.LinearOnecycleSchedule(10, 0.1, divFactor = 0.0)))
        refused "a NaN pct_start is refused" "pct_start" "NaN" (fun () ->
            box (Optax.LinearOnecycleSchedule(10, 0.1, pctStart = nan)))
        roundTrips "round-trips through JSON" 25 [ 0.1 ] (Scheduler.config (Optax.LinearOnecycleSchedule(20, 0.1)))
        previews "previews as it steps" (Optax.LinearOnecycleSchedule(20, 0.1)) 25
        resumes "resumes from a checkpoint" (Optax.LinearOnecycleSchedule(20, 0.1)) (List.replicate 25 ()) 10
    ]
