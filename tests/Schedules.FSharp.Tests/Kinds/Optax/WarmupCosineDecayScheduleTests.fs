/// optax's warmup_cosine_decay_schedule (Kinds/Optax/WarmupCosineDecaySchedule.fs, factory
/// Optax.WarmupCosineDecaySchedule).
module Schedules.Tests.WarmupCosineDecayScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let tests =
    testList "WarmupCosineDecaySchedule" [
        test "a linear warm-up, then cosine_decay_schedule(peak, decay_steps − warmup_steps, end / peak) on local time" {
            let s = Optax.WarmupCosineDecaySchedule(0.0, 0.1, 5, 20, endValue = 0.001)

            let joined =
                Optax.JoinSchedules(
                    [
                        Optax.LinearSchedule(0.0, 0.1, 5)
                        Optax.CosineDecaySchedule(0.1, 15, alpha = 0.001 / 0.1)
                    ],
                    [ 5 ]
                )

            Expect.equal (values s 25) (values joined 25) "optax's own construction"
            Expect.equal (values s 10).[10] 0.07525 "edge-pub-optax-warmup-cosine, step 10"
        }
        test "warmup_steps 0 starts at peak_value" {
            Expect.equal
                (values (Optax.WarmupCosineDecaySchedule(0.005, 0.05, 0, 52)) 0)
                [| 0.05 |]
                "the cosine's start"
        }
        test "peak_value 0 gives alpha 0 (no division)" {
            Expect.equal
                (values (Optax.WarmupCosineDecaySchedule(0.0, 0.0, 2, 4, endValue = 0.1)) 5)
                (Array.zeroCreate 6)
                "zeros"
        }
        refused "decay_steps ≤ warmup_steps is refused, naming both" "decay_steps" "warmup_steps (5)" (fun () ->
            box (Optax.WarmupCosineDecaySchedule(0.0, 0.1, 5, 5)))
        refused "a negative end_value is refused" "end_value" "-0.1" (fun () ->
            box (Optax.WarmupCosineDecaySchedule(0.0, 0.1, 5, 10, endValue = -0.1)))
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1 ]
            (Scheduler.config (Optax.WarmupCosineDecaySchedule(0.0, 0.1, 5, 20, endValue = 0.001, exponent = 2.0)))
        previews "previews as it steps" (Optax.WarmupCosineDecaySchedule(0.0, 0.1, 5, 20)) 30
        resumes "resumes from a checkpoint" (Optax.WarmupCosineDecaySchedule(0.0, 0.1, 5, 20)) (List.replicate 30 ()) 7
    ]
