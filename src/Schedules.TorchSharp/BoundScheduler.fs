namespace Schedules.TorchSharp

open System
open TorchSharp
open Schedules

/// <summary>
/// The imperative shell: a scheduler bound to a TorchSharp optimizer. It holds the only mutable thing, the current
/// state; each <c>Step</c> reads the values of the field it drives (the LRs, unless bound to another
/// <c>Hyperparameter</c>), runs the pure transition and writes the result back (and momentum or Adam's beta1 where
/// the scheduler cycles it). Build one with <c>Shell.bind</c> or <c>Shell.resume</c>.
/// </summary>
[<Sealed>]
type BoundScheduler<'Metric>
    internal
    (
        scheduler: Scheduler<'Metric>,
        optimizer: torch.optim.Optimizer,
        field: Hyperparameter,
        every: int,
        state: State,
        calls: int
    ) =
    let mutable state = state
    let mutable calls = calls
    let groups = ParamGroups.ofOptimizer optimizer
    // A question about the configuration: asked once, not per step.
    let readsBounds = Scheduler.readsMomentumBounds scheduler
    // The values this shell last wrote (null before the first step): read back without an array when unchanged.
    let mutable written: GroupValues = Unchecked.defaultof<_>

    /// <summary>The scheduler (a value).</summary>
    member _.Scheduler = scheduler

    /// <summary>The optimizer this shell writes to.</summary>
    member _.Optimizer = optimizer

    /// <summary>The optimizer setting this shell drives (the LR by default).</summary>
    member _.Field = field

    /// <summary>One transition every <c>Every</c> calls of <c>Step</c> (1: every call).</summary>
    member _.Every = every

    /// <summary>The current state of the scheduler.</summary>
    member _.State = state

    /// <summary>How many times <c>Step</c> (or <c>StepAt</c>) has been called.</summary>
    member _.Calls = calls

    /// <summary>The values the optimizer holds now of the field this shell drives, one per param group: the LRs,
    /// unless it was bound to another <c>Hyperparameter</c> (then, for example, the weight decays).</summary>
    member _.Lrs = ParamGroups.values field groups

    /// <summary>
    /// One call from the training loop (per epoch or per batch, wherever the loop calls it): every
    /// <c>Every</c>-th call runs a transition with the values the optimizer holds of the field (the LRs by default)
    /// and the metric, then writes the result. Nothing is written when the transition fails, or when its values
    /// cannot all be written (one value, and momentum, per group; LR and weight decay finite and &gt;= 0, momentum
    /// and betas in [0, 1)): an InvalidOperationException names the group and the value. A scheduler holding a
    /// OneCycleLR that cycles momentum refuses to step (InvalidOperationException, nothing written) once another
    /// scheduler bound to the same optimizer after it wrote other momentum bounds (a cycling OneCycleLR, or 2.x's
    /// cycling CyclicLR): PyTorch's OneCycleLR would read those; see docs/guide/composition.md.
    /// </summary>
    member _.Step(metric: 'Metric) : StepReport =
        let call = calls + 1
        let lrs = ParamGroups.valuesLike field groups written

        if call % every = 0 then
            MomentumBounds.check readsBounds optimizer scheduler

            let struct (next, out) =
                Scheduler.step scheduler state { Lrs = lrs; Metric = metric }

            // The very values just read (a step that changed nothing) are what the optimizer holds already.
            if not (obj.ReferenceEquals(out.Lrs, lrs)) || out.Momentum.IsSome then
                ParamGroups.write groups field out.Lrs out.Momentum

            written <- out.Lrs
            state <- next
            calls <- call

            {
                Call = call
                Stepped = true
                Step = call / every
                Lrs = out.Lrs
                Momentum = out.Momentum
                Events = out.Events
            }
        else
            calls <- call

            {
                Call = call
                Stepped = false
                Step = call / every
                Lrs = lrs
                Momentum = None
                Events = []
            }

    /// <summary>
    /// PyTorch's <c>step(epoch)</c> for CosineAnnealingWarmRestarts on the optimizer: jumps to an explicit, possibly
    /// fractional epoch (for example <c>float epoch + float i / float iters</c> once per batch) as
    /// <c>Scheduler.stepAt</c> does, and writes the LRs. Later <c>Step</c> calls continue from there. It always runs
    /// one transition and counts as one call (<c>Calls</c> grows by one, and so do the report's <c>Call</c> and
    /// <c>Step</c>); a shell bound with <c>every</c> &gt; 1 refuses it with an InvalidOperationException, since the
    /// explicit epoch already says when the LRs change. Any other scheduler is refused with an ArgumentException,
    /// and nothing is written when the transition fails.
    /// </summary>
    member _.StepAt(epoch: float) : StepReport =
        if every <> 1 then
            raise (
                InvalidOperationException(
                    sprintf
                        "StepAt gives the epoch explicitly, but this shell runs one transition every %d calls of Step; bind the scheduler with every = 1 to step to explicit epochs."
                        every
                )
            )

        let call = calls + 1
        // Stepping to an explicit epoch is for CosineAnnealingWarmRestarts, which observes no metric.
        let observation = {
            Lrs = ParamGroups.values field groups
            Metric = Unchecked.defaultof<'Metric>
        }

        MomentumBounds.check readsBounds optimizer scheduler
        let struct (next, out) = Scheduler.stepAt scheduler state epoch observation
        ParamGroups.write groups field out.Lrs out.Momentum
        state <- next
        calls <- call

        {
            Call = call
            Stepped = true
            Step = call
            Lrs = out.Lrs
            Momentum = out.Momentum
            Events = out.Events
        }

    /// <summary>The shell's state as JSON: the scheduler's checkpoint (see <c>Checkpoint.save</c>), the call
    /// counter, the field it drives, and that field's values (and momentum or beta1, where the scheduler cycles it)
    /// the optimizer holds now, which <c>Shell.resume</c> checks. Save the optimizer with its own state dict beside
    /// it, at the same point.</summary>
    member _.Save() : string =
        ShellCheckpoint.write
            scheduler
            state
            calls
            every
            (ShellCheckpoint.held (Scheduler.config scheduler) field groups)

    /// <summary>Replaces the state with one saved by <c>Save</c> for the same configuration. A malformed, truncated
    /// or mismatched document (for example one saved for another field) raises a FormatException and leaves the
    /// running state untouched. The optimizer's values are not checked here (only <c>Shell.resume</c> checks
    /// them).</summary>
    member _.Load(json: string) =
        let loaded = ShellCheckpoint.read scheduler field every groups.Length json
        state <- loaded.State
        calls <- loaded.Calls

/// <summary>Binding schedulers to TorchSharp optimizers.</summary>
[<AbstractClass; Sealed>]
type Shell =

    /// <summary>
    /// Binds a scheduler to an optimizer as PyTorch's constructor does: reads the optimizer's LRs, runs the
    /// scheduler's initial step and writes its epoch-0 LRs (and momentum). An optimizer the scheduler cannot drive
    /// (a per-group setting of another length, no momentum to cycle, a baseMomentum or maxMomentum outside [0, 1)
    /// that would become the momentum or beta1, a momentum the scheduler's PyTorch cannot cycle: with
    /// <c>PyTorch1_13</c>, a CyclicLR on Adam's beta1, see <c>Scheduler.checkMomentum</c>) is refused with an
    /// ArgumentException before anything is written. The momentum bounds the scheduler writes (a cycling OneCycleLR,
    /// or 2.x's cycling CyclicLR) become the optimizer's: a OneCycleLR bound to it earlier with other bounds then
    /// refuses to step.
    /// <paramref name="every"/> (default 1) runs one transition every that many calls of <c>Step</c>.
    /// <paramref name="field"/> (default <c>Hyperparameter.LearningRate</c>) is the setting the scheduler drives:
    /// with <c>Hyperparameter.WeightDecay</c> the "LRs" it reads, computes and writes are each group's weight decay,
    /// and so on (bind one scheduler per field to schedule several). An optimizer without that field, or holding
    /// values outside what the field allows (LR and weight decay finite and &gt;= 0, momentum and betas in [0, 1)),
    /// is refused with an ArgumentException naming the optimizer and the field; so is a scheduler that cycles
    /// momentum (CyclicLR, OneCycleLR) bound to any field but the LR, since its momentum cycle mirrors the LR's and
    /// it would write momentum too (set cycleMomentum = false).
    /// </summary>
    static member bind<'M>
        (scheduler: Scheduler<'M>, optimizer: torch.optim.Optimizer, ?every: int, ?field: Hyperparameter)
        =
        if isNull (box scheduler) then
            nullArg "scheduler"

        let every = defaultArg every 1

        if every < 1 then
            raise (ArgumentOutOfRangeException("every", every, sprintf "every must be >= 1, but got %d." every))

        let field = defaultArg field Hyperparameter.LearningRate
        let groups = ParamGroups.ofOptimizer optimizer
        ParamGroups.check scheduler field groups
        let struct (state, out) = Scheduler.init scheduler (ParamGroups.values field groups)
        ParamGroups.write groups field out.Lrs out.Momentum
        MomentumBounds.record optimizer scheduler
        BoundScheduler<'M>(scheduler, optimizer, field, every, state, 0)

    /// <summary>
    /// Binds a scheduler to an optimizer whose state was restored (for example with TorchSharp's
    /// <c>load_state_dict</c>), continuing from a document written by <c>Save</c>: nothing is written to the
    /// optimizer, and the next <c>Step</c> continues the saved run exactly. Functions inside the configuration are
    /// not saved; build the scheduler again with the same functions.
    /// <paramref name="field"/> (default <c>Hyperparameter.LearningRate</c>) is the setting the scheduler drives, as
    /// in <c>bind</c>; a document saved by a shell driving another field is refused with a FormatException.
    /// The document records that field's values (and momentum or beta1, where the scheduler cycles it) the optimizer
    /// held when saved; an optimizer that holds other values (bit for bit) is refused with an ArgumentException for
    /// <paramref name="optimizer"/> naming the group and both values, because its state was most likely not
    /// restored: load it first. <paramref name="acceptOptimizerLrs"/> = true (default false) skips that check and
    /// continues deliberately from the values the optimizer holds. A document written before version 2 recorded no
    /// values and is loaded without the check; versions 1 and 2 were written for the LR. The optimizer is checked as <c>bind</c> checks it. A malformed or
    /// mismatched document (another configuration or <c>every</c>, a state or recorded values for another number of
    /// param groups, in any child of a composite) raises a FormatException naming the field.
    /// </summary>
    static member resume<'M>
        (
            scheduler: Scheduler<'M>,
            optimizer: torch.optim.Optimizer,
            json: string,
            ?every: int,
            ?acceptOptimizerLrs: bool,
            ?field: Hyperparameter
        ) =
        if isNull (box scheduler) then
            nullArg "scheduler"

        if isNull json then
            nullArg "json"

        let every = defaultArg every 1

        if every < 1 then
            raise (ArgumentOutOfRangeException("every", every, sprintf "every must be >= 1, but got %d." every))

        let field = defaultArg field Hyperparameter.LearningRate
        let groups = ParamGroups.ofOptimizer optimizer
        ParamGroups.check scheduler field groups
        let loaded = ShellCheckpoint.read scheduler field every groups.Length json

        match loaded.Recorded with
        | Some recorded when not (defaultArg acceptOptimizerLrs false) ->
            ShellCheckpoint.checkOptimizer recorded (ShellCheckpoint.held (Scheduler.config scheduler) field groups)
        | _ -> ()

        BoundScheduler<'M>(scheduler, optimizer, field, every, loaded.State, loaded.Calls)
