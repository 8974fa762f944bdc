/// Runs the benchmarks in-process (so that the build's libtorch fix applies): `./build.sh bench [BenchmarkDotNet args]`.
/// Every job runs in-process, the ones given on the command line (`--job short`) included; a command line that
/// BenchmarkDotNet refuses, or that selects no benchmark, exits non-zero.
module Schedules.Benchmarks.Program

open System
open BenchmarkDotNet.Running

[<EntryPoint>]
let main argv =
    // `--inProcess` makes BenchmarkDotNet run every job in this process, whatever job the command line chooses.
    let args =
        if argv |> Array.exists (fun a -> a = "--inProcess" || a = "-i") then
            argv
        else
            Array.append argv [| "--inProcess" |]

    let summaries =
        BenchmarkSwitcher.FromAssembly(typeof<TransitionBenchmarks.Transition>.Assembly).Run(args)
        |> Array.ofSeq

    let informational =
        argv
        |> Array.exists (fun a -> a = "--list" || a = "--help" || a = "-h" || a = "--version" || a = "-?")

    if informational then
        0
    elif summaries.Length = 0 then
        eprintfn "No benchmark ran: the command line was refused or selected none (see above)."
        1
    elif summaries |> Array.exists (fun s -> s.HasCriticalValidationErrors) then
        1
    else
        0
