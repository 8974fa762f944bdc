/// <summary>PyTorch's LambdaLR: LR = base × lrLambda(epoch), per group. Not chainable: it ignores the LRs in use.</summary>
module internal Schedules.Kinds.LambdaLR

open Schedules

let private lr (lambdas: int -> (int -> float)) (b: GroupValues) (g: int) (e: int) =
    b.[g] * Arithmetic.factor "LrLambda" e g ((lambdas g) e)

let internal compile (lrLambda: ForGroups<int -> float>) : Node =
    let lambdas = Arithmetic.getter lrLambda

    EpochKind.node {
        Kind = "LambdaLR"
        Args = [ Arg.functions "lrLambda" lrLambda ]
        Validate = fun () -> Validate.functions "lrLambda" lrLambda
        CheckGroups = fun n -> Validate.groupsSetting "lrLambda" n lrLambda
        Recursive = fun b e _ -> Arithmetic.init b.Count (fun g -> lr lambdas b g e)
        ZeroStep = ValueNone
        Restart = fun b _ -> Arithmetic.init b.Count (fun g -> lr lambdas b g 0)
        Scalar = ValueSome(lr lambdas)
    }

let internal parse (r: ArgReader) = r.Functions "lrLambda"

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "LambdaLR"
    Formula = "lr = base × lrLambda(epoch), at every epoch (absolute, not chainable)."
    Origin = "PyTorch"
    Source = "`LambdaLR(opt, lr_lambda=lambda e: 0.95 ** e)`"
    FSharp = "`LRScheduler.LambdaLR(fun e -> 0.95 ** float e)`"
    Differences =
        "A lambda that returns NaN, an infinity or a negative factor is refused when it does (PyTorch applies it)."
    Example = """{"kind": "LambdaLR", "lrLambda": {"fn": "gamma_pow", "gamma": 0.95}}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
