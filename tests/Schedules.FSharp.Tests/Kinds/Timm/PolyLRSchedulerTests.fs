/// timm's PolyLRScheduler (Kinds/Timm/PolyLRScheduler.fs, factory Timm.PolyLRScheduler).
module Schedules.Tests.PolyLRSchedulerTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.TimmSupport

let tests =
    testList "PolyLRScheduler" [
        test "lr_min + (base − lr_min)·(1 − t^k / T^k)^power after a prefixed warmup (timm's values)" {
            let s =
                Timm.PolyLRScheduler(6, power = 2.0, lrMin = 0.001, warmupT = 3, warmupPrefix = true, kDecay = 2.0)

            let rows = stepOnly s [ 0.003 ] 9

            Expect.equal
                (rows |> Array.map Array.exactlyOne)
                [|
                    0.0
                    0.001
                    0.002
                    0.003
                    0.002890432098765432
                    0.0025802469135802466
                    0.002125
                    0.001617283950617284
                    0.0011867283950617285
                    0.001
                |]
                "timm.PolyLRScheduler-1-2"
        }
        test "power 1 is a straight line to lr_min" {
            let rows = stepOnly (Timm.PolyLRScheduler(4, power = 1.0)) [ 1.0 ] 4
            Expect.equal (rows |> Array.map Array.exactlyOne) [| 1.0; 0.75; 0.5; 0.25; 0.0 |] "1 − t/4"
        }
        refused "t_initial 0 is refused" "t_initial" "0" (fun () -> box (Timm.PolyLRScheduler 0))
        refused "a NaN power is refused" "power" "NaN" (fun () -> box (Timm.PolyLRScheduler(5, power = nan)))
        roundTrips
            "round-trips through JSON"
            30
            [ 0.1 ]
            (Scheduler.config (Timm.PolyLRScheduler(10, power = 2.0, cycleLimit = 2, cycleDecay = 0.5)))
        resumes "a checkpoint resumes it" (Timm.PolyLRScheduler(8, cycleLimit = 2)) [ 0.1 ] (List.replicate 20 ()) 5
        previews "its preview is its stepping" (Timm.PolyLRScheduler(8, warmupT = 2)) [ 0.1; 1.0 ] 20
    ]
