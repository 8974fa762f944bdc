/// optax's piecewise_interpolate_schedule (Kinds/Optax/PiecewiseInterpolateSchedule.fs, factory
/// Optax.PiecewiseInterpolateSchedule).
module Schedules.Tests.PiecewiseInterpolateScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let tests =
    testList "PiecewiseInterpolateSchedule" [
        test "linear between the running products of the scales (optax's docstring example)" {
            let v =
                values (Optax.PiecewiseInterpolateSchedule("linear", 1.0, [ 4, 0.1; 8, 0.01 ])) 10

            Expect.floatClose Accuracy.veryHigh v.[2] 0.55 "step 2"
            Expect.equal v.[4] 0.1 "step 4"
            Expect.floatClose Accuracy.veryHigh v.[6] 0.0505 "step 6"
            Expect.equal v.[8..] [| 0.1 * 0.01; 0.1 * 0.01; 0.1 * 0.01 |] "the last value after the last boundary"
        }
        test "cosine: end + ((start − end) / 2) × (cos(π × pct) + 1)" {
            let v = values (Optax.PiecewiseInterpolateSchedule("cosine", 1.0, [ 2, 0.5 ])) 3
            Expect.equal v [| 1.0; 0.5 + (0.5 / 2.0) * (cos (System.Math.PI * 0.5) + 1.0); 0.5; 0.5 |] "halfway"
        }
        test "a boundary at step 0 does not divide by zero (optax's max(…, 1))" {
            Expect.equal
                (values (Optax.PiecewiseInterpolateSchedule("linear", 1.0, [ 0, 0.5 ])) 2)
                [| 0.5; 0.5; 0.5 |]
                "no NaN"
        }
        refused "an interpolate_type other than linear or cosine is refused" "interpolate_type" "cubic" (fun () ->
            box (Optax.PiecewiseInterpolateSchedule("cubic", 1.0)))
        refused "a NaN scale is refused, as in optax" "boundaries_and_scales[2]" "NaN" (fun () ->
            box (Optax.PiecewiseInterpolateSchedule("linear", 1.0, [ 2, nan ])))
        roundTrips
            "round-trips through JSON"
            20
            [ 0.1 ]
            (Scheduler.config (Optax.PiecewiseInterpolateSchedule("cosine", 0.1, [ 5, 0.5; 12, 2.0 ])))
        previews "previews as it steps" (Optax.PiecewiseInterpolateSchedule("linear", 0.1, [ 5, 0.5; 12, 2.0 ])) 20
        resumes
            "resumes from a checkpoint"
            (Optax.PiecewiseInterpolateSchedule("cosine", 0.1, [ 5, 0.5 ]))
            (List.replicate 20 ())
            4
    ]
