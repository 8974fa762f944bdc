/// optax's sgdr_schedule (Kinds/Optax/SgdrSchedule.fs, factory Optax.SgdrSchedule).
module Schedules.Tests.SgdrScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let private cycles () = [
    Optax.WarmupCosineDecaySchedule(0.0, 0.1, 2, 6)
    Optax.WarmupCosineDecaySchedule(0.0, 0.05, 1, 5, endValue = 0.001)
]

let tests =
    testList "SgdrSchedule" [
        test "the cycles joined at the running sums of their decay_steps" {
            Expect.equal
                (values (Optax.SgdrSchedule(cycles ())) 14)
                (values (Optax.JoinSchedules(cycles (), [ 6 ])) 14)
                "join at 6"
        }
        test "cosine_kwargs in JSON: warmup_cosine_decay_schedule's arguments, without a kind" {
            let json =
                """{"kind": "optax.sgdr_schedule", "cosine_kwargs": [{"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 2, "decay_steps": 6}, {"init_value": 0.0, "peak_value": 0.05, "warmup_steps": 1, "decay_steps": 5, "end_value": 0.001}]}"""

            sameConfig (Config.ofJson json) (Scheduler.config (Optax.SgdrSchedule(cycles ())))
        }
        refused
            "a cycle that decays no longer than it warms up is refused, naming the cycle"
            "cosine_kwargs[1].decay_steps"
            "decay_steps"
            (fun () ->
                box (
                    Config.ofJson
                        """{"kind": "optax.sgdr_schedule", "cosine_kwargs": [{"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 2, "decay_steps": 6}, {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 3, "decay_steps": 3}]}"""
                ))
        refused
            "a cycle that is not a warmup_cosine_decay_schedule is refused"
            "cosine_kwargs[0]"
            "optax.constant_schedule"
            (fun () -> box (Optax.SgdrSchedule [ Optax.ConstantSchedule 0.1 ]))
        refused "no cycle is refused" "cosine_kwargs" "empty" (fun () ->
            box (Optax.SgdrSchedule(List.empty<Scheduler<unit>>)))
        roundTrips "round-trips through JSON" 14 [ 0.1 ] (Scheduler.config (Optax.SgdrSchedule(cycles ())))
        previews "previews as it steps" (Optax.SgdrSchedule(cycles ())) 14
        resumes "resumes from a checkpoint" (Optax.SgdrSchedule(cycles ())) (List.replicate 14 ()) 7
    ]
