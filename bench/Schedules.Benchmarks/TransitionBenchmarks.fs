/// One pure transition, at 1 to 1024 param groups, from a fixed state (a transition is a pure function, so the
/// same input can be stepped again and again).
module Schedules.Benchmarks.TransitionBenchmarks

open BenchmarkDotNet.Attributes
open Schedules

[<MemoryDiagnoser>]
type Transition() =
    let mutable scheduler = Unchecked.defaultof<Scheduler<float>>
    let mutable state = Unchecked.defaultof<State>
    let mutable observation = Unchecked.defaultof<Observation<float>>
    let mutable kept = Unchecked.defaultof<State>

    [<Params(1, 8, 64, 1024)>]
    member val Groups = 1 with get, set

    [<Params("PlateauSteady",
             "PlateauReducing",
             "StepLRBetween",
             "WarmUpFinished",
             "SequentialSteady",
             "CosineAnnealingLR",
             "OneCycleLR",
             "SequentialLR",
             "ChainedScheduler3")>]
    member val Kind = "" with get, set

    [<GlobalSetup>]
    member this.Setup() =
        let lrs = GroupValues.Replicate(this.Groups, 0.1)
        let plateau = LRScheduler.ReduceLROnPlateau(patience = 3, warmup = 0)

        let s, metric =
            match this.Kind with
            | "PlateauSteady" -> plateau, 0.5
            | "PlateauReducing" -> plateau, 2.0
            // Steps that change no LR: between StepLR's milestones, a WarmUp past its steps, and a SequentialLR
            // around a steady plateau.
            | "StepLRBetween" -> LRScheduler.StepLR 30 |> Scheduler.withMetric, nan
            | "WarmUpFinished" -> LRScheduler.WarmUp 5 |> Scheduler.withMetric, nan
            | "SequentialSteady" ->
                LRScheduler.SequentialLR([ LRScheduler.WarmUp 5 |> Scheduler.withMetric; plateau ], [ 6 ]), 0.5
            | "CosineAnnealingLR" -> LRScheduler.CosineAnnealingLR 1000 |> Scheduler.withMetric, nan
            | "OneCycleLR" -> LRScheduler.OneCycleLR(All 0.1, totalSteps = 1000) |> Scheduler.withMetric, nan
            | "SequentialLR" ->
                LRScheduler.SequentialLR([ LRScheduler.WarmUp 5; LRScheduler.CosineAnnealingLR 1000 ], [ 6 ])
                |> Scheduler.withMetric,
                nan
            | _ ->
                LRScheduler.ChainedScheduler [
                    LRScheduler.StepLR(7, 0.5)
                    LRScheduler.ExponentialLR 0.99
                    LRScheduler.CosineAnnealingLR 1000
                ]
                |> Scheduler.withMetric,
                nan

        let struct (s0, out0) = Scheduler.init s lrs
        // A state in the middle of a run: for the plateau, best 1.0 and patience used up, so a worse metric (2.0)
        // reduces and a better one (0.5) does not; the steady SequentialLR's plateau child likewise.
        let steady p =
            Plateau { p with Best = 1.0; BadEpochs = 3 }

        let mid =
            match s0 with
            | Plateau p -> steady p
            | _ ->
                match (Scheduler.fold s s0 out0.Lrs (List.replicate 20 nan)).State with
                | Sequential(e, [ warm; Plateau p ]) -> Sequential(e, [ warm; steady p ])
                | state -> state

        scheduler <- s
        state <- mid
        observation <- { Lrs = lrs; Metric = metric }

    /// As a training loop steps: the next state kept (in a field), the LRs handed on to be applied.
    [<Benchmark>]
    member _.Step() =
        let struct (next, output) = Scheduler.step scheduler state observation
        kept <- next
        output.Lrs
