namespace Schedules.TorchSharp

open System
open System.IO
open System.Text
open System.Text.Json
open TorchSharp
open Schedules

/// <summary>
/// The imperative shell: a scheduler bound to a TorchSharp optimizer. It holds the only mutable thing, the current
/// state; each <c>Step</c> reads the optimizer's LRs, runs the pure transition and writes the result back (LRs, and
/// momentum or Adam's beta1 where the scheduler cycles it). Build one with <c>Shell.bind</c> or
/// <c>Shell.resume</c>.
/// </summary>
[<Sealed>]
type BoundScheduler<'Metric>
    internal (scheduler: Scheduler<'Metric>, optimizer: torch.optim.Optimizer, every: int, state: State, calls: int) =
    let mutable state = state
    let mutable calls = calls
    let groups = ParamGroups.ofOptimizer optimizer

    /// <summary>The scheduler (a value).</summary>
    member _.Scheduler = scheduler

    /// <summary>The optimizer this shell writes to.</summary>
    member _.Optimizer = optimizer

    /// <summary>One transition every <c>Every</c> calls of <c>Step</c> (1: every call).</summary>
    member _.Every = every

    /// <summary>The current state of the scheduler.</summary>
    member _.State = state

    /// <summary>How many times <c>Step</c> has been called.</summary>
    member _.Calls = calls

    /// <summary>The LRs the optimizer holds now, one per param group.</summary>
    member _.Lrs = ParamGroups.lrs groups

    /// <summary>
    /// One call from the training loop (per epoch or per batch, wherever the loop calls it): every
    /// <c>Every</c>-th call runs a transition with the LRs the optimizer holds and the metric, then writes the result.
    /// Nothing is written when the transition fails.
    /// </summary>
    member _.Step(metric: 'Metric) : StepReport =
        let call = calls + 1
        let lrs = ParamGroups.lrs groups

        if call % every = 0 then
            let next, out = Scheduler.step scheduler state { Lrs = lrs; Metric = metric }
            ParamGroups.write groups out.Lrs out.Momentum
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

    /// <summary>The shell's state as JSON: the scheduler's checkpoint (see <c>Checkpoint.save</c>) and the call
    /// counter. Save the optimizer with its own state dict beside it.</summary>
    member _.Save() : string =
        let checkpoint = Checkpoint.save scheduler state
        use stream = new MemoryStream()

        do
            use w = new Utf8JsonWriter(stream, JsonWriterOptions(Indented = true))
            w.WriteStartObject()
            w.WriteString("format", "schedules.shell")
            w.WriteNumber("version", Checkpoint.FormatVersion)
            w.WriteNumber("calls", calls)
            w.WriteNumber("every", every)
            w.WritePropertyName "checkpoint"
            w.WriteRawValue checkpoint
            w.WriteEndObject()

        Encoding.UTF8.GetString(stream.ToArray())

    /// <summary>Replaces the state with one saved by <c>Save</c> for the same configuration. A malformed, truncated
    /// or mismatched document raises a FormatException and leaves the running state untouched.</summary>
    member _.Load(json: string) =
        let loadedCalls, loadedState =
            ShellCheckpoint.read scheduler every groups.Length json

        state <- loadedState
        calls <- loadedCalls

/// <summary>Binding schedulers to TorchSharp optimizers.</summary>
[<AbstractClass; Sealed>]
type Shell =

    /// <summary>
    /// Binds a scheduler to an optimizer as PyTorch's constructor does: reads the optimizer's LRs, runs the
    /// scheduler's initial step and writes its epoch-0 LRs (and momentum). An optimizer the scheduler cannot drive
    /// (a per-group setting of another length, no momentum to cycle) is refused before anything is written.
    /// <paramref name="every"/> (default 1) runs one transition every that many calls of <c>Step</c>.
    /// </summary>
    static member bind<'M>(scheduler: Scheduler<'M>, optimizer: torch.optim.Optimizer, ?every: int) =
        let every = defaultArg every 1

        if every < 1 then
            raise (ArgumentOutOfRangeException("every", every, sprintf "every must be >= 1, but got %d." every))

        let groups = ParamGroups.ofOptimizer optimizer
        ParamGroups.check (Scheduler.config scheduler) groups
        let state, out = Scheduler.init scheduler (ParamGroups.lrs groups)
        ParamGroups.write groups out.Lrs out.Momentum
        BoundScheduler<'M>(scheduler, optimizer, every, state, 0)

    /// <summary>
    /// Binds a scheduler to an optimizer whose state was restored (for example with TorchSharp's
    /// <c>load_state_dict</c>), continuing from a document written by <c>Save</c>: nothing is written to the
    /// optimizer, and the next <c>Step</c> continues the saved run exactly. Functions inside the configuration are
    /// not saved; build the scheduler again with the same functions.
    /// </summary>
    static member resume<'M>(scheduler: Scheduler<'M>, optimizer: torch.optim.Optimizer, json: string, ?every: int) =
        let every = defaultArg every 1

        if every < 1 then
            raise (ArgumentOutOfRangeException("every", every, sprintf "every must be >= 1, but got %d." every))

        let groups = ParamGroups.ofOptimizer optimizer
        ParamGroups.check (Scheduler.config scheduler) groups
        let calls, state = ShellCheckpoint.read scheduler every groups.Length json
        BoundScheduler<'M>(scheduler, optimizer, every, state, calls)
