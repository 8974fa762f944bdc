/// Helpers shared by the tests: exact comparison with a report in ulps.
module Schedules.Tests.Support

open System
open Expecto
open Schedules

let gv (xs: float list) = GroupValues.ofList xs

/// Distance in units in the last place between two doubles (0 when bit-identical).
let ulps (a: float) (b: float) =
    let ordered (x: float) =
        let bits = BitConverter.DoubleToInt64Bits x
        if bits < 0L then Int64.MinValue - bits else bits

    if Double.IsNaN a || Double.IsNaN b then
        if Double.IsNaN a && Double.IsNaN b then
            0UL
        else
            UInt64.MaxValue
    else
        let d = ordered a - ordered b
        if d < 0L then uint64 (-d) else uint64 d

let r (x: float) =
    x.ToString("R", Globalization.CultureInfo.InvariantCulture)

/// Fails naming the case, step, group, both values and their distance in ulps at the first difference.
let expectSameRows (case: string) (what: string) (expected: float[][]) (actual: float[][]) =
    Expect.equal actual.Length expected.Length (sprintf "%s: number of %s rows" case what)

    for step in 0 .. expected.Length - 1 do
        Expect.equal
            actual.[step].Length
            expected.[step].Length
            (sprintf "%s: step %d: number of groups in %s" case step what)

        for group in 0 .. expected.[step].Length - 1 do
            let e = expected.[step].[group]
            let a = actual.[step].[group]
            let d = ulps e a

            if d <> 0UL then
                failtestf
                    "%s: step %d, group %d: %s expected %s, got %s (%d ulps apart)"
                    case
                    step
                    group
                    what
                    (r e)
                    (r a)
                    d

/// The LRs of every row of a trace.
/// Group g of a run on several groups (rows of LRs and momentum) equals a one-group run's rows, bit for bit.
let expectGroupRows (name: string) (all: (float[] * float[])[]) (each: (float[] * float[])[]) (g: int) =
    expectSameRows
        name
        "lr"
        (all |> Array.map (fst >> Array.head >> Array.singleton))
        (each |> Array.map (fun (l, _) -> [| l.[g] |]))

    expectSameRows
        name
        "momentum"
        (all |> Array.map (snd >> Array.head >> Array.singleton))
        (each |> Array.map (fun (_, m) -> [| m.[g] |]))

let lrRows (trace: Trace) =
    trace.Rows |> Seq.map (fun o -> o.Lrs.ToArray()) |> Array.ofSeq

let stepOnly (s: Scheduler<unit>) lrs steps =
    Scheduler.runSteps s (gv lrs) steps |> lrRows

/// A test that building fails with an ArgumentException naming the parameter and showing the value received.
let refused (name: string) (param: string) (value: string) (build: unit -> obj) =
    test name {
        let e = Expect.throwsC (build >> ignore) id

        match e with
        | :? ArgumentException as a ->
            Expect.equal a.ParamName param "names the parameter"
            Expect.stringContains a.Message value "shows the value received"
        | other -> failtestf "expected an ArgumentException, got %s" (other.GetType().Name)
    }

/// Initialising the scheduler on these LRs, as a refusal's build.
let atInit (s: Scheduler<'M>) lrs =
    fun () -> box (Scheduler.init s (gv lrs))

/// The same configuration: the same JSON (numbers bit for bit, modes and functions by name).
let sameConfig (a: Config) (b: Config) =
    Expect.equal (Config.toJson a) (Config.toJson b) "the same configuration"

/// A test that the configuration round-trips through JSON (Config.toJson, then Config.ofJson): the same JSON, and
/// the same LRs over `steps` observations (metrics 1.0, with an improvement every fourth).
let roundTrips (name: string) (steps: int) (lrs: float list) (config: Config) =
    test name {
        let json = Config.toJson config
        let back = Config.ofJson json
        Expect.equal (Config.toJson back) json "the JSON of the configuration read back"

        let metrics = [ for t in 1..steps -> if t % 4 = 0 then 1.0 / float t else 1.0 ]

        let run c =
            Scheduler.run (Scheduler.createWatching c) (gv lrs) metrics |> lrRows

        expectSameRows name "LR" (run config) (run back)
    }
