/// Hugging Face's get_constant_schedule (Kinds/HuggingFace/GetConstantSchedule.fs): the factor is the int 1.
module Schedules.Tests.GetConstantScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let tests =
    testList "GetConstantSchedule" [
        test "every step keeps each group's base LR" {
            let rows = stepOnly (HuggingFace.GetConstantSchedule()) [ 0.1; 0.003 ] 20
            Expect.allEqual rows [| 0.1; 0.003 |] "base × 1"
        }
        test "JSON holds only the kind" {
            let json = Config.toJson (Scheduler.config (HuggingFace.GetConstantSchedule()))
            Expect.stringContains json "\"kind\": \"hf.get_constant_schedule\"" "the name users write"
        }
        yield! curveChecks (HuggingFace.GetConstantSchedule()) [ 0.1; 0.2 ] 20
    ]
