/// MultiStepLR (Kinds/MultiStepLR.fs): LR ← LR × gamma^c at an epoch listed c times in the milestones.
module Schedules.Tests.MultiStepLRTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

let tests =
    testList "MultiStepLR" [
        test "MultiStepLR counts duplicate milestones: [2; 2; 5], 0.5" {
            let rows = stepOnly (LRScheduler.MultiStepLR([ 2; 2; 5 ], 0.5)) [ 0.1 ] 5 |> first
            Expect.equal rows [| 0.1; 0.1; 0.025; 0.025; 0.025; 0.0125 |] "γ² at 2"
        }
        refused "MultiStepLR negative milestone" "milestones" "-1" (fun () -> box (LRScheduler.MultiStepLR [ -1; 3 ]))
        test "gamma defaults to PyTorch's 0.1, in the factory and in JSON" {
            Expect.equal Kinds.MultiStepLR.DefaultGamma 0.1 "PyTorch's gamma"
            sameConfig (Scheduler.config (LRScheduler.MultiStepLR [ 2; 4 ])) (MultiStepLR([ 2; 4 ], 0.1))
            sameConfig (Config.ofJson """{"kind": "MultiStepLR", "milestones": [2, 4]}""") (MultiStepLR([ 2; 4 ], 0.1))
        }
        roundTrips "round-trips through JSON" 20 [ 0.1; 0.2 ] (MultiStepLR([ 2; 2; 5 ], 0.5))
    ]
