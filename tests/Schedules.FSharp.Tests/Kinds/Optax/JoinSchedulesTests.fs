/// optax's join_schedules (Kinds/Optax/JoinSchedules.fs, factory Optax.JoinSchedules).
module Schedules.Tests.JoinSchedulesTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

let private warmupThenDecay () =
    Optax.JoinSchedules([ Optax.LinearSchedule(0.0, 1.0, 2); Optax.CosineDecaySchedule(1.0, 2) ], [ 2 ])

let tests =
    testList "JoinSchedules" [
        test "each schedule on its own local time from its boundary" {
            Expect.equal
                (values (warmupThenDecay ()) 5)
                [| 0.0; 0.5; 1.0; 0.5 * (1.0 + cos (System.Math.PI * 1.0 / 2.0)); 0.0; 0.0 |]
                "t − 2"
        }
        test "boundaries as optax takes them: unsorted, a later one wins whenever t ≥ it; 0 starts at once" {
            let a = Optax.ConstantSchedule 1.0
            let b = Optax.LinearSchedule(0.0, 1.0, 10)
            let c = Optax.ConstantSchedule 3.0

            Expect.equal
                (values (Optax.JoinSchedules([ a; b; c ], [ 4; 2 ])) 5)
                [| 1.0; 1.0; 3.0; 3.0; 3.0; 3.0 |]
                "c from 2"

            Expect.equal (values (Optax.JoinSchedules([ a; b ], [ 0 ])) 2) (values b 2) "b from 0"
        }
        test "joins any curve of the library: a Hugging Face schedule, on the group's base LR" {
            let s =
                Optax.JoinSchedules(
                    [
                        Optax.ConstantSchedule 0.5
                        HuggingFace.GetInverseSqrtSchedule(0, timescale = 1)
                    ],
                    [ 1 ]
                )

            Expect.equal
                (stepOnly s [ 2.0 ] 4)
                [|
                    [| 0.5 |]
                    [| 2.0 |]
                    [| 2.0 * (1.0 / sqrt 2.0) |]
                    [| 2.0 * (1.0 / sqrt 3.0) |]
                    [| 1.0 |]
                |]
                "base × λ(t − 1)"
        }
        test "JSON children may be of any curve kind, nested joins included" {
            let json =
                """{"kind": "optax.join_schedules", "schedules": [{"kind": "optax.constant_schedule", "value": 0.1}, {"kind": "optax.join_schedules", "schedules": [{"kind": "optax.constant_schedule", "value": 0.2}, {"kind": "hf.get_inverse_sqrt_schedule", "num_warmup_steps": 2}], "boundaries": [1]}], "boundaries": [3]}"""

            let s = Scheduler.create (Config.ofJson json)
            Expect.equal (values s 5) [| 0.1; 0.1; 0.1; 0.2; 0.0; 0.5 |] "the inner join on t − 3"
        }
        refused
            "a scheduler that is not a curve is refused, pointing to SequentialLR"
            "schedules"
            "SequentialLR"
            (fun () -> box (Optax.JoinSchedules([ Optax.ConstantSchedule 0.1; LRScheduler.StepLR 2 ], [ 3 ])))
        refused "boundaries must hold one fewer than schedules" "boundaries" "[3; 4]" (fun () ->
            box (Optax.JoinSchedules([ Optax.ConstantSchedule 0.1; Optax.ConstantSchedule 0.2 ], [ 3; 4 ])))
        test "SequentialLR gives curves the same local time (for increasing boundaries ≥ 1)" {
            let parts = [
                Optax.LinearSchedule(0.0, 1.0, 3)
                Optax.CosineDecaySchedule(1.0, 4)
                Optax.ConstantSchedule 0.1
            ]

            let sequential = LRScheduler.SequentialLR(parts, [ 3; 7 ])

            Expect.equal
                (stepOnly sequential [ 1.0 ] 12)
                (stepOnly (Optax.JoinSchedules(parts, [ 3; 7 ])) [ 1.0 ] 12)
                "the same"
        }
        roundTrips "round-trips through JSON" 10 [ 0.1 ] (Scheduler.config (warmupThenDecay ()))
        previews "previews as it steps" (warmupThenDecay ()) 10
        resumes "resumes from a checkpoint" (warmupThenDecay ()) (List.replicate 10 ()) 3
    ]
