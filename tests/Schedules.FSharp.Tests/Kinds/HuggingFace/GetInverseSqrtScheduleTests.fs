/// Hugging Face's get_inverse_sqrt_schedule (Kinds/HuggingFace/GetInverseSqrtSchedule.fs, factory
/// HuggingFace.GetInverseSqrtSchedule): factor t / max(1, W) for t < W, then 1 / sqrt((t + timescale − W) / timescale).
module Schedules.Tests.GetInverseSqrtScheduleTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private kind = "hf.get_inverse_sqrt_schedule"

/// The LRs at a step, from the closed form.
let private at (s: Scheduler<unit>) (lrs: float list) (step: int) =
    (Preview.at s (gv lrs) step).Lrs.ToArray()

let tests =
    testList "GetInverseSqrtSchedule" [
        test "a linear warm-up over W steps, then 1 / sqrt((t + timescale - W) / timescale)" {
            let s = HuggingFace.GetInverseSqrtSchedule(4, timescale = 8)
            let rows = stepOnly s [ 1.0; 0.5 ] 28

            Expect.equal
                rows.[0..4]
                [|
                    [| 0.0; 0.0 |]
                    [| 0.25; 0.125 |]
                    [| 0.5; 0.25 |]
                    [| 0.75; 0.375 |]
                    [| 1.0; 0.5 |]
                |]
                "t / 4, then 1 at t = W"

            Expect.equal rows.[12] [| 1.0 / sqrt 2.0; 0.5 / sqrt 2.0 |] "(12 + 8 - 4) / 8 = 2"
            Expect.equal rows.[28] [| 0.5; 0.25 |] "(28 + 8 - 4) / 8 = 4"
        }
        test "without a warm-up the factor starts at 1 (t / max(1, W) is never used)" {
            let s = HuggingFace.GetInverseSqrtSchedule(0, timescale = 3)
            Expect.equal (at s [ 0.1 ] 0) [| 0.1 |] "1 / sqrt(3 / 3)"
            Expect.equal (at s [ 0.1 ] 9) [| 0.1 * 0.5 |] "1 / sqrt(12 / 3)"
        }
        test "timescale defaults to num_warmup_steps" {
            let byDefault = HuggingFace.GetInverseSqrtSchedule 6
            let explicitly = HuggingFace.GetInverseSqrtSchedule(6, timescale = 6)
            Expect.equal (stepOnly byDefault [ 0.1; 0.2 ] 40) (stepOnly explicitly [ 0.1; 0.2 ] 40) "the same LRs"
            Expect.equal (at byDefault [ 1.0 ] 24) [| 0.5 |] "(24 + 6 - 6) / 6 = 4"
        }
        test "timescale defaults to 10000 when num_warmup_steps is 0" {
            let s = HuggingFace.GetInverseSqrtSchedule 0
            Expect.equal (at s [ 1.0 ] 0) [| 1.0 |] "step 0"
            Expect.equal (at s [ 1.0 ] 30_000) [| 0.5 |] "(30000 + 10000) / 10000 = 4"
            let explicitly = HuggingFace.GetInverseSqrtSchedule(0, timescale = 10_000)
            Expect.equal (stepOnly s [ 0.1 ] 50) (stepOnly explicitly [ 0.1 ] 50) "the same LRs"
        }
        refused "timescale 0 is refused" "timescale" "0" (fun () ->
            box (HuggingFace.GetInverseSqrtSchedule(5, timescale = 0)))
        refused "a negative timescale is refused in JSON too" "timescale" "-2" (fun () ->
            box (Config.ofJson (sprintf """{"kind": "%s", "num_warmup_steps": 5, "timescale": -2}""" kind)))
        refused "num_warmup_steps is required in JSON" "num_warmup_steps" "is required" (fun () ->
            box (Config.ofJson (sprintf """{"kind": "%s"}""" kind)))
        test "JSON under Hugging Face's names; a timescale left out stays the default" {
            let json = Config.toJson (Scheduler.config (HuggingFace.GetInverseSqrtSchedule 4))
            Expect.stringContains json (sprintf "\"kind\": \"%s\"" kind) "the name users write"
            Expect.stringContains json "\"num_warmup_steps\": 4" "Hugging Face's argument name"
            Expect.isFalse (json.Contains "timescale") "no timescale written"
            sameConfig (Config.ofJson json) (Scheduler.config (HuggingFace.GetInverseSqrtSchedule 4))
        }
        test "a null argument is one left out (Python's None), as in Hugging Face's own calls" {
            let json =
                sprintf """{"kind": "%s", "num_warmup_steps": 4, "timescale": null}""" kind

            sameConfig (Config.ofJson json) (Scheduler.config (HuggingFace.GetInverseSqrtSchedule 4))
        }
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1; 0.2 ]
            (Scheduler.config (HuggingFace.GetInverseSqrtSchedule(5, timescale = 10)))
    ]
