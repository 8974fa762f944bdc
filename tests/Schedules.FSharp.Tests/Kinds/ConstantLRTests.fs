/// ConstantLR (Kinds/ConstantLR.fs): LR = base × factor until totalIters, then base.
module Schedules.Tests.ConstantLRTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

let tests =
    testList "ConstantLR" [
        test "ConstantLR multiplies by the reciprocal at total_iters" {
            let rows = stepOnly (LRScheduler.ConstantLR(0.5, 4)) [ 0.1 ] 5 |> first
            Expect.equal rows [| 0.05; 0.05; 0.05; 0.05; 0.1; 0.1 |] "factor 0.5"
            let third = stepOnly (LRScheduler.ConstantLR(1.0 / 3.0, 2)) [ 0.3 ] 2 |> first
            Expect.equal third [| 0.09999999999999999; 0.09999999999999999; 0.3 |] "default factor on 0.3"
        }
        refused "ConstantLR factor 0" "factor" "0" (fun () -> box (LRScheduler.ConstantLR(0.0, 3)))
        refused "ConstantLR factor above 1" "factor" "1.5" (fun () -> box (LRScheduler.ConstantLR(1.5, 3)))
        test "factor 1/3 and total_iters 5 are PyTorch's defaults, in the factory and in JSON" {
            Expect.equal Kinds.ConstantLR.DefaultFactor (1.0 / 3.0) "PyTorch's factor"
            Expect.equal Kinds.ConstantLR.DefaultTotalIters 5 "PyTorch's total_iters"
            sameConfig (Scheduler.config (LRScheduler.ConstantLR())) (ConstantLR(1.0 / 3.0, 5))
            sameConfig (Config.ofJson """{"kind": "ConstantLR"}""") (ConstantLR(1.0 / 3.0, 5))
        }
        roundTrips "round-trips through JSON" 10 [ 0.1; 0.2 ] (ConstantLR(0.5, 4))
    ]
