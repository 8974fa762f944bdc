/// <summary>PyTorch's LinearLR: the factor moves linearly from startFactor (epoch 0) to endFactor (epoch
/// totalIters).</summary>
module Schedules.Kinds.LinearLR

open Schedules

/// <summary>PyTorch's default startFactor, 1/3.</summary>
[<Literal>]
let DefaultStartFactor = 0.3333333333333333

/// <summary>PyTorch's default endFactor.</summary>
[<Literal>]
let DefaultEndFactor = 1.0

/// <summary>PyTorch's default totalIters.</summary>
[<Literal>]
let DefaultTotalIters = 5

let internal compile (startFactor: float, endFactor: float, totalIters: int) : Node =
    let s, t, total = startFactor, endFactor, totalIters

    let closed (b: float) (e: int) =
        b * (s + (t - s) * float (min total e) / float total)

    EpochKind.node {
        Kind = "LinearLR"
        Args = [
            Arg.optional "startFactor" (FloatArg s) (FloatArg DefaultStartFactor)
            Arg.optional "endFactor" (FloatArg t) (FloatArg DefaultEndFactor)
            Arg.optional "totalIters" (IntArg total) (IntArg DefaultTotalIters)
        ]
        Validate =
            fun () ->
                Validate.between "startFactor" 0.0 false 1.0 true s
                Validate.between "endFactor" 0.0 true 1.0 true t
                Validate.positiveInt "totalIters" total
        CheckGroups = ignore
        Recursive =
            fun _ e lrs ->
                if e = 0 then
                    Arithmetic.scale lrs s
                elif e > total then
                    lrs
                else
                    Arithmetic.scale lrs (1.0 + (t - s) / (float total * s + float (e - 1) * (t - s)))
        ZeroStep = ValueNone
        Restart = fun b _ -> Arithmetic.ofBases b (fun b -> closed b 0)
        Scalar = ValueSome(fun b g e -> closed b.[g] e)
    }

let internal parse (r: ArgReader) =
    (r.FloatOr("startFactor", DefaultStartFactor),
     r.FloatOr("endFactor", DefaultEndFactor),
     r.IntOr("totalIters", DefaultTotalIters))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "LinearLR"
    Formula = "factor from startFactor to endFactor over totalIters: lr ← lr × (1 + (t − s) / (T·s + (e − 1)(t − s)))."
    Origin = "PyTorch"
    Source = "`LinearLR(opt, start_factor=0.25, total_iters=10)`"
    FSharp = "`LRScheduler.LinearLR(0.25, 1.0, 10)`"
    Differences = "startFactor 0 and totalIters 0 are refused (PyTorch divides by zero, #86454, #193682)."
    Example = """{"kind": "LinearLR", "startFactor": 0.25, "endFactor": 1.0, "totalIters": 10}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
