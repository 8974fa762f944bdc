/// ReduceLROnPlateau: PyTorch's recorded examples and the laws of eps, cooldown, warmup and threshold modes.
module Schedules.Tests.PlateauRuleTests

open Expecto
open FsCheck.FSharp
open Schedules
open Schedules.Tests.Support
open Schedules.Tests.Generators

let private scheduler (c: ReduceLROnPlateauConfig) =
    Scheduler.createWatching (ReduceLROnPlateau c)

/// Every (state before, observation, state after, output) of a run.
let private steps (case: PlateauCase) =
    let s = scheduler case.Config
    let state0, out0 = Scheduler.init s (gv case.Lrs)

    case.Metrics
    |> List.scan
        (fun (_, (state, lrs: GroupValues), _) m ->
            let next, out = Scheduler.step s state (Observation.withMetric lrs m)
            Some(state, lrs, m), (next, out.Lrs), Some out)
        (None, (state0, out0.Lrs), None)
    |> List.tail
    |> List.map (fun (before, (after, _), out) ->
        let state, lrs, m = before.Value

        let plateau s =
            match s with
            | Plateau p -> p
            | _ -> failwith "not a plateau state"

        plateau state, lrs, m, plateau after, out.Value)

let private reductions out =
    out.Events
    |> List.filter (function
        | LrReduced _ -> true
        | _ -> false)

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

let laws =
    testList "laws" [
        testPropertyWithConfig config "eps: an LR changes only by more than eps, never below min_lr, never up"
        <| Prop.forAll (arb plateauCase) (fun case ->
            steps case
            |> List.forall (fun (_, before: GroupValues, _, _, out) ->
                Seq.indexed before
                |> Seq.forall (fun (i, old) ->
                    let fresh = out.Lrs.[i]
                    let minLr = ForGroups.get i case.Config.MinLr

                    fresh = old || (old - fresh > case.Config.Eps && fresh >= minLr && fresh < old))
                && reductions out
                   |> List.forall (function
                       | LrReduced(_, old, fresh) -> old - fresh > case.Config.Eps
                       | _ -> false)))

        testPropertyWithConfig config "cooldown: no reduction and no bad epoch counted while cooling down"
        <| Prop.forAll (arb plateauCase) (fun case ->
            let rows = steps case

            let noReductionAfter =
                rows
                |> List.indexed
                |> List.forall (fun (t, (_, _, _, _, out)) ->
                    List.isEmpty (reductions out)
                    || rows
                       |> List.skip (t + 1)
                       |> List.truncate case.Config.Cooldown
                       |> List.forall (fun (_, _, _, _, o) -> List.isEmpty (reductions o)))

            let notCounted =
                rows
                |> List.forall (fun (before, _, _, after, _) -> before.CooldownLeft = 0 || after.BadEpochs = 0)

            noReductionAfter && notCounted)

        testPropertyWithConfig config "warmup: finite metrics cause no reduction and leave best unchanged"
        <| Prop.forAll (arb (Gen.zip plateauCase (Gen.listOf finiteMetric))) (fun (case, finite) ->
            let case = {
                case with
                    Metrics = finite |> List.truncate case.Config.Warmup
            }

            let initialBest = (Rules.PlateauRule.initial case.Config).Best

            steps case
            |> List.forall (fun (_, _, _, after, out) -> List.isEmpty (reductions out) && after.Best = initialBest))

        testPropertyWithConfig
            config
            "warmup: every grace observation, NaN and infinities included, resets the bad epochs"
        <| Prop.forAll (arb plateauCase) (fun case ->
            steps case
            |> List.forall (fun (before, _, _, after, _) -> before.WarmupLeft = 0 || after.BadEpochs = 0))

        testPropertyWithConfig config "warmup: the LRs after warmup do not depend on the finite metrics seen during it"
        <| Prop.forAll
            (arb (Gen.zip3 plateauCase (Gen.listOfLength 4 finiteMetric) (Gen.listOfLength 4 finiteMetric)))
            (fun (case, a, b) ->
                let w = case.Config.Warmup

                let run prefix =
                    lrsOf case.Config case.Lrs (List.truncate w prefix @ case.Metrics)

                run a = run b)

        testPropertyWithConfig config "threshold modes: improvement follows the rel and abs formulas"
        <| Prop.forAll (arb (Gen.zip3 (plateauConfig 1) finiteMetric finiteMetric)) (fun (c, best, a) ->
            let c = { c with Warmup = 0 }
            let s = scheduler c

            let state =
                Plateau {
                    (Rules.PlateauRule.initial c) with
                        Best = best
                        BadEpochs = 0
                }

            let next, _ = Scheduler.step s state (Observation.withMetric (gv [ 1.0 ]) a)

            let improved =
                match c.Mode, c.ThresholdMode with
                | Min, Rel -> a < best * (1.0 - c.Threshold)
                | Min, Abs -> a < best - c.Threshold
                | Max, Rel -> a > best * (c.Threshold + 1.0)
                | Max, Abs -> a > best + c.Threshold

            match next with
            | Plateau p -> (p.Best = a && improved) || (p.Best = best && not improved)
            | _ -> false)

        testPropertyWithConfig config "threshold modes: max on m equals min on -m under abs thresholds"
        <| Prop.forAll (arb plateauCase) (fun case ->
            let c = { case.Config with ThresholdMode = Abs }

            lrsOf { c with Mode = Max } case.Lrs case.Metrics = lrsOf
                { c with Mode = Min }
                case.Lrs
                (case.Metrics |> List.map (fun m -> -m)))

        testPropertyWithConfig config "threshold modes: in rel mode, scaling positive metrics by c > 0 changes nothing"
        <| Prop.forAll (arb (Gen.zip plateauCase (Gen.choose (-10, 10)))) (fun (case, k) ->
            // A power of two scales exactly, so the law holds in floating point too.
            let scale = 2.0 ** float k
            let c = { case.Config with ThresholdMode = Rel }

            let positive =
                case.Metrics |> List.map (fun m -> if m > 0.0 then m else abs m + 1.0)

            lrsOf c case.Lrs positive = lrsOf c case.Lrs (positive |> List.map ((*) scale)))
    ]

let tests = testList "PlateauRule" [ examples; laws ]
