/// Hugging Face's GreedyLR (Kinds/HuggingFace/GreedyLR.fs): raises the LRs after more than patience better
/// observations, lowers them after more than patience that are not.
module Schedules.Tests.GreedyLRTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let private lrsOf (s: Scheduler<float>) (lrs: float list) (metrics: float list) =
    Scheduler.run s (gv lrs) metrics |> lrRows

let tests =
    testList "GreedyLR" [
        test "the first metric is better than −∞: with patience 0 the LR rises at once (hf.GreedyLR-1-3)" {
            let s =
                HuggingFace.GreedyLR(mode = Max, factor = 0.5, patience = 0, thresholdMode = Rel, maxLr = All 2.0)

            let rows =
                lrsOf s [ 0.05 ] [ 2.7620089856047403; 2.7346070461794594; 2.777673776255198 ]

            Expect.equal rows [| [| 0.05 |]; [| 0.1 |]; [| 0.05 |]; [| 0.1 |] |] "up, down, up"
        }
        test "raises stop at max_lr and reductions at min_lr" {
            let s =
                HuggingFace.GreedyLR(factor = 0.5, patience = 0, minLr = All 0.02, maxLr = All 0.3)

            let up = lrsOf s [ 0.1 ] [ 5.0; 4.0; 3.0; 2.0 ]
            Expect.equal up.[4] [| 0.3 |] "0.1 → 0.2 → 0.3 (capped) → 0.3"
            let down = lrsOf s [ 0.1 ] [ 5.0; 6.0; 6.0; 6.0; 6.0 ]
            Expect.equal down.[5] [| 0.02 |] "0.2 → 0.1 → 0.05 → 0.025 → 0.02 (floored)"
        }
        test "reset_start reductions at min_lr start everything over from the initial LRs" {
            let s =
                HuggingFace.GreedyLR(factor = 0.5, patience = 0, minLr = All 0.05, resetStart = 2)

            // Up to 0.2, then down: 0.1, 0.05 (the first reduction at the floor), then the second at the floor
            // resets to 0.1 and forgets the best, so the next metric is better again: 0.2.
            let rows = lrsOf s [ 0.1 ] [ 5.0; 6.0; 6.0; 6.0; 6.0 ]
            Expect.equal rows.[1..5] [| [| 0.2 |]; [| 0.1 |]; [| 0.05 |]; [| 0.1 |]; [| 0.2 |] |] "the reset"
        }
        test "smoothing: one NaN poisons the running sum for ever (Hugging Face's bug, kept)" {
            let s =
                HuggingFace.GreedyLR(factor = 0.5, patience = 1, smooth = true, windowSize = 2, minLr = All 0.0)

            let rows = lrsOf s [ 0.1 ] [ 5.0; nan; 1.0; 0.5; 0.25; 0.1; 0.05 ]
            // After the NaN every mean is NaN: never better, so the LR only falls.
            Expect.isTrue (rows |> Array.pairwise |> Array.forall (fun (a, b) -> b.[0] <= a.[0])) "never raised"
            Expect.isLessThan rows.[7].[0] 0.1 "reduced"
        }
        refused "factor 1 is refused, as Hugging Face does" "factor" "1" (fun () ->
            box (HuggingFace.GreedyLR(factor = 1.0)))
        refused "window_size 0 with smooth is refused (a division by zero)" "window_size" "0" (fun () ->
            box (HuggingFace.GreedyLR(smooth = true, windowSize = 0)))
        refused
            "one min_lr per group"
            "min_lr"
            "2 entries"
            (atInit (HuggingFace.GreedyLR(minLr = Each [ 0.1; 0.2 ])) [ 0.1 ])
        refused "an unknown mode is refused in JSON" "mode" "sideways" (fun () ->
            box (Config.ofJson """{"kind": "hf.GreedyLR", "mode": "sideways"}"""))
        resumes
            "a checkpoint mid-run continues exactly (the smoothing window included)"
            (HuggingFace.GreedyLR(factor = 0.5, patience = 1, smooth = true, windowSize = 3, cooldown = 1, warmup = 1))
            [ 0.1; 0.2 ]
            [ for t in 1..40 -> 1.0 + sin (float t) ]
            17
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1; 0.2 ]
            (Scheduler.config (HuggingFace.GreedyLR(mode = Max, minLr = Each [ 0.01; 0.02 ], smooth = true)))
        test "a checkpoint with an impossible counter is refused, naming the field" {
            let s = HuggingFace.GreedyLR(patience = 2)
            let struct (state, _) = Scheduler.init s (gv [ 0.1 ])

            let saved =
                System.Text.RegularExpressions.Regex.Replace(
                    Checkpoint.save s state,
                    "\"numBadEpochs\":\\s*0",
                    "\"numBadEpochs\": 7"
                )

            Expect.stringContains saved "\"numBadEpochs\": 7" "the counter changed"

            let e = Expect.throwsC (fun () -> Checkpoint.load s saved |> ignore) id
            Expect.stringContains e.Message "numBadEpochs" "names the field"
        }
    ]
