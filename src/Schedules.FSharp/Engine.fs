namespace Schedules

open System
open Schedules.Rules

/// Runs a configuration tree over states. This is the only place that knows how composites thread LRs,
/// momentum and metrics through their children.
module internal Engine =

    /// What one node's transition produced.
    [<Struct>]
    type Result = {
        State: State
        Lrs: GroupValues
        Momentum: GroupValues option
        Events: Event list
    }

    let private result state lrs momentum events = {
        State = state
        Lrs = lrs
        Momentum = momentum
        Events = events
    }

    /// Later momentum wins: it is what the optimizer holds after every child wrote its own.
    let private lastMomentum (earlier: GroupValues option) (later: GroupValues option) =
        match later with
        | Some _ -> later
        | None -> earlier

    let private appendEvents (a: Event list) (b: Event list) =
        if List.isEmpty b then a
        elif List.isEmpty a then b
        else a @ b

    let private wrongState (config: Config) (state: State) : 'T =
        raise (
            ArgumentException(
                sprintf "The state (%A) does not belong to a %s scheduler." state (Config.kind config),
                "state"
            )
        )

    /// Runs `f` over the children in order, each on the LRs the previous one left; the result is a Chained state.
    let private chain (f: Config -> State -> GroupValues -> Result) (children: Config list) (states: State list) lrs =
        let mutable current = lrs
        let mutable momentum = None
        let mutable events = []

        let states =
            List.map2
                (fun child state ->
                    let r = f child state current
                    current <- r.Lrs
                    momentum <- lastMomentum momentum r.Momentum
                    events <- appendEvents events r.Events
                    r.State)
                children
                states

        result (Chained states) current momentum events

    let private oneCycleAt (c: OneCycleLRConfig) (groups: int) (k: int) =
        OneCycleRule.at c (OneCycleRule.phases c) groups k

    /// The PyTorch constructor's effect: capture base LRs (initial_lr is set once per optimizer: the first
    /// scheduler built on it wins, except that OneCycleLR overwrites it) and perform the initial step.
    /// `initial` is the optimizer's initial_lr so far, if any.
    let rec construct (config: Config) (initial: GroupValues option) (lrs: GroupValues) =
        let baseOf () = defaultArg initial lrs

        match config with
        | ReduceLROnPlateau c -> struct (result (Plateau(PlateauRule.initial c)) lrs None [], initial)
        | CosineAnnealingWarmRestarts(t0, _, etaMin) ->
            let b = baseOf ()
            struct (result (WarmRestarts(b, 0, 0.0, t0)) (WarmRestartsRule.lrs etaMin b 0.0 (float t0)) None [], Some b)
        | CyclicLR c ->
            // PyTorch first sets every LR to BaseLr, so initial_lr becomes BaseLr unless one was there already;
            // the initial step computes from that initial_lr, then base_lrs become BaseLr.
            let configured = GroupValues.Own(ForGroups.expand lrs.Count c.BaseLr)
            let b = defaultArg initial configured
            let struct (lrs, momentum) = CyclicRule.at c b 0
            struct (result (Epoch(configured, 0)) lrs momentum [], Some b)
        | OneCycleLR c ->
            let b =
                GroupValues.Own(ForGroups.expand lrs.Count c.MaxLr |> Array.map (fun m -> m / c.DivFactor))

            let struct (lrs, momentum) = oneCycleAt c lrs.Count 0
            struct (result (Epoch(b, 0)) lrs momentum [], Some b)
        | SequentialLR(children, _) ->
            // Every child is built (in order) before the SequentialLR, which then resets the LRs to initial_lr
            // and re-runs only the first child's initial step.
            let mutable ctxInitial = initial
            let mutable current = lrs
            let states = ResizeArray()

            for child in children do
                let struct (r, i) = construct child ctxInitial current
                states.Add r.State
                ctxInitial <- i
                current <- r.Lrs

            let reset = defaultArg ctxInitial lrs
            let first = initialStep children.Head states.[0] reset
            states.[0] <- first.State
            struct (result (Sequential(0, List.ofSeq states)) first.Lrs first.Momentum first.Events, ctxInitial)
        | ChainedScheduler children ->
            let mutable ctxInitial = initial
            let mutable current = lrs
            let mutable momentum = None
            let states = ResizeArray()

            for child in children do
                let struct (r, i) = construct child ctxInitial current
                states.Add r.State
                ctxInitial <- i
                current <- r.Lrs
                momentum <- lastMomentum momentum r.Momentum

            struct (result (Chained(List.ofSeq states)) current momentum [], ctxInitial)
        | _ ->
            let b = baseOf ()
            struct (result (Epoch(b, 0)) (StepRules.recursive config b 0 lrs) None [], Some b)

    /// PyTorch's `_initial_step` on an already built scheduler (what SequentialLR does to its first child).
    and initialStep (config: Config) (state: State) (lrs: GroupValues) : Result =
        match config, state with
        | ReduceLROnPlateau _, _ -> result state lrs None []
        | CosineAnnealingWarmRestarts(t0, _, etaMin), WarmRestarts(b, _, _, _) ->
            result (WarmRestarts(b, 0, 0.0, t0)) (WarmRestartsRule.lrs etaMin b 0.0 (float t0)) None []
        | CyclicLR c, Epoch(b, _) ->
            let struct (lrs, momentum) = CyclicRule.at c b 0
            result (Epoch(b, 0)) lrs momentum []
        | OneCycleLR c, Epoch(b, _) ->
            let struct (lrs, momentum) = oneCycleAt c lrs.Count 0
            result (Epoch(b, 0)) lrs momentum []
        | SequentialLR(children, _), Sequential(_, states) ->
            let first = initialStep children.Head states.Head lrs
            result (Sequential(0, first.State :: states.Tail)) first.Lrs first.Momentum first.Events
        | ChainedScheduler children, Chained states -> chain initialStep children states lrs
        | _, Epoch(b, _) -> result (Epoch(b, 0)) (StepRules.recursive config b 0 lrs) None []
        | _ -> wrongState config state

    /// One ordinary `step()` (with the metric for schedulers that watch one).
    let rec step (config: Config) (state: State) (lrs: GroupValues) (metric: float voption) : Result =
        match config, state with
        | ReduceLROnPlateau c, Plateau s ->
            match metric with
            | ValueSome m ->
                let struct (s, lrs, events) = PlateauRule.step c s lrs m
                result (Plateau s) lrs None events
            | ValueNone -> invalidArg "metric" "ReduceLROnPlateau needs a metric at every step."
        | CosineAnnealingWarmRestarts(_, tMult, etaMin), WarmRestarts(b, e, tCur, tI) ->
            let struct (tCur, tI) = WarmRestartsRule.next tMult tCur tI
            result (WarmRestarts(b, e + 1, tCur, tI)) (WarmRestartsRule.lrs etaMin b tCur (float tI)) None []
        | CyclicLR c, Epoch(b, e) ->
            let struct (lrs, momentum) = CyclicRule.at c b (e + 1)
            result (Epoch(b, e + 1)) lrs momentum []
        | OneCycleLR c, Epoch(b, e) ->
            let struct (lrs, momentum) = oneCycleAt c lrs.Count (e + 1)
            result (Epoch(b, e + 1)) lrs momentum []
        | SequentialLR(children, milestones), Sequential(e, states) ->
            let e = e + 1
            let idx = StepRules.passed milestones e
            let child = List.item idx children
            let childState = List.item idx states

            let r =
                if idx > 0 && List.item (idx - 1) milestones = e then
                    let r = restart child childState lrs metric

                    {
                        r with
                            Events = SchedulerSwitched idx :: r.Events
                    }
                else
                    step child childState lrs metric

            let states = List.mapi (fun i s -> if i = idx then r.State else s) states
            result (Sequential(e, states)) r.Lrs r.Momentum r.Events
        | ChainedScheduler children, Chained states -> chain (fun c s l -> step c s l metric) children states lrs
        | _, Epoch(b, e) -> result (Epoch(b, e + 1)) (StepRules.recursive config b (e + 1) lrs) None []
        | _ -> wrongState config state

    /// What a child does when SequentialLR reaches its milestone (PyTorch 1.13's `step(0)`): a fresh start at
    /// its epoch 0. celldetection's ReduceLROnPlateau receives that 0 as its metric: during its grace period this
    /// observation can neither reduce nor become the best, and it is reproduced exactly. Without a grace period the
    /// 0 would become the best loss and every later loss a bad epoch, so the real metric is passed instead.
    and restart (config: Config) (state: State) (lrs: GroupValues) (metric: float voption) : Result =
        match config, state with
        | ReduceLROnPlateau _, Plateau p when p.WarmupLeft > 0 -> step config state lrs (ValueSome 0.0)
        | ReduceLROnPlateau _, _ -> step config state lrs metric
        | CosineAnnealingWarmRestarts(t0, _, _), WarmRestarts(b, _, _, _) ->
            initialStep config (WarmRestarts(b, 0, 0.0, t0)) lrs
        | (CyclicLR _ | OneCycleLR _), _ -> initialStep config state lrs
        | SequentialLR(children, _), Sequential(_, states) ->
            let first = restart children.Head states.Head lrs metric
            result (Sequential(0, first.State :: states.Tail)) first.Lrs first.Momentum first.Events
        | ChainedScheduler children, Chained states -> chain (fun c s l -> restart c s l metric) children states lrs
        | _, Epoch(b, _) -> result (Epoch(b, 0)) (StepRules.restart config b lrs) None []
        | _ -> wrongState config state

    /// PyTorch's `step(epoch)` with an explicit, possibly fractional epoch: CosineAnnealingWarmRestarts only.
    let stepAt (config: Config) (state: State) (epoch: float) : Result =
        match config, state with
        | CosineAnnealingWarmRestarts(t0, tMult, etaMin), WarmRestarts(b, _, _, _) ->
            if not (Double.IsFinite epoch) || epoch < 0.0 then
                Validate.fail "epoch" epoch "a finite epoch >= 0"

            let struct (tCur, tI) = WarmRestartsRule.at t0 tMult epoch

            result
                (WarmRestarts(b, int (Math.Floor epoch), tCur, tI))
                (WarmRestartsRule.lrs etaMin b tCur (float tI))
                None
                []
        | CosineAnnealingWarmRestarts _, _ -> wrongState config state
        | _ ->
            raise (
                ArgumentException(
                    sprintf
                        "Stepping to an explicit epoch (PyTorch's step(epoch)) is for CosineAnnealingWarmRestarts, whose fractional epochs have a meaning; a %s steps one epoch at a time."
                        (Config.kind config),
                    "scheduler"
                )
            )
