/// The Curve kind (Kinds/Curve.fs): a named function of the base LR and the step, stepped like LambdaLR.
module Schedules.Tests.CurveTests

open Expecto
open Schedules
open Schedules.Tests.Support

/// LR = base × 0.5^t: a curve the tests name themselves.
let private halving: Curve = {
    Name = "tests.halving"
    Args = []
    Lr = fun b t -> b * 0.5 ** float t
}

let tests =
    testList "Curve" [
        test "a curve's LRs are its function of each group's base LR and the step" {
            let rows = stepOnly (Scheduler.create (Curve halving)) [ 1.0; 0.5 ] 3
            Expect.equal rows [| [| 1.0; 0.5 |]; [| 0.5; 0.25 |]; [| 0.25; 0.125 |]; [| 0.125; 0.0625 |] |] "b × 0.5^t"
        }
        test "a curve is absolute, like LambdaLR: in a chain it ignores the LRs in use" {
            let s =
                LRScheduler.ChainedScheduler [ LRScheduler.ExponentialLR 0.1; Scheduler.create (Curve halving) ]

            Expect.equal (stepOnly s [ 1.0 ] 3) (stepOnly (Scheduler.create (Curve halving)) [ 1.0 ] 3) "the curve's"
        }
        test "a curve has a closed form: a preview at any step is the stepped value" {
            let s = Scheduler.create (Curve halving)
            Expect.isTrue (Preview.hasClosedForm s) "random access"
            let stepped = stepOnly s [ 0.3 ] 9
            Expect.equal ((Preview.at s (gv [ 0.3 ]) 9).Lrs.ToArray()) stepped.[9] "step 9"
        }
        test "after a SequentialLR milestone a curve starts on its own clock" {
            let s =
                LRScheduler.SequentialLR([ LRScheduler.ConstantLR(0.1, 10); Scheduler.create (Curve halving) ], [ 3 ])

            let rows = stepOnly s [ 1.0 ] 5 |> Array.map Array.head
            Expect.equal rows.[3..] [| 1.0; 0.5; 0.25 |] "t - 3"
        }
        refused "a curve without a name" "curve.Name" "a non-empty name" (fun () ->
            box (Scheduler.create (Curve { halving with Name = " " })))
        test "a curve the library does not know is written as JSON, and refused by name when read" {
            let json = Config.toJson (Curve halving)
            Expect.stringContains json "\"kind\": \"tests.halving\"" "written by its name"
            let e = Expect.throwsC (fun () -> Config.ofJson json |> ignore) id
            Expect.equal (e :?> System.ArgumentException).ParamName "kind" "names the field"
            Expect.stringContains e.Message "tests.halving" "shows the name"
        }
        roundTrips
            "a curve the library knows round-trips through JSON"
            20
            [ 0.1; 0.2 ]
            (Scheduler.config (HuggingFace.GetInverseSqrtSchedule(3, timescale = 7)))
    ]
