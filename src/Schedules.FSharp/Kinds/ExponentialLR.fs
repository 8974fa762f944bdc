/// <summary>PyTorch's ExponentialLR: LR ← LR × gamma every epoch.</summary>
module internal Schedules.Kinds.ExponentialLR

open System
open Schedules

let internal compile (gamma: float) : Node =
    EpochKind.node {
        Kind = "ExponentialLR"
        Args = [ Arg.required "gamma" (FloatArg gamma) ]
        Validate = fun () -> Validate.nonNegative "gamma" gamma
        CheckGroups = ignore
        Recursive = fun _ e lrs -> if e = 0 then lrs else Arithmetic.scale lrs gamma
        ZeroStep = ValueSome(fun _ lrs -> Arithmetic.scale lrs gamma)
        Restart = fun b _ -> Arithmetic.ofBases b (fun b -> b * Math.Pow(gamma, 0.0))
        Scalar = ValueSome(fun b g e -> b.[g] * Math.Pow(gamma, float e))
    }

let internal parse (r: ArgReader) = r.Float "gamma"

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "ExponentialLR"
    Formula = "lr ← lr × gamma every epoch."
    Origin = "PyTorch"
    Source = "`ExponentialLR(opt, gamma=0.9)`"
    FSharp = "`LRScheduler.ExponentialLR 0.9`"
    Differences =
        "None: PyTorch's numbers, bit for bit (see the conformance suite). As the child a SequentialLR reaches through a milestone of 0 it multiplies by gamma at epoch 0 (2.x's `_is_initial` test); with PyTorch1_13 it keeps the LR there (1.13's `last_epoch == 0` test)."
    Example = """{"kind": "ExponentialLR", "gamma": 0.9}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
