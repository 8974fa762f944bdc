namespace Schedules.Rules

open Schedules

/// ReduceLROnPlateau as PyTorch steps it, with celldetection's grace period around it.
module internal PlateauRule =

    let initial (c: ReduceLROnPlateauConfig) = {
        Best =
            match c.Mode with
            | Min -> infinity
            | Max -> -infinity
        BadEpochs = 0
        CooldownLeft = 0
        WarmupLeft = c.Warmup
        LastEpoch = 0
    }

    /// PyTorch's is_better; every comparison with NaN is false, so NaN never improves.
    let isBetter (c: ReduceLROnPlateauConfig) (a: float) (best: float) =
        match c.Mode, c.ThresholdMode with
        | Min, Rel -> a < best * (1.0 - c.Threshold)
        | Min, Abs -> a < best - c.Threshold
        | Max, Rel -> a > best * (c.Threshold + 1.0)
        | Max, Abs -> a > best + c.Threshold

    /// PyTorch's _reduce_lr: new = max(old × Factor, MinLr); a group changes only when old − new > Eps.
    let reduce (c: ReduceLROnPlateauConfig) (lrs: GroupValues) =
        let mutable events = []
        let result = Array.copy lrs.Items

        for i in lrs.Count - 1 .. -1 .. 0 do
            let old = lrs.[i]
            let scaled = old * c.Factor
            let minLr = ForGroups.get i c.MinLr
            // Python's max(a, b) keeps a unless b > a.
            let fresh = if minLr > scaled then minLr else scaled

            if old - fresh > c.Eps then
                result.[i] <- fresh
                events <- LrReduced(i, old, fresh) :: events

        if List.isEmpty events then
            struct (lrs, events)
        else
            struct (GroupValues.Own result, events)

    let step (c: ReduceLROnPlateauConfig) (s: PlateauState) (lrs: GroupValues) (metric: float) =
        let inWarmup = s.WarmupLeft > 0

        let best, bad =
            if isBetter c metric s.Best then
                metric, 0
            else
                s.Best, s.BadEpochs + 1

        let cooldown, bad =
            if s.CooldownLeft > 0 then
                s.CooldownLeft - 1, 0
            else
                s.CooldownLeft, bad

        let struct (lrs, events, cooldown, bad) =
            if bad > c.Patience then
                let struct (reduced, events) = reduce c lrs
                struct (reduced, events, c.Cooldown, 0)
            else
                struct (lrs, [], cooldown, bad)

        let state =
            if inWarmup then
                {
                    Best = s.Best
                    BadEpochs = 0
                    CooldownLeft = cooldown
                    WarmupLeft = s.WarmupLeft - 1
                    LastEpoch = s.LastEpoch + 1
                }
            else
                {
                    Best = best
                    BadEpochs = bad
                    CooldownLeft = cooldown
                    WarmupLeft = 0
                    LastEpoch = s.LastEpoch + 1
                }

        struct (state, lrs, events)
