/// State (State.fs): the facts read from a state, its group count and its epoch.
module Schedules.Tests.StateTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private after (s: Scheduler<'M>) (lrs: float list) (metrics: 'M list) =
    (Scheduler.run s (gv lrs) metrics).State

let private plateau = LRScheduler.ReduceLROnPlateau(patience = 1)

let tests =
    testList "State" [
        test "groupCount: the groups a state started with, where it records them" {
            Expect.equal (State.groupCount (after (LRScheduler.StepLR 2) [ 0.1; 0.2; 0.3 ] [ (); () ])) (Some 3) "Epoch"

            Expect.equal
                (State.groupCount (after (LRScheduler.CosineAnnealingWarmRestarts 2) [ 0.1; 0.2 ] [ () ]))
                (Some 2)
                "WarmRestarts"

            Expect.equal (State.groupCount (after plateau [ 0.1; 0.2 ] [ 1.0 ])) None "a lone plateau does not"

            let chained =
                LRScheduler.ChainedScheduler [ plateau; LRScheduler.StepLR 2 |> Scheduler.withMetric ]

            Expect.equal (State.groupCount (after chained [ 0.1; 0.2 ] [ 1.0 ])) (Some 2) "the first child that does"

            let sequential =
                LRScheduler.SequentialLR([ LRScheduler.WarmUp 2 |> Scheduler.withMetric; plateau ], [ 2 ])

            Expect.equal (State.groupCount (after sequential [ 0.1 ] [ 1.0; 1.0; 1.0 ])) (Some 1) "SequentialLR"
        }
        test "epoch: how many transitions the state has seen" {
            Expect.equal (State.epoch (after (LRScheduler.StepLR 2) [ 0.1 ] (List.replicate 7 ()))) 7 "Epoch"

            Expect.equal
                (State.epoch (after (LRScheduler.CosineAnnealingWarmRestarts 2) [ 0.1 ] (List.replicate 5 ())))
                5
                "WarmRestarts"

            Expect.equal (State.epoch (after plateau [ 0.1 ] [ 1.0; 2.0; 3.0 ])) 3 "Plateau"

            let sequential =
                LRScheduler.SequentialLR([ LRScheduler.WarmUp 2; LRScheduler.ExponentialLR 0.9 ], [ 2 ])

            Expect.equal (State.epoch (after sequential [ 0.1 ] (List.replicate 6 ()))) 6 "SequentialLR's own counter"

            let chained =
                LRScheduler.ChainedScheduler [ LRScheduler.StepLR 2; LRScheduler.ExponentialLR 0.9 ]

            Expect.equal (State.epoch (after chained [ 0.1 ] (List.replicate 4 ()))) 4 "the children's"
            Expect.equal (State.epoch (Chained [ Epoch(gv [ 0.1 ], 2); Epoch(gv [ 0.1 ], 5) ])) 5 "the largest child's"
        }
    ]
