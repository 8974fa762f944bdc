/// Keras' CosineDecayRestarts (Kinds/Keras/CosineDecayRestarts.fs, factory Keras.CosineDecayRestarts): SGDR with
/// Keras' restart index, the floor of a quotient of logarithms, kept with its float glitch.
module Schedules.Tests.KerasCosineDecayRestartsTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private kind = "keras.CosineDecayRestarts"

let private values (s: Scheduler<unit>) steps =
    stepOnly s [ 1.0 ] steps |> Array.map Array.head

let tests =
    testList "keras.CosineDecayRestarts" [
        test "t_mul 2: periods of 7, 14, 28 steps, each restarting at the initial LR (published case)" {
            let v = values (Keras.CosineDecayRestarts(0.1, 7)) 33
            Expect.equal v.[0] 0.1 "start"
            Expect.equal v.[7] 0.1 "restart after 7"
            Expect.equal v.[21] 0.1 "restart after 7 + 14"
            Expect.equal v.[14] 0.05 "the middle of the second period"
        }
        test "m_mul 0.9 with t_mul 1: every period of 10 starts 0.9 times lower" {
            let v = values (Keras.CosineDecayRestarts(0.003, 10, tMul = 1.0, mMul = 0.9)) 30
            Expect.equal v.[10] 0.0027 "0.003 × 0.9"
            Expect.equal v.[20] 0.0024300000000000003 "0.003 × 0.9²"
        }
        test
            "the restart index from floor(log): with t_mul 3 the exact restart at step 121 gives the floor, not the peak" {
            let s = Keras.CosineDecayRestarts(1.0, 1, tMul = 3.0)
            let v = values s 122
            // Restarts at 1, 4, 13, 40, 121; log(243) / log(3) = 4.999999999999999 puts 121 at the end of period 4.
            Expect.equal v.[40] 1.0 "the restart at 40 is the peak"
            Expect.equal v.[121] 0.0 "the restart at 121 is alpha × init"
            Expect.isGreaterThan v.[122] 0.99 "the next step is near the peak"
        }
        test "alpha is not scaled by m_mul^i: the floor stays at alpha × init while the peaks shrink" {
            let v =
                values (Keras.CosineDecayRestarts(1.0, 2, tMul = 1.0, mMul = 0.5, alpha = 0.2)) 6

            Expect.equal v.[2] ((1.0 - 0.2) * 0.5 + 0.2) "(1 − 0.2) × 0.5 + 0.2 at the second peak"
            Expect.equal v.[4] ((1.0 - 0.2) * 0.25 + 0.2) "(1 − 0.2) × 0.25 + 0.2 at the third"
            Expect.equal v.[5] ((1.0 - 0.2) * (0.5 * 0.25 * (1.0 + cos (System.Math.PI * 0.5))) + 0.2) "its middle"
        }
        refused "first_decay_steps 0 is refused" "first_decay_steps" "0" (fun () ->
            box (Keras.CosineDecayRestarts(0.1, 0)))
        refused "t_mul below 1 is refused (Keras turns NaN after the geometric sum's limit)" "t_mul" "0.5" (fun () ->
            box (Keras.CosineDecayRestarts(0.1, 10, tMul = 0.5)))
        refused "a negative m_mul is refused" "m_mul" "-1" (fun () ->
            box (Keras.CosineDecayRestarts(0.1, 10, mMul = -1.0)))
        test "JSON under Keras' names; t_mul, m_mul and alpha take Keras' defaults" {
            let json =
                sprintf """{"kind": "%s", "initial_learning_rate": 0.1, "first_decay_steps": 10}""" kind

            sameConfig (Config.ofJson json) (Scheduler.config (Keras.CosineDecayRestarts(0.1, 10, 2.0, 1.0, 0.0)))
        }
        roundTrips
            "round-trips through JSON"
            40
            [ 0.1 ]
            (Scheduler.config (Keras.CosineDecayRestarts(0.1, 5, tMul = 1.5, mMul = 0.8, alpha = 0.1)))
        KerasCurveLaws.tests kind 40 (Keras.CosineDecayRestarts(0.1, 5, tMul = 1.5, mMul = 0.8, alpha = 0.1))
    ]
