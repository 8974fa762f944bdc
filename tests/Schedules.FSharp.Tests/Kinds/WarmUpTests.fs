/// WarmUp (Kinds/WarmUp.fs): celldetection's warm-up, LR = base × lrLambda(step, steps), then the LRs pass through.
module Schedules.Tests.WarmUpTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

let tests =
    testList "WarmUp" [
        test "the seed's WarmUp starts at 0 and passes LRs through after its steps" {
            let rows = stepOnly (LRScheduler.WarmUp 4) [ 0.1 ] 6 |> first
            Expect.equal rows [| 0.0; 0.025; 0.05; 0.07500000000000001; 0.1; 0.1; 0.1 |] "linear factor"
        }
        test "the seed's WarmUp chained after StepLR overwrites it during warm-up" {
            let s =
                LRScheduler.ChainedScheduler [ LRScheduler.StepLR(2, 0.5); LRScheduler.WarmUp 3 ]

            let rows = stepOnly s [ 1.0 ] 6 |> first
            Expect.equal rows [| 0.0; 1.0 / 3.0; 2.0 / 3.0; 1.0; 0.5; 0.5; 0.25 |] "then StepLR acts on the LR"
        }
        refused "WarmUp steps 0" "steps" "0" (fun () -> box (LRScheduler.WarmUp 0))
        test "the seed's linear factor is the default, in the factory and in JSON" {
            match Kinds.WarmUp.DefaultLrLambda with
            | All f -> Expect.isTrue (obj.ReferenceEquals(f, Functions.linearWarmUp)) "Functions.linearWarmUp"
            | Each _ -> failtest "one factor for all groups"

            let expected = WarmUp(4, All Functions.linearWarmUp)
            sameConfig (Scheduler.config (LRScheduler.WarmUp 4)) expected
            sameConfig (Config.ofJson """{"kind": "WarmUp", "steps": 4}""") expected
        }
        roundTrips "round-trips through JSON" 10 [ 0.1; 0.2 ] (WarmUp(5, All Functions.linearWarmUp))
    ]
