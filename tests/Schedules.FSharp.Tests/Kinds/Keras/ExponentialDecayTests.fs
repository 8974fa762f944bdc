/// Keras' ExponentialDecay (Kinds/Keras/ExponentialDecay.fs, factory Keras.ExponentialDecay):
/// initial_learning_rate × decay_rate^(step / decay_steps), the exponent floored when staircase.
module Schedules.Tests.KerasExponentialDecayTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support

let private kind = "keras.ExponentialDecay"

let private values (s: Scheduler<unit>) steps =
    stepOnly s [ 1.0 ] steps |> Array.map Array.head

let tests =
    testList "keras.ExponentialDecay" [
        test "smooth: 0.1 × 0.5^(t / 10); the LR halves every 10 steps" {
            let v = values (Keras.ExponentialDecay(0.1, 10, 0.5)) 30
            Expect.equal v.[0] 0.1 "0.5^0"
            Expect.equal v.[10] 0.05 "0.5^1"
            Expect.equal v.[20] 0.025 "0.5^2"
            Expect.equal v.[5] (0.1 * Math.Pow(0.5, 0.5)) "0.5^(5 / 10)"
        }
        test "staircase: the exponent is floor(t / 3)" {
            let v = values (Keras.ExponentialDecay(0.1, 3, 0.5, staircase = true)) 9
            Expect.equal v [| 0.1; 0.1; 0.1; 0.05; 0.05; 0.05; 0.025; 0.025; 0.025; 0.0125 |] "steps of 3"
        }
        test "a fractional decay_steps is Keras' float division" {
            let v = values (Keras.ExponentialDecay(1.0, 1.5, 0.25)) 3
            Expect.equal v.[3] 0.0625 "0.25^(3 / 1.5)"
        }
        refused "decay_steps 0 is refused (Keras: must be > 0)" "decay_steps" "0" (fun () ->
            box (Keras.ExponentialDecay(0.1, 0, 0.5)))
        refused "a negative decay_rate is refused (NaN at fractional exponents)" "decay_rate" "-0.5" (fun () ->
            box (Keras.ExponentialDecay(0.1, 10, -0.5)))
        refused "a NaN initial_learning_rate is refused" "initial_learning_rate" "NaN" (fun () ->
            box (Keras.ExponentialDecay(nan, 10, 0.5)))
        refused "decay_rate is required in JSON" "decay_rate" "is required" (fun () ->
            box (Config.ofJson (sprintf """{"kind": "%s", "initial_learning_rate": 0.1, "decay_steps": 10}""" kind)))
        test "JSON under Keras' names, staircase false by default" {
            let json =
                sprintf """{"kind": "%s", "initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5}""" kind

            sameConfig (Config.ofJson json) (Scheduler.config (Keras.ExponentialDecay(0.1, 10, 0.5)))
            Expect.stringContains (Config.toJson (Config.ofJson json)) "\"staircase\": false" "written out"
        }
        roundTrips "round-trips through JSON" 30 [ 0.1 ] (Scheduler.config (Keras.ExponentialDecay(0.1, 3, 0.5, true)))
        KerasCurveLaws.tests kind 30 (Keras.ExponentialDecay(0.1, 4, 0.9, staircase = true))
    ]
