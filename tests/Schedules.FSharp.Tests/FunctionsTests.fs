/// Functions (Functions.fs): named functions for JSON configurations, built-in and registered.
module Schedules.Tests.FunctionsTests

open System
open Expecto
open Schedules
open Schedules.Tests.Support

let private lambdaJson (fn: string) =
    sprintf """{"kind": "LambdaLR", "lrLambda": %s}""" fn

let tests =
    testList "Functions" [
        test "the built-ins: gamma_pow, const, inv_sqrt, linear_warmup" {
            Expect.equal (Functions.gammaPow 0.5 3) 0.125 "0.5 ** 3"
            Expect.equal (Functions.constant 0.3 7) 0.3 "constant"
            Expect.equal (Functions.invSqrt 0.0 4) 0.5 "1 / sqrt(4 + 0)"
            Expect.equal (Functions.invSqrt 5.0 4) (1.0 / 3.0) "1 / sqrt(4 + 5)"

            Expect.equal
                [ for step in 0..5 -> Functions.linearWarmUp step 4 ]
                [ 0.0; 0.25; 0.5; 0.75; 1.0; 1.0 ]
                "min(step / steps, 1), 1 after"
        }
        test "a built-in is written by its name and arguments, and read back as the same function" {
            let json = Config.toJson (LambdaLR(All(Functions.invSqrt 2.0)))
            Expect.stringContains json "\"fn\": \"inv_sqrt\"" "its name"
            Expect.stringContains json "\"offset\": 2" "its argument"

            let run c =
                Scheduler.runSteps (Scheduler.create c) (gv [ 0.1 ]) 10 |> lrRows

            Expect.equal (run (Config.ofJson json)) (run (LambdaLR(All(Functions.invSqrt 2.0)))) "the same LRs"
        }
        test "register returns the function; a configuration holding it reads back as it" {
            let mine =
                Functions.register "tests.functions.warm" (fun (step: int) (steps: int) -> float step / float steps)

            Expect.equal (mine 1 4) 0.25 "the function itself"

            match Config.ofJson (Config.toJson (WarmUp(4, All mine))) with
            | WarmUp(4, All f) -> Expect.isTrue (obj.ReferenceEquals(f, mine)) "the registered function"
            | other -> failtestf "read back as %s" (Config.kind other)
        }
        test "registering a name again replaces the function" {
            Functions.register "tests.functions.again" (fun (_: int) -> 1.0) |> ignore
            let second = Functions.register "tests.functions.again" (fun (_: int) -> 2.0)

            match Config.ofJson (lambdaJson """{"fn": "tests.functions.again"}""") with
            | LambdaLR(All f) -> Expect.isTrue (obj.ReferenceEquals(f, second)) "the later one"
            | other -> failtestf "read back as %s" (Config.kind other)
        }
        refused "register refuses a built-in's name" "name" "gamma_pow" (fun () ->
            box (Functions.register "gamma_pow" (fun (_: int) -> 1.0)))
        refused "register refuses an empty name" "name" "a non-empty name" (fun () ->
            box (Functions.register "" (fun (_: int) -> 1.0)))
        refused "register refuses a null function" "f" "null" (fun () ->
            box (Functions.register "tests.functions.null" (Unchecked.defaultof<int -> float>)))
        refused
            "a name neither built in nor registered is refused, naming the parameter"
            "lrLambda"
            "tests.nowhere"
            (fun () -> box (Config.ofJson (lambdaJson """{"fn": "tests.nowhere"}""")))
        test "a registered function of the wrong shape is refused, naming the parameter" {
            Functions.register "tests.functions.oneArg" (fun (_: int) -> 1.0) |> ignore

            let e =
                Expect.throwsC
                    (fun () ->
                        Config.ofJson
                            """{"kind": "WarmUp", "steps": 3, "lrLambda": {"fn": "tests.functions.oneArg"}}"""
                        |> ignore)
                    id

            Expect.equal (e :?> ArgumentException).ParamName "lrLambda" "names the parameter"
            Expect.stringContains e.Message "tests.functions.oneArg" "shows the name"
            Expect.stringContains e.Message ", not a " "says the shapes differ"
        }
        refused
            "a built-in's missing argument is refused, naming it"
            "lrLambda.gamma"
            "is required by the function"
            (fun () -> box (Config.ofJson (lambdaJson """{"fn": "gamma_pow"}""")))
    ]
