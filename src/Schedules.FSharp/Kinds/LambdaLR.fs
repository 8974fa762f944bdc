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
        Recursive = fun b e _ -> GroupValues.Own(Array.init b.Count (fun g -> lr lambdas b g e))
        Restart = fun b _ -> GroupValues.Own(Array.init b.Count (fun g -> lr lambdas b g 0))
        Scalar = ValueSome(lr lambdas)
    }

let internal parse (r: ArgReader) = r.Functions "lrLambda"
