/// How composites thread LRs, initial LRs, momentum and metrics through their children (Kinds/Threading.fs).
module Schedules.Tests.ThreadingTests

open Expecto
open Schedules
open Schedules.Tests.Support

let tests =
    testList "Threading" [
        test "SequentialLR builds every child, then re-runs only the first child's initial step" {
            let s =
                LRScheduler.SequentialLR([ LRScheduler.ConstantLR(0.1, 2); LRScheduler.LinearLR(0.5) ], [ 2 ])

            let struct (state, out) = Scheduler.init s (gv [ 1.0 ])
            Expect.equal out.Lrs (gv [ 0.1 ]) "the first child's epoch-0 LR, not the last-built child's"

            match state with
            | Sequential(0, [ Epoch(_, 0); Epoch(_, 0) ]) -> ()
            | other -> failtestf "unexpected state %A" other
        }
        test "OneCycleLR overwrites initial_lr, which a later SequentialLR reset uses" {
            let s =
                LRScheduler.SequentialLR(
                    [ LRScheduler.StepLR 5; LRScheduler.OneCycleLR(All 1.0, totalSteps = 10) ],
                    [ 3 ]
                )

            let struct (_, out) = Scheduler.init s (gv [ 0.5 ])
            Expect.equal out.Lrs (gv [ 1.0 / 25.0 ]) "StepLR's epoch 0 keeps the reset LR, max_lr / div_factor"
        }
        test "ChainedScheduler forwards the metric to a plateau child" {
            let s =
                LRScheduler.ChainedScheduler [
                    LRScheduler.ExponentialLR 1.0 |> Scheduler.withMetric
                    LRScheduler.ReduceLROnPlateau(patience = 0, warmup = 0)
                ]

            let trace = Scheduler.run s (gv [ 1.0 ]) [ 1.0; 1.0 ]
            Expect.equal (lrRows trace |> Array.map Array.head) [| 1.0; 1.0; 0.1 |] "reduced on the second"
        }
        test "at its milestone a plateau child in its grace period sees the seed's 0, so a NaN there cannot reduce" {
            let s =
                LRScheduler.SequentialLR(
                    [
                        LRScheduler.WarmUp 2 |> Scheduler.withMetric
                        LRScheduler.ReduceLROnPlateau(patience = 0, warmup = 1)
                    ],
                    [ 2 ]
                )

            let rows =
                Scheduler.run s (gv [ 0.1 ]) [ 1.0; nan; 1.0 ] |> lrRows |> Array.map Array.head

            Expect.equal rows [| 0.0; 0.05; 0.05; 0.05 |] "no reduction at the milestone, as in celldetection"
        }
        test "without a grace period a plateau child sees the real metric at its milestone" {
            let s =
                LRScheduler.SequentialLR(
                    [
                        LRScheduler.WarmUp 2 |> Scheduler.withMetric
                        LRScheduler.ReduceLROnPlateau(patience = 0, warmup = 0)
                    ],
                    [ 2 ]
                )

            let trace = Scheduler.run s (gv [ 0.1 ]) [ 1.0; 0.5; 0.4 ]
            // celldetection's 0 would have become the best and reduced at step 3; the real 0.5 and 0.4 improve.
            Expect.equal (lrRows trace |> Array.map Array.head) [| 0.0; 0.05; 0.05; 0.05 |] "no reduction"

            match trace.State with
            | Sequential(_, [ _; Plateau p ]) -> Expect.equal p.Best 0.4 "the real metric is the best"
            | other -> failtestf "unexpected %A" other
        }
        test "a SequentialLR nested in a SequentialLR restarts at its milestone" {
            let inner =
                LRScheduler.SequentialLR([ LRScheduler.ConstantLR(0.5, 10); LRScheduler.ExponentialLR 0.5 ], [ 2 ])

            let s = LRScheduler.SequentialLR([ LRScheduler.WarmUp 2; inner ], [ 3 ])
            let rows = stepOnly s [ 1.0 ] 7 |> Array.map Array.head
            Expect.equal rows [| 0.0; 0.5; 1.0; 0.5; 0.5; 1.0; 0.5; 0.25 |] "inner restarts at outer step 3"
        }
        test "momentum comes from the child that cycles it" {
            let s =
                LRScheduler.ChainedScheduler [
                    LRScheduler.OneCycleLR(All 1.0, totalSteps = 10)
                    LRScheduler.ExponentialLR 1.0
                ]

            let struct (_, out) = Scheduler.init s (gv [ 0.1 ])
            Expect.equal out.Momentum (Some(gv [ 0.95 ])) "max_momentum at step 0"
        }
    ]
