namespace Schedules.TorchSharp

open System
open System.Globalization
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

    /// Whether the momentum a scheduler cycles is this group's beta1 (Adam family) rather than its momentum.
    let private takesBeta1 (g: Group) =
        match box g with
        | :? torch.optim.IMomentum -> false
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

    /// A double as the messages show it: exact, with the framework's names for NaN and the infinities.
    let show (v: float) =
        v.ToString("R", CultureInfo.InvariantCulture)

    /// The optimizer a param group belongs to, as users name it (TorchSharp nests ParamGroup in the optimizer's class).
    let private optimizerName (g: Group) =
        let t = g.GetType()

        if isNull t.DeclaringType then
            t.Name
        else
            t.DeclaringType.Name

    /// The momentum bounds of every scheduler in the configuration that cycles momentum: kind, setting, values.
    let rec private momentumSettings (config: Config) =
        match config with
        | CyclicLR c when c.CycleMomentum -> [
            Config.kind config, "baseMomentum", c.BaseMomentum
            Config.kind config, "maxMomentum", c.MaxMomentum
          ]
        | OneCycleLR c when c.CycleMomentum -> [
            Config.kind config, "baseMomentum", c.BaseMomentum
            Config.kind config, "maxMomentum", c.MaxMomentum
          ]
        | SequentialLR(children, _)
        | ChainedScheduler children -> List.collect momentumSettings children
        | _ -> []

    /// Refuses, before anything is written, an optimizer that cannot take what the scheduler will write: no groups,
    /// per-group settings of another length, no momentum to cycle, or a momentum bound that would be Adam's
    /// beta1 outside [0, 1).
    let check (scheduler: Scheduler<'M>) (groups: Group[]) =
        if groups.Length = 0 then
            raise (ArgumentException("The optimizer has no param groups to schedule.", "optimizer"))

        Scheduler.checkGroups scheduler groups.Length
        let config = Scheduler.config scheduler

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

            for kind, name, setting in momentumSettings config do
                for i in 0 .. groups.Length - 1 do
                    let v = ForGroups.get i setting

                    if takesBeta1 groups.[i] && not (v >= 0.0 && v < 1.0) then
                        raise (
                            ArgumentException(
                                sprintf
                                    "%s's %s for group %d is %s, but it becomes beta1 of this optimizer (%s), which must be in [0, 1)."
                                    kind
                                    name
                                    i
                                    (show v)
                                    (optimizerName groups.[i]),
                                "scheduler"
                            )
                        )

    /// Writes LRs and, where given, momentum (or beta1), all or nothing: one value per group, every LR and momentum
    /// finite and >= 0, every beta1 in [0, 1), checked before anything is written.
    let write (groups: Group[]) (lrs: GroupValues) (momentum: GroupValues option) =
        let refuse message =
            raise (InvalidOperationException(message + "; nothing was written."))

        let count (noun: string) (values: GroupValues) =
            if values.Count <> groups.Length then
                refuse (
                    sprintf
                        "The optimizer has %d param groups, but got %d %s to write"
                        groups.Length
                        values.Count
                        (if values.Count = 1 then noun else noun + "s")
                )

        count "LR" lrs

        for i in 0 .. groups.Length - 1 do
            if not (Double.IsFinite lrs.[i] && lrs.[i] >= 0.0) then
                refuse (sprintf "The LR of group %d must be a finite number >= 0, but got %s" i (show lrs.[i]))

        match momentum with
        | Some m ->
            count "momentum (or beta1) value" m

            for i in 0 .. groups.Length - 1 do
                if takesBeta1 groups.[i] then
                    if not (m.[i] >= 0.0 && m.[i] < 1.0) then
                        refuse (
                            sprintf
                                "The beta1 of group %d (%s) must be in [0, 1), but got %s"
                                i
                                (optimizerName groups.[i])
                                (show m.[i])
                        )
                elif not (Double.IsFinite m.[i] && m.[i] >= 0.0) then
                    refuse (sprintf "The momentum of group %d must be a finite number >= 0, but got %s" i (show m.[i]))
        | None -> ()

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
