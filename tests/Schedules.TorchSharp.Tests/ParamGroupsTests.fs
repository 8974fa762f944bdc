/// Reading and writing real optimizers' param groups; refusals before anything is written.
module Schedules.TorchSharp.Tests.ParamGroupsTests

open System
open Expecto
open TorchSharp
open Schedules
open Schedules.TorchSharp
open Schedules.TorchSharp.Tests.Support

let tests =
    testList "ParamGroups" [
        test "binding writes epoch 0's LRs to every group" {
            let o = sgd [ 0.1; 0.02 ] 0.9
            Shell.bind (LRScheduler.LinearLR(0.5, 1.0, 4), o) |> ignore
            Expect.equal (lrsOf o) [| 0.05; 0.01 |] "base × start_factor"
        }
        test "OneCycleLR writes SGD's momentum" {
            let o = sgd [ 0.1 ] 0.5
            let bound = Shell.bind (LRScheduler.OneCycleLR(All 1.0, totalSteps = 10), o)
            Expect.equal (momentaOf o) [| 0.95 |] "max_momentum at step 0"
            bound.Step() |> ignore
            Expect.floatClose Accuracy.high (momentaOf o).[0] 0.9 "then down"
        }
        test "OneCycleLR writes Adam's beta1 and keeps beta2" {
            let o = adam [ 0.1 ]
            Shell.bind (LRScheduler.OneCycleLR(All 1.0, totalSteps = 10), o) |> ignore
            let struct (b1, b2) = (o.ParamGroups |> Seq.head :?> torch.optim.IBetas).Betas
            Expect.equal (b1, b2) (0.95, 0.999) "beta1 cycled, beta2 kept"
        }
        test "an optimizer without momentum is refused for momentum cycling, before anything is written" {
            let p = torch.nn.Parameter(torch.zeros (2L, 2L))
            let o = torch.optim.Adagrad([ p ], lr = 0.3)

            let e =
                Expect.throwsC (fun () -> Shell.bind (LRScheduler.OneCycleLR(All 1.0, totalSteps = 10), o) |> ignore) id

            Expect.stringContains e.Message "has neither momentum nor betas" "says why"
            Expect.equal (lrsOf o) [| 0.3 |] "the LR is untouched"
        }
        test "a per-group setting for another number of groups is refused, before anything is written" {
            let o = sgd [ 0.1; 0.2 ] 0.9
            let s = LRScheduler.ReduceLROnPlateau(minLr = Each [ 0.0; 0.0; 0.0 ])
            Expect.throwsT<ArgumentException> (fun () -> Shell.bind (s, o) |> ignore) "refused"
            Expect.equal (lrsOf o) [| 0.1; 0.2 |] "untouched"
        }
        test "a write that cannot be made whole writes nothing, naming the group and the value" {
            let o = sgd [ 0.1; 0.2 ] 0.9
            let groups = ParamGroups.ofOptimizer o

            for lrs, momentum, why in
                [
                    [ 0.5 ], None, "2 param groups, but got 1 LR"
                    [ 0.5; 0.6; 0.7 ], None, "2 param groups, but got 3 LRs"
                    [ 0.5; nan ], None, "LR of group 1 must be a finite number >= 0, but got NaN"
                    [ 0.5; -0.1 ], None, "LR of group 1 must be a finite number >= 0, but got -0.1"
                    [ 0.5; 0.6 ], Some [ 0.8 ], "2 param groups, but got 1 momentum"
                    [ 0.5; 0.6 ], Some [ 0.8; -0.1 ], "momentum of group 1 (SGD) must be in [0, 1), but got -0.1"
                    [ 0.5; 0.6 ],
                    Some [ 0.8; infinity ],
                    "momentum of group 1 (SGD) must be in [0, 1), but got Infinity"
                    [ 0.5; 0.6 ], Some [ 0.8; 1.0 ], "momentum of group 1 (SGD) must be in [0, 1), but got 1"
                ] do
                let e =
                    Expect.throwsC
                        (fun () ->
                            ParamGroups.write groups Hyperparameter.LearningRate (gv lrs) (Option.map gv momentum))
                        id

                Expect.isTrue (e :? InvalidOperationException) (sprintf "InvalidOperationException for %s" why)
                Expect.stringContains e.Message why why
                Expect.equal (lrsOf o) [| 0.1; 0.2 |] (sprintf "no LR written for %s" why)
                Expect.equal (momentaOf o) [| 0.9; 0.9 |] (sprintf "no momentum written for %s" why)
        }
        test "Adam's beta1 must stay below 1 when written" {
            let o = adam [ 0.1; 0.2 ]
            let groups = ParamGroups.ofOptimizer o

            let e =
                Expect.throwsC
                    (fun () ->
                        ParamGroups.write groups Hyperparameter.LearningRate (gv [ 0.5; 0.6 ]) (Some(gv [ 0.9; 1.0 ])))
                    id

            Expect.isTrue (e :? InvalidOperationException) "InvalidOperationException"

            Expect.stringContains
                e.Message
                "beta1 of group 1 (Adam) must be in [0, 1), but got 1"
                "names the group, the optimizer and the value"

            Expect.equal (lrsOf o) [| 0.1; 0.2 |] "no LR written"
            Expect.equal (momentaOf o) [| 0.9; 0.9 |] "no beta1 written"
            ParamGroups.write groups Hyperparameter.LearningRate (gv [ 0.5; 0.6 ]) (Some(gv [ 0.85; 0.0 ]))
            Expect.equal (momentaOf o) [| 0.85; 0.0 |] "a beta1 in [0, 1) is written"
        }
        test "a momentum cycle that would give a momentum or beta1 of 1 or more is refused at bind, naming the setting" {
            for make, name in
                [
                    (fun m -> LRScheduler.OneCycleLR(All 1.0, totalSteps = 10, maxMomentum = m)), "OneCycleLR"
                    (fun m ->
                        LRScheduler.ChainedScheduler [
                            LRScheduler.StepLR 3
                            LRScheduler.CyclicLR(All 0.01, All 0.1, maxMomentum = m)
                        ]),
                    "CyclicLR"
                ] do
                let o = adam [ 0.1; 0.2 ]

                let e =
                    Expect.throwsC (fun () -> Shell.bind (make (Each [ 0.95; 1.0 ]), o) |> ignore) id

                Expect.isTrue (e :? ArgumentException) "ArgumentException"

                Expect.stringContains
                    e.Message
                    (sprintf "%s's maxMomentum for group 1 is 1" name)
                    "names the kind, the setting, the group and the value"

                Expect.stringContains e.Message "becomes beta1 of this optimizer (Adam)" "names the optimizer type"
                Expect.equal (lrsOf o) [| 0.1; 0.2 |] "nothing written"
                Expect.equal (momentaOf o) [| 0.9; 0.9 |] "nothing written"
                let o = sgd [ 0.1; 0.2 ] 0.9

                let e =
                    Expect.throwsC (fun () -> Shell.bind (make (Each [ 0.95; 1.0 ]), o) |> ignore) id

                Expect.stringContains
                    e.Message
                    "becomes momentum of this optimizer (SGD), which must be in [0, 1)"
                    "SGD's momentum has the same bounds"

                Expect.equal (momentaOf o) [| 0.9; 0.9 |] "nothing written"
                Shell.bind (make (Each [ 0.95; 0.99 ]), o) |> ignore
                Expect.equal (momentaOf o) [| 0.95; 0.99 |] "a momentum below 1 is written"
        }
        test
            "a PyTorch 1.13 CyclicLR that cycles Adam's beta1 is refused at bind and at resume, before anything is written" {
            let cyclic = LRScheduler.CyclicLR(All 0.01, All 0.1, stepSizeUp = 4)
            let old = Scheduler.withPyTorch PyTorch1_13 cyclic
            let o = adam [ 0.3; 0.2 ]

            let e = Expect.throwsC (fun () -> Shell.bind (old, o) |> ignore) id
            Expect.stringContains e.Message "PyTorch 1.13" "names the version"
            Expect.stringContains e.Message "beta1" "and what it cannot cycle"
            Expect.equal (e :?> ArgumentException).ParamName "scheduler" "names the parameter"
            Expect.equal (lrsOf o) [| 0.3; 0.2 |] "LRs untouched"
            Expect.equal (betasOf o) [| 0.9, 0.999; 0.9, 0.999 |] "betas untouched"

            // A document saved by the 2.x scheduler on another Adam: resuming it with the 1.13 scheduler is refused
            // for the optimizer before the document is read.
            let saved = (Shell.bind (cyclic, adam [ 0.3; 0.2 ])).Save()

            Expect.throwsT<ArgumentException>
                (fun () -> Shell.resume (old, o, saved, acceptOptimizerLrs = true) |> ignore)
                "refused at resume"

            Expect.equal (lrsOf o) [| 0.3; 0.2 |] "still untouched"
        }
        test "PyTorch 2.x's CyclicLR cycles Adam's beta1, and 1.13's cycles SGD's momentum" {
            let cyclic = LRScheduler.CyclicLR(All 0.01, All 0.1, stepSizeUp = 4)
            let o = adam [ 0.3 ]
            let bound = Shell.bind (cyclic, o)
            let expected = Scheduler.runSteps cyclic (gv [ 0.3 ]) 2

            Expect.equal (betasOf o) [| expected.Rows.[0].Momentum.Value.[0], 0.999 |] "maxMomentum becomes beta1"
            bound.Step() |> ignore
            bound.Step() |> ignore
            Expect.equal (momentaOf o) [| expected.Rows.[2].Momentum.Value.[0] |] "beta1 follows the core's trace"
            Expect.isLessThan (momentaOf o).[0] 0.9 "and moves away from maxMomentum as the LR rises"

            let s = sgd [ 0.3 ] 0.5
            Shell.bind (Scheduler.withPyTorch PyTorch1_13 cyclic, s) |> ignore
            Expect.equal (momentaOf s) [| expected.Rows.[0].Momentum.Value.[0] |] "1.13 cycles SGD's momentum"
        }
    ]
