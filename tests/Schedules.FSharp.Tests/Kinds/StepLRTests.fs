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
        test "a step between milestones hands back the very LRs it was given" {
            let s = LRScheduler.StepLR(3, 0.5)
            let struct (state, first) = Scheduler.init s (gv [ 0.1; 0.2 ])
            let struct (state, second) = Scheduler.step s state { Lrs = first.Lrs; Metric = () }
            Expect.isTrue (obj.ReferenceEquals(second.Lrs, first.Lrs)) "epoch 1 keeps the LRs"
            let struct (state, third) = Scheduler.step s state { Lrs = second.Lrs; Metric = () }
            Expect.isTrue (obj.ReferenceEquals(third.Lrs, first.Lrs)) "epoch 2 keeps the LRs"
            let struct (_, fourth) = Scheduler.step s state { Lrs = third.Lrs; Metric = () }
            Expect.isFalse (obj.ReferenceEquals(fourth.Lrs, first.Lrs)) "epoch 3 decays"
            Expect.equal (fourth.Lrs.ToArray()) [| 0.05; 0.1 |] "epoch 3 halves the LRs"
        }
    ]
