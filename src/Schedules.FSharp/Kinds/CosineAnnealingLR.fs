/// <summary>PyTorch's CosineAnnealingLR: LR = etaMin + (base − etaMin)(1 + cos(π·epoch/tMax))/2, stepped
/// recursively as PyTorch does (it keeps oscillating after tMax).</summary>
module Schedules.Kinds.CosineAnnealingLR

open System
open Schedules

/// <summary>PyTorch's default etaMin.</summary>
[<Literal>]
let DefaultEtaMin = 0.0

/// lr ← ratio × (lr − etaMin) + etaMin for every group.
[<System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)>]
let private ratioInto (next: float[]) (lrs: float[]) (etaMin: float) (ratio: float) =
    Arithmetic.fill next (fun i -> ratio * (lrs.[i] - etaMin) + etaMin)

/// lr ← lr + (base − etaMin) × c / 2 for every group (the step out of the trough).
[<System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)>]
let private troughInto (next: float[]) (lrs: float[]) (bases: float[]) (etaMin: float) (c: float) =
    Arithmetic.fill next (fun i -> lrs.[i] + (bases.[i] - etaMin) * c / 2.0)

let internal compile (tMax: int, etaMin: float) : Node =
    let closed (b: float) (e: int) =
        Arithmetic.cosine etaMin b (float e) (float tMax)

    // get_lr after its e = 0 test (1.13's `last_epoch == 0`, 2.x's `_is_initial`): the factor computed once per
    // step, the groups written by a loop that calls nothing (see Arithmetic's note on spilled doubles).
    let rule (b: GroupValues) (e: int) (lrs: GroupValues) =
        let next = Array.zeroCreate lrs.Count

        if (e - 1 - tMax) % (2 * tMax) = 0 then
            // The previous LR sat at the trough, where the ratio below would divide by zero.
            troughInto next lrs.Items b.Items etaMin (1.0 - Math.Cos(Math.PI / float tMax))
        else
            let ratio =
                (1.0 + Math.Cos(Math.PI * float e / float tMax))
                / (1.0 + Math.Cos(Math.PI * float (e - 1) / float tMax))

            ratioInto next lrs.Items etaMin ratio

        GroupValues.Own next

    let node =
        EpochKind.node {
            Kind = "CosineAnnealingLR"
            Args = [
                Arg.required "tMax" (IntArg tMax)
                Arg.optional "etaMin" (FloatArg etaMin) (FloatArg DefaultEtaMin)
            ]
            Validate =
                fun () ->
                    Validate.positiveInt "tMax" tMax
                    Validate.nonNegative "etaMin" etaMin
            CheckGroups = ignore
            Recursive = fun b e lrs -> if e = 0 then lrs else rule b e lrs
            ZeroStep = ValueSome(fun b lrs -> rule b 0 lrs)
            Restart = fun b _ -> Arithmetic.ofBases b (fun b -> closed b 0)
            Scalar = ValueSome(fun b g e -> closed b.[g] e)
        }

    {
        node with
            Fill = EpochKind.fillOf node.Kind (fun b e -> Arithmetic.cosine etaMin b (float e) (float tMax))
    }

let internal parse (r: ArgReader) =
    (r.Int "tMax", r.FloatOr("etaMin", DefaultEtaMin))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "CosineAnnealingLR"
    Formula =
        "lr ← (1 + cos(π e / T)) / (1 + cos(π (e − 1) / T)) × (lr − etaMin) + etaMin; closed form etaMin + (base − etaMin)(1 + cos(π e / T)) / 2. No clamp after T: it rises again."
    Origin = "PyTorch"
    Source = "`CosineAnnealingLR(opt, T_max=15, eta_min=1e-3)`"
    FSharp = "`LRScheduler.CosineAnnealingLR(15, 1e-3)`"
    Differences =
        "T_max 0 is refused; a negative LR (after another scheduler left the LR below etaMin) is refused. As the child a SequentialLR reaches through a milestone of 0 it takes its recursive step at epoch 0 (2.x); with PyTorch1_13 it keeps the LR there."
    Example = """{"kind": "CosineAnnealingLR", "tMax": 15, "etaMin": 1e-3}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
