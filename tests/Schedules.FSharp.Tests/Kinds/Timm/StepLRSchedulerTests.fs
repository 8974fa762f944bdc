/// timm's StepLRScheduler (Kinds/Timm/StepLRScheduler.fs, factory Timm.StepLRScheduler).
module Schedules.Tests.StepLRSchedulerTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.TimmSupport

let tests =
    testList "StepLRScheduler" [
        test "base·decay_rate^(t // decay_t)" {
            let rows = stepOnly (Timm.StepLRScheduler(2.0, decayRate = 0.5)) [ 0.1; 0.01 ] 5

            Expect.equal
                rows
                [|
                    [| 0.1; 0.01 |]
                    [| 0.1; 0.01 |]
                    [| 0.05; 0.005 |]
                    [| 0.05; 0.005 |]
                    [| 0.025; 0.0025 |]
                    [| 0.025; 0.0025 |]
                |]
                "halved every 2 steps"
        }
        test "a fractional decay_t floors as Python's float // does" {
            let rows = stepOnly (Timm.StepLRScheduler(2.5, decayRate = 0.5)) [ 1.0 ] 5
            Expect.equal rows.[4] [| 0.5 |] "4 // 2.5 = 1"
            Expect.equal rows.[5] [| 0.25 |] "5 // 2.5 = 2"
        }
        test "warmup_prefix is the default: the steps start after the warmup" {
            let rows =
                stepOnly (Timm.StepLRScheduler(3.0, decayRate = 0.5, warmupT = 3)) [ 0.003 ] 6

            Expect.equal rows.[3] [| 0.003 |] "t − 3 = 0"
            Expect.equal rows.[6] [| 0.0015 |] "t − 3 = 3"
        }
        refused "decay_t 0 is refused (timm divides by zero)" "decay_t" "0" (fun () -> box (Timm.StepLRScheduler 0.0))
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1 ]
            (Scheduler.config (Timm.StepLRScheduler(2.5, decayRate = 0.9, warmupT = 3, lrScale = All 0.5)))
        resumes "a checkpoint resumes it" (Timm.StepLRScheduler(3.0, decayRate = 0.5)) [ 0.1 ] (List.replicate 20 ()) 7
        previews "its preview is its stepping" (Timm.StepLRScheduler(3.0, decayRate = 0.5, warmupT = 2)) [ 0.1 ] 20
    ]
