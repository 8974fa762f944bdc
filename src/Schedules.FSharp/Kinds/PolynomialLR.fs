/// <summary>PyTorch's PolynomialLR: LR = base × (1 − epoch/totalIters)^power, 0 from totalIters on.</summary>
module Schedules.Kinds.PolynomialLR

open System
open Schedules

/// <summary>PyTorch's default totalIters.</summary>
[<Literal>]
let DefaultTotalIters = 5

/// <summary>PyTorch's default power.</summary>
[<Literal>]
let DefaultPower = 1.0

let internal compile (totalIters: int, power: float) : Node =
    let total = totalIters

    let closed (b: float) (e: int) =
        b * Math.Pow(1.0 - float (min total e) / float total, power)

    // get_lr after its e = 0 test (1.13's `last_epoch == 0`, 2.x's `_is_initial`).
    let rule (e: int) (lrs: GroupValues) =
        if e > total then
            lrs
        else
            Arithmetic.scale lrs (Math.Pow((1.0 - float e / float total) / (1.0 - float (e - 1) / float total), power))

    EpochKind.node {
        Kind = "PolynomialLR"
        Args = [
            Arg.optional "totalIters" (IntArg total) (IntArg DefaultTotalIters)
            Arg.optional "power" (FloatArg power) (FloatArg DefaultPower)
        ]
        Validate =
            fun () ->
                Validate.positiveInt "totalIters" total
                Validate.nonNegative "power" power
        CheckGroups = ignore
        Recursive = fun _ e lrs -> if e = 0 then lrs else rule e lrs
        ZeroStep = ValueSome(fun _ lrs -> rule 0 lrs)
        Restart = fun b _ -> Arithmetic.ofBases b (fun b -> closed b 0)
        Scalar = ValueSome(fun b g e -> closed b.[g] e)
    }

let internal parse (r: ArgReader) =
    (r.IntOr("totalIters", DefaultTotalIters), r.FloatOr("power", DefaultPower))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "PolynomialLR"
    Formula = "lr ← lr × ((1 − e/T) / (1 − (e − 1)/T))^power until T, where it reaches 0."
    Origin = "PyTorch"
    Source = "`PolynomialLR(opt, total_iters=30, power=2.0)`"
    FSharp = "`LRScheduler.PolynomialLR(30, 2.0)`"
    Differences =
        "totalIters 0 and a negative power are refused. As the child a SequentialLR reaches through a milestone of 0 it applies its decay at epoch 0 (2.x); with PyTorch1_13 it keeps the LR there."
    Example = """{"kind": "PolynomialLR", "totalIters": 30, "power": 2.0}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
