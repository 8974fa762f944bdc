/// The step-based rules against the numbers PyTorch 1.13 printed (reference, section 3) and their closed forms.
module Schedules.Tests.StepRulesTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

/// Values PyTorch printed with six digits.
let private close (actual: float[]) (expected: float[]) message =
    Expect.equal actual.Length expected.Length message

    Array.iter2 (fun a e -> Expect.floatClose { absolute = 1e-6; relative = 0.0 } a e message) actual expected

let tests =
    testList "StepRules" [
        test "StepLR decays at step_size: 0.1 ×3, 0.010000000000000002 ×3, ..." {
            let rows = stepOnly (LRScheduler.StepLR(3, 0.1)) [ 0.1 ] 9 |> first

            Expect.equal
                rows
                [|
                    0.1
                    0.1
                    0.1
                    0.010000000000000002
                    0.010000000000000002
                    0.010000000000000002
                    0.0010000000000000002
                    0.0010000000000000002
                    0.0010000000000000002
                    0.00010000000000000003
                |]
                "StepLR(3, 0.1)"
        }
        test "MultiStepLR counts duplicate milestones: [2; 2; 5], 0.5" {
            let rows = stepOnly (LRScheduler.MultiStepLR([ 2; 2; 5 ], 0.5)) [ 0.1 ] 5 |> first
            Expect.equal rows [| 0.1; 0.1; 0.025; 0.025; 0.025; 0.0125 |] "γ² at 2"
        }
        test "ConstantLR multiplies by the reciprocal at total_iters" {
            let rows = stepOnly (LRScheduler.ConstantLR(0.5, 4)) [ 0.1 ] 5 |> first
            Expect.equal rows [| 0.05; 0.05; 0.05; 0.05; 0.1; 0.1 |] "factor 0.5"
            let third = stepOnly (LRScheduler.ConstantLR(1.0 / 3.0, 2)) [ 0.3 ] 2 |> first
            Expect.equal third [| 0.09999999999999999; 0.09999999999999999; 0.3 |] "default factor on 0.3"
        }
        test "LinearLR's recursive rule ends at 0.10000000000000002, not 0.1" {
            let rows = stepOnly (LRScheduler.LinearLR(0.25, 1.0, 4)) [ 0.1 ] 5 |> first

            Expect.equal
                rows
                [|
                    0.025
                    0.043750000000000004
                    0.06250000000000001
                    0.08125000000000002
                    0.10000000000000002
                    0.10000000000000002
                |]
                "recursive"
        }
        test "ExponentialLR is recursive: 2.656139888758755e-06 at epoch 100" {
            let rows = stepOnly (LRScheduler.ExponentialLR 0.9) [ 0.1 ] 100 |> first
            Expect.equal rows.[100] 2.656139888758755e-06 "not the closed form's 2.6561398887587545e-06"
        }
        test "PolynomialLR reaches exactly 0 at total_iters" {
            let rows = stepOnly (LRScheduler.PolynomialLR(4, 2.0)) [ 0.1 ] 5 |> first
            Expect.equal rows [| 0.1; 0.05625; 0.024999999999999998; 0.0062499999999999995; 0.0; 0.0 |] "power 2"
        }
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
        test "MultiplicativeLR multiplies from epoch 1" {
            let s = LRScheduler.MultiplicativeLR(fun e -> if e % 2 = 1 then 0.5 else 1.0)
            Expect.equal (stepOnly s [ 1.0 ] 5 |> first) [| 1.0; 0.5; 0.5; 0.25; 0.25; 0.125 |] "odd epochs halve"
        }
        test "LambdaLR is absolute: in a chain it erases earlier members" {
            let s =
                LRScheduler.ChainedScheduler [ LRScheduler.ExponentialLR 0.5; LRScheduler.LambdaLR(fun _ -> 1.0) ]

            Expect.equal (stepOnly s [ 1.0 ] 3 |> first) [| 1.0; 1.0; 1.0; 1.0 |] "stays 1.0"
        }
        test "ChainedScheduler composes ConstantLR and ExponentialLR" {
            let s =
                LRScheduler.ChainedScheduler [ LRScheduler.ConstantLR(0.1, 2); LRScheduler.ExponentialLR 0.9 ]

            close (stepOnly s [ 1.0 ] 5 |> first) [| 0.1; 0.09; 0.81; 0.729; 0.6561; 0.59049 |] "product"
        }
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
        test "a MultiplicativeLR after a milestone keeps the previous LR (PyTorch 1.13)" {
            let s =
                LRScheduler.SequentialLR(
                    [ LRScheduler.ConstantLR(0.5); LRScheduler.MultiplicativeLR(fun _ -> 0.9) ],
                    [ 2 ]
                )

            close (stepOnly s [ 1.0 ] 4 |> first) [| 0.5; 0.5; 0.5; 0.45; 0.405 |] "the warm-up factor leaks"
        }
        test "the cosine switch value is PyTorch's closed form, one ulp off base for (0.003, eta_min 0.05)" {
            let s =
                LRScheduler.SequentialLR([ LRScheduler.WarmUp 2; LRScheduler.CosineAnnealingLR(10, 0.05) ], [ 2 ])

            let rows = stepOnly s [ 0.003 ] 2 |> first
            Expect.equal rows.[2] 0.0030000000000000027 "0.05 + (0.003 - 0.05)"
        }
        test "the seed's WarmUp starts at 0 and passes LRs through after its steps" {
            let rows = stepOnly (LRScheduler.WarmUp 4) [ 0.1 ] 6 |> first
            Expect.equal rows [| 0.0; 0.025; 0.05; 0.07500000000000001; 0.1; 0.1; 0.1 |] "linear factor"
        }
        test "the seed's WarmUp chained after StepLR overwrites it during warm-up" {
            let s =
                LRScheduler.ChainedScheduler [ LRScheduler.StepLR(2, 0.5); LRScheduler.WarmUp 3 ]

            let rows = stepOnly s [ 1.0 ] 6 |> first
            Expect.equal rows [| 0.0; 1.0 / 3.0; 2.0 / 3.0; 1.0; 0.5; 0.5; 0.25 |] "then StepLR acts on the LR"
        }
    ]
