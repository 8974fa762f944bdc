namespace Schedules

/// <summary>The counters of ReduceLROnPlateau, named for what they count. A value (a struct), held inside its
/// <c>State</c>, so a step that changes no LR allocates nothing.</summary>
[<Struct>]
type PlateauState = {
    /// <summary>The best metric seen so far (+∞ in Min mode, −∞ in Max mode before the first).</summary>
    Best: float
    /// <summary>Consecutive observations that did not improve on Best (PyTorch's num_bad_epochs).</summary>
    BadEpochs: int
    /// <summary>Observations left in the cooldown after a reduction (PyTorch's cooldown_counter).</summary>
    CooldownLeft: int
    /// <summary>Observations left in the seed's grace period (celldetection's warmup_counter).</summary>
    WarmupLeft: int
    /// <summary>How many observations have been made (PyTorch's last_epoch).</summary>
    LastEpoch: int
}

/// <summary>One named value of a family kind's state (see <c>State.Fields</c>).</summary>
type FieldValue =
    /// <summary>A real number (a best metric, a scale).</summary>
    | Real of float
    /// <summary>A counter (bad evaluations, cooldown left, steps seen).</summary>
    | Counter of int
    /// <summary>One value per param group (base LRs, LRs before noise), or a short series (a metric window).</summary>
    | PerGroup of GroupValues

/// <summary>
/// The whole state of a scheduler between two steps: immutable, comparable bit for bit, and together with the
/// LRs currently applied all a transition needs. Composites hold their children's states in order. A value (a
/// struct union whose cases share their common fields), so a step that changes no LR builds no object; its default
/// value is no state (<c>Scheduler.step</c> refuses it): start one with <c>Scheduler.init</c>.
/// </summary>
[<Struct>]
type State =
    /// <summary>A step-based scheduler: the base LRs it captured (PyTorch's base_lrs) and its epoch counter
    /// (PyTorch's last_epoch: the epoch whose LRs are applied).</summary>
    | Epoch of BaseLrs: GroupValues * LastEpoch: int
    /// <summary>CosineAnnealingWarmRestarts: base LRs, epoch counter, position in the period (T_cur) and its
    /// length (T_i).</summary>
    | WarmRestarts of BaseLrs: GroupValues * LastEpoch: int * TCur: float * TI: int
    /// <summary>ReduceLROnPlateau's counters.</summary>
    | Plateau of Counters: PlateauState
    /// <summary>SequentialLR: its own epoch counter and every child's state.</summary>
    | Sequential of LastEpoch: int * Schedulers: State list
    /// <summary>ChainedScheduler: every child's state.</summary>
    | Chained of Schedulers: State list
    /// <summary>The state of a family's stateful kind (Hugging Face's GreedyLR, optax's and Keras' plateau rules,
    /// ...): its counters under the names its source gives them, in a fixed order. A <c>PerGroup</c> field named
    /// <c>baseLrs</c> records the param groups.</summary>
    | Fields of Kind: string * Values: (string * FieldValue) list

/// <summary>Facts about states.</summary>
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module State =

    /// <summary>The number of param groups the state was started with, where the state records it (a lone
    /// ReduceLROnPlateau does not).</summary>
    [<CompiledName("GroupCount")>]
    let rec groupCount (state: State) =
        match state with
        | Epoch(b, _)
        | WarmRestarts(b, _, _, _) -> Some b.Count
        | Plateau _ -> None
        | Sequential(_, children)
        | Chained children -> List.tryPick groupCount children
        | Fields(_, values) ->
            values
            |> List.tryPick (fun (name, v) ->
                match v with
                | PerGroup g when name = "baseLrs" -> Some g.Count
                | _ -> None)

    /// <summary>Every number of param groups the state records, each with the path of the field that records it as
    /// <c>Checkpoint.save</c> writes it under <c>state</c> (<c>"baseLrs"</c>, <c>"schedulers[1].baseLrs"</c>), in the
    /// order of the children. A state a run produced records one number everywhere; one read from a file may not.
    /// Empty for a lone ReduceLROnPlateau.</summary>
    [<CompiledName("GroupCounts")>]
    let groupCounts (state: State) : (string * int) list =
        let rec counts (prefix: string) state =
            match state with
            | Epoch(b, _)
            | WarmRestarts(b, _, _, _) -> [ prefix + "baseLrs", b.Count ]
            | Plateau _ -> []
            | Fields _ ->
                groupCount state
                |> Option.map (fun n -> [ prefix + "baseLrs", n ])
                |> Option.defaultValue []
            | Sequential(_, children)
            | Chained children ->
                children
                |> List.mapi (fun i child -> counts (sprintf "%sschedulers[%d]." prefix i) child)
                |> List.concat

        counts "" state

    /// The group count as groupCount, without an option: -1 where the state records none.
    let rec internal groupCountOrNone (state: State) =
        match state with
        | Epoch(b, _)
        | WarmRestarts(b, _, _, _) -> b.Count
        | Plateau _ -> -1
        | Sequential(_, children)
        | Chained children -> firstCount children
        | Fields _ -> defaultArg (groupCount state) -1

    and private firstCount (children: State list) =
        match children with
        | [] -> -1
        | child :: rest ->
            let n = groupCountOrNone child
            if n >= 0 then n else firstCount rest

    let internal refusedDefault (param: string) : 'T =
        raise (
            System.ArgumentException(
                sprintf
                    "%s is the default value of State, which no scheduler produced: start a state with Scheduler.init (or load one with Checkpoint.load)."
                    param,
                param
            )
        )

    /// Refuses State's default value (an Epoch without base LRs), which no scheduler produces, naming the parameter.
    let internal refuseDefault (param: string) (state: State) =
        match state with
        | Epoch(b, _) when isNull (box b) -> refusedDefault param
        | _ -> ()

    /// What a step checks first, in one match on the caller's value (no copy of the state): refuses the default
    /// state, and gives groupCountOrNone.
    let inline internal checkedGroupCount (param: string) (state: State) =
        match state with
        | Epoch(b, _) -> if isNull (box b) then refusedDefault param else b.Count
        | Plateau _ -> -1
        | _ -> groupCountOrNone state

    /// <summary>How many transitions the state has seen (its outermost epoch counter).</summary>
    [<CompiledName("Epoch")>]
    let rec epoch (state: State) =
        match state with
        | Epoch(_, e)
        | WarmRestarts(_, e, _, _)
        | Sequential(e, _) -> e
        | Plateau p -> p.LastEpoch
        | Chained children -> children |> List.map epoch |> List.max
        | Fields(_, values) ->
            values
            |> List.tryPick (fun (name, v) ->
                match v with
                | Counter e when name = "lastEpoch" -> Some e
                | _ -> None)
            |> Option.defaultValue 0

/// <summary>Something a step did that a training loop may want to log: data, never printed by the library.</summary>
type Event =
    /// <summary>ReduceLROnPlateau lowered the LR of param group Group from OldLr to NewLr.</summary>
    | LrReduced of Group: int * OldLr: float * NewLr: float
    /// <summary>SequentialLR reached a milestone: child Index (0-based) takes over, restarted at its epoch 0.</summary>
    | SchedulerSwitched of Index: int

/// <summary>What a transition hands back beside the new state.</summary>
[<Struct>]
type Output = {
    /// <summary>The LRs to apply, one per param group.</summary>
    Lrs: GroupValues
    /// <summary>The momentum (SGD) or beta1 (Adam) to apply, where a scheduler cycles it; None otherwise.</summary>
    Momentum: GroupValues option
    /// <summary>What happened in this step, in order.</summary>
    Events: Event list
}

/// <summary>
/// What a transition observes: the LRs currently applied (PyTorch's chainable rules read them from the optimizer,
/// and a user's manual change is honoured), and the metric for schedulers that watch one. <c>'Metric</c> is
/// <c>unit</c> for step-based schedulers and <c>float</c> for metric-driven ones. A value (a struct), so a training
/// loop's step builds no object for it.
/// </summary>
[<Struct>]
type Observation<'Metric> = {
    /// <summary>The LRs currently applied, one per param group.</summary>
    Lrs: GroupValues
    /// <summary>The metric (a validation loss, an accuracy), or unit.</summary>
    Metric: 'Metric
}

/// <summary>Building observations.</summary>
[<RequireQualifiedAccess>]
module Observation =

    /// <summary>An observation for a step-based scheduler.</summary>
    [<CompiledName("OfLrs")>]
    let ofLrs (lrs: GroupValues) : Observation<unit> = { Lrs = lrs; Metric = () }

    /// <summary>An observation of the LRs and the metric (a <c>float</c> for a scheduler that watches one).</summary>
    [<CompiledName("Create")>]
    let create (lrs: GroupValues) (metric: 'Metric) : Observation<'Metric> = { Lrs = lrs; Metric = metric }
