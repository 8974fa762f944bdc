/// CyclicLR (Kinds/CyclicLR.fs): PyTorch 1.13's printed traces (base 0.1, max 1.0, up 2, down 3).
module Schedules.Tests.CyclicLRTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private close (actual: float[]) (expected: float[]) message =
    Array.iter2 (fun a e -> Expect.floatClose { absolute = 1e-6; relative = 0.0 } a e message) actual expected

let private cyclic mode =
    LRScheduler.CyclicLR(All 0.1, All 1.0, stepSizeUp = 2, stepSizeDown = 3, mode = mode, gamma = 0.9)

let private lrs s n =
    stepOnly s [ 0.5 ] n |> Array.map Array.head

let tests =
    testList "CyclicLR" [
        test "triangular" { close (lrs (cyclic Triangular) 6) [| 0.1; 0.55; 1.0; 0.7; 0.4; 0.1; 0.55 |] "lr" }
        test "triangular2 halves the amplitude each cycle" {
            close (lrs (cyclic Triangular2) 12).[5..] [| 0.1; 0.325; 0.55; 0.4; 0.25; 0.1; 0.2125; 0.325 |] "lr"
        }
        test "exp_range" {
            close (lrs (cyclic ExpRange) 6) [| 0.1; 0.505; 0.829; 0.5374; 0.29683; 0.1; 0.339148 |] "lr"
        }
        test "momentum cycles inversely, from max_momentum" {
            let trace = Scheduler.runSteps (cyclic Triangular) (gv [ 0.5 ]) 5
            let momentum = trace.Rows |> Seq.map (fun o -> o.Momentum.Value.[0]) |> Array.ofSeq
            close momentum [| 0.9; 0.85; 0.8; 0.833333; 0.866667; 0.9 |] "momentum"
        }
        test "a custom scale function over iterations" {
            let s =
                LRScheduler.CyclicLR(
                    All 0.1,
                    All 1.0,
                    stepSizeUp = 2,
                    stepSizeDown = 2,
                    scaleFn = (fun _ -> 0.5),
                    scaleMode = Iterations
                )

            close (lrs s 4) [| 0.1; 0.325; 0.55; 0.325; 0.1 |] "half amplitude"
        }
        test "step_size_down 0 gives a saw-tooth" {
            let s = LRScheduler.CyclicLR(All 0.1, All 1.0, stepSizeUp = 3, stepSizeDown = 0)
            close (lrs s 3) [| 0.1; 0.4; 0.7; 0.1 |] "never reaches max_lr"
        }
        test "a stale initial_lr from an earlier scheduler sets epoch 0, as in PyTorch" {
            let s =
                LRScheduler.ChainedScheduler [
                    LRScheduler.StepLR(100, 0.5)
                    LRScheduler.CyclicLR(All 0.1, All 1.0, stepSizeUp = 2)
                ]

            close (lrs s 1) [| 0.5; 0.55 |] "0.5 after construction, 0.55 after one step"
        }
        refused "CyclicLR step_size_up 0" "stepSizeUp" "0" (fun () ->
            box (LRScheduler.CyclicLR(All 0.1, All 1.0, stepSizeUp = 0)))
        refused "CyclicLR negative max_lr" "maxLr" "-1" (fun () -> box (LRScheduler.CyclicLR(All 0.1, All -1.0)))
        test "PyTorch's defaults, in the factory and in JSON" {
            Expect.equal Kinds.CyclicLR.DefaultStepSizeUp 2000 "step_size_up"
            Expect.equal Kinds.CyclicLR.DefaultGamma 1.0 "gamma"
            Expect.equal Kinds.CyclicLR.DefaultCycleMomentum true "cycle_momentum"
            Expect.equal Kinds.CyclicLR.DefaultBaseMomentum 0.8 "base_momentum"
            Expect.equal Kinds.CyclicLR.DefaultMaxMomentum 0.9 "max_momentum"
            Expect.equal Kinds.CyclicLR.DefaultMode Triangular "mode"
            Expect.equal Kinds.CyclicLR.DefaultScaleMode Cycle "scale_mode"

            let expected =
                CyclicLR {
                    BaseLr = All 0.1
                    MaxLr = All 1.0
                    StepSizeUp = 2000
                    StepSizeDown = None
                    Mode = Triangular
                    Gamma = 1.0
                    ScaleFn = None
                    ScaleMode = Cycle
                    CycleMomentum = true
                    BaseMomentum = All 0.8
                    MaxMomentum = All 0.9
                }

            sameConfig (Scheduler.config (LRScheduler.CyclicLR(All 0.1, All 1.0))) expected
            sameConfig (Config.ofJson """{"kind": "CyclicLR", "baseLr": 0.1, "maxLr": 1.0}""") expected
        }
        roundTrips
            "round-trips through JSON"
            20
            [ 0.1; 0.2 ]
            (Scheduler.config (
                LRScheduler.CyclicLR(All 0.01, Each [ 0.1; 0.2 ], stepSizeUp = 3, mode = ExpRange, gamma = 0.99)
            ))
        test "per-group settings give each group what the same settings for all groups give it, bit for bit" {
            // The step resolves Each settings into arrays and All settings into one value: both paths must agree.
            let trace (s: Scheduler<unit>) (lrs: float list) =
                let struct (state, first) = Scheduler.init s (gv lrs)
                let t = Scheduler.fold s state first.Lrs (List.replicate 30 ())

                t.Rows
                |> Seq.map (fun o -> o.Lrs.ToArray(), (Option.get o.Momentum).ToArray())
                |> Array.ofSeq

            let each =
                trace
                    (LRScheduler.CyclicLR(
                        Each [ 0.01; 0.02 ],
                        Each [ 0.1; 0.3 ],
                        stepSizeUp = 4,
                        mode = ExpRange,
                        gamma = 0.97,
                        baseMomentum = Each [ 0.8; 0.85 ],
                        maxMomentum = Each [ 0.9; 0.95 ]
                    ))
                    [ 0.1; 0.2 ]

            for g, (baseLr, maxLr, baseM, maxM) in List.indexed [ 0.01, 0.1, 0.8, 0.9; 0.02, 0.3, 0.85, 0.95 ] do
                let all =
                    trace
                        (LRScheduler.CyclicLR(
                            All baseLr,
                            All maxLr,
                            stepSizeUp = 4,
                            mode = ExpRange,
                            gamma = 0.97,
                            baseMomentum = All baseM,
                            maxMomentum = All maxM
                        ))
                        [ 0.1 ]

                let name = sprintf "group %d" g

                expectGroupRows name all each g
        }
    ]
