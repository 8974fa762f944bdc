/// Hugging Face's get_wsd_schedule (Kinds/HuggingFace/GetWsdSchedule.fs).
module Schedules.Tests.GetWsdScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let tests =
    testList "GetWsdSchedule" [
        test "warm-up from min_lr_ratio, stable at 1, decay back to min_lr_ratio, then min_lr_ratio" {
            let s =
                HuggingFace.GetWsdSchedule(2, 4, numStableSteps = 3, decayType = "linear", minLrRatio = 0.1)

            let rows = stepOnly s [ 1.0 ] 12
            Expect.equal rows.[0] [| 0.1 |] "the warm-up starts at the floor"
            Expect.equal rows.[2..4] (Array.replicate 3 [| 1.0 |]) "stable"
            Expect.equal rows.[7] [| (1.0 - 2.0 / 4.0) * (1.0 - 0.1) + 0.1 |] "linear decay, p = 2/4"
            Expect.equal rows.[9..12] (Array.replicate 4 [| 0.1 |]) "min_lr_ratio afterwards"
        }
        test "num_stable_steps wins over num_training_steps" {
            let a = HuggingFace.GetWsdSchedule(2, 4, numTrainingSteps = 100, numStableSteps = 3)
            let b = HuggingFace.GetWsdSchedule(2, 4, numStableSteps = 3)
            Expect.equal (stepOnly a [ 1.0 ] 12) (stepOnly b [ 1.0 ] 12) "the same LRs"
        }
        test "num_training_steps below W + D gives a negative stable phase, silently (kept)" {
            let rows =
                stepOnly (HuggingFace.GetWsdSchedule(0, 19, numTrainingSteps = 3, decayType = "linear")) [ 1.0 ] 4

            Expect.equal rows.[0] [| 1.0 - 16.0 / 19.0 |] "the decay is already 16 steps in at step 0"
        }
        refused "an unknown decay_type is refused" "decay_type" "exponential" (fun () ->
            box (HuggingFace.GetWsdSchedule(1, 1, numStableSteps = 1, decayType = "exponential")))
        refused "neither num_training_steps nor num_stable_steps is refused" "num_training_steps" "neither" (fun () ->
            box (HuggingFace.GetWsdSchedule(1, 1)))
        yield!
            curveChecks
                (HuggingFace.GetWsdSchedule(5, 10, numTrainingSteps = 35, warmupType = "1-sqrt", minLrRatio = 0.1))
                [ 0.1; 0.2 ]
                40
    ]
