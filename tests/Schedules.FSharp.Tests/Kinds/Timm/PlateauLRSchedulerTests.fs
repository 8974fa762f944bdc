/// timm's PlateauLRScheduler (Kinds/Timm/PlateauLRScheduler.fs, factory Timm.PlateauLRScheduler).
module Schedules.Tests.PlateauLRSchedulerTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.TimmSupport

let private run (s: Scheduler<float>) lrs metrics =
    Scheduler.run s (gv lrs) metrics |> lrRows

let tests =
    testList "PlateauLRScheduler" [
        test
            "Patience across families: timm wraps PyTorch's rule, so it reduces when the bad epochs exceed patience (> p)" {
            // patience_t 2 on the losses 1.0, 1.0, 1.0, 1.0: the 4th (the 3rd bad epoch) reduces, as in PyTorch.
            let s = Timm.PlateauLRScheduler(patienceT = 2, mode = Min)
            let trace = Scheduler.run s (gv [ 0.1 ]) [ 1.0; 1.0; 1.0; 1.0 ]

            Expect.equal
                [ for r in trace.Rows -> r.Lrs.[0] ]
                [ 0.1; 0.1; 0.1; 0.1; 0.010000000000000002 ]
                "reduced at the 4th"
        }
        test "mode is max by default: a falling metric is a plateau" {
            let metrics = [ 0.9; 0.89; 0.88; 0.87; 0.86 ]

            let rows =
                run (Timm.PlateauLRScheduler(patienceT = 1, decayRate = 0.5)) [ 0.1 ] metrics

            Expect.equal
                (rows |> Array.map Array.exactlyOne)
                [| 0.1; 0.1; 0.1; 0.05; 0.05; 0.025 |]
                "edge-pub-timm-plateau-default-mode-max"
        }
        test "the warmup ignores the metric and writes warmup_lr_init + epoch·s up to epoch = warmup_t" {
            let s =
                Timm.PlateauLRScheduler(warmupT = 5, warmupLrInit = 1e-5, patienceT = 0, mode = Min)

            let rows = run s [ 0.05 ] [ 5.0; 6.0; 7.0; 8.0; 9.0; 10.0 ]

            Expect.equal
                (rows |> Array.map Array.exactlyOne)
                [| 1e-05; 0.010008; 0.020006; 0.030004; 0.040002; 0.05; 0.05 |]
                "rising losses unseen in the warmup; the first one seen becomes the best"
        }
        test "noise is added after the plateau step and taken back before the next one" {
            let s =
                Timm.PlateauLRScheduler(
                    decayRate = 0.9,
                    patienceT = 0,
                    threshold = 0.0,
                    mode = Min,
                    noiseRangeT = NoiseRange.Between(2, 4),
                    noiseType = NoiseType.Uniform,
                    noisePct = 0.05,
                    noiseSeed = 3
                )

            let rows = run s [ 1.0 ] [ 1.0; 2.0; 3.0; 4.0; 5.0 ]

            let x t =
                2.0 * (Kinds.Timm.TorchGenerator(3L + int64 t).Rand() - 0.5) * 0.05

            Expect.equal rows.[1] [| 1.0 |] "the first metric is the best"
            Expect.equal rows.[2] [| 0.9 + 0.9 * x 2 |] "reduced, then noise"
            Expect.equal rows.[3] [| 0.81 + 0.81 * x 3 |] "reduced from 0.9, not from the noisy LR"
            Expect.equal rows.[4] [| 0.81 * 0.9 |] "no noise at 4"
        }
        test "lr_scale multiplies what the warmup writes" {
            let s = Timm.PlateauLRScheduler(warmupT = 2, lrScale = Each [ 0.5; 1.0 ])
            let rows = run s [ 0.1; 0.1 ] [ 1.0; 1.0 ]
            Expect.equal rows.[0] [| 0.0; 0.0 |] "warmup_lr_init"
            Expect.equal rows.[1] [| 0.05 * 0.5; 0.05 |] "half of the first warmup step"
        }
        refused "decay_rate 1 is refused (PyTorch: factor should be < 1.0)" "decay_rate" "1" (fun () ->
            box (Timm.PlateauLRScheduler(decayRate = 1.0)))
        refused "a noise_type other than normal or uniform is refused in JSON" "noise_type" "gaussian" (fun () ->
            box (Config.ofJson """{"kind": "timm.PlateauLRScheduler", "noise_type": "gaussian"}"""))
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1; 0.2 ]
            (Scheduler.config (
                Timm.PlateauLRScheduler(
                    decayRate = 0.5,
                    patienceT = 1,
                    mode = Min,
                    warmupT = 2,
                    noiseRangeT = NoiseRange.From 5,
                    noiseType = NoiseType.Uniform,
                    lrScale = Each [ 1.0; 0.5 ]
                )
            ))
        resumes
            "a checkpoint resumes it, with its counters and the LRs from before the noise"
            (Timm.PlateauLRScheduler(
                decayRate = 0.5,
                patienceT = 1,
                cooldownT = 1,
                mode = Min,
                noiseRangeT = NoiseRange.From 6
            ))
            [ 0.1 ]
            [ for t in 1..20 -> if t % 5 = 0 then 0.1 else 1.0 ]
            7
        test "a loaded state a run cannot reach is refused, naming the field" {
            let s = Timm.PlateauLRScheduler(patienceT = 2)
            let partial = Scheduler.run s (gv [ 0.1 ]) [ 1.0; 0.5; 0.4 ]

            let json =
                (Checkpoint.save s partial.State).Replace("\"badEpochs\": 2", "\"badEpochs\": 3")

            let e = Expect.throwsC (fun () -> Checkpoint.load s json |> ignore) id
            Expect.stringContains e.Message "badEpochs" "names the field"
        }
    ]
