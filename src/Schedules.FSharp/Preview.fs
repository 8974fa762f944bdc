namespace Schedules

open System.Collections.Immutable

/// <summary>One sampled step of a preview.</summary>
[<Struct>]
type Sample = {
    /// <summary>The step (epoch or batch) sampled.</summary>
    Step: int
    /// <summary>What the scheduler applies from that step on.</summary>
    Output: Output
}

/// <summary>LRs over a range of steps, one column per param group: <c>Lrs.[group].[step - First]</c>.</summary>
[<NoEquality; NoComparison>]
type Series = {
    /// <summary>The first step of the range.</summary>
    First: int
    /// <summary>For each param group, the LR at every step of the range.</summary>
    Lrs: ImmutableArray<ImmutableArray<float>>
}

/// <summary>
/// See a step-based schedule before training with it: the LRs at any step, by closed form where the scheduler has
/// one (random access: the LR at step 10^9 costs what the LR at step 10 costs) and by folding where not
/// (MultiplicativeLR, ChainedScheduler). To simulate a metric-driven scheduler against a recorded metric series,
/// use <c>Scheduler.run</c> (its trace holds the LRs, momenta and events of every step as row objects) or, for long
/// series, <c>Scheduler.runSeries</c> (the same values as columns of doubles, the events with their rows).
/// </summary>
[<RequireQualifiedAccess>]
module Preview =

    /// How many steps of a series are filled before they are checked (a chunk stays in the CPU's cache).
    [<Literal>]
    let private FillChunk = 8192

    /// <summary>Whether the scheduler has a closed form (its LRs at any step in constant time).</summary>
    [<CompiledName("HasClosedForm")>]
    let hasClosedForm (scheduler: Scheduler<unit>) = (Scheduler.node scheduler).At.IsSome

    /// <summary>
    /// The LRs (and momentum, and milestone events) at each of <paramref name="steps"/> for a scheduler built on
    /// <paramref name="lrs"/>. Closed forms follow PyTorch's (as its <c>step(epoch)</c> would give); they can
    /// differ from a stepped run by a few ulps, as PyTorch's own closed and recursive forms do. Without a closed
    /// form, one run up to the largest step is folded.
    /// </summary>
    [<CompiledName("Sample")>]
    let sample (scheduler: Scheduler<unit>) (lrs: GroupValues) (steps: seq<int>) : ImmutableArray<Sample> =
        Validate.notNull "steps" (box steps)
        let steps = Array.ofSeq steps

        steps |> Array.iter (Validate.nonNegativeInt "steps")

        let node = Scheduler.node scheduler
        let struct (initial, first) = Scheduler.init scheduler lrs

        match node.At with
        | ValueSome at ->
            let builder = ImmutableArray.CreateBuilder<Sample>(steps.Length)

            for step in steps do
                if step = 0 then
                    builder.Add { Step = 0; Output = first }
                else
                    let struct (values, momentum, events) = at initial step
                    Validate.produced node.Kind step values

                    builder.Add {
                        Step = step
                        Output = {
                            Lrs = values
                            Momentum = momentum
                            Events = events
                        }
                    }

            builder.MoveToImmutable()
        | ValueNone ->
            let last = if steps.Length = 0 then 0 else Array.max steps
            let trace = Scheduler.fold scheduler initial first.Lrs (Seq.replicate last ())

            steps
            |> Array.map (fun step -> {
                Step = step
                Output = if step = 0 then first else trace.Rows.[step - 1]
            })
            |> ImmutableArray.CreateRange

    /// <summary>The LRs (and momentum) at one step; see <c>sample</c>.</summary>
    [<CompiledName("At")>]
    let at (scheduler: Scheduler<unit>) (lrs: GroupValues) (step: int) : Output =
        (sample scheduler lrs [ step ]).[0].Output

    /// <summary>Every step from <paramref name="first"/> to <paramref name="last"/>, inclusive.</summary>
    [<CompiledName("Range")>]
    let range (scheduler: Scheduler<unit>) (lrs: GroupValues) (first: int) (last: int) : ImmutableArray<Sample> =
        Validate.nonNegativeInt "first" first

        if last < first then
            Validate.fail "last" last (sprintf "at least first (%d)" first)

        sample scheduler lrs (seq { first..last })

    /// <summary>
    /// The LRs of every step from <paramref name="first"/> to <paramref name="last"/> as columns, one per param group:
    /// the compact form for long ranges (a million steps is one array of doubles per group). The values are
    /// <c>sample</c>'s; schedulers with a per-group closed form are computed without a per-step object.
    /// </summary>
    [<CompiledName("Series")>]
    let series (scheduler: Scheduler<unit>) (lrs: GroupValues) (first: int) (last: int) : Series =
        Validate.nonNegativeInt "first" first

        if last < first then
            Validate.fail "last" last (sprintf "at least first (%d)" first)

        let node = Scheduler.node scheduler
        let struct (initial, start) = Scheduler.init scheduler lrs
        let n = last - first + 1

        let columns =
            match node.Fill with
            | ValueSome fill ->
                let fill = fill initial

                Array.init lrs.Count (fun g ->
                    // Every element is written below.
                    let column = System.GC.AllocateUninitializedArray<float> n
                    let mutable i = 0

                    if first = 0 then
                        column.[0] <- start.Lrs.[g]
                        i <- 1

                    let mutable checkedTo = 0

                    while checkedTo < n do
                        // Filled by the kind's loop a chunk at a time, and checked while the chunk is in cache.
                        let stop = min n (checkedTo + FillChunk)

                        if i < stop then
                            fill g (first + i) (stop - i) column i
                            i <- stop

                        Validate.producedColumn node.Kind g (first + checkedTo) column checkedTo (stop - checkedTo)

                        checkedTo <- stop

                    column)
            | ValueNone ->
                let samples = range scheduler lrs first last
                Array.init lrs.Count (fun g -> Array.init n (fun i -> samples.[i].Output.Lrs.[g]))

        {
            First = first
            // The columns were filled here and are handed over without a copy.
            Lrs =
                columns
                |> Array.map System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray
                |> ImmutableArray.CreateRange
        }
