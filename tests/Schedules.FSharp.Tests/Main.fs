module Schedules.Tests.Main

open Expecto

let all =
    testList "Schedules.FSharp" [
        GroupValuesTests.tests
        ModesTests.tests
        StateTests.tests
        FunctionsTests.tests
        ThreadingTests.tests
        LambdaLRTests.tests
        MultiplicativeLRTests.tests
        StepLRTests.tests
        MultiStepLRTests.tests
        ConstantLRTests.tests
        LinearLRTests.tests
        ExponentialLRTests.tests
        PolynomialLRTests.tests
        CosineAnnealingLRTests.tests
        CosineAnnealingWarmRestartsTests.tests
        CyclicLRTests.tests
        OneCycleLRTests.tests
        WarmUpTests.tests
        ReduceLROnPlateauTests.tests
        SequentialLRTests.tests
        ChainedSchedulerTests.tests
        CurveTests.tests
        GetInverseSqrtScheduleTests.tests
        CosineLRSchedulerTests.tests
        TanhLRSchedulerTests.tests
        PolyLRSchedulerTests.tests
        StepLRSchedulerTests.tests
        MultiStepLRSchedulerTests.tests
        PlateauLRSchedulerTests.tests
        TorchGeneratorTests.tests
        CurvesTests.tests
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
