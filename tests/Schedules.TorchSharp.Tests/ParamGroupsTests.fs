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
    ]
