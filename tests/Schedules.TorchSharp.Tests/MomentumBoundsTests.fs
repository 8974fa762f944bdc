/// The momentum bounds separately bound schedulers leave in one optimizer's param groups, on real SGD.
module Schedules.TorchSharp.Tests.MomentumBoundsTests

open System
open Expecto
open TorchSharp
open Schedules
open Schedules.TorchSharp
open Schedules.TorchSharp.Tests.Support

let private oneCycle () =
    LRScheduler.OneCycleLR(All 1.0, totalSteps = 20, threePhase = true)

/// Its bounds (0.8, 0.9) differ from OneCycleLR's defaults (0.85, 0.95).
let private cyclic () =
    LRScheduler.CyclicLR(All 0.001, All 0.1, stepSizeUp = 3)

let tests =
    testList "MomentumBounds" [
        test "a OneCycleLR refuses to step once a 2.x CyclicLR bound after it wrote other bounds, writing nothing" {
            let o = sgd [ 0.1; 0.2 ] 0.9
            let first = Shell.bind (oneCycle (), o)
            first.Step() |> ignore
            let later = Shell.bind (cyclic (), o)
            let lrs, momenta = lrsOf o, momentaOf o
            let e = Expect.throwsC (fun () -> first.Step() |> ignore) id
            Expect.isTrue (e :? InvalidOperationException) "an InvalidOperationException"
            Expect.stringContains e.Message "This OneCycleLR" "names the reader"
            Expect.stringContains e.Message "CyclicLR (PyTorch 2.x)" "names the writer and its version"
            Expect.stringContains e.Message "baseMomentum 0.8, maxMomentum 0.9" "and the bounds it wrote"
            Expect.stringContains e.Message "ChainedScheduler" "says how to get PyTorch's numbers"
            Expect.equal (lrsOf o, momentaOf o) (lrs, momenta) "nothing was written"
            Expect.equal first.Calls 1 "the refused call is not counted"
            later.Step() |> ignore
            Expect.equal later.Calls 1 "the CyclicLR steps on"
        }
        test "a composite holding the OneCycleLR is named as its holder" {
            let o = sgd [ 0.1 ] 0.9

            let first =
                Shell.bind (LRScheduler.SequentialLR([ oneCycle (); LRScheduler.ConstantLR(0.5, 2) ], [ 10 ]), o)

            Shell.bind (cyclic (), o) |> ignore
            let e = Expect.throwsC (fun () -> first.Step() |> ignore) id
            Expect.stringContains e.Message "The OneCycleLR in this SequentialLR" "names the holder"
        }
        test "another OneCycleLR bound later with other bounds stops the first, in both versions; equal bounds do not" {
            for version in [ PyTorch2; PyTorch1_13 ] do
                let o = sgd [ 0.1 ] 0.9
                let first = Shell.bind (Scheduler.withPyTorch version (oneCycle ()), o)

                Shell.bind (LRScheduler.OneCycleLR(All 0.5, totalSteps = 8), o) |> ignore
                first.Step() |> ignore

                Shell.bind (LRScheduler.OneCycleLR(All 0.5, totalSteps = 8, maxMomentum = All 0.97), o)
                |> ignore

                Expect.throwsT<InvalidOperationException> (fun () -> first.Step() |> ignore) (sprintf "%A" version)
        }
        test "schedulers that leave the OneCycleLR's bounds in place do not stop it" {
            let stepsAfter (bindLater: torch.optim.Optimizer -> unit) =
                let o = sgd [ 0.1 ] 0.9
                let first = Shell.bind (oneCycle (), o)
                bindLater o
                first.Step() |> ignore
                first.Calls

            // 1.13's CyclicLR writes no bounds.
            Expect.equal
                (stepsAfter (fun o -> Shell.bind (Scheduler.withPyTorch PyTorch1_13 (cyclic ()), o) |> ignore))
                1
                "1.13"
            // A CyclicLR that does not cycle momentum writes none.
            let still =
                LRScheduler.CyclicLR(All 0.001, All 0.1, stepSizeUp = 3, cycleMomentum = false)

            Expect.equal (stepsAfter (fun o -> Shell.bind (still, o) |> ignore)) 1 "no momentum cycle"
            // A resumed CyclicLR writes none either (PyTorch writes them only when built at last_epoch -1).
            let saved = (Shell.bind (cyclic (), sgd [ 0.1 ] 0.9)).Save()

            Expect.equal
                (stepsAfter (fun o -> Shell.resume (cyclic (), o, saved, acceptOptimizerLrs = true) |> ignore))
                1
                "resumed"
        }
        test "a CyclicLR bound before the OneCycleLR leaves it its own bounds, as in PyTorch" {
            let o = sgd [ 0.1 ] 0.9
            let c = Shell.bind (cyclic (), o)
            let first = Shell.bind (oneCycle (), o)
            let expected = Scheduler.runSteps (oneCycle ()) (gv [ 0.1 ]) 2
            c.Step() |> ignore
            first.Step() |> ignore
            first.Step() |> ignore
            Expect.equal (momentaOf o) [| expected.Rows.[2].Momentum.Value.[0] |] "its own momentum cycle"
        }
        test "the same two in one ChainedScheduler give PyTorch 2.x's momentum (the CyclicLR's bounds) on the optimizer" {
            // The shape of the vendored case 2x-onecycle-then-cyclic-1-2: the CyclicLR waits behind a milestone, so
            // until then the momentum is the OneCycleLR's, between the CyclicLR's bounds in 2.x.
            let chained =
                LRScheduler.ChainedScheduler [
                    oneCycle ()
                    LRScheduler.SequentialLR([ LRScheduler.ConstantLR(0.5, 1); cyclic () ], [ 14 ])
                ]

            let o = sgd [ 0.1 ] 0.9
            let bound = Shell.bind (chained, o)

            for _ in 1..3 do
                bound.Step() |> ignore

            let momentum (s: Scheduler<unit>) =
                (Scheduler.runSteps s (gv [ 0.1 ]) 3).Rows.[3].Momentum.Value.[0]

            Expect.equal (momentaOf o) [| momentum chained |] "2.x's trace"
            Expect.notEqual (momentaOf o) [| momentum (Scheduler.withPyTorch PyTorch1_13 chained) |] "not 1.13's"
            Expect.equal (Scheduler.momentumBoundsWritten chained) (Some(All 0.8, All 0.9)) "the CyclicLR's bounds"
        }
    ]
