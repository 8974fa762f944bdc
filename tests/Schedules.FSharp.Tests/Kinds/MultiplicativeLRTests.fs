/// MultiplicativeLR (Kinds/MultiplicativeLR.fs): LR ← LR × lrLambda(epoch) from epoch 1.
module Schedules.Tests.MultiplicativeLRTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

/// Values PyTorch printed with six digits.
let private close (actual: float[]) (expected: float[]) message =
    Expect.equal actual.Length expected.Length message

    Array.iter2 (fun a e -> Expect.floatClose { absolute = 1e-6; relative = 0.0 } a e message) actual expected

let tests =
    testList "MultiplicativeLR" [
        test "MultiplicativeLR multiplies from epoch 1" {
            let s = LRScheduler.MultiplicativeLR(fun e -> if e % 2 = 1 then 0.5 else 1.0)
            Expect.equal (stepOnly s [ 1.0 ] 5 |> first) [| 1.0; 0.5; 0.5; 0.25; 0.25; 0.125 |] "odd epochs halve"
        }
        test "a MultiplicativeLR after a milestone multiplies the previous LR by lrLambda(0) (2.x) or keeps it (1.13)" {
            let s =
                LRScheduler.SequentialLR(
                    [ LRScheduler.ConstantLR(0.5); LRScheduler.MultiplicativeLR(fun _ -> 0.9) ],
                    [ 2 ]
                )

            close (stepOnly s [ 1.0 ] 4 |> first) [| 0.5; 0.5; 0.45; 0.405; 0.3645 |] "2.x: the factor leaks, times 0.9"

            close
                (stepOnly (Scheduler.withPyTorch PyTorch1_13 s) [ 1.0 ] 4 |> first)
                [| 0.5; 0.5; 0.5; 0.45; 0.405 |]
                "1.13: the warm-up factor leaks"
        }
        refused
            "a per-group lambda list of the wrong length"
            "lrLambda"
            "has 1 entries"
            (atInit (LRScheduler.MultiplicativeLR(Each [ Functions.constant 0.9 ])) [ 0.1; 0.1 ])
        roundTrips
            "round-trips through JSON, lambdas by their names"
            20
            [ 0.1; 0.2 ]
            (MultiplicativeLR(Each [ Functions.constant 0.9; Functions.invSqrt 1.0 ]))
    ]
