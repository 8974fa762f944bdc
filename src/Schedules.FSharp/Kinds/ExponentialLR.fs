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
        Restart = fun b _ -> Arithmetic.ofBases b (fun b -> b * Math.Pow(gamma, 0.0))
        Scalar = ValueSome(fun b g e -> b.[g] * Math.Pow(gamma, float e))
    }

let internal parse (r: ArgReader) = r.Float "gamma"
