namespace Schedules.Kinds

open System
open System.Text.Json
open Schedules

/// What one node's transition produced: the next state, the LRs (and momentum) to apply, and what happened.
[<Struct; NoEquality; NoComparison>]
type internal Result = {
    State: State
    Lrs: GroupValues
    Momentum: GroupValues option
    Events: Event list
}

/// One argument of a configuration, as data: what checkpoints compare, JSON configurations carry, docs and HTML
/// tables show.
[<NoEquality; NoComparison>]
type internal ArgValue =
    | IntArg of int
    | FloatArg of float
    | BoolArg of bool
    /// A mode, by its PyTorch name (and the name format version 1 wrote).
    | NameArg of Name: string * Legacy: string
    | IntsArg of int list
    | GroupsArg of ForGroups<float>
    /// User functions (lr_lambda, scale_fn); JSON names them by their registered names.
    | FunctionsArg of ForGroups<obj>
    /// An optional function left out.
    | NoneArg
    | ChildrenArg of Node list
    /// Named arguments handed on as one object (Hugging Face's scheduler_specific_kwargs).
    | KeywordArgs of Arg list
    /// Steps and their scales (optax's boundaries_and_scales): a JSON object keyed by the steps.
    | ScalesArg of (int * float) list

/// A named argument with its default, where it is optional: a saved configuration that lacks the argument had
/// the default, so adding an optional argument keeps older checkpoints loadable.
and [<NoEquality; NoComparison>] internal Arg = {
    Name: string
    Value: ArgValue
    Default: ArgValue voption
}

/// <summary>
/// A configuration compiled into its operations: everything the engine, previews, checkpoints and HTML need of a
/// kind. Each kind builds one in its own file (<c>Kinds/&lt;Kind&gt;.fs</c>); a record, so a kind that forgets an
/// operation does not compile. Composites hold their children's nodes and only thread LRs, momentum, metrics and
/// events through them.
/// </summary>
and [<NoEquality; NoComparison>] internal Node = {
    /// The class name users write (PyTorch's, or the family's).
    Kind: string
    /// The configuration as data.
    Args: Arg list
    /// Refuses an invalid configuration, naming the parameter, the value and what is allowed.
    Validate: unit -> unit
    /// Whether a step needs a metric.
    WatchesMetric: bool
    /// Whether a step writes momentum (SGD momentum or Adam beta1).
    CyclesMomentum: bool
    /// Refuses per-group settings of another length than the optimizer's param groups.
    CheckGroups: int -> unit
    /// PyTorch's constructor on an optimizer whose initial_lr is given (or not yet set) and whose LRs are given:
    /// the first state, the LRs of epoch 0, and the optimizer's initial_lr afterwards.
    Start: GroupValues option -> GroupValues -> struct (Result * GroupValues option)
    /// PyTorch's _initial_step on a built scheduler (what SequentialLR does to its first child).
    InitialStep: State -> GroupValues -> Result
    /// PyTorch 2.x's step() on a built scheduler that a SequentialLR undid to epoch −1 (the child after a milestone
    /// of 0, the members of a composite first child): a normal step to epoch 0, not an initial one.
    Undone: State -> GroupValues -> Result
    /// One step() with the LRs in use and the metric (ValueNone for a step-based scheduler).
    Step: State -> GroupValues -> float voption -> Result
    /// What the kind does when a SequentialLR reaches its milestone (1.13's step(0), 2.x's _update_lr(0)).
    Restart: State -> GroupValues -> float voption -> Result
    /// step(epoch) with an explicit, possibly fractional epoch, where the kind gives it a meaning.
    StepAt: (State -> float -> Result) voption
    /// One group's LR at any epoch from the state the scheduler was built with (group -> epoch -> LR).
    Scalar: (State -> int -> int -> float) voption
    /// Scalar's values at a run of epochs, into an array: state -> group -> first epoch -> count -> destination ->
    /// offset, writing destination.[offset + i] = Scalar state group (first + i). Present exactly where Scalar is; a
    /// loop per segment (a composite locates its milestones once per call) instead of a call per epoch.
    Fill: (State -> int -> int -> int -> float[] -> int -> unit) voption
    /// The LRs, momentum and milestone events at any epoch from the state the scheduler was built with.
    At: (State -> int -> struct (GroupValues * GroupValues option * Event list)) voption
    /// Step once per recorded metric in a loop of the kind's own, without a State or Result per step, where the kind
    /// has one (ReduceLROnPlateau): state -> LRs in use -> metrics -> record (called with each step's LRs, checked as
    /// Scheduler.step checks them, and events) -> the state and LRs after the last step. Step's values, bit for bit;
    /// only for kinds that cycle no momentum.
    Simulate:
        (State -> GroupValues -> float[] -> (GroupValues -> Event list -> unit) -> struct (State * GroupValues)) voption
    /// Reads a saved state of this kind (the path names the field in messages).
    ReadState: string -> JsonElement -> State
}

/// Building arguments.
module internal Arg =

    let required name value = {
        Name = name
        Value = value
        Default = ValueNone
    }

    let optional name value fallback = {
        Name = name
        Value = value
        Default = ValueSome fallback
    }

    let functions name (setting: ForGroups<'F>) =
        let boxed =
            match setting with
            | All f -> All(box f)
            | Each fs -> Each(List.map box fs)

        required name (FunctionsArg boxed)

    let children (nodes: Node list) =
        required "schedulers" (ChildrenArg nodes)

/// What several kinds share: a refusal for a state of another kind, node results.
module internal Node =

    let result state lrs momentum events : Result = {
        State = state
        Lrs = lrs
        Momentum = momentum
        Events = events
    }

    let wrongState (kind: string) (state: State) : 'T =
        raise (ArgumentException(sprintf "The state (%A) does not belong to a %s scheduler." state kind, "state"))

    /// The closed form of a kind whose closed form is per group, for every group of the state.
    let atOfScalar (groups: State -> int) (scalar: State -> int -> int -> float) =
        fun (state: State) (e: int) ->
            let f = scalar state
            struct (GroupValues.Own(Array.init (groups state) (fun g -> f g e)), None, [])

    /// Scalar's values written by one loop (see Node.Fill), for a kind without a tighter one.
    let fillOfScalar (scalar: State -> int -> int -> float) =
        fun (state: State) (g: int) (first: int) (count: int) (destination: float[]) (offset: int) ->
            let f = scalar state

            for i in 0 .. count - 1 do
                destination.[offset + i] <- f g (first + i)

    /// The node and every node inside it (composites' children), depth first in construction order.
    let rec descendants (n: Node) : Node list =
        n
        :: (n.Args
            |> List.collect (fun a ->
                match a.Value with
                | ChildrenArg children -> List.collect descendants children
                | _ -> []))
