/// Hugging Face's get_cosine_with_min_lr_schedule_with_warmup (Kinds/HuggingFace/GetCosineWithMinLrScheduleWithWarmup.fs).
module Schedules.Tests.GetCosineWithMinLrScheduleWithWarmupTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let tests =
    testList "GetCosineWithMinLrScheduleWithWarmup" [
        test "the cosine onto min_lr_rate: base × rate at T" {
            let rows =
                stepOnly (HuggingFace.GetCosineWithMinLrScheduleWithWarmup(0, 10, minLrRate = 0.1)) [ 1.0 ] 10

            Expect.equal rows.[0] [| 1.0 |] "the top"
            Expect.equal rows.[10] [| 0.0 * (1.0 - 0.1) + 0.1 |] "the floor"
        }
        test "min_lr is divided by optimizer_lr, Hugging Face's optimizer.defaults[\"lr\"]" {
            let byLr =
                HuggingFace.GetCosineWithMinLrScheduleWithWarmup(3, 20, minLr = 0.01, optimizerLr = 0.1)

            let byRate =
                HuggingFace.GetCosineWithMinLrScheduleWithWarmup(3, 20, minLrRate = 0.01 / 0.1)

            Expect.equal (stepOnly byLr [ 0.1 ] 25) (stepOnly byRate [ 0.1 ] 25) "the same factor"
        }
        refused "both min_lr and min_lr_rate are refused" "min_lr" "both" (fun () ->
            box (
                HuggingFace.GetCosineWithMinLrScheduleWithWarmup(
                    0,
                    10,
                    minLr = 0.1,
                    minLrRate = 0.1,
                    optimizerLr = 1.0
                )
            ))
        refused "neither is refused" "min_lr_rate" "neither" (fun () ->
            box (HuggingFace.GetCosineWithMinLrScheduleWithWarmup(0, 10)))
        refused "min_lr without optimizer_lr is refused" "optimizer_lr" "min_lr" (fun () ->
            box (HuggingFace.GetCosineWithMinLrScheduleWithWarmup(0, 10, minLr = 0.1)))
        yield!
            curveChecks
                (HuggingFace.GetCosineWithMinLrScheduleWithWarmup(5, 30, minLr = 1e-3, optimizerLr = 0.1))
                [ 0.1; 0.2 ]
                40
    ]
