/// <summary>PyTorch's SequentialLR, metric-aware as in celldetection: schedulers[i] runs from milestones[i-1] on,
/// restarted at its own epoch 0 at its milestone.</summary>
module internal Schedules.Kinds.SequentialLR

open System
open Schedules

let internal compile (given: Node list, milestones: int list) : Node =
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

    let allScalar = children |> List.forall _.Scalar.IsSome
    let allAt = children |> List.forall _.At.IsSome

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

                if not increasing || milestones |> List.exists (fun m -> m < 1) then
                    Validate.fail "milestones" milestones "strictly increasing epochs >= 1"

                for child in children do
                    child.Validate()
        WatchesMetric = children |> List.exists _.WatchesMetric
        CyclesMomentum = children |> List.exists _.CyclesMomentum
        CheckGroups = fun n -> children |> List.iter (fun c -> c.CheckGroups n)
        Start =
            fun initial lrs ->
                // Every child is built (in order) before the SequentialLR, which then resets the LRs to initial_lr
                // and re-runs only the first child's initial step.
                let struct (results, ctxInitial) = Threading.start children initial lrs
                let reset = defaultArg ctxInitial lrs

                let r = first (fun node s -> node.InitialStep s reset) (results |> List.map _.State)

                struct (r, ctxInitial)
        InitialStep =
            fun state lrs -> first (fun node s -> node.InitialStep s lrs) (let struct (_, s) = states state in s)
        Step =
            fun state lrs metric ->
                let struct (e, children) = states state
                let e = Arithmetic.next kind e
                let idx = Arithmetic.passedSorted ms e
                let child = nodes.[idx]
                let childState = List.item idx children

                let r =
                    if idx > 0 && ms.[idx - 1] = e then
                        let r = child.Restart childState lrs metric

                        {
                            r with
                                Events = SchedulerSwitched idx :: r.Events
                        }
                    else
                        child.Step childState lrs metric

                let children = List.mapi (fun i s -> if i = idx then r.State else s) children
                Node.result (Sequential(e, children)) r.Lrs r.Momentum r.Events
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
        "Milestones must be strictly increasing epochs ≥ 1 (PyTorch misinitialises at milestone 0, #185872). A ReduceLROnPlateau child is forwarded the metric."
    Example =
        """{"kind": "SequentialLR", "schedulers": [{"kind": "WarmUp", "steps": 10}, {"kind": "CosineAnnealingLR", "tMax": 30}], "milestones": [11]}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
