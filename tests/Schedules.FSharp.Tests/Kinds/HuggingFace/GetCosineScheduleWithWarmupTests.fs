/// Hugging Face's get_cosine_schedule_with_warmup (Kinds/HuggingFace/GetCosineScheduleWithWarmup.fs).
module Schedules.Tests.GetCosineScheduleWithWarmupTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let tests =
    testList "GetCosineScheduleWithWarmup" [
        test "half a cosine from the base LR to 0 at T, in Hugging Face's operation order" {
            let rows = stepOnly (HuggingFace.GetCosineScheduleWithWarmup(2, 10)) [ 1.0 ] 10
            Expect.equal rows.[2] [| 1.0 |] "the top after the warm-up"
            Expect.equal rows.[6] [| 0.5 * (1.0 + Math.Cos(Math.PI * 0.5 * 2.0 * 0.5)) |] "p = 4 / 8"
            Expect.equal rows.[10] [| 0.0 |] "0 at T"
        }
        test "after T the cosine climbs back (Hugging Face's bug, kept)" {
            let rows = stepOnly (HuggingFace.GetCosineScheduleWithWarmup(2, 10)) [ 1.0 ] 18
            Expect.isGreaterThan rows.[14].[0] rows.[12].[0] "rising after T"
            Expect.equal rows.[18] [| 1.0 |] "back at the base LR at 2T − W"
        }
        refused "a non-finite num_cycles is refused" "num_cycles" "NaN" (fun () ->
            box (HuggingFace.GetCosineScheduleWithWarmup(2, 10, nan)))
        yield! curveChecks (HuggingFace.GetCosineScheduleWithWarmup(5, 30, 1.5)) [ 0.1; 0.2 ] 40
    ]
