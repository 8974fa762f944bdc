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

    /// A double as the messages show it: exact, with the framework's names for NaN and the infinities.
    let show (v: float) =
        v.ToString("R", CultureInfo.InvariantCulture)

    /// The field as messages name it.
    let noun (field: Hyperparameter) =
        match field with
        | Hyperparameter.LearningRate -> "LR"
        | Hyperparameter.WeightDecay -> "weight decay"
        | Hyperparameter.Momentum -> "momentum"
        | Hyperparameter.Beta1 -> "beta1"
        | Hyperparameter.Beta2 -> "beta2"

    /// The field by PyTorch's name for it, as the shell checkpoint records it.
    let key (field: Hyperparameter) =
        match field with
        | Hyperparameter.LearningRate -> "lr"
        | Hyperparameter.WeightDecay -> "weight_decay"
        | Hyperparameter.Momentum -> "momentum"
        | Hyperparameter.Beta1 -> "beta1"
        | Hyperparameter.Beta2 -> "beta2"

    let ofKey (key': string) =
        [
            Hyperparameter.LearningRate
            Hyperparameter.WeightDecay
            Hyperparameter.Momentum
            Hyperparameter.Beta1
            Hyperparameter.Beta2
        ]
        |> List.tryFind (fun f -> key f = key')

    /// The values a field may take: LR and weight decay finite and >= 0, momentum and betas in [0, 1).
    /// Whether a value is allowed in the field, and what is allowed, in words.
    let private isAllowed (field: Hyperparameter) (v: float) =
        match field with
        | Hyperparameter.LearningRate
        | Hyperparameter.WeightDecay -> Double.IsFinite v && v >= 0.0
        | Hyperparameter.Momentum
        | Hyperparameter.Beta1
        | Hyperparameter.Beta2 -> v >= 0.0 && v < 1.0

    let private allowedRange (field: Hyperparameter) =
        match field with
        | Hyperparameter.LearningRate
        | Hyperparameter.WeightDecay -> "a finite number >= 0"
        | Hyperparameter.Momentum
        | Hyperparameter.Beta1
        | Hyperparameter.Beta2 -> "in [0, 1)"

    // TorchSharp has no interface for weight decay: each optimizer's own Options class holds a public
    // `double? weight_decay` field, which its step reads; this finds that field wherever an optimizer declares it.
    let private weightDecayOf (g: Group) =
        match box g with
        | :? Modules.ParamGroup as pg when not (isNull pg.Options) ->
            match pg.Options.GetType().GetField "weight_decay" with
            | null -> None
            | f when f.FieldType = typeof<Nullable<float>> -> Some(pg.Options, f)
            | _ -> None
        | _ -> None

    /// The group's value of the field, if it has that field.
    let tryRead (field: Hyperparameter) (g: Group) : float option =
        match field, box g with
        | Hyperparameter.LearningRate, _ -> Some g.LearningRate
        | Hyperparameter.Momentum, (:? torch.optim.IMomentum as m) -> Some m.Momentum
        | Hyperparameter.Beta1, (:? torch.optim.IBetas as b) ->
            let struct (beta1, _) = b.Betas
            Some beta1
        | Hyperparameter.Beta2, (:? torch.optim.IBetas as b) ->
            let struct (_, beta2) = b.Betas
            Some beta2
        | Hyperparameter.WeightDecay, _ ->
            weightDecayOf g
            |> Option.bind (fun (options, f) ->
                match f.GetValue options with
                | :? float as v -> Some v
                | _ -> None)
        | _ -> None

    let private set (field: Hyperparameter) (g: Group) (v: float) =
        match field, box g with
        | Hyperparameter.LearningRate, _ -> g.LearningRate <- v
        | Hyperparameter.Momentum, (:? torch.optim.IMomentum as m) -> m.Momentum <- v
        | Hyperparameter.Beta1, (:? torch.optim.IBetas as b) ->
            let struct (_, beta2) = b.Betas
            b.Betas <- struct (v, beta2)
        | Hyperparameter.Beta2, (:? torch.optim.IBetas as b) ->
            let struct (beta1, _) = b.Betas
            b.Betas <- struct (beta1, v)
        | Hyperparameter.WeightDecay, _ ->
            match weightDecayOf g with
            | Some(options, f) -> f.SetValue(options, Nullable v)
            | None -> invalidOp "check made sure every group has a weight decay."
        | _ -> invalidOp "check made sure every group has the field."

    /// Each group's value of the field: `check` made sure every group has it.
    /// The group's value of the field, NaN where it has none; the LR read directly (the per-step case).
    let inline private valueOf (field: Hyperparameter) (g: Group) =
        match field with
        | Hyperparameter.LearningRate -> g.LearningRate
        | _ -> tryRead field g |> Option.defaultValue nan

    let values (field: Hyperparameter) (groups: Group[]) =
        GroupValues.Own(Array.init groups.Length (fun i -> valueOf field groups.[i]))

    /// The field's values as `values` reads them, handed back as `known` itself when the optimizer holds exactly
    /// those, bit for bit (what the shell last wrote, unchanged): no array per step.
    let valuesLike (field: Hyperparameter) (groups: Group[]) (known: GroupValues) =
        if isNull (box known) || known.Count <> groups.Length then
            values field groups
        else
            let k = known.Items
            let mutable same = true
            let mutable i = 0

            while same && i < groups.Length do
                same <- BitConverter.DoubleToInt64Bits(valueOf field groups.[i]) = BitConverter.DoubleToInt64Bits k.[i]
                i <- i + 1

            if same then known else values field groups

    let lrs (groups: Group[]) =
        values Hyperparameter.LearningRate groups

    /// The setting a scheduler's momentum cycle writes in this group: SGD's (and RMSprop's) momentum, or Adam's
    /// beta1; none for an optimizer that has neither.
    let cycledMomentum (g: Group) =
        match box g with
        | :? torch.optim.IMomentum -> Some Hyperparameter.Momentum
        | :? torch.optim.IBetas -> Some Hyperparameter.Beta1
        | _ -> None

    /// Each group's momentum (or beta1), for a scheduler that cycles it: `check` made sure every group has one.
    let momenta (groups: Group[]) =
        groups
        |> Array.map (fun g ->
            match cycledMomentum g with
            | Some field -> tryRead field g |> Option.defaultValue nan
            | None -> nan)

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

    /// Refuses, before anything is written, an optimizer that cannot take what the scheduler will write to the
    /// field: no groups, per-group settings of another length, a field the optimizer does not have, values of the
    /// field outside what it allows, a momentum cycle on a field other than the LR, no momentum to cycle, a
    /// momentum its PyTorch version cannot cycle (`Scheduler.checkMomentum`: 1.13's CyclicLR on Adam's beta1), or a
    /// momentum bound outside what the cycled setting allows.
    let check (scheduler: Scheduler<'M>) (field: Hyperparameter) (groups: Group[]) =
        if groups.Length = 0 then
            raise (ArgumentException("The optimizer has no param groups to schedule.", "optimizer"))

        Scheduler.checkGroups scheduler groups.Length
        let config = Scheduler.config scheduler

        match groups |> Array.tryFindIndex (tryRead field >> Option.isNone) with
        | Some i ->
            raise (
                ArgumentException(
                    sprintf
                        "This optimizer (%s) has no %s (\"%s\") in param group %d to schedule."
                        (optimizerName groups.[i])
                        (noun field)
                        (key field)
                        i,
                    "field"
                )
            )
        | None -> ()

        let range = allowedRange field

        for i in 0 .. groups.Length - 1 do
            let v = (tryRead field groups.[i]).Value

            if not (isAllowed field v) then
                raise (
                    ArgumentException(
                        sprintf
                            "Param group %d of this optimizer (%s) holds %s %s, but the %s must be %s."
                            i
                            (optimizerName groups.[i])
                            (noun field)
                            (show v)
                            (noun field)
                            range,
                        "optimizer"
                    )
                )

        if Config.cyclesMomentum config then
            // A momentum cycle is the LR cycle's mirror: bound to the momentum or beta1 it would write that setting
            // twice per step, and bound to another field it would still write momentum, behind the LR's back.
            if field <> Hyperparameter.LearningRate then
                raise (
                    ArgumentException(
                        sprintf
                            "%s cycles momentum, which only goes with the LR it mirrors; bound to the %s it would write momentum (or beta1) too. Set cycleMomentum = false to schedule the %s with it."
                            (Config.kind config)
                            (noun field)
                            (noun field),
                        "field"
                    )
                )

            match groups |> Array.tryFindIndex (cycledMomentum >> Option.isNone) with
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

            // What the groups cycle decides what the scheduler's PyTorch allows (1.13's CyclicLR refuses beta1).
            groups
            |> Array.choose cycledMomentum
            |> Array.distinct
            |> Array.iter (fun cycled ->
                Scheduler.checkMomentum
                    scheduler
                    (if cycled = Hyperparameter.Beta1 then
                         CycledMomentum.Beta1
                     else
                         CycledMomentum.Momentum))

            for kind, name, setting in momentumSettings config do
                for i in 0 .. groups.Length - 1 do
                    let v = ForGroups.get i setting
                    let cycled = (cycledMomentum groups.[i]).Value

                    if not (isAllowed cycled v) then
                        raise (
                            ArgumentException(
                                sprintf
                                    "%s's %s for group %d is %s, but it becomes %s of this optimizer (%s), which must be %s."
                                    kind
                                    name
                                    i
                                    (show v)
                                    (noun cycled)
                                    (optimizerName groups.[i])
                                    (allowedRange cycled),
                                "scheduler"
                            )
                        )

    let private refuseWrite message =
        raise (InvalidOperationException(message + "; nothing was written."))

    let private countWritten (groups: Group[]) (noun: string) (values: GroupValues) =
        if values.Count <> groups.Length then
            refuseWrite (
                sprintf
                    "The optimizer has %d param groups, but got %d %s to write"
                    groups.Length
                    values.Count
                    (if values.Count = 1 then noun else noun + "s")
            )

    let private within (groups: Group[]) (field: Hyperparameter) (i: int) (v: float) =
        if not (isAllowed field v) then
            let owner =
                match field with
                | Hyperparameter.LearningRate -> ""
                | _ -> sprintf " (%s)" (optimizerName groups.[i])

            refuseWrite (
                sprintf "The %s of group %d%s must be %s, but got %s" (noun field) i owner (allowedRange field) (show v)
            )

    /// Writes the field's values and, where given, the cycled momentum (or beta1), all or nothing: one value per
    /// group, each within what its setting allows, checked before anything is written.
    let write (groups: Group[]) (field: Hyperparameter) (values: GroupValues) (momentum: GroupValues option) =
        countWritten groups (noun field) values

        for i in 0 .. groups.Length - 1 do
            within groups field i values.[i]

        match momentum with
        | Some m ->
            countWritten groups "momentum (or beta1) value" m

            for i in 0 .. groups.Length - 1 do
                match cycledMomentum groups.[i] with
                | Some cycled -> within groups cycled i m.[i]
                | None ->
                    refuseWrite (sprintf "Group %d (%s) has neither momentum nor betas" i (optimizerName groups.[i]))
        | None -> ()

        match field with
        | Hyperparameter.LearningRate ->
            for i in 0 .. groups.Length - 1 do
                groups.[i].LearningRate <- values.[i]
        | _ ->
            for i in 0 .. groups.Length - 1 do
                set field groups.[i] values.[i]

        match momentum with
        | Some m ->
            for i in 0 .. groups.Length - 1 do
                set (cycledMomentum groups.[i]).Value groups.[i] m.[i]
        | None -> ()
