namespace Schedules.Rules

open System
open Schedules

/// The step-based schedulers' rules, each written in PyTorch's evaluation order (Python's `**` is `Math.Pow`,
/// `a * b / c` is `(a * b) / c`). A rule returns the very array it was given when no LR changes, so a step that
/// changes nothing allocates nothing.
module internal StepRules =

    let inline private same (lrs: GroupValues) = lrs

    let private scale (lrs: GroupValues) (f: float) =
        GroupValues.Own(Array.map (fun (lr: float) -> lr * f) lrs.Items)

    let private lambdaName = "LrLambda"

    /// Python's bisect_right over milestones: how many are at or before epoch e (duplicates count).
    let passed (milestones: int list) (e: int) =
        milestones |> List.sumBy (fun m -> if m <= e then 1 else 0)

    /// PyTorch's `get_lr` at epoch `e`, the recursive (chainable) rule. `initial` is true for the constructor's
    /// initial step (and SequentialLR's re-run of it), where e = 0.
    let recursive (config: Config) (baseLrs: GroupValues) (e: int) (lrs: GroupValues) : GroupValues =
        match config with
        | LambdaLR lambdas ->
            GroupValues.Own(
                Array.init baseLrs.Count (fun i ->
                    baseLrs.[i] * Validate.factor lambdaName e i ((ForGroups.get i lambdas) e))
            )
        | MultiplicativeLR lambdas ->
            if e > 0 then
                GroupValues.Own(
                    Array.init lrs.Count (fun i ->
                        lrs.[i] * Validate.factor lambdaName e i ((ForGroups.get i lambdas) e))
                )
            else
                same lrs
        | StepLR(stepSize, gamma) ->
            if e = 0 || e % stepSize <> 0 then
                same lrs
            else
                scale lrs gamma
        | MultiStepLR(milestones, gamma) ->
            let count = milestones |> List.sumBy (fun m -> if m = e then 1 else 0)

            if count = 0 then
                same lrs
            else
                scale lrs (Math.Pow(gamma, float count))
        | ConstantLR(factor, totalIters) ->
            if e = 0 then scale lrs factor
            elif e <> totalIters then same lrs
            else scale lrs (1.0 / factor)
        | LinearLR(s, t, total) ->
            if e = 0 then
                scale lrs s
            elif e > total then
                same lrs
            else
                scale lrs (1.0 + (t - s) / (float total * s + float (e - 1) * (t - s)))
        | ExponentialLR gamma -> if e = 0 then same lrs else scale lrs gamma
        | PolynomialLR(total, power) ->
            if e = 0 || e > total then
                same lrs
            else
                let decay =
                    Math.Pow((1.0 - float e / float total) / (1.0 - float (e - 1) / float total), power)

                scale lrs decay
        | CosineAnnealingLR(tMax, etaMin) ->
            if e = 0 then
                same lrs
            elif (e - 1 - tMax) % (2 * tMax) = 0 then
                // The previous LR sat at the trough, where the ratio below would divide by zero.
                let c = 1.0 - Math.Cos(Math.PI / float tMax)
                GroupValues.Own(Array.init lrs.Count (fun i -> lrs.[i] + (baseLrs.[i] - etaMin) * c / 2.0))
            else
                let ratio =
                    (1.0 + Math.Cos(Math.PI * float e / float tMax))
                    / (1.0 + Math.Cos(Math.PI * float (e - 1) / float tMax))

                GroupValues.Own(Array.map (fun (lr: float) -> ratio * (lr - etaMin) + etaMin) lrs.Items)
        | WarmUp(steps, lambdas) ->
            if e <= steps then
                GroupValues.Own(
                    Array.init baseLrs.Count (fun i ->
                        baseLrs.[i] * Validate.factor lambdaName e i ((ForGroups.get i lambdas) e steps))
                )
            else
                same lrs
        | _ -> invalidOp (sprintf "%s has no step rule here" (Config.kind config))

    /// The LRs at a SequentialLR milestone, where PyTorch 1.13 calls `step(0)`: the closed form at epoch 0 where
    /// the class has one, otherwise its `get_lr` at epoch 0 (MultiplicativeLR then keeps the LRs it is given).
    let restart (config: Config) (baseLrs: GroupValues) (lrs: GroupValues) : GroupValues =
        let closed (f: float -> float) =
            GroupValues.Own(Array.map f baseLrs.Items)

        match config with
        | StepLR(_, gamma) -> closed (fun b -> b * Math.Pow(gamma, 0.0))
        | MultiStepLR(milestones, gamma) -> closed (fun b -> b * Math.Pow(gamma, float (passed milestones 0)))
        | ConstantLR(factor, totalIters) ->
            let reached = if 0 >= totalIters then 1.0 else 0.0
            closed (fun b -> b * (factor + reached * (1.0 - factor)))
        | LinearLR(s, t, total) -> closed (fun b -> b * (s + (t - s) * float (min total 0) / float total))
        | ExponentialLR gamma -> closed (fun b -> b * Math.Pow(gamma, 0.0))
        | PolynomialLR(total, power) -> closed (fun b -> b * Math.Pow(1.0 - float (min total 0) / float total, power))
        | CosineAnnealingLR(tMax, etaMin) ->
            closed (fun b -> etaMin + (b - etaMin) * (1.0 + Math.Cos(Math.PI * 0.0 / float tMax)) / 2.0)
        | _ -> recursive config baseLrs 0 lrs
