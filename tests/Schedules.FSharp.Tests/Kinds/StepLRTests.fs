/// StepLR (Kinds/StepLR.fs): LR ← LR × gamma every stepSize epochs.
module Schedules.Tests.StepLRTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

let tests =
    testList "StepLR" [
        test "StepLR decays at step_size: 0.1 ×3, 0.010000000000000002 ×3, ..." {
            let rows = stepOnly (LRScheduler.StepLR(3, 0.1)) [ 0.1 ] 9 |> first

            Expect.equal
                rows
                [|
                    0.1
                    0.1
                    0.1
                    0.010000000000000002
                    0.010000000000000002
                    0.010000000000000002
                    0.0010000000000000002
                    0.0010000000000000002
                    0.0010000000000000002
                    0.00010000000000000003
                |]
                "StepLR(3, 0.1)"
        }
        refused "StepLR step_size 0 (PyTorch divides by zero later)" "stepSize" "0" (fun () ->
            box (LRScheduler.StepLR 0))
        refused "StepLR negative gamma" "gamma" "-0.1" (fun () -> box (LRScheduler.StepLR(2, -0.1)))
        test "gamma defaults to PyTorch's 0.1, in the factory and in JSON" {
            Expect.equal Kinds.StepLR.DefaultGamma 0.1 "PyTorch's gamma"
            sameConfig (Scheduler.config (LRScheduler.StepLR 3)) (StepLR(3, 0.1))
            sameConfig (Config.ofJson """{"kind": "StepLR", "stepSize": 3}""") (StepLR(3, 0.1))
        }
        roundTrips "round-trips through JSON" 20 [ 0.1; 0.2 ] (StepLR(3, 0.5))
    ]
