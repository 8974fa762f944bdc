/// timm's TanhLRScheduler (Kinds/Timm/TanhLRScheduler.fs, factory Timm.TanhLRScheduler).
module Schedules.Tests.TanhLRSchedulerTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.TimmSupport

let tests =
    testList "TanhLRScheduler" [
        test "lr_min + 0.5·(base·cycle_decay^i − lr_min)·(1 − tanh(lb·(1 − tr) + ub·tr)) per cycle (timm's values)" {
            let s = Timm.TanhLRScheduler(10, cycleLimit = 3, cycleDecay = 0.5, lrMin = 1e-4)
            let rows = stepOnly s [ 0.1 ] 30
            Expect.equal rows.[0] [| 0.1 |] "row 0 is base, not the tanh's value at 0"
            Expect.equal rows.[7] [| 0.050050000000000046 |] "edge-pub-timm-tanh-cycles, t = 7"
            Expect.equal rows.[10] [| 0.04999995850675142 |] "the second cycle at half the base"
            Expect.equal rows.[30] [| 1e-4 |] "lr_min after cycle_limit cycles"
        }
        test "without warmup_prefix the warmup ramps toward the tanh value at warmup_t" {
            let s = Timm.TanhLRScheduler(10, warmupT = 4)
            let rows = stepOnly s [ 1.0 ] 4
            Expect.equal rows.[0] [| 0.0 |] "warmup_lr_init"
            Expect.equal rows.[2] [| 0.0 + 2.0 * ((rows.[4].[0] - 0.0) / 4.0) |] "two quarters of the tanh value at 4"
        }
        refused "t_initial 0 is refused (edge-pub-err-timm-tanh-t-initial-0)" "t_initial" "0" (fun () ->
            box (Timm.TanhLRScheduler 0))
        refused "lb ≥ ub is refused" "lb" "3" (fun () -> box (Timm.TanhLRScheduler(10, lb = 3.0, ub = 3.0)))
        refused "a negative warmup_t is refused" "warmup_t" "-1" (fun () ->
            box (Timm.TanhLRScheduler(10, warmupT = -1)))
        roundTrips
            "round-trips through JSON"
            40
            [ 0.1 ]
            (Scheduler.config (
                Timm.TanhLRScheduler(10, lb = -6.0, ub = 4.0, cycleMul = 2.0, cycleLimit = 3, warmupT = 2)
            ))
        resumes "a checkpoint resumes it" (Timm.TanhLRScheduler(8, cycleLimit = 2)) [ 0.1 ] (List.replicate 20 ()) 9
        previews "its preview is its stepping" (Timm.TanhLRScheduler(8, warmupT = 2, warmupPrefix = true)) [ 0.1 ] 20
    ]
