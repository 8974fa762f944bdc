/// optax's contrib.reduce_on_plateau (Kinds/Optax/ReduceOnPlateau.fs, factory Optax.ReduceOnPlateau): LR = base ×
/// scale; the scale drops on the patience-th non-improving (averaged) value in a row.
module Schedules.Tests.OptaxReduceOnPlateauTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.OptaxSupport

/// The scales (LR on a base LR of 1) over the metrics: row 0 is 1.
let private scales (s: Scheduler<float>) (metrics: float list) =
    Scheduler.run s (gv [ 1.0 ]) metrics |> lrRows |> Array.map (fun r -> r.[0])

let tests =
    testList "OptaxReduceOnPlateau" [
        test "optax's patience is == patience: the 2nd non-improving value in a row reduces (PyTorch waits for the 3rd)" {
            let v =
                scales (Optax.ReduceOnPlateau(factor = 0.5, patience = 2)) [ 1.0; 1.0; 1.0; 1.0; 1.0 ]

            Expect.equal v [| 1.0; 1.0; 1.0; 0.5; 0.5; 0.25 |] "reduced at the 2nd and the 4th bad value"
        }
        test "edge-pub-optax-rop-patience-2 (cooldown 1)" {
            let metrics = [ 1.0; 0.9; 0.9; 0.9; 0.9; 0.9; 0.9; 0.9; 0.9; 0.9; 0.9; 0.9 ]

            let v =
                scales (Optax.ReduceOnPlateau(factor = 0.5, patience = 2, cooldown = 1)) metrics

            Expect.equal
                v
                [| 1.0; 1.0; 1.0; 1.0; 0.5; 0.5; 0.5; 0.25; 0.25; 0.25; 0.125; 0.125; 0.125 |]
                "the recorded values"
        }
        test "optax's bug kept: patience 0 reduces at every improvement and never on a plateau" {
            let v =
                scales (Optax.ReduceOnPlateau(factor = 0.5, patience = 0)) [ 3.0; 2.0; 2.0; 2.0; 1.0 ]

            Expect.equal v [| 1.0; 0.5; 0.25; 0.25; 0.25; 0.125 |] "each improvement halves"
        }
        test "rtol = 1 is accepted and (1 − 1) × ∞ is NaN: nothing improves, it reduces every patience values" {
            let v =
                scales (Optax.ReduceOnPlateau(factor = 0.5, patience = 1, rtol = 1.0)) [ 3.0; 2.0; 1.0 ]

            Expect.equal v [| 1.0; 0.5; 0.25; 0.125 |] "every value"
        }
        test "accumulation_size values are averaged into one evaluation" {
            let s = Optax.ReduceOnPlateau(factor = 0.5, patience = 1, accumulationSize = 2)
            // (1 + 3) / 2 = 2 becomes the best; (2 + 2) / 2 = 2 does not improve.
            Expect.equal (scales s [ 1.0; 3.0; 2.0; 2.0 ]) [| 1.0; 1.0; 1.0; 1.0; 0.5 |] "evaluated every 2nd value"
        }
        test "NaN never improves; min_scale above 1 raises the scale at the first evaluation" {
            Expect.equal
                (scales (Optax.ReduceOnPlateau(factor = 0.5, patience = 1)) [ nan ])
                [| 1.0; 0.5 |]
                "NaN is bad"

            Expect.equal (scales (Optax.ReduceOnPlateau(minScale = 2.0)) [ 1.0 ]) [| 1.0; 2.0 |] "max(scale, 2)"
        }
        test "the LR is each group's base LR × scale, with an event per group" {
            let trace =
                Scheduler.run (Optax.ReduceOnPlateau(factor = 0.5, patience = 1)) (gv [ 0.2; 0.4 ]) [ 1.0; 1.0 ]

            Expect.equal (lrRows trace) [| [| 0.2; 0.4 |]; [| 0.2; 0.4 |]; [| 0.1; 0.2 |] |] "base × scale"
            Expect.equal trace.Rows.[2].Events [ LrReduced(0, 0.2, 0.1); LrReduced(1, 0.4, 0.2) ] "events"
        }
        refused "factor 1 is refused, as in optax" "factor" "1" (fun () -> box (Optax.ReduceOnPlateau(factor = 1.0)))
        refused "rtol above 1 is refused, as in optax" "rtol" "1.5" (fun () -> box (Optax.ReduceOnPlateau(rtol = 1.5)))
        refused "rtol and atol both 0 are refused, as in optax" "atol" "0" (fun () ->
            box (Optax.ReduceOnPlateau(rtol = 0.0)))
        refused "a negative atol is refused, as in optax" "atol" "-1" (fun () ->
            box (Optax.ReduceOnPlateau(atol = -1.0)))
        test "a saved plateau count no run reaches is refused, naming the field" {
            let s = Optax.ReduceOnPlateau(patience = 2)
            let first = Scheduler.run s (gv [ 1.0 ]) [ 1.0 ]
            let json = Checkpoint.save s first.State
            let saved = System.Text.RegularExpressions.Regex("\"plateauCount\":\\s*0")
            Expect.isTrue (saved.IsMatch json) "the field as saved"
            let bad = saved.Replace(json, "\"plateauCount\": 5")
            let e = Expect.throwsC (fun () -> Checkpoint.load s bad |> ignore) id
            Expect.isTrue (e :? System.FormatException) "a FormatException"
            Expect.stringContains e.Message "plateauCount" "names the field"
        }
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1 ]
            (Scheduler.config (
                Optax.ReduceOnPlateau(factor = 0.5, patience = 2, cooldown = 1, accumulationSize = 2, minScale = 0.1)
            ))
        resumes
            "resumes from a checkpoint"
            (Optax.ReduceOnPlateau(factor = 0.5, patience = 2, accumulationSize = 3))
            [ for t in 1..30 -> if t % 7 = 0 then 0.1 else 1.0 ]
            11
    ]
