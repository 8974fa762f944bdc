/// Hugging Face's get_constant_schedule_with_warmup (Kinds/HuggingFace/GetConstantScheduleWithWarmup.fs):
/// t / max(1.0, W) for t < W, then 1.
module Schedules.Tests.GetConstantScheduleWithWarmupTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let tests =
    testList "GetConstantScheduleWithWarmup" [
        test "t / W during the warm-up, then the base LR" {
            let rows = stepOnly (HuggingFace.GetConstantScheduleWithWarmup 4) [ 1.0 ] 6

            Expect.equal
                rows
                [|
                    [| 0.0 |]
                    [| 0.25 |]
                    [| 0.5 |]
                    [| 0.75 |]
                    [| 1.0 |]
                    [| 1.0 |]
                    [| 1.0 |]
                |]
                "0 … 3/4, then 1"
        }
        test "no warm-up: the base LR from step 0" {
            Expect.allEqual (stepOnly (HuggingFace.GetConstantScheduleWithWarmup 0) [ 0.1 ] 5) [| 0.1 |] "base"
        }
        refused "num_warmup_steps is required in JSON" "num_warmup_steps" "is required" (fun () ->
            box (Config.ofJson """{"kind": "hf.get_constant_schedule_with_warmup"}"""))
        yield! curveChecks (HuggingFace.GetConstantScheduleWithWarmup 7) [ 0.1; 0.2 ] 20
    ]
