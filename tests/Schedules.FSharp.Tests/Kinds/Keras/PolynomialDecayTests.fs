/// Keras' PolynomialDecay (Kinds/Keras/PolynomialDecay.fs, factory Keras.PolynomialDecay):
/// (init − end) × (1 − s / D)^power + end, with Keras' cycle (the restart one step after each multiple of D).
module Schedules.Tests.KerasPolynomialDecayTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private kind = "keras.PolynomialDecay"

let private values (s: Scheduler<unit>) steps =
    stepOnly s [ 1.0 ] steps |> Array.map Array.head

let tests =
    testList "keras.PolynomialDecay" [
        test "linear by default, from 1 to end_learning_rate 0.0001 over 4 steps, then held" {
            let v = values (Keras.PolynomialDecay(1.0, 4)) 6
            Expect.equal v.[0] 1.0 "start"
            Expect.equal v.[2] ((1.0 - 0.0001) * 0.5 + 0.0001) "half way"
            Expect.equal v.[4..] (Array.create 3 0.0001) "end, held"
        }
        test "cycle: at each multiple of decay_steps the value is the end; the restart shows one step later" {
            let v =
                values (Keras.PolynomialDecay(0.1, 2, endLearningRate = 0.01, power = 2.0, cycle = true)) 5
            // Step 2: ceil(2 / 2) = 1, p = 1: the end. Step 3: ceil(3 / 2) = 2, D' = 4, p = 3 / 4.
            Expect.equal v.[2] 0.01 "the end at 2 × 1"
            Expect.equal v.[3] ((0.1 - 0.01) * (0.25 ** 2.0) + 0.01) "restarted at 3, over 4 steps"
            Expect.equal v.[4] 0.01 "the end at 2 × 2"
            Expect.equal v.[5] ((0.1 - 0.01) * ((1.0 - 5.0 / 6.0) ** 2.0) + 0.01) "over 6 steps"
        }
        test "step 0 with cycle uses the multiplier 1 (not ceil(0) = 0)" {
            Expect.equal (values (Keras.PolynomialDecay(0.5, 3, cycle = true)) 0).[0] 0.5 "initial_learning_rate"
        }
        refused "decay_steps 0 is refused" "decay_steps" "0" (fun () -> box (Keras.PolynomialDecay(0.1, 0)))
        refused "a negative power is refused (an infinite LR at the end)" "power" "-1" (fun () ->
            box (Keras.PolynomialDecay(0.1, 10, power = -1.0)))
        refused "a negative end_learning_rate is refused" "end_learning_rate" "-0.1" (fun () ->
            box (Keras.PolynomialDecay(0.1, 10, endLearningRate = -0.1)))
        test "JSON under Keras' names; end_learning_rate, power and cycle take Keras' defaults" {
            let json =
                sprintf """{"kind": "%s", "initial_learning_rate": 0.1, "decay_steps": 10}""" kind

            sameConfig (Config.ofJson json) (Scheduler.config (Keras.PolynomialDecay(0.1, 10, 0.0001, 1.0, false)))
        }
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1 ]
            (Scheduler.config (Keras.PolynomialDecay(0.1, 7, 0.01, 0.5, true)))
        KerasCurveLaws.tests kind 30 (Keras.PolynomialDecay(0.1, 7, endLearningRate = 0.01, cycle = true))
    ]
