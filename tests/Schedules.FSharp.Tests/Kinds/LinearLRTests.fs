/// LinearLR (Kinds/LinearLR.fs): the factor moves linearly from startFactor to endFactor over totalIters epochs.
module Schedules.Tests.LinearLRTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

let tests =
    testList "LinearLR" [
        test "LinearLR's recursive rule ends at 0.10000000000000002, not 0.1" {
            let rows = stepOnly (LRScheduler.LinearLR(0.25, 1.0, 4)) [ 0.1 ] 5 |> first

            Expect.equal
                rows
                [|
                    0.025
                    0.043750000000000004
                    0.06250000000000001
                    0.08125000000000002
                    0.10000000000000002
                    0.10000000000000002
                |]
                "recursive"
        }
        refused "LinearLR start_factor 0" "startFactor" "0" (fun () -> box (LRScheduler.LinearLR(0.0, 1.0, 5)))
        refused "LinearLR end_factor above 1" "endFactor" "2" (fun () -> box (LRScheduler.LinearLR(0.5, 2.0, 5)))
        refused "LinearLR total_iters 0" "totalIters" "0" (fun () -> box (LRScheduler.LinearLR(0.5, 1.0, 0)))
        test "start 1/3, end 1 and total_iters 5 are PyTorch's defaults, in the factory and in JSON" {
            Expect.equal Kinds.LinearLR.DefaultStartFactor (1.0 / 3.0) "PyTorch's start_factor"
            Expect.equal Kinds.LinearLR.DefaultEndFactor 1.0 "PyTorch's end_factor"
            Expect.equal Kinds.LinearLR.DefaultTotalIters 5 "PyTorch's total_iters"
            sameConfig (Scheduler.config (LRScheduler.LinearLR())) (LinearLR(1.0 / 3.0, 1.0, 5))
            sameConfig (Config.ofJson """{"kind": "LinearLR"}""") (LinearLR(1.0 / 3.0, 1.0, 5))
        }
        roundTrips "round-trips through JSON" 10 [ 0.1; 0.2 ] (LinearLR(0.25, 1.0, 8))
    ]
