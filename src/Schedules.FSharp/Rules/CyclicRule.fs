namespace Schedules.Rules

open System
open Schedules

/// CyclicLR: absolute LRs (and momenta) at iteration e.
module internal CyclicRule =

    let private scaleAt (c: CyclicLRConfig) (cycle: int) (e: int) =
        match c.ScaleFn with
        | Some f ->
            let arg =
                match c.ScaleMode with
                | Cycle -> cycle
                | Iterations -> e

            Validate.factor "ScaleFn" arg 0 (f arg)
        | None ->
            match c.Mode with
            | Triangular -> 1.0
            | Triangular2 -> 1.0 / Math.Pow(2.0, float (cycle - 1))
            | ExpRange -> Math.Pow(c.Gamma, float e)

    /// LRs from `bases` (PyTorch's base_lrs), and momenta when cycled, at iteration e.
    let at (c: CyclicLRConfig) (bases: GroupValues) (e: int) =
        let up = float c.StepSizeUp
        let total = up + float (defaultArg c.StepSizeDown c.StepSizeUp)
        let stepRatio = up / total
        let cycle = int (Math.Floor(1.0 + float e / total))
        let x = 1.0 + float e / total - float cycle

        let sf =
            if x <= stepRatio then
                x / stepRatio
            else
                (x - 1.0) / (stepRatio - 1.0)

        let f = scaleAt c cycle e
        let groups = bases.Count
        let maxLrs = ForGroups.expand groups c.MaxLr

        let lrs =
            GroupValues.Own(Array.init groups (fun i -> bases.[i] + (maxLrs.[i] - bases.[i]) * sf * f))

        let momentum =
            if c.CycleMomentum then
                let baseM = ForGroups.expand groups c.BaseMomentum
                let maxM = ForGroups.expand groups c.MaxMomentum
                Some(GroupValues.Own(Array.init groups (fun i -> maxM.[i] - (maxM.[i] - baseM.[i]) * sf * f)))
            else
                None

        struct (lrs, momentum)
