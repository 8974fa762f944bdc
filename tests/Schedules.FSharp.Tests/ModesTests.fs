/// PyTorch's mode names, converted in one place.
module Schedules.Tests.ModesTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support

let tests =
    testList "Modes" [
        test "PyTorch's names convert to the unions" {
            Expect.equal (Modes.parsePlateauMode "max") Max "mode"
            Expect.equal (Modes.parseThresholdMode "abs") Abs "threshold_mode"
            Expect.equal (Modes.parseCyclicMode "exp_range") ExpRange "CyclicLR mode"
            Expect.equal (Modes.parseScaleMode "iterations") Iterations "scale_mode"
            Expect.equal (Modes.parseAnnealStrategy "linear") Linear "anneal_strategy"
        }
        test "an unknown name is refused, naming the parameter and what is allowed" {
            let e = Expect.throwsC (fun () -> Modes.parseAnnealStrategy "cosine" |> ignore) id
            Expect.isTrue (e :? ArgumentOutOfRangeException) "out of range"
            Expect.stringContains e.Message "anneal_strategy must be one of 'cos' or 'linear', but got cosine" "message"
        }
        refused "a mode name PyTorch does not know" "mode" "got minimum" (fun () ->
            box (Modes.parsePlateauMode "minimum"))
    ]
