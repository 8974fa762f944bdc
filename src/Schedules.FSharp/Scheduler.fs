namespace Schedules

open System
open System.Collections.Generic
open System.Collections.Immutable
open System.Text.Json
open System.Text.Json.Nodes

/// <summary>
/// A validated scheduler configuration. <c>'Metric</c> says what a step observes besides the LRs: <c>unit</c> for a
/// step-based scheduler, <c>float</c> for one that watches a metric (ReduceLROnPlateau, or a composite holding one),
/// so a metric-driven scheduler cannot be stepped without a metric. Building one touches nothing.
/// </summary>
[<NoEquality; NoComparison>]
type Scheduler<'Metric> = private {
    Configuration: Config
    Version: PyTorchVersion
    Compiled: Kinds.Node
    MetricOf: 'Metric -> float voption
} with

    /// <summary>The configuration, as data.</summary>
    member this.Config = this.Configuration

    /// <summary>The PyTorch whose semantics the scheduler reproduces (<c>PyTorch2</c> unless built otherwise).</summary>
    member this.PyTorch = this.Version

    override this.ToString() =
        sprintf "%s scheduler" this.Compiled.Kind

/// <summary>A run of a scheduler: one output per step (row 0 is the output of <c>init</c>) and the state after
/// the last.</summary>
[<NoEquality; NoComparison>]
type Trace = {
    /// <summary>Row t holds what step t produced; row 0 what building the scheduler produced.</summary>
    Rows: ImmutableArray<Output>
    /// <summary>The state after the last row, to continue from.</summary>
    State: State
}

/// <summary>An event of a run kept as columns, with the row of the step that produced it.</summary>
[<Struct>]
type RowEvent = {
    /// <summary>The row (in <c>SeriesTrace</c>'s columns) of the step that produced the event.</summary>
    Row: int
    /// <summary>What happened.</summary>
    Event: Event
}

/// <summary>A run of a scheduler kept as columns, for long simulations (a million recorded metrics): one column of
/// doubles per param group instead of one row object per step, the events with their rows, and the state after the
/// last row. The values are <c>Trace</c>'s, bit for bit.</summary>
[<NoEquality; NoComparison>]
type SeriesTrace = {
    /// <summary>For each param group, the LR of every row: <c>Lrs.[group].[row]</c>.</summary>
    Lrs: ImmutableArray<ImmutableArray<float>>
    /// <summary>For each param group, the momentum (or beta1) the optimizer holds after every row, where the
    /// scheduler cycles it (NaN in rows before the first that writes one); empty where it does not.</summary>
    Momentum: ImmutableArray<ImmutableArray<float>>
    /// <summary>Every event, in order, with its row.</summary>
    Events: ImmutableArray<RowEvent>
    /// <summary>The state after the last row, to continue from.</summary>
    State: State
}

/// <summary>What the momentum a scheduler cycles is in the optimizer.</summary>
type CycledMomentum =
    /// <summary>SGD's (or RMSprop's) momentum.</summary>
    | Momentum
    /// <summary>An Adam-family optimizer's beta1.</summary>
    | Beta1

/// <summary>Building and running schedulers: pure transitions over immutable states.</summary>
[<RequireQualifiedAccess>]
module Scheduler =

    /// <summary>Validates a step-based configuration. Raises ArgumentException naming the parameter, the value and
    /// what is allowed; a configuration that watches a metric is refused (use <c>createWatching</c>).</summary>
    [<CompiledName("Create")>]
    let create (config: Config) : Scheduler<unit> =
        Validate.notNull "config" (box config)
        let node = Compile.node config
        node.Validate()

        if node.WatchesMetric then
            raise (
                ArgumentException(
                    sprintf
                        "A %s that holds a ReduceLROnPlateau watches a metric: build it with Scheduler.createWatching."
                        node.Kind,
                    "config"
                )
            )

        {
            Configuration = config
            Version = PyTorchVersion.defaultVersion
            Compiled = node
            MetricOf = fun () -> ValueNone
        }

    /// <summary>Validates any configuration as one whose steps observe a metric (a step-based one ignores it).</summary>
    [<CompiledName("CreateWatching")>]
    let createWatching (config: Config) : Scheduler<float> =
        Validate.notNull "config" (box config)
        let node = Compile.node config
        node.Validate()

        {
            Configuration = config
            Version = PyTorchVersion.defaultVersion
            Compiled = node
            MetricOf = ValueSome
        }

    /// <summary>The same step-based scheduler, observing (and ignoring) a metric, so that it can sit beside a
    /// ReduceLROnPlateau in a SequentialLR or ChainedScheduler.</summary>
    [<CompiledName("WithMetric")>]
    let withMetric (scheduler: Scheduler<unit>) : Scheduler<float> = {
        Configuration = scheduler.Configuration
        Version = scheduler.Version
        Compiled = scheduler.Compiled
        MetricOf = ValueSome
    }

    /// <summary>The same scheduler reproducing another PyTorch version: <c>PyTorch2</c> (the default) or
    /// <c>PyTorch1_13</c>. Validates the configuration again, so a spec one version refuses (1.13: a
    /// ChainedScheduler inside a SequentialLR) raises an ArgumentException naming the setting. A state started by
    /// the scheduler in one version belongs to that version: checkpoints record it.</summary>
    [<CompiledName("WithPyTorch")>]
    let withPyTorch (version: PyTorchVersion) (scheduler: Scheduler<'M>) : Scheduler<'M> =
        Validate.notNull "scheduler" (box scheduler)
        let node = Compile.nodeFor version scheduler.Configuration
        node.Validate()

        {
            scheduler with
                Version = version
                Compiled = node
        }

    /// <summary>Refuses, with an ArgumentException, a scheduler that cannot cycle this optimizer's momentum in its
    /// PyTorch version: with <c>PyTorch1_13</c>, a CyclicLR that cycles momentum on Adam's beta1 (1.13: "optimizer
    /// must support momentum"; 2.x cycles beta1). The shell makes this check when it binds an optimizer.</summary>
    [<CompiledName("CheckMomentum")>]
    let checkMomentum (scheduler: Scheduler<'M>) (momentum: CycledMomentum) =
        Validate.notNull "scheduler" (box scheduler)

        match momentum with
        | Beta1 when
            Kinds.Node.descendants scheduler.Compiled
            |> List.exists (Kinds.CyclicLR.refusesBeta1 scheduler.Version)
            ->
            raise (
                ArgumentException(
                    "A CyclicLR that cycles momentum cannot cycle an Adam-family optimizer's beta1 with PyTorch 1.13 (ValueError: optimizer must support momentum with `cycle_momentum` option enabled); PyTorch 2.x cycles beta1: build the scheduler with PyTorch2, or set CycleMomentum = false.",
                    "scheduler"
                )
            )
        | _ -> ()

    /// <summary>The PyTorch whose semantics the scheduler reproduces.</summary>
    [<CompiledName("PyTorch")>]
    let pytorch (scheduler: Scheduler<'M>) = scheduler.Version

    /// <summary>The configuration, as data.</summary>
    [<CompiledName("Config")>]
    let config (scheduler: Scheduler<'M>) = scheduler.Configuration

    /// The compiled configuration.
    let internal node (scheduler: Scheduler<'M>) = scheduler.Compiled

    /// <summary>The scheduler as a JSON document: its configuration as <c>Config.toJson</c> writes it, and, for a
    /// scheduler built for another PyTorch than the default, the version beside the kind:
    /// <c>{"kind": "StepLR", "stepSize": 30, "gamma": 0.1, "pytorch": "1.13"}</c>. A 2.x scheduler writes no
    /// <c>"pytorch"</c> field, so its document is its configuration's. Read it back with <c>ofJson</c> (or
    /// <c>ofJsonWatching</c>). A function without a name raises an ArgumentException naming the parameter.</summary>
    [<CompiledName("ToJson")>]
    let toJson (scheduler: Scheduler<'M>) : string =
        Validate.notNull "scheduler" (box scheduler)
        let text = Config.toJson scheduler.Configuration

        if scheduler.Version = PyTorchVersion.defaultVersion then
            text
        else
            let document = JsonNode.Parse(text).AsObject()
            document.Add("pytorch", JsonValue.Create(PyTorchVersion.name scheduler.Version))
            document.ToJsonString(JsonSerializerOptions(WriteIndented = true))

    /// <summary>A step-based scheduler from a JSON document written by <c>toJson</c> (or <c>Config.toJson</c>, or by
    /// hand): the configuration, built for the PyTorch its top-level <c>"pytorch"</c> field names (<c>"2.x"</c> or
    /// <c>"1.13"</c>; a document without it is 2.x). Errors as <c>Config.ofJson</c> and <c>create</c>; a
    /// <c>"pytorch"</c> naming another version raises an ArgumentException naming it, and a configuration the
    /// version refuses raises <c>withPyTorch</c>'s.</summary>
    [<CompiledName("OfJson")>]
    let ofJson (json: string) : Scheduler<unit> =
        let config, version = Config.ofVersionedJson json
        create config |> withPyTorch (defaultArg version PyTorchVersion.defaultVersion)

    /// <summary>Any scheduler from a JSON document written by <c>toJson</c>, as one whose steps observe a metric
    /// (see <c>createWatching</c>); the version as in <c>ofJson</c>.</summary>
    [<CompiledName("OfJsonWatching")>]
    let ofJsonWatching (json: string) : Scheduler<float> =
        let config, version = Config.ofVersionedJson json

        createWatching config
        |> withPyTorch (defaultArg version PyTorchVersion.defaultVersion)

    /// <summary>The momentum bounds (base, max) the scheduler leaves in an optimizer's param groups when it is built
    /// (PyTorch's <c>base_momentum</c> and <c>max_momentum</c> keys): the last written, depth first, by a
    /// OneCycleLR that cycles momentum or, with <c>PyTorch2</c>, by a CyclicLR that does (1.13's CyclicLR writes
    /// none); None when nothing in it writes them.</summary>
    let internal momentumBoundsWritten (scheduler: Scheduler<'M>) : (ForGroups<float> * ForGroups<float>) option =
        Validate.notNull "scheduler" (box scheduler)
        Compile.boundsWritten scheduler.Version scheduler.Configuration

    /// <summary>Whether the scheduler holds a OneCycleLR that cycles momentum: PyTorch's OneCycleLR reads the
    /// momentum bounds from the param groups on every step, so the bounds a scheduler built after it on the same
    /// optimizer writes (see <c>momentumBoundsWritten</c>) decide its momentum. Within one scheduler this library
    /// reproduces that; the TorchSharp shell refuses to step such a scheduler once another one bound to its optimizer
    /// has written other bounds.</summary>
    let internal readsMomentumBounds (scheduler: Scheduler<'M>) : bool =
        Validate.notNull "scheduler" (box scheduler)

        Kinds.Node.descendants scheduler.Compiled
        |> List.exists (fun n -> n.Kind = Kinds.OneCycleLR.description.Name && n.CyclesMomentum)

    /// <summary>Refuses per-group settings (minLr, lrLambda, maxLr, momentum bounds; composites' children included)
    /// of another length than <paramref name="groups"/>, the number of param groups the scheduler is to drive, with
    /// an ArgumentException naming the setting. <c>init</c> makes this check; a shell that continues from a saved
    /// state makes it before its first step.</summary>
    [<CompiledName("CheckGroups")>]
    let checkGroups (scheduler: Scheduler<'M>) (groups: int) =
        Validate.notNull "scheduler" (box scheduler)
        scheduler.Compiled.CheckGroups groups

    let private output (r: Kinds.Result) = {
        Lrs = r.Lrs
        Momentum = r.Momentum
        Events = r.Events
    }

    /// <summary>What building the scheduler on an optimizer with these LRs does (PyTorch's constructor, including
    /// its initial step): the first state and the LRs (and momentum) for epoch 0.</summary>
    [<CompiledName("Init")>]
    let init (scheduler: Scheduler<'M>) (lrs: GroupValues) : struct (State * Output) =
        Validate.lrs "lrs" -1 lrs
        let node = scheduler.Compiled
        node.CheckGroups lrs.Count
        let struct (r, _) = node.Start None lrs
        Validate.produced node.Kind 0 r.Lrs
        r.Momentum |> Option.iter (Validate.producedMomentum node.Kind 0)
        struct (r.State, output r)

    /// Refuses LRs (unless the very ones observed, already checked) or momentum a step produced out of range; the
    /// epoch (a walk of a composite's children) is found only for the message.
    let inline private checkProduced (kind: string) (observed: GroupValues) (r: Kinds.Result) =
        if
            not (obj.ReferenceEquals(r.Lrs, observed))
            && not (Validate.finiteNonNegative r.Lrs.Items 0 r.Lrs.Count)
        then
            Validate.produced kind (State.epoch r.State) r.Lrs

        match r.Momentum with
        | Some m when not (Validate.allWithin 0.0 1.0 m.Items 0 m.Count) ->
            Validate.producedMomentum kind (State.epoch r.State) m
        | _ -> ()

    /// <summary>One transition: from a state and an observation (the LRs currently applied, and the metric) to the
    /// next state and the LRs (and momentum) to apply. A step that changes no LR allocates nothing (the state and
    /// the result are values, and the LRs handed in are handed back).</summary>
    [<CompiledName("Step")>]
    let step (scheduler: Scheduler<'M>) (state: State) (observation: Observation<'M>) : struct (State * Output) =
        let recorded = State.checkedGroupCount "state" state
        Validate.lrs "observation.Lrs" recorded observation.Lrs

        // A state that records no group count (a lone ReduceLROnPlateau) meets the per-group settings here.
        if recorded < 0 then
            scheduler.Compiled.CheckGroups observation.Lrs.Count

        let r =
            scheduler.Compiled.Step state observation.Lrs (scheduler.MetricOf observation.Metric)

        checkProduced scheduler.Compiled.Kind observation.Lrs r
        struct (r.State, output r)

    /// <summary>PyTorch's <c>step(epoch)</c> for CosineAnnealingWarmRestarts: jump to an explicit, possibly
    /// fractional epoch (for example <c>epoch + batch / batches</c>). T_cur and T_i are computed from the epoch as
    /// PyTorch computes them, including its rounding of <c>log</c> at exact restart points; later <c>step</c> calls
    /// continue from there. Any other scheduler is refused with an ArgumentException; LRs that would not be finite
    /// and &gt;= 0 raise an InvalidOperationException, as in <c>step</c>.</summary>
    [<CompiledName("StepAt")>]
    let stepAt
        (scheduler: Scheduler<'M>)
        (state: State)
        (epoch: float)
        (observation: Observation<'M>)
        : struct (State * Output) =
        Validate.lrs "observation.Lrs" (State.checkedGroupCount "state" state) observation.Lrs

        match scheduler.Compiled.StepAt with
        | ValueSome stepAt ->
            let r = stepAt state epoch
            Validate.produced scheduler.Compiled.Kind (State.epoch r.State) r.Lrs
            struct (r.State, output r)
        | ValueNone ->
            raise (
                ArgumentException(
                    sprintf
                        "Stepping to an explicit epoch (PyTorch's step(epoch)) is for CosineAnnealingWarmRestarts, whose fractional epochs have a meaning; a %s steps one epoch at a time."
                        scheduler.Compiled.Kind,
                    "scheduler"
                )
            )

    /// <summary>Steps once per element of <paramref name="metrics"/> from <paramref name="state"/>, applying each
    /// step's LRs before the next, as a training loop would. Returns one output per step and the last state.</summary>
    [<CompiledName("Fold")>]
    let fold (scheduler: Scheduler<'M>) (state: State) (lrs: GroupValues) (metrics: seq<'M>) : Trace =
        let rows = ImmutableArray.CreateBuilder<Output>()
        let mutable state = state
        let mutable lrs = lrs

        for metric in metrics do
            let struct (s, o) = step scheduler state { Lrs = lrs; Metric = metric }
            rows.Add o
            state <- s
            lrs <- o.Lrs

        {
            Rows = rows.ToImmutable()
            State = state
        }

    /// Columns that grow by doubling, handed over without a copy when full.
    type private Columns(groups: int, capacity: int) =
        let mutable capacity = max 1 capacity

        let mutable columns =
            Array.init groups (fun _ -> GC.AllocateUninitializedArray<float> capacity)

        member _.Write(row: int, values: float[]) =
            if row = capacity then
                capacity <- capacity * 2

                for g in 0 .. groups - 1 do
                    let grown = GC.AllocateUninitializedArray<float> capacity
                    Array.blit columns.[g] 0 grown 0 row
                    columns.[g] <- grown

            for g in 0 .. groups - 1 do
                columns.[g].[row] <- values.[g]

        member _.Fill(row: int, value: float) =
            for g in 0 .. groups - 1 do
                columns.[g].[row] <- value

        member _.ToImmutable(rows: int) =
            columns
            |> Array.map (fun column ->
                let column =
                    if column.Length = rows then
                        column
                    else
                        Array.sub column 0 rows

                Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray column)
            |> ImmutableArray.CreateRange

    /// fold's steps, written into columns after the rows `first` holds (none, or init's output).
    let private foldColumns
        (scheduler: Scheduler<'M>)
        (state: State)
        (lrs: GroupValues)
        (first: Output voption)
        (metrics: seq<'M>)
        : SeriesTrace =
        Validate.notNull "metrics" (box metrics)
        // The checks of step, once: every later step observes the LRs the previous one produced and checked.
        let recorded = State.checkedGroupCount "state" state
        Validate.lrs "lrs" recorded lrs

        if recorded < 0 then
            scheduler.Compiled.CheckGroups lrs.Count

        let node = scheduler.Compiled
        let groups = lrs.Count

        let expected =
            match metrics with
            | :? ICollection<'M> as c -> c.Count
            | :? IReadOnlyCollection<'M> as c -> c.Count
            | _ -> 1024

        let capacity = expected + (if first.IsSome then 1 else 0)
        let columns = Columns(groups, capacity)

        let momentum =
            if node.CyclesMomentum then
                ValueSome(Columns(groups, capacity))
            else
                ValueNone

        let events = ImmutableArray.CreateBuilder<RowEvent>()
        let mutable held: float[] = null
        let mutable row = 0

        let record (lrs: GroupValues) (m: GroupValues option) (stepEvents: Event list) =
            columns.Write(row, lrs.Items)

            match momentum with
            | ValueSome columns ->
                match m with
                | Some m -> held <- m.Items
                | None -> ()

                if isNull held then
                    columns.Fill(row, nan)
                else
                    columns.Write(row, held)
            | ValueNone -> ()

            for e in stepEvents do
                events.Add { Row = row; Event = e }

            row <- row + 1

        match first with
        | ValueSome o -> record o.Lrs o.Momentum o.Events
        | ValueNone -> ()

        // One step, checked and recorded; the state and LRs stay in the loop's locals (not captured).
        let advance (state: State) (current: GroupValues) (metric: 'M) =
            let r = node.Step state current (scheduler.MetricOf metric)
            checkProduced node.Kind current r
            record r.Lrs r.Momentum r.Events
            r

        let mutable state = state
        let mutable current = lrs

        // An array (recorded metrics) is read by index, without an enumerator; a kind with a loop of its own over
        // recorded metrics (a lone ReduceLROnPlateau) runs it.
        match box metrics, node.Simulate with
        | (:? (float[]) as metrics), ValueSome simulate ->
            let struct (last, lrs) =
                simulate state current metrics (fun lrs events -> record lrs None events)

            state <- last
            current <- lrs
        | (:? ('M[]) as metrics), _ ->
            for i in 0 .. metrics.Length - 1 do
                let r = advance state current metrics.[i]
                state <- r.State
                current <- r.Lrs
        | _ ->
            for metric in metrics do
                let r = advance state current metric
                state <- r.State
                current <- r.Lrs

        {
            Lrs = columns.ToImmutable row
            Momentum =
                match momentum with
                | ValueSome m -> m.ToImmutable row
                | ValueNone -> ImmutableArray.Empty
            Events = events.ToImmutable()
            State = state
        }

    /// <summary><c>fold</c> kept as columns (see <c>SeriesTrace</c>): row i holds what the step after i earlier
    /// steps produced. For long simulations: no object per step.</summary>
    [<CompiledName("FoldSeries")>]
    let foldSeries (scheduler: Scheduler<'M>) (state: State) (lrs: GroupValues) (metrics: seq<'M>) : SeriesTrace =
        foldColumns scheduler state lrs ValueNone metrics

    /// <summary><c>run</c> kept as columns (see <c>SeriesTrace</c>): builds the scheduler on these LRs and steps it
    /// once per metric; row 0 is what building it produced, row t what step t produced. A million recorded metrics
    /// make one column of a million doubles per group, with the same values as <c>run</c>'s rows.</summary>
    [<CompiledName("RunSeries")>]
    let runSeries (scheduler: Scheduler<'M>) (lrs: GroupValues) (metrics: seq<'M>) : SeriesTrace =
        let struct (state, first) = init scheduler lrs
        foldColumns scheduler state first.Lrs (ValueSome first) metrics

    /// <summary>Builds the scheduler on these LRs and steps it once per metric: rows 0..n.</summary>
    [<CompiledName("Run")>]
    let run (scheduler: Scheduler<'M>) (lrs: GroupValues) (metrics: seq<'M>) : Trace =
        let struct (state, first) = init scheduler lrs
        let rest = fold scheduler state first.Lrs metrics

        {
            rest with
                Rows = rest.Rows.Insert(0, first)
        }

    /// <summary>Builds a step-based scheduler on these LRs and steps it <paramref name="steps"/> times: rows 0..steps.</summary>
    [<CompiledName("RunSteps")>]
    let runSteps (scheduler: Scheduler<unit>) (lrs: GroupValues) (steps: int) : Trace =
        Validate.nonNegativeInt "steps" steps
        run scheduler lrs (Seq.replicate steps ())
