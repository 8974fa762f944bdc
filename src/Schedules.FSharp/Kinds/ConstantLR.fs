/// <summary>PyTorch's ConstantLR: LR = base × factor until epoch totalIters, then base.</summary>
module Schedules.Kinds.ConstantLR

open Schedules

/// <summary>PyTorch's default factor, 1/3.</summary>
[<Literal>]
let DefaultFactor = 0.3333333333333333

/// <summary>PyTorch's default totalIters.</summary>
[<Literal>]
let DefaultTotalIters = 5

let internal compile (factor: float, totalIters: int) : Node =
    let closed (b: float) (e: int) =
        let reached = if e >= totalIters then 1.0 else 0.0
        b * (factor + reached * (1.0 - factor))

    EpochKind.node {
        Kind = "ConstantLR"
        Args = [
            Arg.optional "factor" (FloatArg factor) (FloatArg DefaultFactor)
            Arg.optional "totalIters" (IntArg totalIters) (IntArg DefaultTotalIters)
        ]
        Validate =
            fun () ->
                Validate.between "factor" 0.0 false 1.0 true factor
                Validate.nonNegativeInt "totalIters" totalIters
        CheckGroups = ignore
        Recursive =
            fun _ e lrs ->
                if e = 0 then Arithmetic.scale lrs factor
                elif e <> totalIters then lrs
                else Arithmetic.scale lrs (1.0 / factor)
        ZeroStep = ValueNone
        Restart = fun b _ -> Arithmetic.ofBases b (fun b -> closed b 0)
        Scalar = ValueSome(fun b g e -> closed b.[g] e)
    }

let internal parse (r: ArgReader) =
    (r.FloatOr("factor", DefaultFactor), r.IntOr("totalIters", DefaultTotalIters))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "ConstantLR"
    Formula = "lr = base × factor until epoch totalIters, then base (lr × (1 / factor) at totalIters)."
    Origin = "PyTorch"
    Source = "`ConstantLR(opt, factor=0.5, total_iters=10)`"
    FSharp = "`LRScheduler.ConstantLR(0.5, 10)`"
    Differences = "factor 0 is refused (PyTorch divides by zero at totalIters)."
    Example = """{"kind": "ConstantLR", "factor": 0.5, "totalIters": 10}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
