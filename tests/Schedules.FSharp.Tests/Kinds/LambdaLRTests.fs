/// LambdaLR (Kinds/LambdaLR.fs): LR = base × lrLambda(epoch), per group, ignoring the LRs in use.
module Schedules.Tests.LambdaLRTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

let tests =
    testList "LambdaLR" [
        test "LR = base × lrLambda(epoch), one lambda per group" {
            let s =
                LRScheduler.LambdaLR(Each [ Functions.gammaPow 0.5; Functions.constant 2.0 ])

            let rows = stepOnly s [ 1.0; 0.25 ] 3
            Expect.equal rows [| [| 1.0; 0.5 |]; [| 0.5; 0.5 |]; [| 0.25; 0.5 |]; [| 0.125; 0.5 |] |] "per group"
        }
        test "LambdaLR is absolute: in a chain it erases earlier members" {
            let s =
                LRScheduler.ChainedScheduler [ LRScheduler.ExponentialLR 0.5; LRScheduler.LambdaLR(fun _ -> 1.0) ]

            Expect.equal (stepOnly s [ 1.0 ] 3 |> first) [| 1.0; 1.0; 1.0; 1.0 |] "stays 1.0"
        }
        refused
            "a per-group lambda list of the wrong length"
            "lrLambda"
            "has 1 entries"
            (atInit
                (LRScheduler.LambdaLR(
                    Each [
                        fun _ -> 1.0
                    ]
                ))
                [ 0.1; 0.1 ])
        roundTrips
            "round-trips through JSON, lambdas by their names"
            20
            [ 0.1; 0.2 ]
            (LambdaLR(Each [ Functions.gammaPow 0.9; Functions.invSqrt 1.0 ]))
    ]
