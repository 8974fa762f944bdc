/// Curves (Curves.fs): optax's join_schedules, each part on its own local time, and scaling.
module Schedules.Tests.CurvesTests

open Expecto
open Schedules
open Schedules.Tests.Support

/// LR = base × t, so a row shows the local time each part sees.
let private clock: Curve = {
    Name = "tests.clock"
    Args = []
    Lr = fun b t -> b * float t
}

let private lrs (c: Curve) (steps: int) =
    stepOnly (Scheduler.create (Curve c)) [ 1.0 ] steps |> Array.map Array.head

let private hf (w: int) =
    match Scheduler.config (HuggingFace.GetInverseSqrtSchedule w) with
    | Curve c -> c
    | other -> failwithf "not a curve: %s" (Config.kind other)

let tests =
    testList "Curves" [
        test "join hands each curve its own local time, as optax's join_schedules" {
            Expect.equal (lrs (Curves.join [ clock; clock ] [ 3 ]) 5) [| 0.0; 1.0; 2.0; 0.0; 1.0; 2.0 |] "restart at 3"

            Expect.equal
                (lrs (Curves.join [ clock; Curves.scale 2.0 clock; clock ] [ 2; 5 ]) 6)
                [| 0.0; 1.0; 0.0; 2.0; 4.0; 0.0; 1.0 |]
                "the second part from 2, the third from 5"
        }
        test "join of one curve is that curve" {
            Expect.equal (lrs (Curves.join [ clock ] []) 4) (lrs clock 4) "no boundary"
        }
        test "scale multiplies the curve's LRs" {
            Expect.equal (lrs (Curves.scale 0.5 clock) 3) [| 0.0; 0.5; 1.0; 1.5 |] "half"
        }
        test "a joined curve has a closed form: a preview at any step is the stepped value" {
            let s =
                Scheduler.create (Curve(Curves.join [ hf 2; Curves.scale 0.5 (hf 3) ] [ 4 ]))

            let stepped = stepOnly s [ 0.1 ] 12
            Expect.equal ((Preview.at s (gv [ 0.1 ]) 12).Lrs.ToArray()) stepped.[12] "step 12"
        }
        refused "join of no curves" "curves" "empty" (fun () -> box (Curves.join [] []))
        refused "join with a boundary too many" "boundaries" "[2; 4]" (fun () ->
            box (Curves.join [ clock; clock ] [ 2; 4 ]))
        refused "join with boundaries not strictly increasing" "boundaries" "[3; 3]" (fun () ->
            box (Curves.join [ clock; clock; clock ] [ 3; 3 ]))
        refused "join with a boundary 0" "boundaries" "[0]" (fun () -> box (Curves.join [ clock; clock ] [ 0 ]))
        refused "scale by a negative factor" "factor" "-1" (fun () -> box (Curves.scale -1.0 clock))
        refused "scale by NaN" "factor" "NaN" (fun () -> box (Curves.scale nan clock))
        roundTrips
            "a joined, scaled curve round-trips through JSON"
            20
            [ 0.1; 0.2 ]
            (Curve(Curves.join [ hf 3; Curves.scale 0.5 (hf 2) ] [ 4 ]))
    ]
