namespace Schedules.Rules

open System
open Schedules

/// Closed forms: the LRs at any epoch from the base LRs alone, in O(1) (O(log e) for warm restarts), for the
/// schedulers that have one. PyTorch's own closed forms differ from its recursive rules by a few ulps; where the
/// scheduler is absolute (LambdaLR, WarmUp, CyclicLR, OneCycleLR, CosineAnnealingWarmRestarts) they are exact.
module internal ClosedForm =

    /// Integer epochs of SGDR, without PyTorch's log rounding (which only its step(epoch) path has); the period
    /// is returned as a float, since near step 2^31 it can outgrow an int.
    let private warmRestart (t0: int) (tMult: int) (e: int) =
        if tMult = 1 then
            struct (float (e % t0), float t0)
        else
            let mutable start = 0L
            let mutable length = int64 t0

            while int64 e >= start + length do
                start <- start + length
                length <- length * int64 tMult

            struct (float (int64 e - start), float length)

    /// Whether every part of the configuration has a closed form.
    let rec exists (config: Config) =
        match config with
        | MultiplicativeLR _
        | ReduceLROnPlateau _
        | ChainedScheduler _ -> false
        | SequentialLR(children, _) -> List.forall exists children
        | _ -> true

    /// StepRules.passed for a sorted array, by binary search (previews evaluate it at every step).
    let private passedSorted (sorted: int[]) (e: int) =
        let mutable lo = 0
        let mutable hi = sorted.Length

        while lo < hi do
            let mid = (lo + hi) / 2
            if sorted.[mid] <= e then lo <- mid + 1 else hi <- mid

        lo

    /// One group's LR at epoch e (group -> epoch -> LR), for the schedulers whose closed form is per group:
    /// everything with a closed form but CyclicLR and OneCycleLR, which also give momentum.
    let rec scalar (config: Config) (initial: State) : (int -> int -> float) voption =
        match config, initial with
        | LambdaLR ls, Epoch(b, _) ->
            ValueSome(fun g e -> b.[g] * Validate.factor "LrLambda" e g ((ForGroups.get g ls) e))
        | WarmUp(steps, ls), Epoch(b, _) ->
            ValueSome(fun g e ->
                let k = min e steps
                b.[g] * Validate.factor "LrLambda" k g ((ForGroups.get g ls) k steps))
        | StepLR(size, gamma), Epoch(b, _) -> ValueSome(fun g e -> b.[g] * Math.Pow(gamma, float (e / size)))
        | MultiStepLR(ms, gamma), Epoch(b, _) ->
            let sorted = Array.sort (Array.ofList ms)
            ValueSome(fun g e -> b.[g] * Math.Pow(gamma, float (passedSorted sorted e)))
        | ConstantLR(factor, total), Epoch(b, _) ->
            ValueSome(fun g e ->
                let reached = if e >= total then 1.0 else 0.0
                b.[g] * (factor + reached * (1.0 - factor)))
        | LinearLR(s, t, total), Epoch(b, _) ->
            ValueSome(fun g e -> b.[g] * (s + (t - s) * float (min total e) / float total))
        | ExponentialLR gamma, Epoch(b, _) -> ValueSome(fun g e -> b.[g] * Math.Pow(gamma, float e))
        | PolynomialLR(total, power), Epoch(b, _) ->
            ValueSome(fun g e -> b.[g] * Math.Pow(1.0 - float (min total e) / float total, power))
        | CosineAnnealingLR(tMax, etaMin), Epoch(b, _) ->
            ValueSome(fun g e ->
                etaMin
                + (b.[g] - etaMin) * (1.0 + Math.Cos(Math.PI * float e / float tMax)) / 2.0)
        | CosineAnnealingWarmRestarts(t0, tMult, etaMin), WarmRestarts(b, _, _, _) ->
            ValueSome(fun g e ->
                let struct (tCur, tI) = warmRestart t0 tMult e
                WarmRestartsRule.lr etaMin b.[g] tCur tI)
        | SequentialLR(children, milestones), Sequential(_, states) ->
            let parts = List.map2 scalar children states

            if parts |> List.forall (fun p -> p.IsSome) then
                let fs = parts |> List.map (fun p -> p.Value) |> Array.ofList
                let ms = Array.ofList milestones

                ValueSome(fun g e ->
                    let idx = passedSorted ms e
                    let start = if idx = 0 then 0 else ms.[idx - 1]
                    fs.[idx] g (e - start))
            else
                ValueNone
        | _ -> ValueNone

    let private groupsOf (initial: State) =
        let rec find s =
            match s with
            | Epoch(b, _)
            | WarmRestarts(b, _, _, _) -> Some b.Count
            | Sequential(_, children)
            | Chained children -> List.tryPick find children
            | Plateau _ -> None

        defaultArg (find initial) 0

    /// The LRs (and momentum) at epoch e, from the state the scheduler was built with.
    let rec at (config: Config) (initial: State) (e: int) : struct (GroupValues * GroupValues option * Event list) =
        match config, initial with
        | CyclicLR c, Epoch(b, _) ->
            let struct (lrs, momentum) = CyclicRule.at c b e
            struct (lrs, momentum, [])
        | OneCycleLR c, Epoch(b, _) ->
            let struct (lrs, momentum) = OneCycleRule.at c (OneCycleRule.phases c) b.Count e
            struct (lrs, momentum, [])
        | SequentialLR(children, milestones), Sequential(_, states) ->
            let idx = StepRules.passed milestones e
            let start = if idx = 0 then 0 else List.item (idx - 1) milestones

            let struct (lrs, momentum, events) =
                at (List.item idx children) (List.item idx states) (e - start)

            let events =
                if idx > 0 && e = start then
                    SchedulerSwitched idx :: events
                else
                    events

            struct (lrs, momentum, events)
        | _ ->
            match scalar config initial with
            | ValueSome f -> struct (GroupValues.Own(Array.init (groupsOf initial) (fun g -> f g e)), None, [])
            | ValueNone -> invalidOp (sprintf "%s has no closed form." (Config.kind config))
