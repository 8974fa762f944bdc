namespace Schedules.TorchSharp

open System.Globalization
open Schedules

/// <summary>What one call of a bound scheduler's <c>Step</c> did, as data for the caller to log.</summary>
[<Struct>]
type StepReport = {
    /// <summary>How many times <c>Step</c> (or <c>StepAt</c>) has been called, this call included.</summary>
    Call: int
    /// <summary>Whether this call ran a transition (with <c>every</c> = k, one call in k does).</summary>
    Stepped: bool
    /// <summary>How many transitions have run: the scheduler's epoch (or batch) whose LRs now apply.</summary>
    Step: int
    /// <summary>The values the optimizer now holds of the field the scheduler drives: the LRs, unless it was bound to
    /// another <c>Hyperparameter</c> (then, for example, the weight decays).</summary>
    Lrs: GroupValues
    /// <summary>The momentum (or beta1) written, where the scheduler cycles it.</summary>
    Momentum: GroupValues option
    /// <summary>What the transition did (reductions, milestone switches).</summary>
    Events: Event list
} with

    /// <summary>One line per event, for example "group 0 reduced from 0.1 to 0.01 at step 37".</summary>
    member this.Messages =
        let r (v: float) =
            v.ToString("R", CultureInfo.InvariantCulture)

        let step = this.Step

        this.Events
        |> List.map (function
            | LrReduced(g, old, fresh) -> sprintf "group %d reduced from %s to %s at step %d" g (r old) (r fresh) step
            | SchedulerSwitched i -> sprintf "scheduler %d took over at step %d" i step)
