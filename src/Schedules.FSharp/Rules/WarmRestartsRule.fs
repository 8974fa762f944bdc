namespace Schedules.Rules

open System
open Schedules

/// CosineAnnealingWarmRestarts (SGDR): absolute LRs from the position T_cur in a period of length T_i.
module internal WarmRestartsRule =

    /// One group's LR at position tCur of a period of length tI.
    let lr (etaMin: float) (baseLr: float) (tCur: float) (tI: float) =
        etaMin + (baseLr - etaMin) * (1.0 + Math.Cos(Math.PI * tCur / tI)) / 2.0

    let lrs (etaMin: float) (baseLrs: GroupValues) (tCur: float) (tI: float) =
        GroupValues.Own(Array.map (fun (b: float) -> lr etaMin b tCur tI) baseLrs.Items)

    /// One `step()`: T_cur advances by one and wraps (with the period growing by T_mult) when it reaches T_i.
    let next (tMult: int) (tCur: float) (tI: int) =
        let tCur = tCur + 1.0

        if tCur >= float tI then
            struct (tCur - float tI, tI * tMult)
        else
            struct (tCur, tI)

    /// `step(epoch)` with an explicit, possibly fractional epoch, as PyTorch computes it (including its
    /// `int(log(...))` rounding at exact restart points).
    let at (t0: int) (tMult: int) (epoch: float) =
        if epoch >= float t0 then
            if tMult = 1 then
                struct (epoch % float t0, t0)
            else
                let n =
                    int (Math.Log(epoch / float t0 * float (tMult - 1) + 1.0) / Math.Log(float tMult))

                let tMultN = Math.Pow(float tMult, float n)
                struct (epoch - float t0 * (tMultN - 1.0) / float (tMult - 1), t0 * int tMultN)
        else
            struct (epoch, t0)
