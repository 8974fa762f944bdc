/// Hugging Face's get_scheduler (Kinds/HuggingFace/GetScheduler.fs): the schedule a SchedulerType names.
module Schedules.Tests.GetSchedulerTests

open System.Collections.Generic
open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let private kwargs (pairs: (string * obj) list) =
    Dictionary<string, obj>(dict pairs) :> IReadOnlyDictionary<string, obj>

let private lrsOf (s: Scheduler<float>) steps =
    Scheduler.run s (gv [ 0.1; 0.2 ]) (List.replicate steps nan) |> lrRows

let tests =
    testList "GetScheduler" [
        test "\"cosine_with_restarts\" is get_cosine_with_hard_restarts_schedule_with_warmup with the kwargs" {
            let s =
                HuggingFace.GetScheduler("cosine_with_restarts", 5, 35, kwargs [ "num_cycles", box 3 ])

            let direct = HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup(5, 35, 3.0)
            Expect.equal (lrsOf s 40) (stepOnly direct [ 0.1; 0.2 ] 40) "the same LRs"
        }
        test "\"constant\" ignores everything else" {
            let s = HuggingFace.GetScheduler("constant", 5, 35, kwargs [ "num_cycles", box 3 ])
            Expect.allEqual (lrsOf s 10) [| 0.1; 0.2 |] "the base LRs"
        }
        test "\"constant_with_warmup\" drops the kwargs silently (kept)" {
            let s =
                HuggingFace.GetScheduler(
                    "constant_with_warmup",
                    4,
                    schedulerSpecificKwargs = kwargs [ "anything", box 1 ]
                )

            Expect.equal
                (lrsOf s 6)
                (stepOnly (HuggingFace.GetConstantScheduleWithWarmup 4) [ 0.1; 0.2 ] 6)
                "the warm-up"
        }
        test "\"polynomial\" reads optimizer_lr" {
            let s =
                HuggingFace.GetScheduler("polynomial", 0, 10, kwargs [ "lr_end", box 0.01 ], optimizerLr = 0.1)

            let direct =
                HuggingFace.GetPolynomialDecayScheduleWithWarmup(0, 10, 0.1, lrEnd = 0.01)

            Expect.equal (lrsOf s 12) (stepOnly direct [ 0.1; 0.2 ] 12) "the same LRs"
        }
        test "\"greedy\" and \"reduce_lr_on_plateau\" watch a metric and take only the kwargs" {
            let g =
                HuggingFace.GetScheduler(
                    "greedy",
                    schedulerSpecificKwargs = kwargs [ "factor", box 0.5; "patience", box 0 ]
                )

            Expect.isTrue (Config.watchesMetric (Scheduler.config g)) "greedy"
            let metrics = [ 3.0; 2.0; 2.5 ]
            let direct = HuggingFace.GreedyLR(factor = 0.5, patience = 0)

            Expect.equal
                (Scheduler.run g (gv [ 0.1 ]) metrics |> lrRows)
                (Scheduler.run direct (gv [ 0.1 ]) metrics |> lrRows)
                "GreedyLR's LRs"

            let p =
                HuggingFace.GetScheduler(
                    "reduce_lr_on_plateau",
                    schedulerSpecificKwargs = kwargs [ "min_lr", box [ 0.01; 0.02 ] ]
                )

            Expect.isTrue (Config.watchesMetric (Scheduler.config p)) "plateau"
        }
        refused "an unknown name is refused, naming name" "name" "'cosine_annealing'" (fun () ->
            box (HuggingFace.GetScheduler "cosine_annealing"))
        refused "\"linear\" requires num_warmup_steps" "num_warmup_steps" "linear" (fun () ->
            box (HuggingFace.GetScheduler "linear"))
        refused "\"linear\" requires num_training_steps" "num_training_steps" "linear" (fun () ->
            box (HuggingFace.GetScheduler("linear", 3)))
        refused "kwargs cannot repeat num_warmup_steps" "scheduler_specific_kwargs" "num_warmup_steps" (fun () ->
            box (
                HuggingFace.GetScheduler(
                    "inverse_sqrt",
                    3,
                    schedulerSpecificKwargs = kwargs [ "num_warmup_steps", box 1 ]
                )
            ))
        refused "an unknown kwarg is refused, naming it" "timescal" "timescal" (fun () ->
            box (HuggingFace.GetScheduler("inverse_sqrt", 3, schedulerSpecificKwargs = kwargs [ "timescal", box 1 ])))
        test "JSON in Hugging Face's call shape" {
            let s =
                HuggingFace.GetScheduler("cosine_with_restarts", 5, 35, kwargs [ "num_cycles", box 3 ])

            let json = Config.toJson (Scheduler.config s)
            Expect.stringContains json "\"name\": \"cosine_with_restarts\"" "the name"
            Expect.stringContains json "\"scheduler_specific_kwargs\": {" "the kwargs as an object"
        }
        roundTrips
            "round-trips through JSON (a wsd)"
            30
            [ 0.1; 0.2 ]
            (Scheduler.config (
                HuggingFace.GetScheduler(
                    "warmup_stable_decay",
                    2,
                    schedulerSpecificKwargs = kwargs [ "num_decay_steps", box 5; "num_stable_steps", box 4 ]
                )
            ))
        resumes
            "a checkpoint mid-run continues exactly"
            (HuggingFace.GetScheduler("cosine", 5, 35))
            [ 0.1; 0.2 ]
            (List.replicate 40 nan)
            20
    ]
