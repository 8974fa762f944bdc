/// Hugging Face's get_cosine_with_min_lr_schedule_with_warmup_lr_rate
/// (Kinds/HuggingFace/GetCosineWithMinLrScheduleWithWarmupLrRate.fs): one step ahead of the plain min-lr cosine.
module Schedules.Tests.GetCosineWithMinLrScheduleWithWarmupLrRateTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let tests =
    testList "GetCosineWithMinLrScheduleWithWarmupLrRate" [
        test "the warm-up starts at 1/W and reaches 1 at W − 1; the floor is reached at T − 1" {
            let s =
                HuggingFace.GetCosineWithMinLrScheduleWithWarmupLrRate(4, 12, minLrRate = 0.0)

            let rows = stepOnly s [ 1.0 ] 12
            Expect.equal rows.[0..3] [| [| 0.25 |]; [| 0.5 |]; [| 0.75 |]; [| 1.0 |] |] "(t + 1) / W"
            Expect.equal rows.[11] [| 0.0 |] "p = (11 − 4 + 1) / 8 = 1"
        }
        test "with warmup_lr_rate the warm-up runs from it to 1 over W − 1 steps" {
            let s =
                HuggingFace.GetCosineWithMinLrScheduleWithWarmupLrRate(3, 12, minLrRate = 0.0, warmupLrRate = 0.1)

            let rows = stepOnly s [ 1.0 ] 3
            Expect.equal rows.[0] [| 0.1 |] "warmup_lr_rate"
            Expect.equal rows.[2] [| 0.1 + (1.0 - 0.1) * 2.0 / 2.0 |] "1 at W − 1"
        }
        yield!
            curveChecks
                (HuggingFace.GetCosineWithMinLrScheduleWithWarmupLrRate(5, 30, minLrRate = 0.1, warmupLrRate = 0.2))
                [ 0.1; 0.2 ]
                40
    ]
