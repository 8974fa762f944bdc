/// Keras' PiecewiseConstantDecay (Kinds/Keras/PiecewiseConstantDecay.fs, factory Keras.PiecewiseConstantDecay):
/// values[i] for boundaries[i−1] < step ≤ boundaries[i]; the boundary step keeps the earlier value.
module Schedules.Tests.KerasPiecewiseConstantDecayTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private kind = "keras.PiecewiseConstantDecay"

let private values (s: Scheduler<unit>) steps =
    stepOnly s [ 1.0 ] steps |> Array.map Array.head

let tests =
    testList "keras.PiecewiseConstantDecay" [
        test "Keras' boundary belongs to the left piece: the value changes at b + 1, one step after MultiStepLR" {
            let keras = values (Keras.PiecewiseConstantDecay([ 2; 5 ], [ 0.1; 0.05; 0.01 ])) 8
            Expect.equal keras [| 0.1; 0.1; 0.1; 0.05; 0.05; 0.05; 0.01; 0.01; 0.01 |] "the published edge case"

            let pytorch = values (LRScheduler.MultiStepLR([ 2; 5 ], 0.5)) 8
            Expect.equal pytorch.[2] 0.5 "MultiStepLR's new value is at the milestone"
            Expect.equal keras.[2] 0.1 "Keras' is one step later"
        }
        test "a boundary at 0: step 0 is the first piece, step 1 the second" {
            let v = values (Keras.PiecewiseConstantDecay([ 0; 3 ], [ 0.01; 0.2; 1.0 ])) 4
            Expect.equal v [| 0.01; 0.2; 0.2; 0.2; 1.0 |] "0 ≤ 0, then 0 < t ≤ 3, then > 3"
        }
        test "equal boundaries leave an empty piece, as Keras' indicators do" {
            let v = values (Keras.PiecewiseConstantDecay([ 2; 2 ], [ 0.3; 0.2; 0.1 ])) 4
            Expect.equal v [| 0.3; 0.3; 0.3; 0.1; 0.1 |] "values[1] never shows"
        }
        refused "one value more than boundaries is required" "values" "2 values" (fun () ->
            box (Keras.PiecewiseConstantDecay([ 2; 5 ], [ 0.1; 0.05 ])))
        refused "empty boundaries are refused (Keras fails at the first step)" "boundaries" "[]" (fun () ->
            box (Keras.PiecewiseConstantDecay([], [ 0.1 ])))
        refused "boundaries out of order are refused" "boundaries" "[5; 2]" (fun () ->
            box (Keras.PiecewiseConstantDecay([ 5; 2 ], [ 0.1; 0.05; 0.01 ])))
        refused "a negative value is refused, naming it" "values[1]" "-0.05" (fun () ->
            box (Keras.PiecewiseConstantDecay([ 2; 5 ], [ 0.1; -0.05; 0.01 ])))
        refused "a value that is not a number is refused in JSON" "values[0]" "\"a\"" (fun () ->
            box (Config.ofJson (sprintf """{"kind": "%s", "boundaries": [1], "values": ["a", 0.1]}""" kind)))
        test "JSON under Keras' names" {
            let json =
                Config.toJson (Scheduler.config (Keras.PiecewiseConstantDecay([ 2; 5 ], [ 0.1; 0.05; 0.01 ])))

            Expect.stringContains json (sprintf "\"kind\": \"%s\"" kind) "the name users write"
            Expect.stringContains json "\"boundaries\"" "Keras' argument name"
            Expect.stringContains json "\"values\"" "Keras' argument name"
        }
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1 ]
            (Scheduler.config (Keras.PiecewiseConstantDecay([ 4; 9 ], [ 0.1; 0.05; 0.01 ])))
        KerasCurveLaws.tests kind 30 (Keras.PiecewiseConstantDecay([ 4; 9 ], [ 0.1; 0.05; 0.01 ]))
    ]
