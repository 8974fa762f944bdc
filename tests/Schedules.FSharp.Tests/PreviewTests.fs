/// Preview (closed form and folding) and simulation.
module Schedules.Tests.PreviewTests

open System
open Expecto
open FsCheck.FSharp
open Schedules
open Schedules.Testing
open Schedules.Tests.Support

let private config = {
    FsCheckConfig.defaultConfig with
        maxTest = 200
}

/// PyTorch's closed and recursive forms drift apart by a few ulps per step (97 of 101 ExponentialLR epochs differ
/// in the last bits; CosineAnnealingLR by up to 4.4e-16 on a base of 0.1): bound the drift relative to the largest
/// base LR, growing with the step.
let private withinDrift (baseLr: float) (step: int) (a: float) (b: float) =
    abs (a - b)
    <= 16.0 * Double.Epsilon + 8.0 * 2.220446049250313e-16 * float (step + 1) * baseLr

let tests =
    testList "Preview" [
        testPropertyWithConfig config "closed forms agree with stepping to the drift PyTorch itself shows"
        <| Prop.forAll (Arb.fromGen (Gen.zip Gens.stepConfig Gens.lrs)) (fun (c, lrs) ->
            let s = Scheduler.create c.Config
            let n = 150
            let stepped = Scheduler.runSteps s (gv lrs) n
            let previewed = Preview.range s (gv lrs) 0 n
            let top = List.max lrs

            Seq.forall2
                (fun (row: Output) (sample: Sample) ->
                    Seq.forall2 (withinDrift top sample.Step) row.Lrs sample.Output.Lrs
                    && (row.Momentum, sample.Output.Momentum)
                       |> function
                           | Some a, Some b -> Seq.forall2 (withinDrift 1.0 sample.Step) a b
                           | None, None -> true
                           | _ -> false)
                stepped.Rows
                previewed)

        testPropertyWithConfig config "simulation against recorded metrics equals stepping one by one"
        <| Prop.forAll (Arb.fromGen (Gen.zip Gens.plateauCase (Gen.choose (1, 8)))) (fun (case, w) ->
            let s =
                LRScheduler.SequentialLR(
                    [
                        LRScheduler.WarmUp w |> Scheduler.withMetric
                        Scheduler.createWatching (ReduceLROnPlateau case.Config)
                    ],
                    [ w ]
                )

            let simulated = Scheduler.run s (gv case.Lrs) case.Metrics
            let mutable struct (state, out) = Scheduler.init s (gv case.Lrs)
            let rows = ResizeArray [ out ]

            for m in case.Metrics do
                let struct (next, o) = Scheduler.step s state (Observation.create out.Lrs m)
                state <- next
                out <- o
                rows.Add o

            Seq.forall2 (fun (a: Output) (b: Output) -> a.Lrs = b.Lrs && a.Events = b.Events) simulated.Rows rows)

        testPropertyWithConfig config "a series holds exactly the sampled LRs, column by column"
        <| Prop.forAll (Arb.fromGen (Gen.zip3 Gens.stepConfig Gens.lrs (Gen.choose (0, 40)))) (fun (c, lrs, first) ->
            let s = Scheduler.create c.Config
            let samples = Preview.range s (gv lrs) first (first + 60)
            let series = Preview.series s (gv lrs) first (first + 60)

            series.First = first
            && Seq.forall2
                (fun (sample: Sample) i ->
                    Seq.indexed sample.Output.Lrs
                    |> Seq.forall (fun (g, v) ->
                        BitConverter.DoubleToInt64Bits series.Lrs.[g].[i] = BitConverter.DoubleToInt64Bits v))
                samples
                (seq { 0..60 }))

        test "a long series is filled segment by segment and chunk by chunk, with the sampled LRs bit for bit" {
            // Milestones on and around the 8192-step chunks the series is filled in, a range that starts inside
            // a segment, and the families' warmup-cosine shapes.
            let schedulers = [
                LRScheduler.SequentialLR(
                    [
                        LRScheduler.WarmUp 100
                        LRScheduler.CosineAnnealingLR 5000
                        LRScheduler.StepLR(700, 0.5)
                        LRScheduler.CosineAnnealingLR 9000
                    ],
                    [ 101; 8192; 8193 ]
                )
                HuggingFace.GetCosineScheduleWithWarmup(100, 20_000)
                Optax.WarmupCosineDecaySchedule(0.0, 0.1, 100, 20_000)
                Timm.CosineLRScheduler(20_000, warmupT = 100, lrScale = Each [ 1.0; 0.5 ])
            ]

            for s in schedulers do
                for first in [ 0; 57 ] do
                    let series = Preview.series s (gv [ 0.1; 0.02 ]) first 20_000
                    let samples = Preview.range s (gv [ 0.1; 0.02 ]) first 20_000

                    for i in 0 .. samples.Length - 1 do
                        for g in 0..1 do
                            let expected = samples.[i].Output.Lrs.[g]

                            if
                                BitConverter.DoubleToInt64Bits series.Lrs.[g].[i]
                                <> BitConverter.DoubleToInt64Bits expected
                            then
                                failtestf
                                    "%s, group %d, step %d: %g, not %g"
                                    (Config.kind (Scheduler.config s))
                                    g
                                    (first + i)
                                    series.Lrs.[g].[i]
                                    expected
        }
        test "a series refuses a negative LR past its first chunk, naming the step" {
            let s =
                Scheduler.create (
                    Curve {
                        Name = "tests.dip"
                        Args = []
                        Lr = fun b t -> if t = 10_000 then -b else b
                    }
                )

            Expect.throwsC (fun () -> Preview.series s (gv [ 0.1 ]) 0 20_000 |> ignore) (fun e ->
                Expect.isTrue (e :? InvalidOperationException) "refused"
                Expect.stringContains e.Message "at step 10000" "the step")
        }
        test "random access: the LR at step 10^9 costs what the LR at step 10 costs" {
            let s = LRScheduler.CosineAnnealingWarmRestarts(10, 1, 1e-4)
            Expect.isTrue (Preview.hasClosedForm s) "SGDR has a closed form"
            let at10 = Preview.at s (gv [ 0.1 ]) 10
            let atBillion = Preview.at s (gv [ 0.1 ]) 1_000_000_000
            Expect.equal atBillion.Lrs at10.Lrs "10^9 is a restart, as 10 is"
            let grown = LRScheduler.CosineAnnealingWarmRestarts(1, 3)
            let lr = (Preview.at grown (gv [ 1.0 ]) 121).Lrs.[0]
            Expect.equal lr 1.0 "step 121 of T_0 1, T_mult 3 is a restart (PyTorch's step(121) rounds it away)"
        }
        test "a milestone shows as an event in a preview" {
            let s =
                LRScheduler.SequentialLR([ LRScheduler.WarmUp 5; LRScheduler.CosineAnnealingLR 10 ], [ 6 ])

            let samples = Preview.sample s (gv [ 0.1 ]) [ 5; 6; 7 ]
            Expect.equal [ for x in samples -> x.Output.Events ] [ []; [ SchedulerSwitched 1 ]; [] ] "switch at 6"
        }
        test "without a closed form the preview folds, and equals a run" {
            let s =
                LRScheduler.ChainedScheduler [ LRScheduler.StepLR(3, 0.5); LRScheduler.MultiplicativeLR(fun _ -> 0.9) ]

            Expect.isFalse (Preview.hasClosedForm s) "no closed form"
            let run = Scheduler.runSteps s (gv [ 1.0 ]) 20 |> lrRows

            let previewed =
                Preview.sample s (gv [ 1.0 ]) [ 20; 3; 0 ]
                |> Seq.map (fun x -> x.Output.Lrs.ToArray())

            Expect.equal (List.ofSeq previewed) [ run.[20]; run.[3]; run.[0] ] "the same rows"
        }
        test "OneCycleLR cannot be previewed past its total steps" {
            let s = LRScheduler.OneCycleLR(All 1.0, totalSteps = 10)
            Expect.throwsT<InvalidOperationException> (fun () -> Preview.at s (gv [ 0.1 ]) 11 |> ignore) "refused"
        }
    ]
