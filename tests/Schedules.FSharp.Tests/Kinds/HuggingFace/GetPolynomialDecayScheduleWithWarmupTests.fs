/// Hugging Face's get_polynomial_decay_schedule_with_warmup (Kinds/HuggingFace/GetPolynomialDecayScheduleWithWarmup.fs):
/// the optimizer's default lr is the explicit argument optimizer_lr.
module Schedules.Tests.GetPolynomialDecayScheduleWithWarmupTests

open Expecto
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.HuggingFaceChecks

let tests =
    testList "GetPolynomialDecayScheduleWithWarmup" [
        test "the case edge-pub-hf-poly-past-end: from the base LR to lr_end at T, then lr_end" {
            let s =
                HuggingFace.GetPolynomialDecayScheduleWithWarmup(2, 12, 0.1, lrEnd = 0.001, power = 2.0)

            let rows = stepOnly s [ 0.1 ] 16
            Expect.equal rows.[0..2] [| [| 0.0 |]; [| 0.05 |]; [| 0.1 |] |] "the warm-up"
            Expect.equal rows.[3] [| 0.08119000000000001 |] "((0.1 − 0.001) × 0.9² + 0.001) / 0.1 × 0.1"
            Expect.equal rows.[12..16] (Array.replicate 5 [| 0.001 |]) "lr_end / L × base from T on"
        }
        test "a group whose base differs from optimizer_lr ends at base × lr_end / optimizer_lr (kept)" {
            let s = HuggingFace.GetPolynomialDecayScheduleWithWarmup(0, 4, 1.0, lrEnd = 0.1)
            let rows = stepOnly s [ 0.5 ] 6
            Expect.equal rows.[6] [| 0.5 * (0.1 / 1.0) |] "0.05, not lr_end"
        }
        refused "lr_end not below optimizer_lr is refused, as Hugging Face does" "lr_end" "0.2" (fun () ->
            box (HuggingFace.GetPolynomialDecayScheduleWithWarmup(0, 10, 0.1, lrEnd = 0.2)))
        refused
            "num_training_steps = num_warmup_steps is refused (a division by zero at T)"
            "num_training_steps"
            "5"
            (fun () -> box (HuggingFace.GetPolynomialDecayScheduleWithWarmup(5, 5, 0.1)))
        refused "optimizer_lr 0 is refused (Hugging Face divides by it)" "optimizer_lr" "0" (fun () ->
            box (HuggingFace.GetPolynomialDecayScheduleWithWarmup(0, 5, 0.0, lrEnd = -1.0)))
        refused "optimizer_lr is required in JSON" "optimizer_lr" "is required" (fun () ->
            box (
                Config.ofJson
                    """{"kind": "hf.get_polynomial_decay_schedule_with_warmup", "num_warmup_steps": 0, "num_training_steps": 5}"""
            ))
        yield!
            curveChecks
                (HuggingFace.GetPolynomialDecayScheduleWithWarmup(5, 30, 0.1, lrEnd = 1e-4, power = 2.0))
                [ 0.1; 0.05 ]
                40
    ]
