module Schedules.TorchSharp.Tests.Main

open Expecto

let all =
    testList "Schedules.TorchSharp" [
        NativeTests.tests
        ParamGroupsTests.tests
        BoundSchedulerTests.tests
        MomentumBoundsTests.tests
        ResumeTests.tests
        HyperparameterTests.tests
        HyperparametersPageTests.tests
        DifferentialTests.tests
    ]

[<EntryPoint>]
let main argv = runTestsWithCLIArgs [] argv all
