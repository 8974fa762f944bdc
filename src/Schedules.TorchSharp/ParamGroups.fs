namespace Schedules.TorchSharp

open System
open TorchSharp
open Schedules

/// Reading and writing a TorchSharp optimizer's param groups: the one place that touches them.
module internal ParamGroups =

    type Group = torch.optim.ILearningRateController

    let ofOptimizer (optimizer: torch.optim.Optimizer) : Group[] =
        if isNull (box optimizer) then
            nullArg "optimizer"

        Seq.toArray optimizer.ParamGroups

    let lrs (groups: Group[]) =
        GroupValues.Of(groups |> Array.map (fun g -> g.LearningRate))

    /// SGD's (and RMSprop's) momentum, or Adam's beta1.
    let canCycleMomentum (g: Group) =
        match box g with
        | :? torch.optim.IMomentum
        | :? torch.optim.IBetas -> true
        | _ -> false

    /// Each group's momentum (or beta1), for a scheduler that cycles it: `check` made sure every group has one.
    let momenta (groups: Group[]) =
        groups
        |> Array.map (fun g ->
            match box g with
            | :? torch.optim.IMomentum as m -> m.Momentum
            | :? torch.optim.IBetas as b ->
                let struct (beta1, _) = b.Betas
                beta1
            | _ -> nan)

    /// Refuses, before anything is written, an optimizer that cannot take what the scheduler will write.
    let check (config: Config) (groups: Group[]) =
        if groups.Length = 0 then
            raise (ArgumentException("The optimizer has no param groups to schedule.", "optimizer"))

        if Config.cyclesMomentum config then
            match groups |> Array.tryFindIndex (canCycleMomentum >> not) with
            | Some i ->
                raise (
                    ArgumentException(
                        sprintf
                            "%s cycles momentum, but param group %d of this optimizer (%s) has neither momentum nor betas; use SGD, RMSprop or an Adam-family optimizer, or set cycleMomentum = false."
                            (Config.kind config)
                            i
                            (groups.[i].GetType().FullName),
                        "optimizer"
                    )
                )
            | None -> ()

    /// Writes LRs and, where given, momentum (or beta1). The values were validated before, so this cannot fail
    /// half-way.
    let write (groups: Group[]) (lrs: GroupValues) (momentum: GroupValues option) =
        for i in 0 .. groups.Length - 1 do
            groups.[i].LearningRate <- lrs.[i]

        match momentum with
        | Some m ->
            for i in 0 .. groups.Length - 1 do
                match box groups.[i] with
                | :? torch.optim.IMomentum as g -> g.Momentum <- m.[i]
                | :? torch.optim.IBetas as g ->
                    let struct (_, beta2) = g.Betas
                    g.Betas <- struct (m.[i], beta2)
                | _ -> ()
        | None -> ()
