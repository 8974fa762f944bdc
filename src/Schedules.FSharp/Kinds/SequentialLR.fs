/// <summary>PyTorch's SequentialLR, metric-aware as in celldetection: schedulers[i] runs from milestones[i-1] on,
/// restarted at its own epoch 0 at its milestone.</summary>
module internal Schedules.Kinds.SequentialLR

open System
open Schedules

let internal compile (version: PyTorchVersion, given: Node list, milestones: int list) : Node =
    let kind = "SequentialLR"
    let children = if isNull (box given) then [] else given
    let nodes = Array.ofList children

    let ms =
        if isNull (box milestones) then
            [||]
        else
            Array.ofList milestones

    let states (state: State) =
        match state with
        | Sequential(e, states) when List.length states = nodes.Length -> struct (e, states)
        | _ -> Node.wrongState kind state

    /// The first child's move (initial step, or restart), the others kept.
    let first (f: Node -> State -> Result) (children: State list) =
        let r = f nodes.[0] children.Head
        Node.result (Sequential(0, r.State :: children.Tail)) r.Lrs r.Momentum r.Events

    let switched idx (r: Result) = {
        r with
            Events = SchedulerSwitched idx :: r.Events
    }

    /// The step a SequentialLR takes to epoch e from its children's states: the child of that epoch restarts at
    /// its milestone, is `entered` through a milestone of 0 (PyTorch undid it to −1: 2.x steps it normally to 0,
    /// 1.13's step has the initial step's rule there), or makes the move `stepped`. Only the cells up to that child
    /// are rebuilt.
    let stepTo (e: int) (children: State list) lrs metric (entered: Threading.Move) (stepped: Threading.Move) =
        let idx = Arithmetic.passedSorted ms e
        let child = nodes.[idx]
        let childState = List.item idx children

        let r =
            if idx > 0 && ms.[idx - 1] = e then
                switched idx (child.Restart childState lrs metric)
            elif idx > 0 && ms.[idx - 1] = 0 && e = 1 then
                switched idx (Threading.move entered child childState lrs ValueNone)
            else
                Threading.move stepped child childState lrs metric

        Node.result (Sequential(e, Threading.replaceAt idx r.State children)) r.Lrs r.Momentum r.Events

    /// 2.x's step() on a SequentialLR whose children a SequentialLR undid (recursive_undo decrements the
    /// grandchildren, not this counter): its milestones come one step early, its current child steps from −1.
    let undone state lrs =
        let struct (e, children) = states state
        stepTo (Arithmetic.next kind e) children lrs ValueNone Threading.Move.Undone Threading.Move.Undone

    // How a child reached through a milestone of 0 moves.
    let entered =
        match version with
        | PyTorch2 -> Threading.Move.Undone
        | PyTorch1_13 -> Threading.Move.InitialStep

    // A milestone of 0 enters the next child through a step of its own rule, which no closed form gives.
    let allScalar = children |> List.forall _.Scalar.IsSome && not (Array.contains 0 ms)

    let allAt = children |> List.forall _.At.IsSome && not (Array.contains 0 ms)

    {
        Kind = kind
        Args = [ Arg.required "milestones" (IntsArg milestones); Arg.children children ]
        Validate =
            fun () ->
                Threading.requireChildren given
                Validate.notNull "milestones" (box milestones)

                if ms.Length <> nodes.Length - 1 then
                    raise (
                        ArgumentException(
                            sprintf
                                "milestones must hold one epoch fewer than schedulers (%d), but holds %d: %s."
                                (nodes.Length - 1)
                                ms.Length
                                (Validate.show milestones),
                            "milestones"
                        )
                    )

                let increasing = milestones |> List.pairwise |> List.forall (fun (a, b) -> a < b)

                if not increasing || milestones |> List.exists (fun m -> m < 0) then
                    Validate.fail "milestones" milestones "strictly increasing epochs >= 0"

                match version with
                | PyTorch1_13 when children |> List.exists (fun c -> c.Kind = ChainedScheduler.description.Name) ->
                    raise (
                        ArgumentException(
                            "schedulers holds a ChainedScheduler, which PyTorch 1.13's SequentialLR cannot hold (AttributeError: 'ChainedScheduler' object has no attribute 'last_epoch'); PyTorch 2.x can: build the scheduler with PyTorch2.",
                            "schedulers"
                        )
                    )
                | _ -> ()

                for child in children do
                    child.Validate()
        WatchesMetric = children |> List.exists _.WatchesMetric
        CyclesMomentum = children |> List.exists _.CyclesMomentum
        CheckGroups = fun n -> children |> List.iter (fun c -> c.CheckGroups n)
        Start =
            fun initial lrs ->
                // Every child is built (in order) before the SequentialLR, which then resets the LRs to initial_lr
                // and re-runs only the first child's initial step. The momentum is the last one written.
                let struct (results, ctxInitial) = Threading.start children initial lrs
                let reset = defaultArg ctxInitial lrs

                let r = first (fun node s -> node.InitialStep s reset) (results |> List.map _.State)

                let momentum =
                    results
                    |> List.fold (fun m c -> Threading.lastMomentum m c.Momentum) None
                    |> fun m -> Threading.lastMomentum m r.Momentum

                struct ({ r with Momentum = momentum }, ctxInitial)
        // As the first child of a SequentialLR: 2.x steps it with its children undone; 1.13 decrements its own
        // counter, so its current child takes a second normal step.
        InitialStep =
            match version with
            | PyTorch2 -> undone
            | PyTorch1_13 ->
                fun state lrs ->
                    let struct (_, children) = states state
                    stepTo 0 children lrs ValueNone Threading.Move.InitialStep Threading.Move.Step
        Undone = undone
        Step =
            fun state lrs metric ->
                let struct (e, children) = states state
                stepTo (Arithmetic.next kind e) children lrs metric entered Threading.Move.Step
        Restart =
            fun state lrs metric ->
                first (fun node s -> node.Restart s lrs metric) (let struct (_, s) = states state in s)
        StepAt = ValueNone
        Scalar =
            if allScalar then
                ValueSome(fun state ->
                    let struct (_, childStates) = states state

                    let fs =
                        List.map2 (fun (n: Node) s -> n.Scalar.Value s) children childStates
                        |> Array.ofList

                    fun g e ->
                        let idx = Arithmetic.passedSorted ms e
                        let start = if idx = 0 then 0 else ms.[idx - 1]
                        fs.[idx] g (e - start))
            else
                ValueNone
        // Scalar's values by segment: the milestone of the first epoch is located once, then each child fills its
        // run of epochs (its own, from its milestone) in its own loop.
        Fill =
            if allScalar && children |> List.forall _.Fill.IsSome then
                ValueSome(fun state g first count destination offset ->
                    let struct (_, childStates) = states state
                    let last = first + count - 1
                    let mutable e = first
                    let mutable idx = Arithmetic.passedSorted ms first

                    while e <= last do
                        let start = if idx = 0 then 0 else ms.[idx - 1]
                        let stop = if idx < ms.Length then min last (ms.[idx] - 1) else last

                        nodes.[idx].Fill.Value
                            (List.item idx childStates)
                            g
                            (e - start)
                            (stop - e + 1)
                            destination
                            (offset + e - first)

                        e <- stop + 1
                        idx <- idx + 1)
            else
                ValueNone
        At =
            if allAt then
                ValueSome(fun state e ->
                    let struct (_, children) = states state
                    let idx = Arithmetic.passedSorted ms e
                    let start = if idx = 0 then 0 else ms.[idx - 1]

                    let struct (lrs, momentum, events) =
                        nodes.[idx].At.Value (List.item idx children) (e - start)

                    let events =
                        if idx > 0 && e = start then
                            SchedulerSwitched idx :: events
                        else
                            events

                    struct (lrs, momentum, events))
            else
                ValueNone
        Simulate = ValueNone
        ReadState =
            fun path e ->
                Json.expectKind path e "Sequential"

                Sequential(Json.readCount path e "lastEpoch" ValueNone, Threading.readChildren children path e)
    }

let internal parse (read: string -> System.Text.Json.JsonElement -> 'C) (r: ArgReader) =
    r.Children("schedulers", read), r.Ints "milestones"

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "SequentialLR"
    Formula =
        "schedulers[i] runs from milestones[i − 1] on, restarted at its epoch 0 at its milestone (the closed form at 0 where it has one)."
    Origin = "PyTorch / celldetection"
    Source = "celldetection: `SequentialLR(opt, [WarmUp(opt, 10), CosineAnnealingLR(opt, T_max=30)], milestones=[11])`"
    FSharp =
        "`CellDetection.SequentialLR([ CellDetection.WarmUp 10; LRScheduler.CosineAnnealingLR 30 ], [ 11 ])` (PyTorch's: `LRScheduler.SequentialLR`, the same scheduler)"
    Differences =
        "Milestones must be strictly increasing epochs ≥ 0. A ReduceLROnPlateau child is forwarded the metric (2.x refuses it: an extension beyond PyTorch). PyTorch1_13 changes: a MultiplicativeLR reached through a milestone keeps the LR (2.x multiplies by lrLambda(0)); the child after a milestone of 0 takes its initial step's rule at its epoch 0 (2.x takes its normal rule); a SequentialLR as the first child double-steps its current child at construction (2.x reaches its milestones one step early); a ChainedScheduler child is refused (2.x runs each member's normal step to epoch 0 when it is first)."
    Example =
        """{"kind": "SequentialLR", "schedulers": [{"kind": "WarmUp", "steps": 10}, {"kind": "CosineAnnealingLR", "tMax": 30}], "milestones": [11]}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
