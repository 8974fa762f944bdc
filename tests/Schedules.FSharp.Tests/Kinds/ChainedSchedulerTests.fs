/// ChainedScheduler (Kinds/ChainedScheduler.fs): every child acts in order on the LRs the previous one left.
/// How it threads LRs, momentum and metrics: ThreadingTests.
module Schedules.Tests.ChainedSchedulerTests

open Expecto
open Schedules
open Schedules.Tests.Support

/// Values PyTorch printed with six digits.
let private close (actual: float[]) (expected: float[]) message =
    Expect.equal actual.Length expected.Length message

    Array.iter2 (fun a e -> Expect.floatClose { absolute = 1e-6; relative = 0.0 } a e message) actual expected

let tests =
    testList "ChainedScheduler" [
        test "ChainedScheduler composes ConstantLR and ExponentialLR" {
            let s =
                LRScheduler.ChainedScheduler [ LRScheduler.ConstantLR(0.1, 2); LRScheduler.ExponentialLR 0.9 ]

            close (stepOnly s [ 1.0 ] 5 |> Array.map Array.head) [| 0.1; 0.09; 0.81; 0.729; 0.6561; 0.59049 |] "product"
        }
        refused "ChainedScheduler of nothing" "schedulers" "empty" (fun () ->
            box (LRScheduler.ChainedScheduler([]: Scheduler<unit> list)))
        roundTrips
            "round-trips through JSON, children nested, a plateau child too"
            20
            [ 0.1; 0.2 ]
            (ChainedScheduler [
                StepLR(3, 0.5)
                Scheduler.config (LRScheduler.ReduceLROnPlateau(patience = 1))
                Scheduler.config (HuggingFace.GetInverseSqrtSchedule(0, timescale = 5))
            ])
    ]
