/// optax's cosine_decay_schedule (Kinds/Optax/CosineDecaySchedule.fs, factory Optax.CosineDecaySchedule).
module Schedules.Tests.CosineDecayScheduleTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let tests =
    testList "CosineDecaySchedule" [
        test "init_value × (((1 − alpha) × (0.5 × (1 + cos((π × c) / T)))^exponent) + alpha), flat after T" {
            let v = values (Optax.CosineDecaySchedule(1.0, 2, alpha = 0.2)) 4
            Expect.equal v.[0] 1.0 "start"
            Expect.equal v.[1] ((1.0 - 0.2) * (0.5 * (1.0 + Math.Cos(Math.PI * 1.0 / 2.0))) + 0.2) "midway"
            Expect.equal v.[2..] [| 0.2; 0.2; 0.2 |] "init_value × alpha"
        }
        test "the published case cosine_decay_schedule-1-3, first rows" {
            let v = values (Optax.CosineDecaySchedule(0.05, 12, alpha = 0.1)) 2
            Expect.equal v [| 0.05; 0.04923333109150404; 0.04698557158514988 |] "the recorded values"
        }
        refused "decay_steps 0 is refused, as in optax" "decay_steps" "0" (fun () ->
            box (Optax.CosineDecaySchedule(0.1, 0)))
        refused "a negative alpha is refused" "alpha" "-0.1" (fun () ->
            box (Optax.CosineDecaySchedule(0.1, 5, alpha = -0.1)))
        roundTrips
            "round-trips through JSON"
            20
            [ 0.1 ]
            (Scheduler.config (Optax.CosineDecaySchedule(0.1, 12, alpha = 0.1, exponent = 2.0)))
        previews "previews as it steps" (Optax.CosineDecaySchedule(0.1, 12, exponent = 0.5)) 20
        resumes "resumes from a checkpoint" (Optax.CosineDecaySchedule(0.1, 12)) (List.replicate 20 ()) 6
    ]
