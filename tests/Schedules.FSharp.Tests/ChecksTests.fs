/// Validation: every invalid value is refused when the scheduler is built, naming the parameter and the value.
module Schedules.Tests.ChecksTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support

let private refused (name: string) (param: string) (value: string) (build: unit -> obj) =
    test name {
        let e = Expect.throwsC (build >> ignore) id

        match e with
        | :? ArgumentException as a ->
            Expect.equal a.ParamName param "names the parameter"
            Expect.stringContains a.Message value "shows the value received"
        | other -> failtestf "expected an ArgumentException, got %s" (other.GetType().Name)
    }

let private plateau = ReduceLROnPlateauConfig.Default

let private atInit (s: Scheduler<'M>) lrs =
    fun () -> box (Scheduler.init s (gv lrs))

let tests =
    testList "Checks" [
        refused "StepLR step_size 0 (PyTorch divides by zero later)" "stepSize" "0" (fun () ->
            box (LRScheduler.StepLR 0))
        refused "StepLR negative gamma" "gamma" "-0.1" (fun () -> box (LRScheduler.StepLR(2, -0.1)))
        refused "MultiStepLR negative milestone" "milestones" "-1" (fun () -> box (LRScheduler.MultiStepLR [ -1; 3 ]))
        refused "ConstantLR factor 0" "factor" "0" (fun () -> box (LRScheduler.ConstantLR(0.0, 3)))
        refused "ConstantLR factor above 1" "factor" "1.5" (fun () -> box (LRScheduler.ConstantLR(1.5, 3)))
        refused "LinearLR start_factor 0" "startFactor" "0" (fun () -> box (LRScheduler.LinearLR(0.0, 1.0, 5)))
        refused "LinearLR end_factor above 1" "endFactor" "2" (fun () -> box (LRScheduler.LinearLR(0.5, 2.0, 5)))
        refused "LinearLR total_iters 0" "totalIters" "0" (fun () -> box (LRScheduler.LinearLR(0.5, 1.0, 0)))
        refused "ExponentialLR NaN gamma" "gamma" "NaN" (fun () -> box (LRScheduler.ExponentialLR nan))
        refused "PolynomialLR negative power" "power" "-1" (fun () -> box (LRScheduler.PolynomialLR(5, -1.0)))
        refused "CosineAnnealingLR T_max 0" "tMax" "0" (fun () -> box (LRScheduler.CosineAnnealingLR 0))
        refused "CosineAnnealingLR negative eta_min" "etaMin" "-1" (fun () ->
            box (LRScheduler.CosineAnnealingLR(5, -1.0)))
        refused "CosineAnnealingWarmRestarts T_0 0" "t0" "0" (fun () -> box (LRScheduler.CosineAnnealingWarmRestarts 0))
        refused "CosineAnnealingWarmRestarts T_mult 0" "tMult" "0" (fun () ->
            box (LRScheduler.CosineAnnealingWarmRestarts(2, 0)))
        refused "CyclicLR step_size_up 0" "stepSizeUp" "0" (fun () ->
            box (LRScheduler.CyclicLR(All 0.1, All 1.0, stepSizeUp = 0)))
        refused "CyclicLR negative max_lr" "maxLr" "-1" (fun () -> box (LRScheduler.CyclicLR(All 0.1, All -1.0)))
        refused "OneCycleLR total_steps 0" "totalSteps" "0" (fun () ->
            box (LRScheduler.OneCycleLR(All 1.0, totalSteps = 0)))
        refused "OneCycleLR pct_start above 1" "pctStart" "1.5" (fun () ->
            box (LRScheduler.OneCycleLR(All 1.0, totalSteps = 10, pctStart = 1.5)))
        refused "OneCycleLR div_factor 0" "divFactor" "0" (fun () ->
            box (LRScheduler.OneCycleLR(All 1.0, totalSteps = 10, divFactor = 0.0)))
        refused "WarmUp steps 0" "steps" "0" (fun () -> box (LRScheduler.WarmUp 0))
        refused "ReduceLROnPlateau factor 1" "factor" "1" (fun () -> box (LRScheduler.ReduceLROnPlateau(factor = 1.0)))
        refused "ReduceLROnPlateau negative patience" "patience" "-1" (fun () ->
            box (LRScheduler.ReduceLROnPlateau(patience = -1)))
        refused "ReduceLROnPlateau negative min_lr" "minLr" "-0.5" (fun () ->
            box (LRScheduler.ReduceLROnPlateau(minLr = Each [ 0.0; -0.5 ])))
        refused "ReduceLROnPlateau NaN eps" "eps" "NaN" (fun () -> box (LRScheduler.ReduceLROnPlateau(eps = nan)))
        refused "ReduceLROnPlateau negative warmup" "warmup" "-2" (fun () ->
            box (LRScheduler.ReduceLROnPlateau(warmup = -2)))
        refused "SequentialLR milestones of the wrong count" "milestones" "[]" (fun () ->
            box (LRScheduler.SequentialLR([ LRScheduler.StepLR 2; LRScheduler.StepLR 3 ], [])))
        refused "SequentialLR milestones out of order" "milestones" "[5; 3]" (fun () ->
            box (
                LRScheduler.SequentialLR(
                    [ LRScheduler.StepLR 2; LRScheduler.StepLR 3; LRScheduler.StepLR 4 ],
                    [ 5; 3 ]
                )
            ))
        refused "SequentialLR milestone 0 (PyTorch silently misinitialises)" "milestones" "[0]" (fun () ->
            box (LRScheduler.SequentialLR([ LRScheduler.StepLR 2; LRScheduler.StepLR 3 ], [ 0 ])))
        refused "SequentialLR of nothing" "schedulers" "empty" (fun () ->
            box (LRScheduler.SequentialLR(([]: Scheduler<unit> list), [])))
        refused "ChainedScheduler of nothing" "schedulers" "empty" (fun () ->
            box (LRScheduler.ChainedScheduler([]: Scheduler<unit> list)))
        refused
            "a per-group setting of the wrong length, when the LRs come in"
            "minLr"
            "has 3 entries"
            (atInit (LRScheduler.ReduceLROnPlateau(minLr = Each [ 0.0; 0.0; 0.0 ])) [ 0.1; 0.1 ])
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
        refused "an initial LR that is NaN" "lrs" "NaN" (atInit (LRScheduler.StepLR 2) [ nan ])
        refused "a mode name PyTorch does not know" "mode" "got minimum" (fun () ->
            box (Modes.parsePlateauMode "minimum"))
        test "a nested invalid child is refused with its own parameter" {
            let e =
                Expect.throwsC
                    (fun () ->
                        Scheduler.create (SequentialLR([ WarmUp(5, All(fun _ _ -> 1.0)); StepLR(0, 0.1) ], [ 5 ]))
                        |> ignore)
                    id

            Expect.stringContains e.Message "stepSize must be a positive integer" "names the child's parameter"
        }
        test "the defaults are PyTorch's, and the seed's differ only in the grace period" {
            Expect.equal plateau.Warmup 0 "PyTorch's rule has no grace period"
            Expect.equal ReduceLROnPlateauConfig.CellDetectionDefault.Warmup 1 "the seed's grace period"

            let seedWithoutGrace = {
                ReduceLROnPlateauConfig.CellDetectionDefault with
                    Warmup = 0
            }

            Expect.equal (sprintf "%A" seedWithoutGrace) (sprintf "%A" plateau) "otherwise PyTorch's"

            Expect.equal plateau.Factor 0.1 "factor"
            Expect.equal plateau.Patience 10 "patience"
            Expect.equal plateau.Eps 1e-8 "eps"
        }
    ]
