/// Configurations as data: kinds, and JSON configurations that round-trip and are refused like the constructors.
module Schedules.Tests.ConfigTests

open System
open Expecto
open FsCheck.FSharp
open Schedules
open Schedules.Testing

let private config = {
    FsCheckConfig.defaultConfig with
        maxTest = 200
}

let private curveOf (s: Scheduler<unit>) =
    match Scheduler.config s with
    | Curve c -> c
    | other -> failwithf "not a curve: %s" (Config.kind other)

/// A configuration equal to another: the same JSON (numbers bit for bit, functions by name).
let private sameJson (a: Config) (b: Config) = Config.toJson a = Config.toJson b

let tests =
    testList "Config" [
        testPropertyWithConfig config "every generated configuration round-trips through JSON and steps the same"
        <| Prop.forAll (Arb.fromGen (Gen.zip Gens.stepConfig Gens.lrs)) (fun (c: NamedConfig, lrs) ->
            let json = Config.toJson c.Config
            let back = Config.ofJson json

            let run config =
                Scheduler.runSteps (Scheduler.create config) (GroupValues.ofList lrs) 25

            Expect.equal (Config.toJson back) json "the JSON of the configuration read back"
            Expect.sequenceEqual (run back).Rows (run c.Config).Rows "the same LRs at every step")

        test "every kind round-trips, modes by PyTorch's names, composites nested" {
            let kinds = [
                LambdaLR(All(Functions.gammaPow 0.9))
                MultiplicativeLR(Each [ Functions.constant 0.9; Functions.invSqrt 1.0 ])
                StepLR(3, 0.5)
                MultiStepLR([ 2; 2; 5 ], 0.1)
                ConstantLR(0.5, 4)
                LinearLR(0.25, 1.0, 8)
                ExponentialLR 0.9
                PolynomialLR(10, 2.0)
                CosineAnnealingLR(10, 0.001)
                CosineAnnealingWarmRestarts(3, 2, 0.0)
                Scheduler.config (LRScheduler.CyclicLR(All 0.01, Each [ 0.1; 0.2 ], mode = ExpRange, gamma = 0.99))
                Scheduler.config (LRScheduler.OneCycleLR(All 0.5, totalSteps = 40, annealStrategy = Linear))
                WarmUp(5, All Functions.linearWarmUp)
                Scheduler.config (
                    LRScheduler.ReduceLROnPlateau(mode = Max, thresholdMode = Abs, minLr = Each [ 0.0; 0.1 ])
                )
                SequentialLR(
                    [
                        WarmUp(2, All Functions.linearWarmUp)
                        ChainedScheduler([ StepLR(2, 0.5); ExponentialLR 0.9 ])
                    ],
                    [ 2 ]
                )
                Scheduler.config (HuggingFace.GetInverseSqrtSchedule(5, timescale = 10))
                Curve(
                    Curves.join [
                        curveOf (HuggingFace.GetInverseSqrtSchedule 3)
                        Curves.scale 0.5 (curveOf (HuggingFace.GetInverseSqrtSchedule 2))
                    ] [ 4 ]
                )
            ]

            for c in kinds do
                Expect.isTrue (sameJson (Config.ofJson (Config.toJson c)) c) (Config.toJson c)

            let plateau = Config.toJson kinds.[13]
            Expect.stringContains plateau "\"mode\": \"max\"" "modes by PyTorch's names"
            Expect.stringContains plateau "\"thresholdMode\": \"abs\"" "modes by PyTorch's names"
        }

        test "arguments left out take the defaults; a hand-written configuration reads" {
            let c = Config.ofJson """{"kind": "StepLR", "stepSize": 30}"""
            Expect.isTrue (sameJson c (StepLR(30, 0.1))) "gamma defaults to PyTorch's 0.1"

            let l =
                Config.ofJson """{"kind": "LambdaLR", "lrLambda": {"fn": "gamma_pow", "gamma": 0.95}}"""

            let run config =
                Scheduler.runSteps (Scheduler.create config) (GroupValues.ofList [ 0.1 ]) 3

            Expect.sequenceEqual
                (run l).Rows
                (run (LambdaLR(All(fun e -> 0.95 ** float e)))).Rows
                "gamma_pow is 0.95 ** e"
        }

        test "invalid JSON configurations get the constructors' errors, naming the field" {
            let refused (json: string) (param: string) (text: string) =
                let e = Expect.throwsC (fun () -> Config.ofJson json |> ignore) id
                Expect.isTrue (e :? ArgumentException) (sprintf "an ArgumentException for %s" json)
                Expect.equal (e :?> ArgumentException).ParamName param json
                Expect.stringContains e.Message text json

            refused """{"kind": "StepLR", "stepSize": 0}""" "stepSize" "a positive integer"
            refused """{"kind": "StepLR"}""" "stepSize" "is required"
            refused """{"kind": "StepLR", "stepSize": 2.5}""" "stepSize" "must be an integer"
            refused """{"kind": "StepLR", "stepSize": 3, "gama": 0.5}""" "gama" "is not an argument of StepLR"
            refused """{"kind": "StepLr", "stepSize": 3}""" "kind" "not a scheduler this library knows"
            refused """{"kind": "ReduceLROnPlateau", "mode": "minimum"}""" "mode" "one of 'min' or 'max'"
            refused """{"kind": "LambdaLR", "lrLambda": {"fn": "mine"}}""" "lrLambda" "neither a built-in"

            refused
                """{"kind": "SequentialLR", "milestones": [3], "schedulers": [{"kind": "StepLR", "stepSize": -1}, {"kind": "ExponentialLR", "gamma": 0.9}]}"""
                "stepSize"
                "a positive integer"

            Expect.throwsT<FormatException> (fun () -> Config.ofJson "{" |> ignore) "not JSON"
        }

        test "a function without a name cannot be written as JSON; a registered one can" {
            let e =
                Expect.throwsC (fun () -> Config.toJson (LambdaLR(All(fun e -> 0.9 ** float e))) |> ignore) id

            Expect.equal (e :?> ArgumentException).ParamName "lrLambda" "names the parameter"
            let mine = Functions.register "tests.halving" (fun (e: int) -> 0.5 ** float e)
            let json = Config.toJson (LambdaLR(All mine))
            Expect.stringContains json "\"fn\": \"tests.halving\"" "by its registered name"

            match Config.ofJson json with
            | LambdaLR(All f) -> Expect.isTrue (obj.ReferenceEquals(f, mine)) "read back as the registered function"
            | other -> failtestf "read back as %A" other
        }

        test "kind names the class users write" {
            Expect.equal (Config.kind (StepLR(1, 0.1))) "StepLR" "StepLR"

            Expect.equal
                (Config.kind (Scheduler.config (HuggingFace.GetInverseSqrtSchedule 4)))
                "hf.get_inverse_sqrt_schedule"
                "a curve"

            Expect.isTrue
                (Config.watchesMetric (
                    ChainedScheduler [ StepLR(1, 0.1); Scheduler.config (LRScheduler.ReduceLROnPlateau()) ]
                ))
                "a composite holding a plateau"
        }
    ]
