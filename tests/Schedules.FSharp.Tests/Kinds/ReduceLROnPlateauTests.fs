/// ReduceLROnPlateau (Kinds/ReduceLROnPlateau.fs): PyTorch's recorded examples, the laws of eps, cooldown, warmup and
/// threshold modes, its refusals and its defaults (PyTorch's, and the seed's grace period).
module Schedules.Tests.ReduceLROnPlateauTests

open Expecto
open FsCheck.FSharp
open Schedules
open Schedules.Tests.Support
open Schedules.Testing

let private scheduler (c: ReduceLROnPlateauConfig) =
    Scheduler.createWatching (ReduceLROnPlateau c)

let private config = {
    FsCheckConfig.defaultConfig with
        maxTest = 300
}

let private lrsOf (c: ReduceLROnPlateauConfig) lrs metrics =
    Scheduler.run (scheduler c) (gv lrs) metrics |> lrRows

let examples =
    testList "PyTorch 1.13's recorded examples" [
        test "patience 2, cooldown 1, rel 0.1: reductions at epochs 4 and 10, best improving in cooldown" {
            let c = {
                ReduceLROnPlateauConfig.Default with
                    Factor = 0.5
                    Patience = 2
                    Threshold = 0.1
                    Cooldown = 1
                    Warmup = 0
            }

            let rows =
                lrsOf c [ 1.0 ] [ 10.0; 9.5; 9.1; 9.0; 8.95; 8.9; 8.0; 8.0; 8.0; 8.0 ]
                |> Array.map Array.head

            Expect.equal rows [| 1.0; 1.0; 1.0; 1.0; 0.5; 0.5; 0.5; 0.5; 0.5; 0.5; 0.25 |] "LR per epoch"
        }
        test "eps: an LR of 1e-8 never changes" {
            let c = {
                ReduceLROnPlateauConfig.Default with
                    Patience = 0
                    Factor = 0.5
                    Warmup = 0
            }

            Expect.equal (lrsOf c [ 1e-8 ] [ 1.0; 1.0; 1.0 ]) (Array.create 4 [| 1e-8 |]) "unchanged"
        }
        test "min_lr per group [0, 0.3]" {
            let c = {
                ReduceLROnPlateauConfig.Default with
                    Patience = 0
                    Factor = 0.5
                    MinLr = Each [ 0.0; 0.3 ]
                    Warmup = 0
            }

            let rows = lrsOf c [ 1.0; 1.0 ] [ 1.0; 1.0; 1.0 ] |> Array.map (fun r -> r.[1])
            Expect.equal rows [| 1.0; 1.0; 0.5; 0.3 |] "group 1"
        }
        test "max/abs 0.5, patience 1: 2.1 is not better than 1.6 + 0.5" {
            let c = {
                ReduceLROnPlateauConfig.Default with
                    Mode = Max
                    ThresholdMode = Abs
                    Threshold = 0.5
                    Patience = 1
                    Factor = 0.5
                    Warmup = 0
            }

            let rows = lrsOf c [ 1.0 ] [ 1.0; 1.4; 1.6; 1.6; 2.1 ] |> Array.map Array.head
            Expect.equal rows [| 1.0; 1.0; 1.0; 1.0; 1.0; 0.5 |] "one reduction at the 5th metric"
        }
        test "NaN is a bad epoch, also first: patience 0 gives 1.0, 0.1, 0.01" {
            let c = {
                ReduceLROnPlateauConfig.Default with
                    Patience = 0
                    Warmup = 0
            }

            let rows = lrsOf c [ 1.0 ] [ 1.0; nan; nan ] |> Array.map Array.head
            Expect.equal rows [| 1.0; 1.0; 0.1; 0.010000000000000002 |] "NaN reduces"
            let first = lrsOf { c with Factor = 0.5 } [ 1.0 ] [ nan ] |> Array.map Array.head
            Expect.equal first [| 1.0; 0.5 |] "a first NaN already reduces"
        }
        test "Patience across families: PyTorch (and timm) reduce when the bad epochs exceed patience (> p)" {
            let c = {
                ReduceLROnPlateauConfig.Default with
                    Patience = 2
                    Factor = 0.5
                    Threshold = 0.0
                    Warmup = 0
            }

            let rows = lrsOf c [ 1.0 ] [ 1.0; 1.0; 1.0; 1.0 ] |> Array.map Array.head
            Expect.equal rows [| 1.0; 1.0; 1.0; 1.0; 0.5 |] "the 3rd bad epoch (the 4th metric) reduces, not the 2nd"
        }
        test "the seed's grace period still runs the rule: with patience 0 a NaN in warmup reduces" {
            let c = {
                ReduceLROnPlateauConfig.Default with
                    Patience = 0
                    Warmup = 1
                    Factor = 0.5
            }

            let rows = lrsOf c [ 1.0 ] [ nan ] |> Array.map Array.head
            Expect.equal rows [| 1.0; 0.5 |] "reduced"
        }
        test "a reduction is reported as data" {
            let c = {
                ReduceLROnPlateauConfig.Default with
                    Patience = 0
                    Warmup = 0
                    Factor = 0.5
            }

            let trace = Scheduler.run (scheduler c) (gv [ 1.0; 0.1 ]) [ 1.0; 2.0 ]
            Expect.equal trace.Rows.[2].Events [ LrReduced(0, 1.0, 0.5); LrReduced(1, 0.1, 0.05) ] "events"
        }
    ]

/// The plateau laws of the testing kit (Schedules.Testing), over generated configurations, LRs and metrics.
let laws =
    testList "laws" [
        for law in Laws.plateauCases (Arbs.PlateauCase()) -> testPropertyWithConfig config law.Name law.Property
    ]

let private plateau = ReduceLROnPlateauConfig.Default

let checks =
    testList "refusals and defaults" [
        refused "ReduceLROnPlateau factor 1" "factor" "1" (fun () -> box (LRScheduler.ReduceLROnPlateau(factor = 1.0)))
        refused "ReduceLROnPlateau negative patience" "patience" "-1" (fun () ->
            box (LRScheduler.ReduceLROnPlateau(patience = -1)))
        refused "ReduceLROnPlateau negative min_lr" "minLr" "-0.5" (fun () ->
            box (LRScheduler.ReduceLROnPlateau(minLr = Each [ 0.0; -0.5 ])))
        refused "ReduceLROnPlateau NaN eps" "eps" "NaN" (fun () -> box (LRScheduler.ReduceLROnPlateau(eps = nan)))
        refused "ReduceLROnPlateau negative warmup" "warmup" "-2" (fun () ->
            box (LRScheduler.ReduceLROnPlateau(warmup = -2)))
        refused
            "a per-group setting of the wrong length, when the LRs come in"
            "minLr"
            "has 3 entries"
            (atInit (LRScheduler.ReduceLROnPlateau(minLr = Each [ 0.0; 0.0; 0.0 ])) [ 0.1; 0.1 ])
        test "the defaults are PyTorch's, and the seed's differ only in the grace period" {
            Expect.equal plateau.Warmup 0 "PyTorch's rule has no grace period"
            Expect.equal ReduceLROnPlateauConfig.CellDetectionDefault.Warmup 1 "the seed's grace period"

            let seedWithoutGrace = {
                ReduceLROnPlateauConfig.CellDetectionDefault with
                    Warmup = 0
            }

            Expect.equal (sprintf "%A" seedWithoutGrace) (sprintf "%A" plateau) "otherwise PyTorch's"

            Expect.equal plateau.Factor 0.1 "factor"
            Expect.equal plateau.Patience 10 "patience"
            Expect.equal plateau.Eps 1e-8 "eps"
        }
        test "the factory and JSON fill in PyTorch's defaults" {
            sameConfig (Scheduler.config (LRScheduler.ReduceLROnPlateau())) (ReduceLROnPlateau plateau)
            sameConfig (Config.ofJson """{"kind": "ReduceLROnPlateau"}""") (ReduceLROnPlateau plateau)
        }
        roundTrips
            "round-trips through JSON, modes by PyTorch's names"
            20
            [ 0.1; 0.2 ]
            (Scheduler.config (
                LRScheduler.ReduceLROnPlateau(
                    mode = Max,
                    thresholdMode = Abs,
                    patience = 1,
                    minLr = Each [ 0.0; 0.1 ],
                    warmup = 1
                )
            ))
    ]

let tests = testList "ReduceLROnPlateau" [ examples; laws; checks ]
