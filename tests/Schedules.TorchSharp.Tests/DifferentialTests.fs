/// Our shell against TorchSharp 0.107's own schedulers on real optimizers: equal where TorchSharp follows PyTorch,
/// and the known differences pinned down where it does not.
/// TorchSharp 0.107's schedulers are a port of PyTorch 1.x's (no `_is_initial`, `step(0)` at a SequentialLR
/// milestone, CyclicLR without beta1): where PyTorch 2.x and 1.13 differ, TorchSharp follows 1.13, so the comparison
/// builds our schedulers with `PyTorch1_13` where a spec holds a SequentialLR; elsewhere the versions agree.
module Schedules.TorchSharp.Tests.DifferentialTests

open System
open System.Collections.Generic
open Expecto
open FsCheck
open FsCheck.FSharp
open TorchSharp
open Schedules
open Schedules.TorchSharp
open Schedules.TorchSharp.Tests.Support

type private Sched = torch.optim.lr_scheduler.LRScheduler

/// A configuration both libraries have: ours, and a function building TorchSharp's on an optimizer.
type Pair = {
    Name: string
    Ours: Scheduler<float>
    Theirs: torch.optim.Optimizer -> torch.optim.lr_scheduler.LRScheduler
} with

    override this.ToString() = this.Name

let private pair name (ours: Scheduler<unit>) theirs = {
    Name = name
    Ours = Scheduler.withMetric ours
    Theirs = theirs
}

/// CosineAnnealingLR keeps eta_min 0 here: chained after a decay below eta_min its recursive rule goes negative,
/// which this library refuses (SchedulerTests) and TorchSharp applies.
let private leaf =
    gen {
        let! gamma = Gen.elements [ 0.1; 0.5; 0.9; 0.99 ]
        let! size = Gen.choose (1, 8)
        let! total = Gen.choose (1, 10)
        let! ms = Gen.listOfLength 3 (Gen.choose (1, 30)) |> Gen.map (List.distinct >> List.sort)

        return!
            Gen.elements [
                pair $"StepLR({size}, {gamma})" (LRScheduler.StepLR(size, gamma)) (fun o ->
                    torch.optim.lr_scheduler.StepLR(o, size, gamma))
                pair $"MultiStepLR({ms}, {gamma})" (LRScheduler.MultiStepLR(ms, gamma)) (fun o ->
                    torch.optim.lr_scheduler.MultiStepLR(o, List<int>(ms), gamma))
                pair $"ExponentialLR({gamma})" (LRScheduler.ExponentialLR gamma) (fun o ->
                    torch.optim.lr_scheduler.ExponentialLR(o, gamma))
                pair $"ConstantLR(0.5, {total})" (LRScheduler.ConstantLR(0.5, total)) (fun o ->
                    torch.optim.lr_scheduler.ConstantLR(o, 0.5, total))
                pair $"LinearLR(0.25, 1.0, {total})" (LRScheduler.LinearLR(0.25, 1.0, total)) (fun o ->
                    torch.optim.lr_scheduler.LinearLR(o, 0.25, 1.0, total))
                pair $"PolynomialLR({total}, 2)" (LRScheduler.PolynomialLR(total, 2.0)) (fun o ->
                    torch.optim.lr_scheduler.PolynomialLR(o, total, 2.0))
                pair $"LambdaLR({gamma}^e)" (LRScheduler.LambdaLR(fun e -> Math.Pow(gamma, float e))) (fun o ->
                    torch.optim.lr_scheduler.LambdaLR(o, Func<int, float>(fun e -> Math.Pow(gamma, float e))))
                pair $"MultiplicativeLR({gamma})" (LRScheduler.MultiplicativeLR(fun _ -> gamma)) (fun o ->
                    torch.optim.lr_scheduler.MultiplicativeLR(o, Func<int, float>(fun _ -> gamma)))
                pair $"CosineAnnealingLR({total})" (LRScheduler.CosineAnnealingLR total) (fun o ->
                    torch.optim.lr_scheduler.CosineAnnealingLR(o, float total))
            ]
    }

/// TorchSharp's composites take children already built on the optimizer, as PyTorch's do.
let private pairs =
    gen {
        let! a = leaf
        let! b = leaf
        let! m = Gen.choose (1, 12)

        return!
            Gen.elements [
                a
                {
                    Name = $"SequentialLR([{a}; {b}], [{m}])"
                    Ours =
                        LRScheduler.SequentialLR([ a.Ours; b.Ours ], [ m ])
                        |> Scheduler.withPyTorch PyTorch1_13
                    Theirs = fun o -> torch.optim.lr_scheduler.SequentialLR(o, [ a.Theirs o; b.Theirs o ], [ m ])
                }
                {
                    Name = $"ChainedScheduler([{a}; {b}])"
                    Ours = LRScheduler.ChainedScheduler [ a.Ours; b.Ours ]
                    Theirs = fun o -> torch.optim.lr_scheduler.ChainedLR [ a.Theirs o; b.Theirs o ]
                }
            ]
    }

/// Runs both on fresh SGD optimizers with the same LRs; rows of LRs read back from each optimizer (TorchSharp's
/// get_last_lr can be stale, the optimizer is the truth).
let private run (p: Pair) (lrs: float list) (steps: int) (step: Sched -> unit) =
    let mine = sgd lrs 0.9
    let bound = Shell.bind (p.Ours, mine)
    let theirs = sgd lrs 0.9
    let scheduler = p.Theirs theirs
    let ours = ResizeArray [ lrsOf mine ]
    let their = ResizeArray [ lrsOf theirs ]

    for i in 1..steps do
        bound.Step(float i) |> ignore
        step scheduler
        ours.Add(lrsOf mine)
        their.Add(lrsOf theirs)

    ours.ToArray(), their.ToArray()

let private firstDifference (ours: float[][]) (theirs: float[][]) =
    Seq.zip ours theirs
    |> Seq.indexed
    |> Seq.tryPick (fun (step, (a, b)) ->
        Array.zip a b
        |> Array.tryFindIndex (fun (x, y) -> BitConverter.DoubleToInt64Bits x <> BitConverter.DoubleToInt64Bits y)
        |> Option.map (fun g -> sprintf "step %d, group %d: ours %.17g, TorchSharp %.17g" step g a.[g] b.[g]))

let private config = {
    FsCheckConfig.defaultConfig with
        maxTest = 60
}

let private lrsGen =
    gen {
        let! n = Gen.choose (1, 3)
        return! Gen.listOfLength n (Gen.elements [ 1.0; 0.1; 0.05; 0.003 ])
    }

let private close (actual: float[]) (expected: float[]) message =
    Array.iter2 (fun a e -> Expect.floatClose { absolute = 1e-6; relative = 0.0 } a e message) actual expected

let tests =
    testList "Differential" [
        testPropertyWithConfig config "where TorchSharp follows PyTorch, the LRs are the same bit for bit"
        <| Prop.forAll (Arb.fromGen (Gen.zip pairs lrsGen)) (fun (p, lrs) ->
            let ours, theirs = run p lrs 40 (fun s -> s.step ())

            match firstDifference ours theirs with
            | None -> true
            | Some where -> failwithf "%s: %s" p.Name where)

        testPropertyWithConfig config "ReduceLROnPlateau with warmup 0 gives TorchSharp's LRs"
        <| Prop.forAll
            (Arb.fromGen (
                Gen.zip3 lrsGen (Gen.choose (0, 3)) (Gen.listOfLength 40 (Gen.elements [ 1.0; 0.9; 0.8; 0.8; 2.0 ]))
            ))
            (fun (lrs, patience, metrics) ->
                let mine = sgd lrs 0.9

                let bound =
                    Shell.bind (
                        LRScheduler.ReduceLROnPlateau(patience = patience, factor = 0.5, cooldown = 1, warmup = 0),
                        mine
                    )

                let theirs = sgd lrs 0.9

                let scheduler =
                    torch.optim.lr_scheduler.ReduceLROnPlateau(theirs, patience = patience, factor = 0.5, cooldown = 1)

                metrics
                |> List.forall (fun m ->
                    bound.Step m |> ignore
                    scheduler.step (m, Nullable())
                    lrsOf mine = lrsOf theirs))

        test "TorchSharp counts a duplicate MultiStepLR milestone once; PyTorch (and we) apply gamma twice" {
            let p =
                pair "MultiStepLR([2; 2], 0.5)" (LRScheduler.MultiStepLR([ 2; 2 ], 0.5)) (fun o ->
                    torch.optim.lr_scheduler.MultiStepLR(o, List<int>([ 2; 2 ]), 0.5))

            let ours, theirs = run p [ 1.0 ] 3 (fun s -> s.step ())
            Expect.equal (ours |> Array.map Array.head) [| 1.0; 1.0; 0.25; 0.25 |] "PyTorch: 0.5² at epoch 2"
            Expect.isSome (firstDifference ours theirs) "TorchSharp differs"
        }
        test "TorchSharp's CyclicLR exp_range differs from PyTorch's (0.1, 0.505, 0.829, ...)" {
            let p = {
                Name = "CyclicLR exp_range"
                Ours =
                    LRScheduler.CyclicLR(
                        All 0.1,
                        All 1.0,
                        stepSizeUp = 2,
                        stepSizeDown = 3,
                        mode = ExpRange,
                        gamma = 0.9,
                        cycleMomentum = false
                    )
                    |> Scheduler.withMetric
                Theirs =
                    fun o ->
                        torch.optim.lr_scheduler.CyclicLR(
                            o,
                            0.1,
                            1.0,
                            step_size_up = 2,
                            step_size_down = 3,
                            mode = torch.optim.lr_scheduler.impl.CyclicLR.Mode.ExpRange,
                            gamma = 0.9,
                            cycle_momentum = false
                        )
            }

            let ours, theirs = run p [ 0.1 ] 6 (fun s -> s.step ())

            close
                (ours |> Array.map Array.head)
                [| 0.1; 0.505; 0.829; 0.5374; 0.29683; 0.1; 0.339148 |]
                "ours is PyTorch's"

            Expect.isSome (firstDifference ours theirs) "TorchSharp differs"
        }
        test "TorchSharp's CyclicLR momentum differs from PyTorch's (0.9, 0.85, 0.8, ...)" {
            let mine = sgd [ 0.1 ] 0.9

            let bound =
                Shell.bind (LRScheduler.CyclicLR(All 0.1, All 1.0, stepSizeUp = 2, stepSizeDown = 3), mine)

            let theirs = sgd [ 0.1 ] 0.9

            let scheduler =
                torch.optim.lr_scheduler.CyclicLR(theirs, 0.1, 1.0, step_size_up = 2, step_size_down = 3)

            let ours = ResizeArray [ (momentaOf mine).[0] ]
            let their = ResizeArray [ (momentaOf theirs).[0] ]

            for _ in 1..5 do
                bound.Step() |> ignore
                scheduler.step ()
                ours.Add((momentaOf mine).[0])
                their.Add((momentaOf theirs).[0])

            close (ours.ToArray()) [| 0.9; 0.85; 0.8; 0.833333; 0.866667; 0.9 |] "ours is PyTorch's"
            Expect.notEqual (their.ToArray()) (ours.ToArray()) "TorchSharp differs"
        }
        test "CosineAnnealingLR with eta_min: the same as TorchSharp alone" {
            let p =
                pair "CosineAnnealingLR(7, 0.001)" (LRScheduler.CosineAnnealingLR(7, 0.001)) (fun o ->
                    torch.optim.lr_scheduler.CosineAnnealingLR(o, 7.0, 0.001))

            let ours, theirs = run p [ 0.1; 0.05 ] 40 (fun s -> s.step ())
            Expect.isNone (firstDifference ours theirs) "same"
        }
        test "TorchSharp's OneCycleLR differs from PyTorch with several groups or at its last step" {
            let p = {
                Name = "OneCycleLR"
                Ours = LRScheduler.OneCycleLR(All 1.0, totalSteps = 10) |> Scheduler.withMetric
                Theirs = fun o -> torch.optim.lr_scheduler.OneCycleLR(o, 1.0, total_steps = 10)
            }

            let ours, theirs = run p [ 0.1; 0.1 ] 10 (fun s -> s.step ())

            close
                (ours |> Array.map Array.last)
                [|
                    0.04
                    0.52
                    1.0
                    0.950485
                    0.811746
                    0.611262
                    0.388742
                    0.188258
                    0.049519
                    4e-06
                    0.049519
                |]
                "ours is PyTorch's, in every group"

            Expect.isSome (firstDifference ours theirs) "TorchSharp differs"
        }
    ]
