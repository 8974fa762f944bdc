/// FsCheck generators that build valid values directly (nothing is filtered away).
module Schedules.Tests.Generators

open FsCheck
open FsCheck.FSharp
open Schedules

/// LRs people use, and a few extreme ones.
let lr = Gen.elements [ 1.0; 0.5; 0.1; 0.05; 0.01; 0.003; 1e-4; 1e-8; 2.0 ]

let lrs =
    gen {
        let! n = Gen.choose (1, 3)
        return! Gen.listOfLength n lr
    }

/// One metric: mostly ordinary, sometimes NaN or infinite.
let metric =
    Gen.frequency [
        8, Gen.choose (-2000, 2000) |> Gen.map (fun i -> float i / 100.0)
        1, Gen.elements [ nan; infinity; -infinity ]
    ]

let finiteMetric = Gen.choose (-2000, 2000) |> Gen.map (fun i -> float i / 100.0)

/// Metric series with the shapes that matter: noisy, falling then flat, plateaus with exact ties, NaN and ±∞.
let metrics =
    gen {
        let! n = Gen.choose (0, 60)

        let! shape = Gen.elements [ "noisy"; "fall-then-flat"; "ties"; "specials" ]

        match shape with
        | "fall-then-flat" ->
            let! k = Gen.choose (0, n)
            let! start = Gen.choose (100, 1000)
            return [ for i in 0 .. n - 1 -> float (start - min i k) / 10.0 ]
        | "ties" ->
            let! values = Gen.listOfLength n (Gen.elements [ 1.0; 2.0; 0.5; 0.5; 1.0 ])
            return values
        | "specials" -> return! Gen.listOfLength n metric
        | _ -> return! Gen.listOfLength n finiteMetric
    }

let plateauConfig groups =
    gen {
        let! mode = Gen.elements [ Min; Max ]
        let! factor = Gen.elements [ 0.0; 0.1; 0.5; 0.9; 0.99 ]
        let! patience = Gen.choose (0, 4)
        let! threshold = Gen.elements [ 0.0; 1e-4; 0.01; 0.1; 0.5 ]
        let! thresholdMode = Gen.elements [ Rel; Abs ]
        let! cooldown = Gen.choose (0, 4)
        let! eps = Gen.elements [ 0.0; 1e-8; 1e-3 ]
        let! warmup = Gen.choose (0, 4)

        let! minLr =
            Gen.oneof [
                Gen.elements [ 0.0; 1e-4; 0.01 ] |> Gen.map All
                Gen.listOfLength groups (Gen.elements [ 0.0; 1e-4; 0.01; 0.2 ]) |> Gen.map Each
            ]

        return {
            Mode = mode
            Factor = factor
            Patience = patience
            Threshold = threshold
            ThresholdMode = thresholdMode
            Cooldown = cooldown
            MinLr = minLr
            Eps = eps
            Warmup = warmup
        }
    }

/// A plateau scheduler, the LRs it starts on and the metrics it sees.
type PlateauCase = {
    Config: ReduceLROnPlateauConfig
    Lrs: float list
    Metrics: float list
}

let plateauCase =
    gen {
        let! lrs = lrs
        let! config = plateauConfig lrs.Length
        let! metrics = metrics

        return {
            Config = config
            Lrs = lrs
            Metrics = metrics
        }
    }

/// A named step-based configuration (the name shows in counterexamples; functions do not print).
type StepCase = { Name: string; Config: Config }

let private named name config = { Name = name; Config = config }

/// Step-based configurations, other than MultiplicativeLR, whose switch value at a milestone equals their first
/// value when built alone. CosineAnnealingLR's switch value is eta_min + (base − eta_min), PyTorch's closed form,
/// which can be an ulp off base (see StepRulesTests); its eta_min here keeps that sum exact.
let restartableStepConfig =
    gen {
        let! gamma = Gen.elements [ 0.1; 0.5; 0.9; 0.99; 1.01 ]
        let! size = Gen.choose (1, 9)
        let! total = Gen.choose (1, 12)

        return!
            Gen.elements [
                named (sprintf "StepLR(%d, %g)" size gamma) (StepLR(size, gamma))
                named
                    (sprintf "MultiStepLR([0; %d; %d], %g)" size (size + total) gamma)
                    (MultiStepLR([ 0; size; size + total ], gamma))
                named (sprintf "ConstantLR(0.5, %d)" total) (ConstantLR(0.5, total))
                named (sprintf "LinearLR(0.25, 1, %d)" total) (LinearLR(0.25, 1.0, total))
                named (sprintf "ExponentialLR(%g)" gamma) (ExponentialLR gamma)
                named (sprintf "PolynomialLR(%d, 2)" total) (PolynomialLR(total, 2.0))
                named (sprintf "CosineAnnealingLR(%d, 0)" total) (CosineAnnealingLR(total, 0.0))
                named (sprintf "CosineAnnealingWarmRestarts(%d, 2)" size) (CosineAnnealingWarmRestarts(size, 2, 0.0))
                named "LambdaLR(0.95^e)" (LambdaLR(All(fun e -> 0.95 ** float e)))
                named (sprintf "WarmUp(%d)" total) (Scheduler.config (LRScheduler.WarmUp total))
                named
                    (sprintf "CyclicLR(0.01, 0.1, %d)" size)
                    (Scheduler.config (LRScheduler.CyclicLR(All 0.01, All 0.1, stepSizeUp = size)))
            ]
    }

/// Any step-based configuration, composites included (depth ≤ 2).
let stepConfig =
    gen {
        let! leaf = restartableStepConfig

        let! extra =
            Gen.elements [
                named "MultiplicativeLR(0.9)" (MultiplicativeLR(All(fun _ -> 0.9)))
                named "CosineAnnealingLR(5, 0)" (CosineAnnealingLR(5, 0.0))
                named "OneCycleLR(1.0, 200)" (Scheduler.config (LRScheduler.OneCycleLR(All 1.0, totalSteps = 200)))
            ]

        let! w = Gen.choose (1, 10)

        return!
            Gen.elements [
                leaf
                extra
                named
                    (sprintf "SequentialLR([WarmUp %d; %s], [%d])" w leaf.Name w)
                    (SequentialLR(
                        [ WarmUp(w, All(fun s n -> LRScheduler.LinearWarmUpFactor(s, n))); leaf.Config ],
                        [ w ]
                    ))
                named
                    (sprintf "ChainedScheduler([%s; %s])" leaf.Name extra.Name)
                    (ChainedScheduler [ leaf.Config; extra.Config ])
            ]
    }

let arb g = Arb.fromGen g
