/// The shell's step on a real TorchSharp SGD optimizer against TorchSharp 0.107's own scheduler step() on the same
/// kind of optimizer, for schedulers both have. TorchSharp's is the baseline, so the ratio column is ours / theirs.
module Schedules.Benchmarks.ShellBenchmarks

open BenchmarkDotNet.Attributes
open TorchSharp
open Schedules
open Schedules.TorchSharp

let private sgd groups : torch.optim.Optimizer =
    let ps = [
        for _ in 1..groups ->
            Modules.SGD.ParamGroup([ torch.nn.Parameter(torch.zeros (2L, 2L)) ], lr = 0.1, momentum = 0.9)
    ]

    torch.optim.SGD(ps, 0.1, momentum = 0.9)

[<MemoryDiagnoser>]
type ShellVersusTorchSharp() =
    let mutable ours = Unchecked.defaultof<BoundScheduler<unit>>
    let mutable theirs = Unchecked.defaultof<torch.optim.lr_scheduler.LRScheduler>

    [<Params("StepLR", "ExponentialLR", "CosineAnnealingLR")>]
    member val Kind = "" with get, set

    [<Params(1, 8, 64)>]
    member val Groups = 1 with get, set

    [<GlobalSetup>]
    member this.Setup() =
        let a = sgd this.Groups
        let b = sgd this.Groups

        match this.Kind with
        | "StepLR" ->
            ours <- Shell.bind (LRScheduler.StepLR(30, 0.999), a)
            theirs <- torch.optim.lr_scheduler.StepLR(b, 30, 0.999)
        | "ExponentialLR" ->
            // gamma 1: the LR stays representable however many steps the benchmark takes.
            ours <- Shell.bind (LRScheduler.ExponentialLR 1.0, a)
            theirs <- torch.optim.lr_scheduler.ExponentialLR(b, 1.0)
        | _ ->
            ours <- Shell.bind (LRScheduler.CosineAnnealingLR 1000, a)
            theirs <- torch.optim.lr_scheduler.CosineAnnealingLR(b, 1000.0)

    [<Benchmark>]
    member _.Schedules() = ours.Step()

    [<Benchmark(Baseline = true)>]
    member _.TorchSharp() = theirs.step ()
