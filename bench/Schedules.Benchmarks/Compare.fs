/// `--compare [pytorch.json]`: our transitions beside PyTorch's own `scheduler.step()` (timed by
/// bench/compare/pytorch_step.py), one table of ratios. `./build.sh bench-compare` runs both.
///
/// A Stopwatch measurement, not BenchmarkDotNet: it reuses the Transition benchmark's setup (the same scheduler
/// and mid-run state for each kind), warms each case up, then times batches of steps and reports the median batch's
/// ns per step; the eighteen cases take seconds where BenchmarkDotNet's short job takes minutes.
module Schedules.Benchmarks.Compare

open System
open System.Diagnostics
open System.IO
open System.Text.Json
open Schedules.Benchmarks.TransitionBenchmarks

let kinds = [
    "PlateauSteady"
    "PlateauReducing"
    "CosineAnnealingLR"
    "OneCycleLR"
    "SequentialLR"
    "ChainedScheduler3"
]

let groupCounts = [ 1; 64; 1024 ]

/// The last step's result, kept so that the timed calls cannot be dropped.
let mutable private sink: obj = null

/// Runs `step` `count` times; the elapsed Stopwatch ticks.
let private timeBatch (step: unit -> 'T) count =
    let watch = Stopwatch.StartNew()
    let mutable last = Unchecked.defaultof<'T>

    for _ in 1..count do
        last <- step ()

    watch.Stop()
    sink <- box last
    watch.ElapsedTicks

/// Median ns per step of one kind at one group count: warm up for 300 ms (the JIT's tiers), size a batch to about
/// 10 ms, then time 25 batches.
let measure kind groups =
    let bench = Transition(Groups = groups, Kind = kind)
    bench.Setup()
    let step () = bench.Step()
    let warmUp = Stopwatch.StartNew()
    let mutable calls = 0L

    while warmUp.ElapsedMilliseconds < 300L do
        step () |> ignore
        calls <- calls + 1L

    let perCallTicks = float warmUp.ElapsedTicks / float calls
    let batch = max 1 (int (0.010 * float Stopwatch.Frequency / perCallTicks))

    let samples =
        Array.init 25 (fun _ -> float (timeBatch step batch) * 1e9 / float Stopwatch.Frequency / float batch)

    Array.sortInPlace samples
    samples[samples.Length / 2]

/// PyTorch's ns per step by (kind, groups), read from pytorch_step.py's JSON, and its torch version.
let private readPyTorch (path: string) =
    use document = JsonDocument.Parse(File.ReadAllText path)
    let root = document.RootElement

    let results =
        root.GetProperty("results").EnumerateArray()
        |> Seq.map (fun r ->
            (r.GetProperty("kind").GetString(), r.GetProperty("groups").GetInt32()), r.GetProperty("ns").GetDouble())
        |> Map.ofSeq

    root.GetProperty("torch").GetString(), results

/// Measures every case and prints the table; with PyTorch's JSON, its column and the ratio too. Returns the exit code.
let run (argv: string array) =
    let pytorch =
        match Array.tryFindIndex ((=) "--compare") argv with
        | Some i when i + 1 < argv.Length -> Some(readPyTorch argv[i + 1])
        | _ -> None

    let rows = [
        for kind in kinds do
            for groups in groupCounts do
                let ours = measure kind groups
                eprintfn "Schedules %s %d groups: %.0f ns/step" kind groups ours
                kind, groups, ours
    ]

    let number (x: float) = x.ToString("N0")

    match pytorch with
    | Some(version, theirs) ->
        printfn "PyTorch %s's scheduler.step() (Python) against Schedules' Scheduler.step (.NET)." version
        printfn "Ratio = PyTorch / ours: how many times faster our step is (2.0: ours takes half the time).\n"
        printfn "| Configuration | Groups | PyTorch ns/step | Ours ns/step | Ratio (PyTorch / ours) |"
        printfn "|---|---:|---:|---:|---:|"

        for kind, groups, ours in rows do
            match Map.tryFind (kind, groups) theirs with
            | Some t -> printfn "| %s | %d | %s | %s | %.1f |" kind groups (number t) (number ours) (t / ours)
            | None -> printfn "| %s | %d | (not timed) | %s | |" kind groups (number ours)
    | None ->
        printfn "Schedules' Scheduler.step (.NET), without PyTorch.\n"
        printfn "| Configuration | Groups | Ours ns/step |"
        printfn "|---|---:|---:|"

        for kind, groups, ours in rows do
            printfn "| %s | %d | %s |" kind groups (number ours)

    0
