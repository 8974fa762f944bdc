/// ExponentialLR (Kinds/ExponentialLR.fs): LR ← LR × gamma every epoch.
module Schedules.Tests.ExponentialLRTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private first (rows: float[][]) = rows |> Array.map Array.head

let tests =
    testList "ExponentialLR" [
        test "ExponentialLR is recursive: 2.656139888758755e-06 at epoch 100" {
            let rows = stepOnly (LRScheduler.ExponentialLR 0.9) [ 0.1 ] 100 |> first
            Expect.equal rows.[100] 2.656139888758755e-06 "not the closed form's 2.6561398887587545e-06"
        }
        refused "ExponentialLR NaN gamma" "gamma" "NaN" (fun () -> box (LRScheduler.ExponentialLR nan))
        refused "ExponentialLR without gamma in JSON (PyTorch has no default)" "gamma" "is required" (fun () ->
            box (Config.ofJson """{"kind": "ExponentialLR"}"""))
        roundTrips "round-trips through JSON" 20 [ 0.1; 0.2 ] (ExponentialLR 0.9)
    ]
