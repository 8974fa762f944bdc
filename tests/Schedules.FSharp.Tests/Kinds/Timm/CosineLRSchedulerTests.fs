/// timm's CosineLRScheduler (Kinds/Timm/CosineLRScheduler.fs, factory Timm.CosineLRScheduler), and what every timm
/// curve shares (Kinds/Timm/Scheduler.fs): the constructor's row 0, the warmup, the cycles and lr_scale.
module Schedules.Tests.CosineLRSchedulerTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.TimmSupport

let private kind = "timm.CosineLRScheduler"

let tests =
    testList "CosineLRScheduler" [
        test "from base to lr_min over t_initial, then lr_min for ever (cycle_limit 1)" {
            let rows = stepOnly (Timm.CosineLRScheduler 10) [ 1.0 ] 14
            Expect.equal rows.[0] [| 1.0 |] "row 0 is what the constructor wrote: base"
            Expect.equal rows.[1] [| 0.5 * (1.0 + Math.Cos(Math.PI * 1.0 / 10.0)) |] "0.5·(1 + cos(π/10))"
            Expect.equal rows.[5] [| 0.5 |] "half way"
            Expect.equal rows.[10] [| 0.0 |] "cycle 1 is past cycle_limit: lr_min"
            Expect.equal rows.[14] [| 0.0 |] "and stays there"
        }
        test "warmup_prefix: the warmup, then the cosine from base (timm's values)" {
            let s =
                Timm.CosineLRScheduler(24, lrMin = 1e-4, warmupT = 6, warmupLrInit = 1e-3, warmupPrefix = true)

            let rows = stepOnly s [ 0.1 ] 7

            Expect.equal
                (rows |> Array.map Array.exactlyOne)
                [| 0.001; 0.0175; 0.034; 0.0505; 0.067; 0.0835; 0.1; 0.09957267082562184 |]
                "edge-pub-timm-cosine-per-update-warmup"
        }
        test "without warmup_prefix the warmup overlays the cosine, which jumps at warmup_t" {
            let s = Timm.CosineLRScheduler(10, warmupT = 5, warmupLrInit = 0.0)
            let rows = stepOnly s [ 1.0 ] 6
            Expect.equal rows.[4] [| 0.8 |] "4 · 1/5: the warmup never reaches base"
            Expect.equal rows.[5] [| 0.5 |] "the cosine's value at 5"
        }
        test "the cycle index is the floor of a logarithm: cycle_mul 3 misses the restart at t = 121" {
            let s = Timm.CosineLRScheduler(1, cycleMul = 3.0, cycleLimit = 10)
            let rows = stepOnly s [ 1.0 ] 121
            Expect.equal rows.[40] [| 1.0 |] "the restart at 1 + 3 + 9 + 27 = 40 lands"
            Expect.equal rows.[121] [| 0.0 |] "log(243)/log(3) = 4.999…: lr_min instead of the peak"
        }
        test "lr_scale multiplies each group's value after the noise, row 0 included" {
            let plain =
                Timm.CosineLRScheduler(8, noiseRangeT = NoiseRange.From 3, noisePct = 0.2)

            let scaled =
                Timm.CosineLRScheduler(8, noiseRangeT = NoiseRange.From 3, noisePct = 0.2, lrScale = Each [ 0.1; 1.0 ])

            let p = stepOnly plain [ 0.003; 0.1 ] 12
            let s = stepOnly scaled [ 0.003; 0.1 ] 12

            for t in 0..12 do
                Expect.equal s.[t] [| p.[t].[0] * 0.1; p.[t].[1] |] (sprintf "step %d" t)
        }
        test "noise at noise_range_t: v + v·x with torch's draw at seed + t" {
            let s =
                Timm.CosineLRScheduler(20, noiseRangeT = NoiseRange.Between(4, 12), noisePct = 0.3, noiseSeed = 11)

            let rows = stepOnly s [ 0.1 ] 12
            Expect.equal rows.[3] [| 0.09455032620941839 |] "no noise before 4"
            Expect.equal rows.[4] [| 0.10333043714452086 |] "edge-pub-timm-cosine-noise, draw 0.14239321649074554"
            let clean = stepOnly (Timm.CosineLRScheduler 20) [ 0.1 ] 12
            Expect.equal rows.[12] clean.[12] "none from 12"
        }
        refused "t_initial 0 is refused (timm asserts without a message)" "t_initial" "0" (fun () ->
            box (Timm.CosineLRScheduler 0))
        refused "a negative lr_min is refused" "lr_min" "-1" (fun () -> box (Timm.CosineLRScheduler(10, lrMin = -1.0)))
        refused "cycle_mul 0 is refused (timm takes its logarithm)" "cycle_mul" "0" (fun () ->
            box (Timm.CosineLRScheduler(10, cycleMul = 0.0)))
        refused "lr_scale of another length than the groups is refused" "lrScale" "2" (fun () ->
            atInit (Timm.CosineLRScheduler(10, lrScale = Each [ 1.0; 0.5 ])) [ 0.1 ] ())
        test "with cycle_mul < 1 the cycles end: the step where timm's logarithm fails raises" {
            let s = Timm.CosineLRScheduler(4, cycleMul = 0.5, cycleLimit = 100)
            Expect.equal (stepOnly s [ 1.0 ] 7).Length 8 "the cycles sum to 4 / (1 − 0.5) = 8"
            Expect.throwsT<InvalidOperationException> (fun () -> stepOnly s [ 1.0 ] 8 |> ignore) "t = 8"
        }
        test "JSON under timm's names, lr_scale with null for none" {
            let json =
                sprintf """{"kind": "%s", "t_initial": 8, "noise_range_t": [2, 5], "lr_scale": [0.5, null]}""" kind

            let expected =
                Timm.CosineLRScheduler(8, noiseRangeT = NoiseRange.Between(2, 5), lrScale = Each [ 0.5; 1.0 ])

            sameConfig (Config.ofJson json) (Scheduler.config expected)
            Expect.stringContains (Config.toJson (Config.ofJson json)) "\"t_initial\": 8" "timm's argument name"
        }
        roundTrips
            "round-trips through JSON"
            40
            [ 0.1; 0.2 ]
            (Scheduler.config (
                Timm.CosineLRScheduler(
                    10,
                    lrMin = 1e-3,
                    cycleMul = 1.5,
                    cycleDecay = 0.5,
                    cycleLimit = 3,
                    warmupT = 2,
                    warmupLrInit = 1e-4,
                    noiseRangeT = NoiseRange.From 5,
                    kDecay = 2.0,
                    lrScale = Each [ 1.0; 0.5 ]
                )
            ))
        resumes
            "a checkpoint resumes it"
            (Timm.CosineLRScheduler(10, cycleLimit = 3, warmupT = 3, noiseRangeT = NoiseRange.From 5))
            [ 0.1 ]
            (List.replicate 30 ())
            13
        previews "its preview is its stepping" (Timm.CosineLRScheduler(10, warmupT = 3, cycleLimit = 2)) [ 0.1; 0.3 ] 30
    ]
