/// Runs the benchmarks in-process (so that the build's libtorch fix applies): `./build.sh bench [BenchmarkDotNet args]`.
/// Every job runs in-process, the ones given on the command line (`--job short`) included; a command line that
/// BenchmarkDotNet refuses, or that selects no benchmark, exits non-zero. `--compare [pytorch.json]` runs the
/// Stopwatch comparison with PyTorch instead (Compare.fs; `./build.sh bench-compare`).
module Schedules.Benchmarks.Program

open System
open BenchmarkDotNet.Running

/// BenchmarkDotNet with the command line's arguments; the exit code.
let benchmarks (argv: string array) =
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

[<EntryPoint>]
let main argv =
    if Array.contains "--compare" argv then
        Compare.run argv
    else
        benchmarks argv
