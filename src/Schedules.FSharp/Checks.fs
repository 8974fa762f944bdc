namespace Schedules

open System
open Schedules.Rules

/// Validation of configurations, once, when a scheduler is built (and, for per-group settings, when it first
/// meets the LRs).
module internal Checks =

    let private lambdas param (setting: ForGroups<'F>) =
        for f in ForGroups.values setting do
            Validate.notNull param (box f)

    let rec config (c: Config) =
        match c with
        | LambdaLR ls
        | MultiplicativeLR ls -> lambdas "lrLambda" ls
        | StepLR(stepSize, gamma) ->
            Validate.positiveInt "stepSize" stepSize
            Validate.nonNegative "gamma" gamma
        | MultiStepLR(milestones, gamma) ->
            Validate.notNull "milestones" (box milestones)

            if milestones |> List.exists (fun m -> m < 0) then
                Validate.fail "milestones" milestones "a list of epochs >= 0 (duplicates count twice)"

            Validate.nonNegative "gamma" gamma
        | ConstantLR(factor, totalIters) ->
            Validate.between "factor" 0.0 false 1.0 true factor
            Validate.nonNegativeInt "totalIters" totalIters
        | LinearLR(s, t, total) ->
            Validate.between "startFactor" 0.0 false 1.0 true s
            Validate.between "endFactor" 0.0 true 1.0 true t
            Validate.positiveInt "totalIters" total
        | ExponentialLR gamma -> Validate.nonNegative "gamma" gamma
        | PolynomialLR(total, power) ->
            Validate.positiveInt "totalIters" total
            Validate.nonNegative "power" power
        | CosineAnnealingLR(tMax, etaMin) ->
            Validate.positiveInt "tMax" tMax
            Validate.nonNegative "etaMin" etaMin
        | CosineAnnealingWarmRestarts(t0, tMult, etaMin) ->
            Validate.positiveInt "t0" t0
            Validate.positiveInt "tMult" tMult
            Validate.nonNegative "etaMin" etaMin
        | CyclicLR c ->
            Validate.eachNonNegative "baseLr" c.BaseLr
            Validate.eachNonNegative "maxLr" c.MaxLr
            Validate.positiveInt "stepSizeUp" c.StepSizeUp
            c.StepSizeDown |> Option.iter (Validate.nonNegativeInt "stepSizeDown")
            Validate.positive "gamma" c.Gamma
            c.ScaleFn |> Option.iter (box >> Validate.notNull "scaleFn")
            Validate.eachNonNegative "baseMomentum" c.BaseMomentum
            Validate.eachNonNegative "maxMomentum" c.MaxMomentum
        | OneCycleLR c ->
            Validate.eachNonNegative "maxLr" c.MaxLr
            Validate.positiveInt "totalSteps" c.TotalSteps
            Validate.between "pctStart" 0.0 true 1.0 true c.PctStart
            Validate.positive "divFactor" c.DivFactor
            Validate.positive "finalDivFactor" c.FinalDivFactor
            Validate.eachNonNegative "baseMomentum" c.BaseMomentum
            Validate.eachNonNegative "maxMomentum" c.MaxMomentum

            match OneCycleRule.zeroLengthPhase c with
            | Some phase ->
                raise (
                    ArgumentOutOfRangeException(
                        "pctStart",
                        c.PctStart,
                        sprintf
                            "pctStart %s with totalSteps %d gives phase %d zero length, which a step would divide by; pctStart × totalSteps must not be 1 (nor reach totalSteps in two-phase mode)."
                            (Validate.show c.PctStart)
                            c.TotalSteps
                            (phase + 1)
                    )
                )
            | None -> ()
        | WarmUp(steps, ls) ->
            Validate.positiveInt "steps" steps
            lambdas "lrLambda" ls
        | ReduceLROnPlateau c ->
            Validate.between "factor" 0.0 true 1.0 false c.Factor
            Validate.nonNegativeInt "patience" c.Patience
            Validate.nonNegative "threshold" c.Threshold
            Validate.nonNegativeInt "cooldown" c.Cooldown
            Validate.eachNonNegative "minLr" c.MinLr
            Validate.nonNegative "eps" c.Eps
            Validate.nonNegativeInt "warmup" c.Warmup
        | SequentialLR(children, milestones) ->
            Validate.notNull "schedulers" (box children)
            Validate.notNull "milestones" (box milestones)

            if List.isEmpty children then
                raise (ArgumentException("schedulers must hold at least one scheduler, but is empty.", "schedulers"))

            if List.length milestones <> List.length children - 1 then
                raise (
                    ArgumentException(
                        sprintf
                            "milestones must hold one epoch fewer than schedulers (%d), but holds %d: %s."
                            (List.length children - 1)
                            (List.length milestones)
                            (Validate.show milestones),
                        "milestones"
                    )
                )

            let increasing = milestones |> List.pairwise |> List.forall (fun (a, b) -> a < b)

            if not increasing || milestones |> List.exists (fun m -> m < 1) then
                Validate.fail "milestones" milestones "strictly increasing epochs >= 1"

            List.iter config children
        | ChainedScheduler children ->
            Validate.notNull "schedulers" (box children)

            if List.isEmpty children then
                raise (ArgumentException("schedulers must hold at least one scheduler, but is empty.", "schedulers"))

            List.iter config children

    /// Per-group settings against the number of param groups.
    let rec groups (count: int) (c: Config) =
        match c with
        | LambdaLR ls
        | MultiplicativeLR ls -> Validate.groupsSetting "lrLambda" count ls
        | WarmUp(_, ls) -> Validate.groupsSetting "lrLambda" count ls
        | ReduceLROnPlateau p -> Validate.groupsSetting "minLr" count p.MinLr
        | CyclicLR p ->
            Validate.groupsSetting "baseLr" count p.BaseLr
            Validate.groupsSetting "maxLr" count p.MaxLr
            Validate.groupsSetting "baseMomentum" count p.BaseMomentum
            Validate.groupsSetting "maxMomentum" count p.MaxMomentum
        | OneCycleLR p ->
            Validate.groupsSetting "maxLr" count p.MaxLr
            Validate.groupsSetting "baseMomentum" count p.BaseMomentum
            Validate.groupsSetting "maxMomentum" count p.MaxMomentum
        | SequentialLR(children, _)
        | ChainedScheduler children -> List.iter (groups count) children
        | _ -> ()

    /// The number of param groups a state was started with, where the state records it.
    let rec stateGroups (s: State) =
        match s with
        | Epoch(b, _)
        | WarmRestarts(b, _, _, _) -> Some b.Count
        | Plateau _ -> None
        | Sequential(_, children)
        | Chained children -> List.tryPick stateGroups children

    /// The step count a state has reached (the outermost counter).
    let rec epoch (s: State) =
        match s with
        | Epoch(_, e)
        | WarmRestarts(_, e, _, _)
        | Sequential(e, _) -> e
        | Plateau p -> p.LastEpoch
        | Chained children -> children |> List.map epoch |> List.max
