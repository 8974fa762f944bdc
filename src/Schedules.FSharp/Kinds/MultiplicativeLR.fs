/// <summary>PyTorch's MultiplicativeLR: LR ← LR × lrLambda(epoch) for epoch ≥ 1. No closed form (it compounds the
/// LRs in use).</summary>
module internal Schedules.Kinds.MultiplicativeLR

open Schedules

let internal compile (lrLambda: ForGroups<int -> float>) : Node =
    let lambdas = Arithmetic.getter lrLambda

    let recursive (_: GroupValues) (e: int) (lrs: GroupValues) =
        if e > 0 then
            GroupValues.Own(Array.init lrs.Count (fun g -> lrs.[g] * Arithmetic.factor "LrLambda" e g ((lambdas g) e)))
        else
            lrs

    EpochKind.node {
        Kind = "MultiplicativeLR"
        Args = [ Arg.functions "lrLambda" lrLambda ]
        Validate = fun () -> Validate.functions "lrLambda" lrLambda
        CheckGroups = fun n -> Validate.groupsSetting "lrLambda" n lrLambda
        Recursive = recursive
        // PyTorch 1.13's step(0) at a SequentialLR milestone: get_lr at epoch 0 keeps the LRs it is given.
        Restart = fun b lrs -> recursive b 0 lrs
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
        "At a SequentialLR milestone it keeps the previous scheduler's LR, as PyTorch 1.13 does (2.x multiplies by lrLambda(0))."
    Example = """{"kind": "MultiplicativeLR", "lrLambda": {"fn": "const", "value": 0.9}}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
