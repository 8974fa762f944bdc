namespace Schedules.Testing

open FsCheck
open FsCheck.FSharp
open Schedules

/// <summary>A step-based configuration with a readable name (functions inside a configuration do not print).</summary>
type NamedConfig = {
    /// <summary>What a counterexample shows, for example "StepLR(3, 0.5)".</summary>
    Name: string
    /// <summary>The configuration.</summary>
    Config: Config
} with

    override this.ToString() = this.Name

/// <summary>A ReduceLROnPlateau configuration, the LRs it starts on and the metrics it sees.</summary>
type PlateauCase = {
    /// <summary>The configuration.</summary>
    Config: ReduceLROnPlateauConfig
    /// <summary>One LR per param group.</summary>
    Lrs: float list
    /// <summary>One metric per step.</summary>
    Metrics: float list
}

/// <summary>
/// FsCheck 3 generators that build valid values directly (nothing is filtered away), and shrinkers that keep them
/// valid.
/// </summary>
[<RequireQualifiedAccess>]
module Gens =

    /// <summary>An LR people use, or an extreme one (1e-8, 2.0).</summary>
    let lr = Gen.elements [ 1.0; 0.5; 0.1; 0.05; 0.01; 0.003; 1e-4; 1e-8; 2.0 ]

    /// <summary>LRs for exactly <paramref name="groups"/> param groups.</summary>
    let lrsFor (groups: int) = Gen.listOfLength groups lr

    /// <summary>LRs for 1 to 3 param groups.</summary>
    let lrs =
        gen {
            let! n = Gen.choose (1, 3)
            return! lrsFor n
        }

    /// <summary>A finite metric in [-20, 20] on a grid of 0.01, so that exact ties happen.</summary>
    let finiteMetric = Gen.choose (-2000, 2000) |> Gen.map (fun i -> float i / 100.0)

    /// <summary>A metric: mostly finite, sometimes NaN, +∞ or −∞.</summary>
    let metric =
        Gen.frequency [ 8, finiteMetric; 1, Gen.elements [ nan; infinity; -infinity ] ]

    /// <summary>Metric series (0 to 60 long) with the shapes that matter: noisy, falling then flat, plateaus with
    /// exact ties, and NaN and ±∞ among ordinary values.</summary>
    let metrics =
        gen {
            let! n = Gen.choose (0, 60)
            let! shape = Gen.choose (0, 3)

            match shape with
            | 0 ->
                let! k = Gen.choose (0, n)
                let! start = Gen.choose (100, 1000)
                return [ for i in 0 .. n - 1 -> float (start - min i k) / 10.0 ]
            | 1 -> return! Gen.listOfLength n (Gen.elements [ 1.0; 2.0; 0.5; 0.5; 1.0 ])
            | 2 -> return! Gen.listOfLength n metric
            | _ -> return! Gen.listOfLength n finiteMetric
        }

    /// <summary>A valid ReduceLROnPlateau configuration for <paramref name="groups"/> param groups (MinLr is one
    /// value or one per group).</summary>
    let plateauConfig (groups: int) =
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

    /// <summary>A plateau case: configuration, LRs and metrics that fit each other.</summary>
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

    let private named name config = { Name = name; Config = config }

    let private linearWarmUp total =
        Scheduler.config (LRScheduler.WarmUp total)

    /// <summary>
    /// Step-based configurations other than MultiplicativeLR whose value at a SequentialLR milestone equals their
    /// first value when built alone. (CosineAnnealingLR's milestone value is PyTorch's closed form
    /// eta_min + (base − eta_min), which can be an ulp off base, so its eta_min here is 0.)
    /// </summary>
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
                    named
                        (sprintf "CosineAnnealingWarmRestarts(%d, 2)" size)
                        (CosineAnnealingWarmRestarts(size, 2, 0.0))
                    named "LambdaLR(0.95^e)" (LambdaLR(All(Functions.gammaPow 0.95)))
                    named (sprintf "WarmUp(%d)" total) (linearWarmUp total)
                    named
                        (sprintf "CyclicLR(0.01, 0.1, %d)" size)
                        (Scheduler.config (LRScheduler.CyclicLR(All 0.01, All 0.1, stepSizeUp = size)))
                ]
        }

    /// <summary>Any step-based configuration: every kind, and SequentialLR / ChainedScheduler compositions.</summary>
    let stepConfig =
        gen {
            let! leaf = restartableStepConfig

            let! extra =
                Gen.elements [
                    named "MultiplicativeLR(0.9)" (MultiplicativeLR(All(Functions.constant 0.9)))
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
                        (SequentialLR([ linearWarmUp w; leaf.Config ], [ w ]))
                    named
                        (sprintf "ChainedScheduler([%s; %s])" leaf.Name extra.Name)
                        (ChainedScheduler [ leaf.Config; extra.Config ])
                ]
        }

    /// <summary>Shrinks a composite configuration to each of its children (each valid on its own).</summary>
    let shrinkNamedConfig (c: NamedConfig) =
        match c.Config with
        | SequentialLR(children, _)
        | ChainedScheduler children ->
            children
            |> Seq.mapi (fun i child -> {
                Name = sprintf "%s, child %d" c.Name i
                Config = child
            })
        | _ -> Seq.empty

    /// <summary>Shrinks a plateau configuration towards simpler valid ones (smaller patience, cooldown, warmup).</summary>
    let shrinkPlateauConfig (c: ReduceLROnPlateauConfig) =
        seq {
            if c.Warmup > 0 then
                yield { c with Warmup = c.Warmup - 1 }

            if c.Patience > 0 then
                yield { c with Patience = c.Patience - 1 }

            if c.Cooldown > 0 then
                yield { c with Cooldown = c.Cooldown - 1 }
        }

    /// <summary>Shrinks a plateau case: shorter metric series first, then a simpler configuration.</summary>
    let shrinkPlateauCase (case: PlateauCase) =
        seq {
            for metrics in Arb.toShrink (Arb.list (Arb.fromGen metric)) case.Metrics do
                yield { case with Metrics = metrics }

            for config in shrinkPlateauConfig case.Config do
                yield { case with Config = config }
        }

/// <summary>FsCheck arbitraries (generator and shrinker) over the generators, for F# and C#.</summary>
[<AbstractClass; Sealed>]
type Arbs =

    /// <summary>Metric series with NaN, ±∞, plateaus and ties; shrinking drops and simplifies values.</summary>
    static member Metrics() : Arbitrary<float list> =
        Arb.fromGenShrink (Gens.metrics, Arb.toShrink (Arb.list (Arb.fromGen Gens.metric)))

    /// <summary>Plateau cases; shrinking shortens the metrics and simplifies the configuration.</summary>
    static member PlateauCase() : Arbitrary<PlateauCase> =
        Arb.fromGenShrink (Gens.plateauCase, Gens.shrinkPlateauCase)

    /// <summary>Named step-based configurations, compositions included; a composite shrinks to its children.</summary>
    static member StepConfig() : Arbitrary<NamedConfig> =
        Arb.fromGenShrink (Gens.stepConfig, Gens.shrinkNamedConfig)

    /// <summary>Runs of 0 to 60 steps that each observe <paramref name="observation"/> (unit for a step-based
    /// scheduler of the core, NaN for one of the C# facade); shrinking shortens the run.</summary>
    static member Steps(observation: 'M) : Arbitrary<'M list> =
        Arb.fromGenShrink (
            Gen.choose (0, 60) |> Gen.map (fun n -> List.replicate n observation),
            fun (run: 'M list) -> Seq.init run.Length (fun n -> List.replicate n observation)
        )

    /// <summary>LRs for exactly <paramref name="groups"/> param groups.</summary>
    static member Lrs(groups: int) : Arbitrary<float list> = Arb.fromGen (Gens.lrsFor groups)
