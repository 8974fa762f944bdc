/// The testing kit's laws: they hold for the library's schedulers and catch a broken user scheduler.
module Schedules.Tests.LawsTests

open System
open Expecto
open Schedules
open FsCheck.FSharp
open Schedules.Testing

let private config = {
    FsCheckConfig.defaultConfig with
        maxTest = 60
}

let private lawTests name (laws: Law list) =
    testList name [ for law in laws -> testPropertyWithConfig config law.Name law.Property ]

// docs:begin fsharp-user-scheduler
/// A user's configuration: inverse-square-root warm-up then plateau, as a training script would build it.
let userScheduler () =
    LRScheduler.SequentialLR(
        [
            LRScheduler.LambdaLR(fun e -> 1.0 / sqrt (float e + 1.0))
            |> Scheduler.withMetric
            LRScheduler.ReduceLROnPlateau(patience = 2, factor = 0.5, minLr = All 1e-5)
        ],
        [ 10 ]
    )

let userSchedulerLaws = Laws.forMetrics (userScheduler ()) 2
// docs:end fsharp-user-scheduler

/// A broken user scheduler: its lambda keeps hidden state, so two runs of the same inputs differ.
let private brokenScheduler () =
    let mutable calls = 0

    LRScheduler.LambdaLR(fun _ ->
        calls <- calls + 1
        if calls % 7 = 0 then 0.5 else 1.0)

let tests =
    testList "Testing.Laws" [
        lawTests
            "the seed's SequentialLR [WarmUp; ReduceLROnPlateau]"
            (Laws.forMetrics
                (CellDetection.SequentialLR(
                    [
                        CellDetection.WarmUp 5 |> Scheduler.withMetric
                        CellDetection.ReduceLROnPlateau(patience = 1)
                    ],
                    [ 6 ]
                ))
                2)
        lawTests "a user's scheduler (the docs example)" userSchedulerLaws
        lawTests "OneCycleLR" (Laws.forSteps (LRScheduler.OneCycleLR(All 0.1, totalSteps = 60)) 1)
        lawTests
            "CyclicLR triangular2"
            (Laws.forSteps (LRScheduler.CyclicLR(Each [ 0.01; 0.02 ], All 0.1, stepSizeUp = 4, mode = Triangular2)) 2)
        lawTests "CosineAnnealingWarmRestarts" (Laws.forSteps (LRScheduler.CosineAnnealingWarmRestarts(3, 2, 1e-4)) 3)
        lawTests
            "a plateau configuration file"
            (Laws.plateau
                {
                    ReduceLROnPlateauConfig.Default with
                        Patience = 1
                        Cooldown = 2
                        Warmup = 2
                }
                2)
        test "a broken user scheduler is caught, with a shrunk counterexample" {
            let determinism =
                Laws.forSteps (brokenScheduler ()) 1
                |> List.find (fun l -> l.Name.StartsWith "determinism")

            let e = Expect.throwsC (fun () -> determinism.Check()) id
            Expect.stringContains e.Message "Falsifiable" "FsCheck reports the failure"
            Expect.stringContains e.Message "shrink" "and shrank the counterexample"
        }
        test "a composite configuration shrinks to its children" {
            let composite = {
                Name = "chain"
                Config = ChainedScheduler [ StepLR(2, 0.5); ExponentialLR 0.9 ]
            }

            let children =
                Arb.toShrink (Arbs.StepConfig()) composite
                |> Seq.map (fun c -> c.Config)
                |> List.ofSeq

            Expect.equal children.Length 2 "one per child"
            children |> List.iter (Scheduler.create >> ignore)
        }
        test "a lambda that returns a negative factor breaks the finite-LR law" {
            let s = LRScheduler.LambdaLR(fun e -> 1.0 - 0.1 * float e)

            let finite =
                Laws.forSteps s 1 |> List.find (fun l -> l.Name.StartsWith "LRs are finite")

            let e = Expect.throwsC (fun () -> finite.Check()) id
            Expect.stringContains e.Message "LrLambda returned" "the library's own message is in the report"
        }
    ]
