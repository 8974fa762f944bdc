namespace Schedules.TorchSharp

open System
open System.Runtime.CompilerServices
open TorchSharp
open Schedules

/// The momentum bounds PyTorch keeps in an optimizer's param groups (`base_momentum`, `max_momentum`), as the
/// schedulers bound to it wrote them: a OneCycleLR reads them on every step, so one bound after it that writes other
/// bounds (2.x's CyclicLR, another OneCycleLR) would change its momentum. The shell keeps the last written per
/// optimizer and refuses to step a reader whose bounds are no longer the groups', rather than share state between
/// bound schedulers.
module internal MomentumBounds =

    type private Written = {
        Bounds: ForGroups<float> * ForGroups<float>
        Writer: string
    }

    [<AllowNullLiteral>]
    type private Holder() =
        member val Last: Written option = None with get, set

    let private table = ConditionalWeakTable<torch.optim.Optimizer, Holder>()

    let private holder (optimizer: torch.optim.Optimizer) =
        table.GetValue(optimizer, fun _ -> Holder())

    let private show (setting: ForGroups<float>) =
        match setting with
        | All v -> ParamGroups.show v
        | Each vs -> vs |> List.map ParamGroups.show |> String.concat ", " |> sprintf "[%s]"

    /// Records the bounds a scheduler just bound (not resumed: PyTorch writes them only at last_epoch = -1) wrote.
    let record (optimizer: torch.optim.Optimizer) (scheduler: Scheduler<'M>) =
        match Scheduler.momentumBoundsWritten scheduler with
        | Some bounds ->
            let h = holder optimizer

            lock h (fun () ->
                h.Last <-
                    Some {
                        Bounds = bounds
                        Writer =
                            sprintf
                                "%s (PyTorch %s)"
                                (Config.kind (Scheduler.config scheduler))
                                (PyTorchVersion.name (Scheduler.pytorch scheduler))
                    })
        | None -> ()

    /// Refuses, before a step, a scheduler that reads the bounds when another scheduler bound to the optimizer later
    /// wrote other ones there.
    /// `reads` is Scheduler.readsMomentumBounds, asked once when the scheduler is bound.
    let check (reads: bool) (optimizer: torch.optim.Optimizer) (scheduler: Scheduler<'M>) =
        if reads then
            let h = holder optimizer
            let last = lock h (fun () -> h.Last)
            let own = Scheduler.momentumBoundsWritten scheduler

            match last with
            | Some w when Some w.Bounds <> own ->
                let kind = Config.kind (Scheduler.config scheduler)

                let reader =
                    if kind = "OneCycleLR" then
                        "This OneCycleLR"
                    else
                        sprintf "The OneCycleLR in this %s" kind

                let b, m = w.Bounds

                raise (
                    InvalidOperationException(
                        sprintf
                            "%s reads its momentum bounds from the optimizer's param groups on every step, as PyTorch's does, and a %s bound to the same optimizer after it wrote other bounds there (baseMomentum %s, maxMomentum %s): PyTorch would cycle this OneCycleLR's momentum between those. Bound schedulers share no state, so put both in one ChainedScheduler (or SequentialLR), which reproduces PyTorch's numbers, or set cycleMomentum = false on one of them; nothing was written."
                            reader
                            w.Writer
                            (show b)
                            (show m)
                    )
                )
            | _ -> ()
