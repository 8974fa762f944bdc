/// <summary>PyTorch's MultiplicativeLR: LR ← LR × lrLambda(epoch) for epoch ≥ 1. No closed form (it compounds the
/// LRs in use).</summary>
module internal Schedules.Kinds.MultiplicativeLR

open Schedules

let internal compile (version: PyTorchVersion) (lrLambda: ForGroups<int -> float>) : Node =
    let lambdas = Arithmetic.getter lrLambda

    // get_lr after its e = 0 test (1.13's `last_epoch > 0`, 2.x's `_is_initial`).
    let multiply (e: int) (lrs: GroupValues) =
        let lrs = lrs.Items
        Arithmetic.init lrs.Length (fun g -> lrs.[g] * Arithmetic.factor "LrLambda" e g ((lambdas g) e))

    let recursive (_: GroupValues) (e: int) (lrs: GroupValues) = if e > 0 then multiply e lrs else lrs

    EpochKind.node {
        Kind = "MultiplicativeLR"
        Args = [ Arg.functions "lrLambda" lrLambda ]
        Validate = fun () -> Validate.functions "lrLambda" lrLambda
        CheckGroups = fun n -> Validate.groupsSetting "lrLambda" n lrLambda
        Recursive = recursive
        ZeroStep = ValueSome(fun _ lrs -> multiply 0 lrs)
        // At a SequentialLR milestone (no closed form, so get_lr at epoch 0): 2.x's _update_lr(0) is not an initial
        // step, so it multiplies by lrLambda(0); 1.13's step(0) keeps the LRs it is given.
        Restart =
            match version with
            | PyTorch2 -> fun _ lrs -> multiply 0 lrs
            | PyTorch1_13 -> fun b lrs -> recursive b 0 lrs
        Scalar = ValueNone
    }

let internal parse (r: ArgReader) = r.Functions "lrLambda"

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "MultiplicativeLR"
    Formula = "lr ← lr × lrLambda(epoch) for epoch ≥ 1."
    Origin = "PyTorch"
    Source = "`MultiplicativeLR(opt, lr_lambda=lambda e: 0.9)`"
    FSharp = "`LRScheduler.MultiplicativeLR(fun _ -> 0.9)`"
    Differences =
        "Reached through a SequentialLR milestone (or a milestone of 0) it multiplies the LR the previous scheduler left by lrLambda(0), as PyTorch 2.x does; with PyTorch1_13 it keeps that LR, as 1.13 does."
    Example = """{"kind": "MultiplicativeLR", "lrLambda": {"fn": "const", "value": 0.9}}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
