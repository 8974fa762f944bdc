/// The HTML the notebook formatters show.
module Schedules.Tests.HtmlTests

open Expecto
open Schedules
open Schedules.Tests.Support

let tests =
    testList "Html" [
        test "a trace shows an SVG chart per series, its events and its rows" {
            let s =
                LRScheduler.SequentialLR(
                    [
                        LRScheduler.WarmUp 2 |> Scheduler.withMetric
                        LRScheduler.ReduceLROnPlateau(patience = 0, warmup = 0)
                    ],
                    [ 3 ]
                )

            let html = Html.trace (Scheduler.run s (gv [ 0.1; 0.01 ]) [ 1.0; 1.0; 1.0; 1.0 ])
            Expect.stringContains html "<svg" "a chart"
            Expect.stringContains html "LR group 1" "a series per group"
            Expect.stringContains html "scheduler 1 takes over" "the switch"
            Expect.stringContains html "group 0: 0.1 → 0.01" "the reduction"
            Expect.isFalse (html.Contains "<script") "no script: it renders offline"
        }
        test "momentum gets its own chart where it is cycled" {
            let html =
                Html.trace (Scheduler.runSteps (LRScheduler.OneCycleLR(All 0.1, totalSteps = 10)) (gv [ 0.1 ]) 10)

            Expect.stringContains html ">momentum</text>" "momentum chart"
        }
        test "a configuration shows its parameters, nested, with functions as placeholders" {
            let html =
                Html.config (
                    Scheduler.config (
                        LRScheduler.SequentialLR([ LRScheduler.WarmUp 3; LRScheduler.StepLR(2, 0.5) ], [ 4 ])
                    )
                )

            Expect.stringContains html "<td>stepSize</td><td>2</td>" "a parameter"
            Expect.stringContains html "<td>lrLambda</td><td>function</td>" "a function"
        }
        test "text is escaped" {
            let html = Html.state (Epoch(gv [ 0.1 ], 3))
            Expect.stringContains html "<pre>" "a block"
            Expect.isFalse ((html.Replace("<pre>", "").Replace("</pre>", "")).Contains "<") "no raw markup from %A"
        }
    ]
