/// optax's exponential_decay (Kinds/Optax/ExponentialDecay.fs, factory Optax.ExponentialDecay).
module Schedules.Tests.ExponentialDecayTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let tests =
    testList "ExponentialDecay" [
        test "init_value × decay_rate^((t − transition_begin) / transition_steps), init_value until then" {
            let v = values (Optax.ExponentialDecay(1.0, 2, 0.25, transitionBegin = 1)) 5
            Expect.equal v [| 1.0; 1.0; Math.Pow(0.25, 0.5); 0.25; Math.Pow(0.25, 1.5); 0.0625 |] "(t − 1) / 2"
        }
        test "staircase floors the exponent; end_value bounds from below when the rate decays" {
            let v =
                values (Optax.ExponentialDecay(1.0, 2, 0.5, staircase = true, endValue = 0.3)) 6

            Expect.equal v [| 1.0; 1.0; 0.5; 0.5; 0.3; 0.3; 0.3 |] "floor(t / 2), at least 0.3"
        }
        test "end_value bounds from above when the rate grows (init_value included)" {
            Expect.equal (values (Optax.ExponentialDecay(1.0, 1, 2.0, endValue = 3.0)) 3) [| 1.0; 2.0; 3.0; 3.0 |] "min"
            Expect.equal (values (Optax.ExponentialDecay(1.0, 1, 2.0, endValue = 0.5)) 1) [| 0.5; 0.5 |] "init clipped"
        }
        test "transition_steps ≤ 0 or decay_rate 0 hold init_value (end_value unused), as in optax" {
            Expect.equal (values (Optax.ExponentialDecay(0.1, 0, 0.5, endValue = 0.5)) 2) (Array.create 3 0.1) "T 0"
            Expect.equal (values (Optax.ExponentialDecay(0.1, 3, 0.0)) 2) (Array.create 3 0.1) "rate 0"
        }
        refused "a negative decay_rate is refused" "decay_rate" "-0.5" (fun () ->
            box (Optax.ExponentialDecay(0.1, 3, -0.5)))
        roundTrips
            "round-trips through JSON"
            20
            [ 0.1 ]
            (Scheduler.config (
                Optax.ExponentialDecay(0.1, 3, 0.8, transitionBegin = 2, staircase = true, endValue = 0.02)
            ))
        test "end_value left out stays out of the JSON" {
            let json = Config.toJson (Scheduler.config (Optax.ExponentialDecay(0.1, 3, 0.8)))
            Expect.isFalse (json.Contains "end_value") "None"
        }
        previews "previews as it steps" (Optax.ExponentialDecay(0.1, 3, 0.8, transitionBegin = 2)) 20
        resumes "resumes from a checkpoint" (Optax.ExponentialDecay(0.1, 3, 0.8)) (List.replicate 20 ()) 9
    ]
