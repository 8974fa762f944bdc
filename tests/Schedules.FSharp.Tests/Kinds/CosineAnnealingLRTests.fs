/// CosineAnnealingLR (Kinds/CosineAnnealingLR.fs): the cosine from base to etaMin over tMax, stepped recursively.
module Schedules.Tests.CosineAnnealingLRTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

/// Values PyTorch printed with six digits.
let private close (actual: float[]) (expected: float[]) message =
    Expect.equal actual.Length expected.Length message

    Array.iter2 (fun a e -> Expect.floatClose { absolute = 1e-6; relative = 0.0 } a e message) actual expected

let tests =
    testList "CosineAnnealingLR" [
        test "CosineAnnealingLR has no clamp: eta_min at T_max, then rising again" {
            let rows = stepOnly (LRScheduler.CosineAnnealingLR(10, 0.001)) [ 0.1 ] 30 |> first
            Expect.equal rows.[10] 0.001 "trough"
            Expect.equal rows.[11] 0.0034227024433899004 "the trough branch"
            Expect.equal rows.[20] 0.10000000000000045 "back at the peak"
            Expect.equal rows.[30] 0.001 "trough again"
        }
        test "CosineAnnealingLR with several groups uses each group's base" {
            let rows = stepOnly (LRScheduler.CosineAnnealingLR 4) [ 0.1; 0.01 ] 2
            close rows.[1] [| 0.085355; 0.008536 |] "epoch 1"
            close rows.[2] [| 0.05; 0.005 |] "epoch 2"
        }
        test "the cosine switch value is PyTorch's closed form, one ulp off base for (0.003, eta_min 0.05)" {
            let s =
                LRScheduler.SequentialLR([ LRScheduler.WarmUp 2; LRScheduler.CosineAnnealingLR(10, 0.05) ], [ 2 ])

            let rows = stepOnly s [ 0.003 ] 2 |> first
            Expect.equal rows.[2] 0.0030000000000000027 "0.05 + (0.003 - 0.05)"
        }
        refused "CosineAnnealingLR T_max 0" "tMax" "0" (fun () -> box (LRScheduler.CosineAnnealingLR 0))
        refused "CosineAnnealingLR negative eta_min" "etaMin" "-1" (fun () ->
            box (LRScheduler.CosineAnnealingLR(5, -1.0)))
        test "eta_min 0 is PyTorch's default, in the factory and in JSON" {
            Expect.equal Kinds.CosineAnnealingLR.DefaultEtaMin 0.0 "PyTorch's eta_min"
            sameConfig (Scheduler.config (LRScheduler.CosineAnnealingLR 10)) (CosineAnnealingLR(10, 0.0))
            sameConfig (Config.ofJson """{"kind": "CosineAnnealingLR", "tMax": 10}""") (CosineAnnealingLR(10, 0.0))
        }
        roundTrips "round-trips through JSON" 30 [ 0.1; 0.2 ] (CosineAnnealingLR(10, 0.001))
    ]
