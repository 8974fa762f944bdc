/// A million-step preview and a million-metric simulation.
module Schedules.Benchmarks.PreviewBenchmarks

open BenchmarkDotNet.Attributes
open Schedules

[<MemoryDiagnoser>]
type Preview1M() =
    let lrs = GroupValues.ofList [ 0.1 ]

    let warmupCosine =
        LRScheduler.SequentialLR([ LRScheduler.WarmUp 1000; LRScheduler.CosineAnnealingLR 1_000_000 ], [ 1001 ])

    let huggingFace = HuggingFace.GetCosineScheduleWithWarmup(1000, 1_000_000)

    let optax = Optax.WarmupCosineDecaySchedule(0.0, 0.1, 1000, 1_000_000)

    let timm = Timm.CosineLRScheduler(1_000_000, warmupT = 1000)

    let plateau = LRScheduler.ReduceLROnPlateau(patience = 5, warmup = 1)

    let metrics =
        Array.init 1_000_000 (fun i -> 1.0 / float (1 + i / 1000) + float (i % 7) * 1e-4)

    [<Benchmark>]
    member _.PreviewSequentialWarmUpCosine() =
        Preview.range warmupCosine lrs 0 999_999

    [<Benchmark>]
    member _.SeriesSequentialWarmUpCosine() =
        Preview.series warmupCosine lrs 0 999_999

    [<Benchmark>]
    member _.SeriesHuggingFaceWarmupCosine() =
        Preview.series huggingFace lrs 0 999_999

    [<Benchmark>]
    member _.SeriesOptaxWarmupCosine() = Preview.series optax lrs 0 999_999

    [<Benchmark>]
    member _.SeriesTimmWarmupCosine() = Preview.series timm lrs 0 999_999

    /// Every step's output kept as a row object.
    [<Benchmark>]
    member _.SimulatePlateau() = Scheduler.run plateau lrs metrics

    /// The LRs kept as one column, the events with their rows.
    [<Benchmark>]
    member _.SimulatePlateauSeries() = Scheduler.runSeries plateau lrs metrics

/// The cost of one closed-form sample at step 10 and at step 10^6: constant in the index.
[<MemoryDiagnoser>]
type PreviewAt() =
    let lrs = GroupValues.ofList [ 0.1 ]

    let warmupCosine =
        LRScheduler.SequentialLR([ LRScheduler.WarmUp 1000; LRScheduler.CosineAnnealingLR 1_000_000 ], [ 1001 ])

    [<Params(10, 1_000_000)>]
    member val Step = 10 with get, set

    [<Benchmark>]
    member this.At() = Preview.at warmupCosine lrs this.Step
