/// PolynomialLR (Kinds/PolynomialLR.fs): LR = base × (1 − epoch/totalIters)^power, 0 from totalIters on.
module Schedules.Tests.PolynomialLRTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

let tests =
    testList "PolynomialLR" [
        test "PolynomialLR reaches exactly 0 at total_iters" {
            let rows = stepOnly (LRScheduler.PolynomialLR(4, 2.0)) [ 0.1 ] 5 |> first
            Expect.equal rows [| 0.1; 0.05625; 0.024999999999999998; 0.0062499999999999995; 0.0; 0.0 |] "power 2"
        }
        refused "PolynomialLR negative power" "power" "-1" (fun () -> box (LRScheduler.PolynomialLR(5, -1.0)))
        refused "PolynomialLR total_iters 0" "totalIters" "0" (fun () -> box (LRScheduler.PolynomialLR(0, 1.0)))
        test "total_iters 5 and power 1 are PyTorch's defaults, in the factory and in JSON" {
            Expect.equal Kinds.PolynomialLR.DefaultTotalIters 5 "PyTorch's total_iters"
            Expect.equal Kinds.PolynomialLR.DefaultPower 1.0 "PyTorch's power"
            sameConfig (Scheduler.config (LRScheduler.PolynomialLR())) (PolynomialLR(5, 1.0))
            sameConfig (Config.ofJson """{"kind": "PolynomialLR"}""") (PolynomialLR(5, 1.0))
        }
        roundTrips "round-trips through JSON" 12 [ 0.1; 0.2 ] (PolynomialLR(10, 2.0))
    ]
