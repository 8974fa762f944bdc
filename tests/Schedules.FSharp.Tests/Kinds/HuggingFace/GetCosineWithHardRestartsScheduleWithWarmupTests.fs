/// Hugging Face's get_cosine_with_hard_restarts_schedule_with_warmup
/// (Kinds/HuggingFace/GetCosineWithHardRestartsScheduleWithWarmup.fs).
module Schedules.Tests.GetCosineWithHardRestartsScheduleWithWarmupTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let tests =
    testList "GetCosineWithHardRestartsScheduleWithWarmup" [
        test "each cycle restarts at the base LR; 0 from T on" {
            let rows =
                stepOnly (HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup(0, 8, 2.0)) [ 1.0 ] 12

            Expect.equal rows.[0] [| 1.0 |] "the first cycle's top"
            Expect.equal rows.[4] [| 1.0 |] "(2 × 4/8) mod 1 = 0: the restart"
            Expect.equal rows.[2] [| 0.5 |] "(2 × 2/8) mod 1 = 0.5: cos(π/2)"
            Expect.equal rows.[8..12] (Array.replicate 5 [| 0.0 |]) "p ≥ 1 gives 0"
        }
        test "a negative num_cycles takes Python's modulo (the divisor's sign)" {
            let rows =
                stepOnly (HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup(0, 8, -1.0)) [ 1.0 ] 2

            // (−1 × 2/8) mod 1 = 0.75 in Python (fmod would give −0.25).
            Expect.equal rows.[2] [| max 0.0 (0.5 * (1.0 + System.Math.Cos(System.Math.PI * 0.75))) |] "0.75"
        }
        yield! curveChecks (HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup(5, 35, 3.0)) [ 0.1; 0.2 ] 40
    ]
