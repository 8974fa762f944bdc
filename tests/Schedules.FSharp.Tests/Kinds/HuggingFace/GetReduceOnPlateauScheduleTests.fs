/// Hugging Face's get_reduce_on_plateau_schedule (Kinds/HuggingFace/GetReduceOnPlateauSchedule.fs): PyTorch's
/// ReduceLROnPlateau under Hugging Face's name.
module Schedules.Tests.GetReduceOnPlateauScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let private metrics = [ for t in 1..30 -> if t < 6 then 1.0 / float t else 1.0 ]

let tests =
    testList "GetReduceOnPlateauSchedule" [
        test "the LRs of PyTorch's ReduceLROnPlateau with the same arguments" {
            let hf = HuggingFace.GetReduceOnPlateauSchedule(factor = 0.5, patience = 2)
            let torch = LRScheduler.ReduceLROnPlateau(factor = 0.5, patience = 2)

            Expect.equal
                (Scheduler.run hf (gv [ 0.1 ]) metrics |> lrRows)
                (Scheduler.run torch (gv [ 0.1 ]) metrics |> lrRows)
                "the same LRs"
        }
        test "JSON under PyTorch's Python names" {
            let json =
                Config.toJson (
                    Scheduler.config (HuggingFace.GetReduceOnPlateauSchedule(thresholdMode = Abs, minLr = All 1e-3))
                )

            Expect.stringContains json "\"threshold_mode\": \"abs\"" "threshold_mode"
            Expect.stringContains json "\"min_lr\": 0.001" "min_lr"
        }
        refused "a grace period is refused" "Warmup" "1" (fun () ->
            box (Scheduler.createWatching (GetReduceOnPlateauSchedule ReduceLROnPlateauConfig.CellDetectionDefault)))
        resumes
            "a checkpoint mid-run continues exactly"
            (HuggingFace.GetReduceOnPlateauSchedule(factor = 0.5, patience = 1))
            [ 0.1; 0.2 ]
            metrics
            12
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1 ]
            (Scheduler.config (HuggingFace.GetReduceOnPlateauSchedule(patience = 1)))
    ]
