namespace Schedules.Rules

open System
open Schedules

/// Closed forms: the LRs at any epoch from the base LRs alone, in O(1) (O(log e) for warm restarts), for the
/// schedulers that have one. PyTorch's own closed forms differ from its recursive rules by a few ulps; where the
/// scheduler is absolute (LambdaLR, WarmUp, CyclicLR, OneCycleLR, CosineAnnealingWarmRestarts) they are exact.
module internal ClosedForm =

    let private scaled (baseLrs: GroupValues) (f: float -> float) =
        GroupValues.Own(Array.map f baseLrs.Items)

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

    /// The LRs (and momentum) at epoch e, from the state the scheduler was built with.
    let rec at (config: Config) (initial: State) (e: int) : struct (GroupValues * GroupValues option * Event list) =
        let plain lrs = struct (lrs, None, [])

        match config, initial with
        | LambdaLR ls, Epoch(b, _) ->
            plain (
                GroupValues.Own(
                    Array.init b.Count (fun i -> b.[i] * Validate.factor "LrLambda" e i ((ForGroups.get i ls) e))
                )
            )
        | WarmUp(steps, ls), Epoch(b, _) ->
            let k = min e steps

            plain (
                GroupValues.Own(
                    Array.init b.Count (fun i -> b.[i] * Validate.factor "LrLambda" k i ((ForGroups.get i ls) k steps))
                )
            )
        | StepLR(size, gamma), Epoch(b, _) -> plain (scaled b (fun x -> x * Math.Pow(gamma, float (e / size))))
        | MultiStepLR(ms, gamma), Epoch(b, _) ->
            let passed = ms |> List.sumBy (fun m -> if m <= e then 1 else 0)
            plain (scaled b (fun x -> x * Math.Pow(gamma, float passed)))
        | ConstantLR(factor, total), Epoch(b, _) ->
            let reached = if e >= total then 1.0 else 0.0
            plain (scaled b (fun x -> x * (factor + reached * (1.0 - factor))))
        | LinearLR(s, t, total), Epoch(b, _) ->
            plain (scaled b (fun x -> x * (s + (t - s) * float (min total e) / float total)))
        | ExponentialLR gamma, Epoch(b, _) -> plain (scaled b (fun x -> x * Math.Pow(gamma, float e)))
        | PolynomialLR(total, power), Epoch(b, _) ->
            plain (scaled b (fun x -> x * Math.Pow(1.0 - float (min total e) / float total, power)))
        | CosineAnnealingLR(tMax, etaMin), Epoch(b, _) ->
            plain (scaled b (fun x -> etaMin + (x - etaMin) * (1.0 + Math.Cos(Math.PI * float e / float tMax)) / 2.0))
        | CosineAnnealingWarmRestarts(t0, tMult, etaMin), WarmRestarts(b, _, _, _) ->
            let struct (tCur, tI) = warmRestart t0 tMult e
            plain (WarmRestartsRule.lrs etaMin b tCur tI)
        | CyclicLR c, Epoch(b, _) ->
            let struct (lrs, momentum) = CyclicRule.at c b e
            struct (lrs, momentum, [])
        | OneCycleLR c, Epoch(b, _) ->
            let struct (lrs, momentum) = OneCycleRule.at c (OneCycleRule.phases c) b.Count e
            struct (lrs, momentum, [])
        | SequentialLR(children, milestones), Sequential(_, states) ->
            let idx = milestones |> List.sumBy (fun m -> if m <= e then 1 else 0)
            let start = if idx = 0 then 0 else List.item (idx - 1) milestones

            let struct (lrs, momentum, events) =
                at (List.item idx children) (List.item idx states) (e - start)

            let events =
                if idx > 0 && e = start then
                    SchedulerSwitched idx :: events
                else
                    events

            struct (lrs, momentum, events)
        | _ -> invalidOp (sprintf "%s has no closed form." (Config.kind config))
