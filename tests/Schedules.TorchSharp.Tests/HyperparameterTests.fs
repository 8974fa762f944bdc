/// Schedulers driving other hyperparameters than the LR on real optimizers: each field written per group, refusals
/// before anything is written, and two schedules on one optimizer resumed bit for bit through its own state dict.
module Schedules.TorchSharp.Tests.HyperparameterTests

open System
open Expecto
open TorchSharp
open Schedules
open Schedules.TorchSharp
open Schedules.TorchSharp.Tests.Support

/// Two param groups with fixed starting values, and AdamW over them with a weight decay per group.
let private model () =
    let ps = [
        torch.nn.Parameter(torch.tensor ([| 1.0f; -2.0f; 0.5f |]))
        torch.nn.Parameter(torch.tensor ([| 3.0f; 0.25f |]))
    ]

    let groups = [
        Modules.AdamW.ParamGroup([ ps.[0] ], lr = 0.01, weight_decay = 0.04)
        Modules.AdamW.ParamGroup([ ps.[1] ], lr = 0.002, weight_decay = 0.04)
    ]

    ps, torch.optim.AdamW(groups, 0.01) :> torch.optim.Optimizer

/// One optimizer step on a quadratic loss with real gradients, then one call of each bound scheduler; returns what
/// the optimizer and the parameters hold afterwards.
let private trainStep (ps: Modules.Parameter list) (o: torch.optim.Optimizer) (bound: BoundScheduler<unit> list) =
    o.zero_grad ()

    let loss =
        ps
        |> List.map (fun p ->
            let d: torch.Tensor = p - 1.5f
            (d * d).sum ())
        |> List.reduce (+)

    loss.backward ()
    o.step () |> ignore

    for b in bound do
        b.Step() |> ignore

    lrsOf o, weightDecaysOf o, ps |> List.map (fun p -> p.data<float32>().ToArray())

/// DINO-style: the LR warms up linearly, then follows a cosine; the weight decay rises along a cosine to 0.4.
let private lrSchedule =
    LRScheduler.SequentialLR([ LRScheduler.LinearLR(0.1, 1.0, 3); LRScheduler.CosineAnnealingLR(7, 1e-5) ], [ 3 ])

let private wdSchedule = LRScheduler.CosineAnnealingLR(10, 0.4)

let tests =
    testList "Hyperparameter" [
        test "weight decay is written per group on SGD and AdamW, leaving LR, momentum and betas alone" {
            for o in [ sgdDecay [ 0.1, 0.02; 0.2, 0.4 ] 0.9; adamw [ 0.1, 0.02; 0.2, 0.4 ] ] do
                let before = momentaOf o

                let bound =
                    Shell.bind (LRScheduler.StepLR(1, 0.5), o, field = Hyperparameter.WeightDecay)

                Expect.equal (weightDecaysOf o) [| 0.02; 0.4 |] "epoch 0: the bases"
                let report = bound.Step()
                Expect.equal (weightDecaysOf o) [| 0.01; 0.2 |] "halved, per group"
                Expect.equal (Array.ofSeq report.Lrs) [| 0.01; 0.2 |] "the report shows the field's values"
                Expect.equal (Array.ofSeq bound.Lrs) [| 0.01; 0.2 |] "and so does the shell"
                Expect.equal bound.Field Hyperparameter.WeightDecay "the shell names its field"
                Expect.equal (lrsOf o) [| 0.1; 0.2 |] "LRs untouched"
                Expect.equal (momentaOf o) before "momentum (beta1) untouched"
        }
        test "SGD's step uses the weight decay written" {
            let p = torch.nn.Parameter(torch.ones (2L))
            let o = torch.optim.SGD([ p ], 1.0, weight_decay = 0.5)

            let bound =
                Shell.bind (LRScheduler.StepLR(1, 0.5), o, field = Hyperparameter.WeightDecay)

            bound.Step() |> ignore
            o.zero_grad ()
            (p * 0.0f).sum().backward ()
            o.step () |> ignore
            // SGD: p ← p − lr·(grad + weight_decay·p) = 1 − 1·(0 + 0.25·1).
            Expect.equal (p.data<float32>().ToArray()) [| 0.75f; 0.75f |] "the scheduled 0.25, not the built 0.5"
        }
        test "momentum is written per group on SGD" {
            let o = sgd [ 0.1; 0.2 ] 0.9

            let bound =
                Shell.bind (LRScheduler.LinearLR(1.0, 0.5, 2), o, field = Hyperparameter.Momentum)

            bound.Step() |> ignore
            Expect.floatClose Accuracy.veryHigh (momentaOf o).[0] 0.675 "0.9 × 0.75"
            Expect.equal (momentaOf o).[0] (momentaOf o).[1] "each group from its own base"
            Expect.equal (lrsOf o) [| 0.1; 0.2 |] "LRs untouched"
        }
        test "beta1 and beta2 are written per group on AdamW, each leaving the other alone" {
            let o = adamw [ 0.1, 0.0; 0.2, 0.0 ]

            let beta1 =
                Shell.bind (LRScheduler.MultiplicativeLR(fun _ -> 0.5), o, field = Hyperparameter.Beta1)

            let beta2 =
                Shell.bind (LRScheduler.ConstantLR(0.5, 2), o, field = Hyperparameter.Beta2)

            Expect.equal (betasOf o) [| 0.9, 0.4995; 0.9, 0.4995 |] "beta2 × 0.5 at epoch 0"
            beta1.Step() |> ignore
            beta2.Step() |> ignore
            Expect.equal (betasOf o) [| 0.45, 0.4995; 0.45, 0.4995 |] "beta1 halved"
            beta2.Step() |> ignore
            Expect.equal (betasOf o) [| 0.45, 0.999; 0.45, 0.999 |] "beta2 back to its base after 2 steps"
            Expect.equal (lrsOf o) [| 0.1; 0.2 |] "LRs untouched"
        }
        test "a field the optimizer does not have is refused at bind, naming the optimizer and the field" {
            let rprop () =
                torch.optim.Rprop([ torch.nn.Parameter(torch.zeros (2L)) ], lr = 0.3) :> torch.optim.Optimizer

            for o, field, says in
                [
                    rprop (),
                    Hyperparameter.WeightDecay,
                    "This optimizer (Rprop) has no weight decay (\"weight_decay\")"
                    sgd [ 0.3 ] 0.9, Hyperparameter.Beta1, "This optimizer (SGD) has no beta1 (\"beta1\")"
                    adam [ 0.3 ], Hyperparameter.Momentum, "This optimizer (Adam) has no momentum (\"momentum\")"
                ] do
                let e =
                    Expect.throwsC (fun () -> Shell.bind (LRScheduler.StepLR 2, o, field = field) |> ignore) id

                Expect.isTrue (e :? ArgumentException) "ArgumentException"
                Expect.equal (e :?> ArgumentException).ParamName "field" "names the parameter"
                Expect.stringContains e.Message says says
                Expect.equal (lrsOf o) [| 0.3 |] "nothing written"
        }
        test "a value outside the field's range is refused on write, writing nothing" {
            let o = adamw [ 0.1, 0.01; 0.2, 0.02 ]
            let groups = ParamGroups.ofOptimizer o

            for field, values, why in
                [
                    Hyperparameter.WeightDecay,
                    [ 0.1; -0.1 ],
                    "weight decay of group 1 (AdamW) must be a finite number >= 0, but got -0.1"
                    Hyperparameter.WeightDecay,
                    [ 0.1; infinity ],
                    "weight decay of group 1 (AdamW) must be a finite number >= 0, but got Infinity"
                    Hyperparameter.Beta2, [ 0.5; 1.0 ], "beta2 of group 1 (AdamW) must be in [0, 1), but got 1"
                    Hyperparameter.Beta1, [ -0.5; 0.5 ], "beta1 of group 0 (AdamW) must be in [0, 1), but got -0.5"
                    Hyperparameter.WeightDecay, [ 0.1 ], "2 param groups, but got 1 weight decay"
                ] do
                let e =
                    Expect.throwsC (fun () -> ParamGroups.write groups field (gv values) None) id

                Expect.isTrue (e :? InvalidOperationException) (sprintf "InvalidOperationException for %s" why)
                Expect.stringContains e.Message why why
                Expect.equal (weightDecaysOf o) [| 0.01; 0.02 |] (sprintf "no weight decay written for %s" why)
                Expect.equal (betasOf o) [| 0.9, 0.999; 0.9, 0.999 |] (sprintf "no betas written for %s" why)
        }
        test "a momentum schedule that reaches 1 is refused at the step that would write it" {
            let o = sgd [ 0.1 ] 0.6

            let bound =
                Shell.bind (LRScheduler.ExponentialLR 1.5, o, field = Hyperparameter.Momentum)

            bound.Step() |> ignore
            Expect.floatClose Accuracy.veryHigh (momentaOf o).[0] 0.9 "0.6 × 1.5"
            let e = Expect.throwsC (fun () -> bound.Step() |> ignore) id
            Expect.isTrue (e :? InvalidOperationException) "InvalidOperationException"
            Expect.stringContains e.Message "momentum of group 0 (SGD) must be in [0, 1)" "names the bounds"
            Expect.floatClose Accuracy.veryHigh (momentaOf o).[0] 0.9 "nothing written"
            Expect.equal bound.Calls 1 "the failed call is not counted"
        }
        test "values read at bind outside the field's range are refused, naming the group" {
            let o = sgd [ 0.1; 0.2 ] 0.9
            ((Seq.item 1 o.ParamGroups) :?> torch.optim.IMomentum).Momentum <- 1.5

            let e =
                Expect.throwsC
                    (fun () -> Shell.bind (LRScheduler.StepLR 2, o, field = Hyperparameter.Momentum) |> ignore)
                    id

            Expect.isTrue (e :? ArgumentException) "ArgumentException"

            Expect.stringContains
                e.Message
                "Param group 1 of this optimizer (SGD) holds momentum 1.5, but the momentum must be in [0, 1)."
                "names the group, the value and the range"
        }
        test "a scheduler that cycles momentum is refused on any field but the LR" {
            for field in [ Hyperparameter.WeightDecay; Hyperparameter.Momentum ] do
                let o = sgdDecay [ 0.1, 0.01 ] 0.9

                let e =
                    Expect.throwsC
                        (fun () ->
                            Shell.bind (LRScheduler.OneCycleLR(All 1.0, totalSteps = 10), o, field = field)
                            |> ignore)
                        id

                Expect.isTrue (e :? ArgumentException) "ArgumentException"
                Expect.stringContains e.Message "OneCycleLR cycles momentum" "names the kind"
                Expect.stringContains e.Message "cycleMomentum = false" "says the way out"
                Expect.equal (momentaOf o) [| 0.9 |] "nothing written"
                Expect.equal (weightDecaysOf o) [| 0.01 |] "nothing written"

            let o = sgdDecay [ 0.1, 0.01 ] 0.9

            Shell.bind (
                LRScheduler.OneCycleLR(All 1.0, totalSteps = 10, cycleMomentum = false),
                o,
                field = Hyperparameter.WeightDecay
            )
            |> ignore

            Expect.floatClose
                Accuracy.veryHigh
                (weightDecaysOf o).[0]
                (1.0 / 25.0)
                "without the momentum cycle: maxLr / divFactor"

            Expect.equal (momentaOf o) [| 0.9 |] "momentum untouched"
        }
        test "the checkpoint records the field, and resume refuses a document for another field" {
            let o = adamw [ 0.1, 0.04 ]
            let bound = Shell.bind (wdSchedule, o, field = Hyperparameter.WeightDecay)
            bound.Step() |> ignore
            let json = bound.Save()
            let doc = Text.Json.Nodes.JsonNode.Parse json
            Expect.equal (doc["field"].GetValue<string>()) "weight_decay" "names the field"

            Expect.equal
                [ for x in doc["values"].AsArray() -> x.GetValue<float>() ]
                [ (weightDecaysOf o).[0] ]
                "records its values"

            let e = Expect.throwsC (fun () -> Shell.resume (wdSchedule, o, json) |> ignore) id
            Expect.isTrue (e :? FormatException) "FormatException"

            Expect.stringContains
                e.Message
                "it was saved by a shell driving the weight decay (\"weight_decay\"), but this shell drives the LR (\"lr\")."
                "names both fields"

            let e =
                Expect.throwsC (fun () -> (Shell.bind (wdSchedule, adamw [ 0.1, 0.04 ])).Load json) id

            Expect.isTrue (e :? FormatException) "Load refuses it too"
            let other = adamw [ 0.1, 0.04 ] // its state dict was not loaded

            let e =
                Expect.throwsC
                    (fun () ->
                        Shell.resume (wdSchedule, other, json, field = Hyperparameter.WeightDecay)
                        |> ignore)
                    id

            Expect.isTrue (e :? ArgumentException) "ArgumentException"

            Expect.stringContains
                e.Message
                "Param group 0 of the optimizer holds weight decay 0.04"
                "compares the field"

            loadOptimizer other (saveOptimizer o)

            let resumed =
                Shell.resume (wdSchedule, other, json, field = Hyperparameter.WeightDecay)

            Expect.equal resumed.Field Hyperparameter.WeightDecay "resumed on its field"
        }
        test "LR and weight decay schedules on one AdamW resume bit for bit through its state dict" {
            let total = 12
            let ps, o = model ()

            let bound = [
                Shell.bind (lrSchedule, o)
                Shell.bind (wdSchedule, o, field = Hyperparameter.WeightDecay)
            ]

            let uninterrupted = List.init total (fun _ -> trainStep ps o bound)
            let _, wds, _ = uninterrupted.[9]
            Expect.floatClose Accuracy.veryHigh wds.[0] 0.4 "the weight decay reaches 0.4 at step 10"

            for k in [ 0; 1; 3; 7; 11 ] do
                let ps, o = model ()

                let first = [
                    Shell.bind (lrSchedule, o)
                    Shell.bind (wdSchedule, o, field = Hyperparameter.WeightDecay)
                ]

                let before = List.init k (fun _ -> trainStep ps o first)
                let docs = first |> List.map _.Save()
                let weights = ps |> List.map (fun p -> p.detach().clone ())
                let optimizer = saveOptimizer o

                let ps2, o2 = model ()

                do
                    use _ = torch.no_grad ()

                    for p, w in List.zip ps2 weights do
                        p.copy_ w |> ignore

                loadOptimizer o2 optimizer

                let resumed = [
                    Shell.resume (lrSchedule, o2, docs.[0])
                    Shell.resume (wdSchedule, o2, docs.[1], field = Hyperparameter.WeightDecay)
                ]

                let after = List.init (total - k) (fun _ -> trainStep ps2 o2 resumed)
                Expect.equal (before @ after) uninterrupted (sprintf "interrupted after %d steps" k)
        }
    ]
