/// SequentialLR (Kinds/SequentialLR.fs): schedulers[i] from milestones[i-1] on, each restarted at its milestone.
/// How it threads LRs and metrics through its children: ThreadingTests.
module Schedules.Tests.SequentialLRTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

/// Values PyTorch printed with six digits.
let private close (actual: float[]) (expected: float[]) message =
    Expect.equal actual.Length expected.Length message

    Array.iter2 (fun a e -> Expect.floatClose { absolute = 1e-6; relative = 0.0 } a e message) actual expected

let tests =
    testList "SequentialLR" [
        test "SequentialLR restarts its next child from the closed form at its milestone" {
            let s =
                LRScheduler.SequentialLR([ LRScheduler.ConstantLR(0.1, 2); LRScheduler.ExponentialLR 0.9 ], [ 2 ])

            close (stepOnly s [ 1.0 ] 5 |> first) [| 0.1; 0.1; 1.0; 0.9; 0.81; 0.729 |] "switch at 2"

            let s =
                LRScheduler.SequentialLR([ LRScheduler.LinearLR(0.1, 1.0, 3); LRScheduler.CosineAnnealingLR 4 ], [ 3 ])

            close
                (stepOnly s [ 1.0 ] 9 |> first)
                [| 0.1; 0.4; 0.7; 1.0; 0.853553; 0.5; 0.146447; 0.0; 0.146447; 0.5 |]
                "LinearLR then cosine"
        }
        refused "SequentialLR milestones of the wrong count" "milestones" "[]" (fun () ->
            box (LRScheduler.SequentialLR([ LRScheduler.StepLR 2; LRScheduler.StepLR 3 ], [])))
        refused "SequentialLR milestones out of order" "milestones" "[5; 3]" (fun () ->
            box (
                LRScheduler.SequentialLR(
                    [ LRScheduler.StepLR 2; LRScheduler.StepLR 3; LRScheduler.StepLR 4 ],
                    [ 5; 3 ]
                )
            ))
        test "milestone 0: the next child steps from epoch -1 to 0, by 2.x's normal rule or 1.13's initial one" {
            let s =
                LRScheduler.SequentialLR([ LRScheduler.ConstantLR 0.1; LRScheduler.ExponentialLR 0.5 ], [ 0 ])

            let lrs version =
                Scheduler.runSteps (Scheduler.withPyTorch version s) (GroupValues.ofList [ 1.0 ]) 3
                |> lrRows
                |> Array.map Array.head

            Expect.equal (lrs PyTorch2) [| 0.1; 0.05; 0.025; 0.0125 |] "2.x multiplies by gamma at epoch 0"
            Expect.equal (lrs PyTorch1_13) [| 0.1; 0.1; 0.05; 0.025 |] "1.13 keeps the LR at epoch 0"
        }
        refused "SequentialLR with a negative milestone" "milestones" "[-1]" (fun () ->
            box (LRScheduler.SequentialLR([ LRScheduler.StepLR 2; LRScheduler.StepLR 3 ], [ -1 ])))
        test "PyTorch 1.13 refuses a ChainedScheduler inside a SequentialLR; 2.x runs it" {
            let s =
                LRScheduler.SequentialLR([ LRScheduler.ChainedScheduler [ LRScheduler.ExponentialLR 0.9 ] ], [])

            Expect.equal (Scheduler.pytorch s) PyTorch2 "2.x is the default"

            let e = Expect.throwsC (fun () -> Scheduler.withPyTorch PyTorch1_13 s |> ignore) id

            Expect.stringContains e.Message "AttributeError" "says what 1.13 does"
        }
        refused "SequentialLR of nothing" "schedulers" "empty" (fun () ->
            box (LRScheduler.SequentialLR(([]: Scheduler<unit> list), [])))
        test "a nested invalid child is refused with its own parameter" {
            let e =
                Expect.throwsC
                    (fun () ->
                        Scheduler.create (SequentialLR([ WarmUp(5, All(fun _ _ -> 1.0)); StepLR(0, 0.1) ], [ 5 ]))
                        |> ignore)
                    id

            Expect.stringContains e.Message "stepSize must be a positive integer" "names the child's parameter"
        }
        roundTrips
            "round-trips through JSON, children nested"
            20
            [ 0.1; 0.2 ]
            (SequentialLR(
                [
                    WarmUp(2, All Functions.linearWarmUp)
                    ChainedScheduler([ StepLR(2, 0.5); ExponentialLR 0.9 ])
                    Scheduler.config (HuggingFace.GetInverseSqrtSchedule 3)
                ],
                [ 2; 8 ]
            ))
    ]
