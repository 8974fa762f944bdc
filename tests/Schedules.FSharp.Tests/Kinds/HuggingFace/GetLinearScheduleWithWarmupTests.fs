/// Hugging Face's get_linear_schedule_with_warmup (Kinds/HuggingFace/GetLinearScheduleWithWarmup.fs).
module Schedules.Tests.GetLinearScheduleWithWarmupTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let tests =
    testList "GetLinearScheduleWithWarmup" [
        test "up over W steps, down to 0 at T, then 0" {
            let rows = stepOnly (HuggingFace.GetLinearScheduleWithWarmup(2, 6)) [ 1.0 ] 8
            Expect.equal rows.[0..2] [| [| 0.0 |]; [| 0.5 |]; [| 1.0 |] |] "the warm-up"
            Expect.equal rows.[3] [| 3.0 / 4.0 |] "(6 − 3) / (6 − 2)"
            Expect.equal rows.[6..8] [| [| 0.0 |]; [| 0.0 |]; [| 0.0 |] |] "max(0, …) from T on"
        }
        test "T = W is legal (max(1, T − W))" {
            let rows = stepOnly (HuggingFace.GetLinearScheduleWithWarmup(3, 3)) [ 1.0 ] 5
            Expect.equal rows.[3] [| 0.0 |] "(3 − 3) / 1"
        }
        yield! curveChecks (HuggingFace.GetLinearScheduleWithWarmup(5, 30)) [ 0.1; 0.2 ] 40
    ]
