/// Saving and loading a composite state as JSON.
module Schedules.Benchmarks.CheckpointBenchmarks

open BenchmarkDotNet.Attributes
open Schedules

[<MemoryDiagnoser>]
type CheckpointJson() =
    let scheduler =
        CellDetection.SequentialLR(
            [
                CellDetection.WarmUp 5 |> Scheduler.withMetric
                LRScheduler.ChainedScheduler [ LRScheduler.StepLR(10, 0.5); LRScheduler.CosineAnnealingLR 100 ]
                |> Scheduler.withMetric
                CellDetection.ReduceLROnPlateau(patience = 2)
            ],
            [ 6; 50 ]
        )

    let trace =
        Scheduler.run scheduler (GroupValues.Replicate(8, 0.1)) (List.init 60 (fun i -> 1.0 / float (i + 1)))

    let json = Checkpoint.save scheduler trace.State

    [<Benchmark>]
    member _.Save() = Checkpoint.save scheduler trace.State

    [<Benchmark>]
    member _.Load() = Checkpoint.load scheduler json
