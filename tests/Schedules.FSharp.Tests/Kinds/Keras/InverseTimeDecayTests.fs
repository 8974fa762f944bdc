/// Keras' InverseTimeDecay (Kinds/Keras/InverseTimeDecay.fs, factory Keras.InverseTimeDecay):
/// initial_learning_rate / (1 + decay_rate × step / decay_steps), the quotient floored when staircase.
module Schedules.Tests.KerasInverseTimeDecayTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private kind = "keras.InverseTimeDecay"

let private values (s: Scheduler<unit>) steps =
    stepOnly s [ 1.0 ] steps |> Array.map Array.head

let tests =
    testList "keras.InverseTimeDecay" [
        test "0.1 / (1 + 0.5 × t): 0.1, 0.1 / 1.5, 0.05, 0.1 / 2.5, 0.1 / 3" {
            let v = values (Keras.InverseTimeDecay(0.1, 1, 0.5)) 4
            Expect.equal v [| 0.1; 0.1 / 1.5; 0.05; 0.1 / 2.5; 0.1 / 3.0 |] "Keras' docstring example"
        }
        test "staircase: the quotient is floor(t / 5)" {
            let v = values (Keras.InverseTimeDecay(0.003, 5, 1.0, staircase = true)) 10
            Expect.equal v.[0..4] (Array.create 5 0.003) "the first five"
            Expect.equal v.[5..9] (Array.create 5 0.0015) "0.003 / 2"
            Expect.equal v.[10] 0.001 "0.003 / 3"
        }
        test "a fractional decay_steps, from the published case: step 1 of (0.1, 1.5, 0.1) is 0.09375" {
            Expect.equal (values (Keras.InverseTimeDecay(0.1, 1.5, 0.1)) 1).[1] 0.09375 "0.1 / (1 + 0.1 × (1 / 1.5))"
        }
        refused "decay_steps -1 is refused" "decay_steps" "-1" (fun () -> box (Keras.InverseTimeDecay(0.1, -1, 0.5)))
        refused "a negative decay_rate is refused (a pole)" "decay_rate" "-0.5" (fun () ->
            box (Keras.InverseTimeDecay(0.1, 1, -0.5)))
        refused "a negative rate is refused in JSON too" "decay_rate" "-1" (fun () ->
            box (
                Config.ofJson (
                    sprintf """{"kind": "%s", "initial_learning_rate": 0.1, "decay_steps": 1, "decay_rate": -1}""" kind
                )
            ))
        roundTrips "round-trips through JSON" 30 [ 0.1 ] (Scheduler.config (Keras.InverseTimeDecay(0.1, 2, 0.5, true)))
        KerasCurveLaws.tests kind 30 (Keras.InverseTimeDecay(0.1, 3, 0.5))
    ]
