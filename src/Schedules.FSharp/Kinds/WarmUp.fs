/// <summary>celldetection's WarmUp: LR = base × lrLambda(step, steps) for step ≤ steps (the linear factor by default,
/// so the LR starts at 0), then the LRs in use pass through unchanged.</summary>
module Schedules.Kinds.WarmUp

open Schedules

/// <summary>The seed's default factor: celldetection's linear warm-up (<c>Functions.linearWarmUp</c>).</summary>
let DefaultLrLambda: ForGroups<int -> int -> float> = All Functions.linearWarmUp

let internal compile (steps: int, lrLambda: ForGroups<int -> int -> float>) : Node =
    let lambdas = Arithmetic.getter lrLambda

    let lr (b: GroupValues) g k =
        b.[g] * Arithmetic.factor "LrLambda" k g ((lambdas g) k steps)

    let recursive (b: GroupValues) (e: int) (lrs: GroupValues) =
        if e <= steps then
            Arithmetic.init b.Count (fun g -> lr b g e)
        else
            lrs

    EpochKind.node {
        Kind = "WarmUp"
        Args = [ Arg.required "steps" (IntArg steps); Arg.functions "lrLambda" lrLambda ]
        Validate =
            fun () ->
                Validate.positiveInt "steps" steps
                Validate.functions "lrLambda" lrLambda
        CheckGroups = fun n -> Validate.groupsSetting "lrLambda" n lrLambda
        Recursive = recursive
        ZeroStep = ValueNone
        Restart = fun b lrs -> recursive b 0 lrs
        Scalar = ValueSome(fun b g e -> lr b g (min e steps))
    }

let internal parse (r: ArgReader) =
    (r.Int "steps", r.FunctionsOr("lrLambda", DefaultLrLambda))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "WarmUp"
    Formula = "lr = base × lrLambda(step, steps) for step ≤ steps (default: step / steps), then the LRs pass through."
    Origin = "celldetection"
    Source = "`WarmUp(opt, steps=10)`"
    FSharp = "`CellDetection.WarmUp 10` (also `LRScheduler.WarmUp 10`, the same scheduler)"
    Differences = "steps 0 is refused."
    Example = """{"kind": "WarmUp", "steps": 10}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
