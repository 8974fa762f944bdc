/// <summary>PyTorch's StepLR: LR ← LR × gamma at epochs stepSize, 2·stepSize, ...</summary>
module Schedules.Kinds.StepLR

open System
open Schedules

/// <summary>PyTorch's default gamma.</summary>
[<Literal>]
let DefaultGamma = 0.1

let internal compile (stepSize: int, gamma: float) : Node =
    EpochKind.node {
        Kind = "StepLR"
        Args = [
            Arg.required "stepSize" (IntArg stepSize)
            Arg.optional "gamma" (FloatArg gamma) (FloatArg DefaultGamma)
        ]
        Validate =
            fun () ->
                Validate.positiveInt "stepSize" stepSize
                Validate.nonNegative "gamma" gamma
        CheckGroups = ignore
        Recursive =
            fun _ e lrs ->
                if e = 0 || e % stepSize <> 0 then
                    lrs
                else
                    Arithmetic.scale lrs gamma
        Restart = fun b _ -> Arithmetic.ofBases b (fun b -> b * Math.Pow(gamma, 0.0))
        Scalar = ValueSome(fun b g e -> b.[g] * Math.Pow(gamma, float (e / stepSize)))
    }

let internal parse (r: ArgReader) =
    (r.Int "stepSize", r.FloatOr("gamma", DefaultGamma))
