/// Runs the benchmarks in-process (so that the build's libtorch fix applies): `./build.sh bench [BenchmarkDotNet args]`.
module Schedules.Benchmarks.Program

open BenchmarkDotNet.Configs
open BenchmarkDotNet.Jobs
open BenchmarkDotNet.Running
open BenchmarkDotNet.Toolchains.InProcess.Emit

[<EntryPoint>]
let main argv =
    let config =
        DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())

    BenchmarkSwitcher.FromAssembly(typeof<TransitionBenchmarks.Transition>.Assembly).Run(argv, config)
    |> ignore

    0
