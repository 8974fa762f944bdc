/// CosineAnnealingWarmRestarts (Kinds/CosineAnnealingWarmRestarts.fs), integer and fractional epochs.
module Schedules.Tests.CosineAnnealingWarmRestartsTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private close (a: float) (e: float) message =
    Expect.floatClose { absolute = 1e-6; relative = 0.0 } a e message

let tests =
    testList "CosineAnnealingWarmRestarts" [
        test "T_0 3, T_mult 2: restarts at 3 and 9" {
            let trace =
                Scheduler.runSteps (LRScheduler.CosineAnnealingWarmRestarts(3, 2)) (gv [ 1.0 ]) 9

            let rows = lrRows trace |> Array.map Array.head
            Array.iter2 (fun a e -> close a e "first period") rows.[0..3] [| 1.0; 0.75; 0.25; 1.0 |]
            close rows.[4] 0.933013 "second period"
            close rows.[8] 0.066987 "end of the second period"
            Expect.equal rows.[9] 1.0 "third restart"
            Expect.equal trace.State (WarmRestarts(gv [ 1.0 ], 9, 0.0, 12)) "T_cur 0, T_i 12"
        }
        test "an explicit fractional epoch: step(0.5) gives 0.933013" {
            let s = LRScheduler.CosineAnnealingWarmRestarts(3, 2)
            let struct (state, _) = Scheduler.init s (gv [ 1.0 ])

            let struct (state, out) =
                Scheduler.stepAt s state 0.5 (Observation.ofLrs (gv [ 1.0 ]))

            close out.Lrs.[0] 0.933013 "lr"
            let struct (state, out) = Scheduler.stepAt s state 4.5 (Observation.ofLrs out.Lrs)
            Expect.equal state (WarmRestarts(gv [ 1.0 ], 4, 1.5, 6)) "T_cur 1.5, T_i 6"
            let struct (state, _) = Scheduler.stepAt s state 10.25 (Observation.ofLrs out.Lrs)
            Expect.equal state (WarmRestarts(gv [ 1.0 ], 10, 1.25, 12)) "T_cur 1.25, T_i 12"
            let struct (state, _) = Scheduler.step s state (Observation.ofLrs out.Lrs)
            Expect.equal state (WarmRestarts(gv [ 1.0 ], 11, 2.25, 12)) "a following step continues with T_cur + 1"
        }
        test "PyTorch's log rounding at an exact restart: T_0 1, T_mult 3, step(121) gives eta_min" {
            let s = LRScheduler.CosineAnnealingWarmRestarts(1, 3)
            let struct (state, out) = Scheduler.init s (gv [ 1.0 ])
            let struct (state, out) = Scheduler.stepAt s state 121.0 (Observation.ofLrs out.Lrs)
            Expect.equal out.Lrs.[0] 0.0 "one cycle short, as in PyTorch"
            Expect.equal state (WarmRestarts(gv [ 1.0 ], 121, 81.0, 81)) "T_cur 81 = T_i"
        }
        test "a negative explicit epoch is refused" {
            let s = LRScheduler.CosineAnnealingWarmRestarts 3
            let struct (state, _) = Scheduler.init s (gv [ 1.0 ])

            Expect.throwsT<System.ArgumentOutOfRangeException>
                (fun () -> Scheduler.stepAt s state -1.0 (Observation.ofLrs (gv [ 1.0 ])) |> ignore)
                "epoch < 0"
        }
        test "stepAt is for CosineAnnealingWarmRestarts only" {
            let s = LRScheduler.StepLR 3
            let struct (state, _) = Scheduler.init s (gv [ 1.0 ])

            Expect.throwsT<System.ArgumentException>
                (fun () -> Scheduler.stepAt s state 1.0 (Observation.ofLrs (gv [ 1.0 ])) |> ignore)
                "refused"
        }
        refused "CosineAnnealingWarmRestarts T_0 0" "t0" "0" (fun () -> box (LRScheduler.CosineAnnealingWarmRestarts 0))
        refused "CosineAnnealingWarmRestarts T_mult 0" "tMult" "0" (fun () ->
            box (LRScheduler.CosineAnnealingWarmRestarts(2, 0)))
        test "T_mult 1 and eta_min 0 are PyTorch's defaults, in the factory and in JSON" {
            Expect.equal Kinds.CosineAnnealingWarmRestarts.DefaultTMult 1 "PyTorch's T_mult"
            Expect.equal Kinds.CosineAnnealingWarmRestarts.DefaultEtaMin 0.0 "PyTorch's eta_min"
            let expected = CosineAnnealingWarmRestarts(3, 1, 0.0)
            sameConfig (Scheduler.config (LRScheduler.CosineAnnealingWarmRestarts 3)) expected
            sameConfig (Config.ofJson """{"kind": "CosineAnnealingWarmRestarts", "t0": 3}""") expected
        }
        roundTrips "round-trips through JSON" 30 [ 0.1; 0.2 ] (CosineAnnealingWarmRestarts(3, 2, 0.001))
    ]
