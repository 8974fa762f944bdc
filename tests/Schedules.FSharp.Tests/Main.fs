module Schedules.Tests.Main

open Expecto

let all =
    testList "Schedules.FSharp" [
        GroupValuesTests.tests
        ModesTests.tests
        ChecksTests.tests
        StepRulesTests.tests
        WarmRestartsRuleTests.tests
        CyclicRuleTests.tests
        OneCycleRuleTests.tests
        PlateauRuleTests.tests
        EngineTests.tests
        SchedulerTests.tests
        ConfigTests.tests
        CellDetectionTests.tests
        CheckpointTests.tests
        HostileInputTests.tests
        PreviewTests.tests
        HtmlTests.tests
        ConformanceTests.tests
        LawsTests.tests
        DocsTests.tests
        SchedulerPagesTests.tests
        PortingTests.tests
    ]

[<EntryPoint>]
let main argv = runTestsWithCLIArgs [] argv all
