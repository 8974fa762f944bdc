// docs:begin steplr-kind
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
        ZeroStep = ValueNone
        Restart = fun b _ -> Arithmetic.ofBases b (fun b -> b * Math.Pow(gamma, 0.0))
        Scalar = ValueSome(fun b g e -> b.[g] * Math.Pow(gamma, float (e / stepSize)))
    }

let internal parse (r: ArgReader) =
    (r.Int "stepSize", r.FloatOr("gamma", DefaultGamma))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "StepLR"
    Formula = "lr ← lr × gamma at epochs stepSize, 2·stepSize, ...; closed form base × gamma^(epoch / stepSize)."
    Origin = "PyTorch"
    Source = "`StepLR(opt, step_size=10, gamma=0.5)`"
    FSharp = "`LRScheduler.StepLR(10, 0.5)`"
    Differences = "stepSize 0 is refused (PyTorch divides by zero at the first step); gamma must be finite and ≥ 0."
    Example = """{"kind": "StepLR", "stepSize": 10, "gamma": 0.5}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
// docs:end steplr-kind
