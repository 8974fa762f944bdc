namespace Schedules

/// <summary>An argument of a <see cref="T:Schedules.Curve"/>, as data.</summary>
[<NoEquality; NoComparison>]
type CurveArg =
    /// <summary>A real number.</summary>
    | Number of float
    /// <summary>An integer (a step count).</summary>
    | Integer of int
    /// <summary>A flag.</summary>
    | Flag of bool
    /// <summary>A name (a mode).</summary>
    | Text of string
    /// <summary>Integers (boundaries).</summary>
    | Integers of int list
    /// <summary>Real numbers (the values of a piecewise schedule).</summary>
    | Numbers of float list
    /// <summary>Curves (the parts of a join).</summary>
    | Curves of Curve list
    /// <summary>Steps and their scales (optax's boundaries_and_scales), by ascending step.</summary>
    | Scales of (int * float) list

/// <summary>
/// A schedule that is a pure function of the step: the LR of a group at a step from its base LR. Most schedules of
/// the families (every Hugging Face schedule, timm's and optax's) are curves: a curve is a few lines, gets random
/// access and previews for free, saves and loads by name, and composes with every stateful kind (as a child of a
/// SequentialLR or ChainedScheduler). Built by <c>Curves.*</c> and the families' factories; a curve's
/// <c>Name</c> and <c>Args</c> are what its JSON configuration holds.
/// </summary>
and [<NoEquality; NoComparison>] Curve = {
    /// <summary>The name its users write (for example <c>hf.get_inverse_sqrt_schedule</c>).</summary>
    Name: string
    /// <summary>Its arguments under the names its users write, as data.</summary>
    Args: (string * CurveArg) list
    /// <summary>The LR at a step from a group's base LR, in the source's own operation order.</summary>
    Lr: float -> int -> float
}

namespace Schedules.Kinds

open System
open Schedules

/// The kind of every curve: a step-based kind whose LRs are the curve's values at the epoch (absolute, like
/// LambdaLR: it ignores the LRs in use), with the curve itself as its closed form.
module internal Curve =

    let rec private value (v: CurveArg) =
        match v with
        | Number x -> FloatArg x
        | Integer i -> IntArg i
        | Flag b -> BoolArg b
        | Text t -> NameArg(t, t)
        | Integers is -> IntsArg is
        | Numbers xs -> GroupsArg(Each xs)
        | Curves cs -> ChildrenArg(List.map compile cs)
        | Scales ss -> ScalesArg ss

    and compile (c: Curve) : Node =
        let valid = not (isNull (box c))
        let name = if valid then c.Name else "Curve"
        let args = if valid && not (isNull (box c.Args)) then c.Args else []

        let node =
            EpochKind.node {
                Kind = name
                Args = args |> List.map (fun (n, v) -> Arg.required n (value v))
                Validate =
                    fun () ->
                        Validate.notNull "curve" (box c)
                        Validate.notNull "curve.Lr" (box c.Lr)
                        Validate.notNull "curve.Args" (box c.Args)

                        if String.IsNullOrWhiteSpace c.Name then
                            Validate.fail "curve.Name" c.Name "a non-empty name"
                CheckGroups = ignore
                Recursive = fun b e _ -> Arithmetic.ofBases b (fun b -> c.Lr b e)
                ZeroStep = ValueNone
                Restart = fun b _ -> Arithmetic.ofBases b (fun b -> c.Lr b 0)
                Scalar = ValueSome(fun b g e -> c.Lr b.[g] e)
            }

        {
            node with
                Fill = EpochKind.fillOf name (fun b e -> c.Lr b e)
        }
