namespace Schedules.Kinds

open Schedules

/// <summary>
/// What a step-based kind with PyTorch's recursive <c>get_lr</c> says about itself; <c>EpochKind.node</c> makes a
/// node of it. Its state is <c>Epoch(baseLrs, lastEpoch)</c>: base LRs captured when built (initial_lr) and the epoch
/// whose LRs are applied.
/// </summary>
[<NoEquality; NoComparison>]
type internal EpochRule = {
    Kind: string
    Args: Arg list
    Validate: unit -> unit
    CheckGroups: int -> unit
    /// PyTorch's get_lr at epoch e: base LRs -> e -> LRs in use -> LRs (the very array given when nothing changes).
    Recursive: GroupValues -> int -> GroupValues -> GroupValues
    /// PyTorch 2.x's normal step to epoch 0 (see Node.Undone), where its `_is_initial` test makes it differ from
    /// the initial step (1.13's `last_epoch == 0` test keeps the LRs there): base LRs -> LRs in use -> LRs.
    /// ValueNone: the same as the initial step.
    ZeroStep: (GroupValues -> GroupValues -> GroupValues) voption
    /// The LRs at a SequentialLR milestone, where PyTorch 1.13 calls step(0): base LRs -> LRs in use -> LRs.
    Restart: GroupValues -> GroupValues -> GroupValues
    /// One group's LR at any epoch from the base LRs, where the kind has a closed form: bases -> group -> epoch -> LR.
    Scalar: (GroupValues -> int -> int -> float) voption
}

/// Nodes of step-based kinds with an Epoch state.
module internal EpochKind =

    let bases (kind: string) (state: State) =
        match state with
        | Epoch(b, _) -> b
        | _ -> Node.wrongState kind state

    /// A Node.Fill from a closed form of one base LR (base -> epoch -> LR): the group's base read once, the closed
    /// form inlined into the loop where it is a lambda.
    let inline fillOf (kind: string) ([<InlineIfLambda>] lr: float -> int -> float) =
        ValueSome(fun state (g: int) (first: int) (count: int) (destination: float[]) (offset: int) ->
            let b = (bases kind state).[g]

            for i in 0 .. count - 1 do
                destination.[offset + i] <- lr b (first + i))

    let node (r: EpochRule) : Node =
        let scalar =
            r.Scalar |> ValueOption.map (fun f -> fun state -> f (bases r.Kind state))

        {
            Kind = r.Kind
            Args = r.Args
            Validate = r.Validate
            WatchesMetric = false
            CyclesMomentum = false
            CheckGroups = r.CheckGroups
            Start =
                fun initial lrs ->
                    let b = defaultArg initial lrs
                    struct (Node.result (Epoch(b, 0)) (r.Recursive b 0 lrs) None [], Some b)
            InitialStep =
                fun state lrs ->
                    let b = bases r.Kind state
                    Node.result (Epoch(b, 0)) (r.Recursive b 0 lrs) None []
            Undone =
                fun state lrs ->
                    let b = bases r.Kind state

                    let lrs =
                        match r.ZeroStep with
                        | ValueSome f -> f b lrs
                        | ValueNone -> r.Recursive b 0 lrs

                    Node.result (Epoch(b, 0)) lrs None []
            Step =
                fun state lrs _ ->
                    match state with
                    | Epoch(b, e) ->
                        let e = Arithmetic.next r.Kind e
                        Node.result (Epoch(b, e)) (r.Recursive b e lrs) None []
                    | _ -> Node.wrongState r.Kind state
            Restart =
                fun state lrs _ ->
                    let b = bases r.Kind state
                    Node.result (Epoch(b, 0)) (r.Restart b lrs) None []
            StepAt = ValueNone
            Scalar = scalar
            // The rule's closed form called with all its arguments: no partial application per epoch.
            Fill =
                r.Scalar
                |> ValueOption.map (fun f ->
                    fun state g first count (destination: float[]) offset ->
                        let b = bases r.Kind state

                        for i in 0 .. count - 1 do
                            destination.[offset + i] <- f b g (first + i))
            At = scalar |> ValueOption.map (Node.atOfScalar (fun s -> (bases r.Kind s).Count))
            Simulate = ValueNone
            ReadState = Json.readEpoch
        }
