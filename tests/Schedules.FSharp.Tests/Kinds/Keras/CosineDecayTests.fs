/// Keras' CosineDecay (Kinds/Keras/CosineDecay.fs, factory Keras.CosineDecay): a half cosine from the initial LR
/// (or, with warmup_target, a linear warm-up to the target and a half cosine from it) down to alpha × that LR.
module Schedules.Tests.KerasCosineDecayTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support

let private kind = "keras.CosineDecay"

let private values (s: Scheduler<unit>) steps =
    stepOnly s [ 1.0 ] steps |> Array.map Array.head

let tests =
    testList "keras.CosineDecay" [
        test "without a target: init × ((1 − alpha) × 0.5 × (1 + cos(π × t / D)) + alpha), held after D" {
            let v = values (Keras.CosineDecay(0.1, 4, alpha = 0.1)) 6
            Expect.equal v.[0] 0.1 "cos 0 = 1"
            Expect.equal v.[2] (0.1 * (0.9 * (0.5 * (1.0 + Math.Cos(Math.PI * 0.5))) + 0.1)) "half way"
            Expect.equal v.[4] (0.1 * 0.1) "alpha × init at D"
            Expect.equal v.[6] v.[4] "held"
        }
        test "with a target: linear warm-up from the initial LR, then the cosine from the target (published case)" {
            let v =
                values (Keras.CosineDecay(0.0, 8, alpha = 0.05, warmupTarget = 0.1, warmupSteps = 4)) 14

            Expect.equal v.[0..4] [| 0.0; 0.025; 0.05; 0.07500000000000001; 0.1 |] "(0.1 − 0) × t / 4 + 0"
            Expect.equal v.[8] 0.052500000000000005 "the cosine's middle, from the target"
            Expect.equal v.[12] 0.005000000000000001 "alpha × target at W + D"
            Expect.equal v.[14] v.[12] "held"
        }
        test "warmup_steps is ignored without a target" {
            Expect.equal
                (values (Keras.CosineDecay(0.1, 10, warmupSteps = 5)) 20)
                (values (Keras.CosineDecay(0.1, 10)) 20)
                "the same LRs"
        }
        test "a target with warmup_steps 0 decays from the target; the initial LR is never used" {
            Expect.equal
                (values (Keras.CosineDecay(0.0, 17, warmupTarget = 0.05)) 20)
                (values (Keras.CosineDecay(0.05, 17)) 20)
                "the same LRs"
        }
        refused "decay_steps 0 is refused" "decay_steps" "0" (fun () -> box (Keras.CosineDecay(0.1, 0)))
        refused "a negative warmup_steps is refused" "warmup_steps" "-1" (fun () ->
            box (Keras.CosineDecay(0.0, 10, warmupTarget = 0.1, warmupSteps = -1.0)))
        refused "an infinite alpha is refused" "alpha" "Infinity" (fun () ->
            box (Keras.CosineDecay(0.1, 10, alpha = infinity)))
        refused "a negative alpha is refused (negative LRs at the end)" "alpha" "-0.1" (fun () ->
            box (Keras.CosineDecay(0.1, 10, alpha = -0.1)))
        test "JSON: warmup_target left out (or null, Python's None) is no warm-up" {
            let json = Config.toJson (Scheduler.config (Keras.CosineDecay(0.1, 10)))
            Expect.isFalse (json.Contains "warmup_target") "no warmup_target written"

            let withNull =
                sprintf
                    """{"kind": "%s", "initial_learning_rate": 0.1, "decay_steps": 10, "warmup_target": null}"""
                    kind

            sameConfig (Config.ofJson withNull) (Scheduler.config (Keras.CosineDecay(0.1, 10)))
        }
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1 ]
            (Scheduler.config (Keras.CosineDecay(0.0, 20, alpha = 0.1, warmupTarget = 0.1, warmupSteps = 5)))
        KerasCurveLaws.tests kind 30 (Keras.CosineDecay(0.0, 20, alpha = 0.1, warmupTarget = 0.1, warmupSteps = 5))
    ]
