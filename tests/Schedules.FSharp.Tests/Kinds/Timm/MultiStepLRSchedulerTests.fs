/// timm's MultiStepLRScheduler (Kinds/Timm/MultiStepLRScheduler.fs, factory Timm.MultiStepLRScheduler).
module Schedules.Tests.MultiStepLRSchedulerTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.TimmSupport

let tests =
    testList "MultiStepLRScheduler" [
        test "timm's bug kept: the LR drops one step before each milestone" {
            let rows = stepOnly (Timm.MultiStepLRScheduler([ 2; 5 ], decayRate = 0.1)) [ 0.1 ] 5

            Expect.equal
                (rows |> Array.map Array.exactlyOne)
                [|
                    0.1
                    0.010000000000000002
                    0.010000000000000002
                    0.010000000000000002
                    0.0010000000000000002
                    0.0010000000000000002
                |]
                "edge-pub-timm-multistep-milestones: milestone 2 at t = 1, 5 at t = 4"
        }
        test "decayAtMilestone drops the LR at the milestone itself" {
            let s =
                Timm.MultiStepLRScheduler([ 2; 5 ], decayRate = 0.1, decayAtMilestone = true)

            let rows = stepOnly s [ 0.1 ] 5
            Expect.equal rows.[1] [| 0.1 |] "not yet"
            Expect.equal rows.[2] [| 0.010000000000000002 |] "at 2"
            Expect.equal rows.[5] [| 0.0010000000000000002 |] "at 5"
        }
        test "a repeated milestone counts twice, as in timm" {
            let rows = stepOnly (Timm.MultiStepLRScheduler([ 3; 3 ], decayRate = 0.5)) [ 1.0 ] 2
            Expect.equal rows.[2] [| 0.25 |] "two decays at once"
        }
        test "JSON: decay_at_milestone under a snake-case name" {
            let json =
                """{"kind": "timm.MultiStepLRScheduler", "decay_t": [2, 5], "decay_at_milestone": true}"""

            sameConfig
                (Config.ofJson json)
                (Scheduler.config (Timm.MultiStepLRScheduler([ 2; 5 ], decayAtMilestone = true)))
        }
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1 ]
            (Scheduler.config (Timm.MultiStepLRScheduler([ 4; 9 ], decayRate = 0.5, warmupT = 2)))
        resumes
            "a checkpoint resumes it"
            (Timm.MultiStepLRScheduler([ 4; 9 ], decayRate = 0.5))
            [ 0.1 ]
            (List.replicate 20 ())
            6
        previews "its preview is its stepping" (Timm.MultiStepLRScheduler([ 4; 9 ], decayRate = 0.5)) [ 0.1 ] 20
    ]
