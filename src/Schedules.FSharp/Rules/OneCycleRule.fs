namespace Schedules.Rules

open System
open Schedules

/// OneCycleLR: absolute LRs (and momenta) at step k, from phases laid out as PyTorch lays them out.
module internal OneCycleRule =

    /// Which value a phase starts or ends at.
    type Anchor =
        | Initial
        | Peak
        | Floor

    type Phase = {
        EndStep: float
        StartLr: Anchor
        EndLr: Anchor
        /// true: the momentum moves from max to base; false: from base to max (or stays at max).
        StartMomentumMax: bool
        EndMomentumMax: bool
    }

    let phases (c: OneCycleLRConfig) =
        let t = c.TotalSteps

        if c.ThreePhase then
            [|
                {
                    EndStep = c.PctStart * float t - 1.0
                    StartLr = Initial
                    EndLr = Peak
                    StartMomentumMax = true
                    EndMomentumMax = false
                }
                {
                    EndStep = 2.0 * c.PctStart * float t - 2.0
                    StartLr = Peak
                    EndLr = Initial
                    StartMomentumMax = false
                    EndMomentumMax = true
                }
                {
                    EndStep = float (t - 1)
                    StartLr = Initial
                    EndLr = Floor
                    StartMomentumMax = true
                    EndMomentumMax = true
                }
            |]
        else
            [|
                {
                    EndStep = c.PctStart * float t - 1.0
                    StartLr = Initial
                    EndLr = Peak
                    StartMomentumMax = true
                    EndMomentumMax = false
                }
                {
                    EndStep = float (t - 1)
                    StartLr = Peak
                    EndLr = Floor
                    StartMomentumMax = false
                    EndMomentumMax = true
                }
            |]

    /// The phase PyTorch picks at step k (the first whose end is not before k, else the last) and where it starts.
    let pick (ps: Phase[]) (k: int) =
        let mutable i = 0
        let mutable start = 0.0

        while i < ps.Length - 1 && not (float k <= ps.[i].EndStep) do
            start <- ps.[i].EndStep
            i <- i + 1

        struct (ps.[i], start)

    /// A phase that some step in [0, TotalSteps] lands in but that has zero length: PyTorch divides by zero there.
    let zeroLengthPhase (c: OneCycleLRConfig) =
        let ps = phases c

        seq { 0 .. ps.Length - 1 }
        |> Seq.tryFind (fun i ->
            let start = if i = 0 then 0.0 else ps.[i - 1].EndStep

            let previousMax =
                if i = 0 then
                    -1.0
                else
                    ps |> Array.take i |> Array.map _.EndStep |> Array.max

            let lowest = max 0.0 (Math.Floor previousMax + 1.0)

            let highest =
                if i = ps.Length - 1 then
                    float c.TotalSteps
                else
                    min (float c.TotalSteps) (Math.Floor ps.[i].EndStep)

            lowest <= highest && ps.[i].EndStep - start = 0.0)

    let private anneal (strategy: AnnealStrategy) (a: float) (b: float) (pct: float) =
        match strategy with
        | Cos -> b + (a - b) / 2.0 * (Math.Cos(Math.PI * pct) + 1.0)
        | Linear -> (b - a) * pct + a

    /// LRs and momenta at step k (0 ≤ k ≤ TotalSteps; PyTorch accepts k = TotalSteps and refuses beyond).
    let at (c: OneCycleLRConfig) (ps: Phase[]) (groups: int) (k: int) =
        if k > c.TotalSteps then
            raise (
                InvalidOperationException(
                    sprintf
                        "OneCycleLR was stepped %d times, but TotalSteps is %d: a 1cycle schedule ends there. Build it with a larger TotalSteps to train longer."
                        k
                        c.TotalSteps
                )
            )

        let struct (phase, start) = pick ps k
        let pct = (float k - start) / (phase.EndStep - start)
        let maxLrs = ForGroups.expand groups c.MaxLr

        let value anchor i =
            let initial = maxLrs.[i] / c.DivFactor

            match anchor with
            | Initial -> initial
            | Peak -> maxLrs.[i]
            | Floor -> initial / c.FinalDivFactor

        let lrs =
            GroupValues.Own(
                Array.init groups (fun i -> anneal c.AnnealStrategy (value phase.StartLr i) (value phase.EndLr i) pct)
            )

        let momentum =
            if c.CycleMomentum then
                let maxM = ForGroups.expand groups c.MaxMomentum
                let baseM = ForGroups.expand groups c.BaseMomentum
                let pickM isMax i = if isMax then maxM.[i] else baseM.[i]

                Some(
                    GroupValues.Own(
                        Array.init groups (fun i ->
                            anneal c.AnnealStrategy (pickM phase.StartMomentumMax i) (pickM phase.EndMomentumMax i) pct)
                    )
                )
            else
                None

        struct (lrs, momentum)
