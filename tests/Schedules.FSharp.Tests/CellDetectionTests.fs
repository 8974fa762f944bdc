/// celldetection's three schedulers under the seed's name: LRScheduler's, with the seed's defaults.
module Schedules.Tests.CellDetectionTests

open Expecto
open Schedules
open Schedules.Tests.Support

/// A scheduler's configuration as its checkpoint describes it (every argument, defaults filled in).
let private described (s: Scheduler<'m>) =
    let struct (state, _) = Scheduler.init s (gv [ 0.1 ])
    Checkpoint.save s state

let tests =
    testList "CellDetection" [
        test "ReduceLROnPlateau is PyTorch's with the seed's grace period, warmup 1" {
            Expect.equal
                (described (CellDetection.ReduceLROnPlateau(factor = 0.5, patience = 2)))
                (described (LRScheduler.ReduceLROnPlateau(factor = 0.5, patience = 2, warmup = 1)))
                "warmup 1 by default"

            Expect.notEqual
                (described (CellDetection.ReduceLROnPlateau()))
                (described (LRScheduler.ReduceLROnPlateau()))
                "PyTorch's default has no grace period"

            Expect.equal
                (described (CellDetection.ReduceLROnPlateau(warmup = 0)))
                (described (LRScheduler.ReduceLROnPlateau()))
                "an explicit warmup wins"
        }
        test "WarmUp and SequentialLR are LRScheduler's" {
            Expect.equal (described (CellDetection.WarmUp 5)) (described (LRScheduler.WarmUp 5)) "WarmUp"

            let half = All(fun _ _ -> 0.5)

            Expect.equal
                (stepOnly (CellDetection.WarmUp(3, half)) [ 0.1 ] 5)
                (stepOnly (LRScheduler.WarmUp(3, half)) [ 0.1 ] 5)
                "a custom factor is passed on"

            Expect.equal
                (described (
                    CellDetection.SequentialLR([ CellDetection.WarmUp 5; LRScheduler.ExponentialLR 0.9 ], [ 5 ])
                ))
                (described (LRScheduler.SequentialLR([ LRScheduler.WarmUp 5; LRScheduler.ExponentialLR 0.9 ], [ 5 ])))
                "step-based"
        }
        test "the seed's SequentialLR [WarmUp; ReduceLROnPlateau] is the seed's configuration" {
            // Its numbers: SchedulerTests, "the seed's SequentialLR [WarmUp; ReduceLROnPlateau] reports its switch".
            let seed =
                CellDetection.SequentialLR(
                    [
                        CellDetection.WarmUp 2 |> Scheduler.withMetric
                        CellDetection.ReduceLROnPlateau(patience = 0)
                    ],
                    [ 2 ]
                )

            let explicitGrace =
                LRScheduler.SequentialLR(
                    [
                        LRScheduler.WarmUp 2 |> Scheduler.withMetric
                        LRScheduler.ReduceLROnPlateau(patience = 0, warmup = 1)
                    ],
                    [ 2 ]
                )

            Expect.equal (described seed) (described explicitGrace) "the same configuration"
        }
    ]
