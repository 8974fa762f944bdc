/// <summary>PyTorch's MultiStepLR: LR ← LR × gamma^c at an epoch listed c times in milestones.</summary>
module Schedules.Kinds.MultiStepLR

open System
open Schedules

/// <summary>PyTorch's default gamma.</summary>
[<Literal>]
let DefaultGamma = 0.1

let internal compile (milestones: int list, gamma: float) : Node =
    let sorted =
        if isNull (box milestones) then
            [||]
        else
            Array.sort (Array.ofList milestones)

    EpochKind.node {
        Kind = "MultiStepLR"
        Args = [
            Arg.required "milestones" (IntsArg milestones)
            Arg.optional "gamma" (FloatArg gamma) (FloatArg DefaultGamma)
        ]
        Validate =
            fun () ->
                Validate.notNull "milestones" (box milestones)

                if milestones |> List.exists (fun m -> m < 0) then
                    Validate.fail "milestones" milestones "a list of epochs >= 0 (duplicates count twice)"

                Validate.nonNegative "gamma" gamma
        CheckGroups = ignore
        Recursive =
            fun _ e lrs ->
                let count = milestones |> List.sumBy (fun m -> if m = e then 1 else 0)

                if count = 0 then
                    lrs
                else
                    Arithmetic.scale lrs (Math.Pow(gamma, float count))
        ZeroStep = ValueNone
        Restart = fun b _ -> Arithmetic.ofBases b (fun b -> b * Math.Pow(gamma, float (Arithmetic.passed milestones 0)))
        Scalar = ValueSome(fun b g e -> b.[g] * Math.Pow(gamma, float (Arithmetic.passedSorted sorted e)))
    }

let internal parse (r: ArgReader) =
    (r.Ints "milestones" |> List.sort, r.FloatOr("gamma", DefaultGamma))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "MultiStepLR"
    Formula = "lr ← lr × gamma^c at an epoch listed c times in milestones."
    Origin = "PyTorch"
    Source = "`MultiStepLR(opt, milestones=[10, 25], gamma=0.1)`"
    FSharp = "`LRScheduler.MultiStepLR([ 10; 25 ], 0.1)`"
    Differences =
        "Negative milestones are refused. Duplicates count twice, as in PyTorch (TorchSharp counts them once)."
    Example = """{"kind": "MultiStepLR", "milestones": [10, 25], "gamma": 0.1}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
