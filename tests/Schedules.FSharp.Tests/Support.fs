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
let lrRows (trace: Trace) =
    trace.Rows |> Seq.map (fun o -> o.Lrs.ToArray()) |> Array.ofSeq

let stepOnly (s: Scheduler<unit>) lrs steps =
    Scheduler.runSteps s (gv lrs) steps |> lrRows
