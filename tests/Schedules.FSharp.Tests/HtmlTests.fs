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
        test "a configuration shows its kind's rule, from its description, above its parameters" {
            let html = Html.config (Scheduler.config (LRScheduler.StepLR(2, 0.5)))
            let rule = Kinds.StepLR.description.Formula

            let shown =
                sprintf "<p class='schedules formula'>%s</p>" (System.Net.WebUtility.HtmlEncode rule)

            Expect.stringContains rule "gamma" "the StepLR rule"
            Expect.stringStarts html shown "the rule comes first"
            Expect.isLessThan (html.IndexOf shown) (html.IndexOf "<td>stepSize</td>") "above the table"
        }
        test "a composite shows each child's rule above the child's parameters" {
            let html =
                Html.config (
                    Scheduler.config (
                        LRScheduler.SequentialLR([ LRScheduler.WarmUp 3; LRScheduler.StepLR(2, 0.5) ], [ 4 ])
                    )
                )

            let at (d: Kinds.Description) =
                html.IndexOf(System.Net.WebUtility.HtmlEncode d.Formula)

            Expect.isTrue (at Kinds.SequentialLR.description >= 0) "the composite's rule"
            Expect.isTrue (at Kinds.WarmUp.description > at Kinds.SequentialLR.description) "the first child's"
            Expect.isTrue (at Kinds.StepLR.description > at Kinds.WarmUp.description) "the second child's, in order"
        }
        test "a curve of a family shows its rule; a combinator has none" {
            let inverseSqrt = Kinds.HuggingFace.GetInverseSqrtSchedule.curve 10 None
            let html = Html.config (Curve(Curves.scale 0.5 inverseSqrt))
            let rule = Kinds.HuggingFace.GetInverseSqrtSchedule.description.Formula

            Expect.stringContains html (System.Net.WebUtility.HtmlEncode rule) "the family curve's rule"
            Expect.equal (html.Split "class='schedules formula'").Length 2 "one rule: scale has no description"
        }
        test "every state case shows as a table of its fields, never as F#'s %A text" {
            let plateau = {
                Best = 0.64
                BadEpochs = 1
                CooldownLeft = 2
                WarmupLeft = 0
                LastEpoch = 15
            }

            let states = [
                Epoch(gv [ 0.1; 0.01 ], 5)
                WarmRestarts(gv [ 0.1 ], 12, 2.5, 20)
                Plateau plateau
                Sequential(20, [ Epoch(gv [ 0.1 ], 5); Plateau plateau ])
                Chained [ Epoch(gv [ 0.1 ], 3); WarmRestarts(gv [ 0.1 ], 3, 3.0, 10) ]
                Fields(
                    "optax.contrib.reduce_on_plateau",
                    [
                        "scale", Real 0.5
                        "plateauCount", Counter 2
                        "baseLrs", PerGroup(gv [ 0.1 ])
                    ]
                )
            ]

            let shown =
                states
                |> List.map (fun s -> (FSharp.Reflection.FSharpValue.GetUnionFields(s, typeof<State>) |> fst).Name)

            let cases =
                FSharp.Reflection.FSharpType.GetUnionCases typeof<State>
                |> Array.map (fun c -> c.Name)
                |> List.ofArray

            Expect.equal (List.sort shown) (List.sort cases) "one state of every case"

            for s in states do
                let html = Html.state s

                let name =
                    (FSharp.Reflection.FSharpValue.GetUnionFields(s, typeof<State>) |> fst).Name

                Expect.stringStarts html "<table class='schedules state'>" (sprintf "%s: a state table" name)
                Expect.stringContains html (sprintf "<th>%s</th>" name) (sprintf "%s: the case" name)
                Expect.isFalse (html.Contains "<pre") (sprintf "%s: no preformatted text" name)
                Expect.isFalse (html.Contains(sprintf "%A" s)) (sprintf "%s: not F#'s printing" name)
        }
        test "a state's fields show under their names, numbers round-trip, children nested in order" {
            let html =
                Html.state (
                    Sequential(
                        20,
                        [
                            Epoch(gv [ 0.1; 1.0 / 3.0 ], 5)
                            Plateau {
                                Best = infinity
                                BadEpochs = 1
                                CooldownLeft = 2
                                WarmupLeft = 3
                                LastEpoch = 15
                            }
                        ]
                    )
                )

            Expect.stringContains html "<td>LastEpoch</td><td>20</td>" "the composite's own counter"
            Expect.stringContains html (sprintf "<td>BaseLrs</td><td>0.1, %s</td>" (r (1.0 / 3.0))) "exact LRs"
            Expect.stringContains html "<td>CooldownLeft</td><td>2</td>" "a plateau counter"
            Expect.stringContains html (sprintf "<td>Best</td><td>%s</td>" (r infinity)) "an infinite best"

            let first, second =
                html.IndexOf "<td>scheduler 0</td>", html.IndexOf "<td>scheduler 1</td>"

            Expect.isTrue (0 < first && first < second) "the children, in order"
            Expect.isTrue (html.IndexOf "<th>Epoch</th>" > first) "child 0 is the Epoch state"
            Expect.isTrue (html.IndexOf "<th>Plateau</th>" > second) "child 1 is the Plateau state"
        }
        test "a trace's state is what Html.state shows" {
            let trace =
                Scheduler.run (LRScheduler.ReduceLROnPlateau(patience = 5, warmup = 0)) (gv [ 0.1 ]) [ 1.0; 2.0 ]

            Expect.stringContains
                (Html.state trace.State)
                "<td>BadEpochs</td><td>1</td>"
                "the counter after a bad epoch"
        }
    ]
