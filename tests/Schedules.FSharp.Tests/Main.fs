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
        GetConstantScheduleTests.tests
        GetConstantScheduleWithWarmupTests.tests
        GetLinearScheduleWithWarmupTests.tests
        GetCosineScheduleWithWarmupTests.tests
        GetCosineWithHardRestartsScheduleWithWarmupTests.tests
        GetPolynomialDecayScheduleWithWarmupTests.tests
        GetCosineWithMinLrScheduleWithWarmupTests.tests
        GetCosineWithMinLrScheduleWithWarmupLrRateTests.tests
        GetWsdScheduleTests.tests
        GetReduceOnPlateauScheduleTests.tests
        GreedyLRTests.tests
        GetSchedulerTests.tests
        KerasExponentialDecayTests.tests
        KerasPiecewiseConstantDecayTests.tests
        KerasPolynomialDecayTests.tests
        KerasInverseTimeDecayTests.tests
        KerasCosineDecayTests.tests
        KerasCosineDecayRestartsTests.tests
        KerasReduceLROnPlateauTests.tests
        ConstantScheduleTests.tests
        PolynomialScheduleTests.tests
        LinearScheduleTests.tests
        WarmupConstantScheduleTests.tests
        PiecewiseConstantScheduleTests.tests
        ExponentialDecayTests.tests
        CosineDecayScheduleTests.tests
        PiecewiseInterpolateScheduleTests.tests
        JoinSchedulesTests.tests
        WarmupCosineDecayScheduleTests.tests
        WarmupExponentialDecayScheduleTests.tests
        SgdrScheduleTests.tests
        LinearOnecycleScheduleTests.tests
        CosineOnecycleScheduleTests.tests
        OptaxReduceOnPlateauTests.tests
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
