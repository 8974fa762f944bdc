/// <summary>PyTorch's ChainedScheduler: every step, each scheduler acts in order on the LRs the previous left; the
/// metric is forwarded to each that watches one.</summary>
module internal Schedules.Kinds.ChainedScheduler

open Schedules

let internal compile (version: PyTorchVersion, given: Node list) : Node =
    let kind = "ChainedScheduler"
    let children = if isNull (box given) then [] else given

    let count = List.length children

    let states (state: State) =
        match state with
        | Chained states when List.length states = count -> states
        | _ -> Node.wrongState kind state

    {
        Kind = kind
        Args = [ Arg.children children ]
        Validate =
            fun () ->
                Threading.requireChildren given

                for child in children do
                    child.Validate()
        WatchesMetric = children |> List.exists _.WatchesMetric
        CyclesMomentum = children |> List.exists _.CyclesMomentum
        CheckGroups = fun n -> children |> List.iter (fun c -> c.CheckGroups n)
        Start =
            fun initial lrs ->
                let struct (results, ctxInitial) = Threading.start children initial lrs

                let current, momentum =
                    results
                    |> List.fold (fun (_, m) r -> r.Lrs, Threading.lastMomentum m r.Momentum) (lrs, None)

                struct (Node.result (Chained(results |> List.map _.State)) current momentum [], ctxInitial)
        // As a SequentialLR's first child (2.x; 1.13 refuses it there): the SequentialLR undid every member to
        // epoch −1, and the chain's initial step is its step(), a normal step of each member.
        InitialStep =
            match version with
            | PyTorch2 -> fun state lrs -> Threading.chain Threading.Move.Undone children (states state) lrs ValueNone
            | PyTorch1_13 ->
                fun state lrs -> Threading.chain Threading.Move.InitialStep children (states state) lrs ValueNone
        Undone = fun state lrs -> Threading.chain Threading.Move.Undone children (states state) lrs ValueNone
        Step = fun state lrs metric -> Threading.chain Threading.Move.Step children (states state) lrs metric
        Restart = fun state lrs metric -> Threading.chain Threading.Move.Restart children (states state) lrs metric
        StepAt = ValueNone
        // Each child acts on the LRs the previous left: no closed form.
        Scalar = ValueNone
        Fill = ValueNone
        At = ValueNone
        Simulate = ValueNone
        ReadState =
            fun path e ->
                Json.expectKind path e "Chained"
                Chained(Threading.readChildren children path e)
    }

let internal parse (read: string -> System.Text.Json.JsonElement -> 'C) (r: ArgReader) = r.Children("schedulers", read)

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "ChainedScheduler"
    Formula = "every step, each scheduler acts in order on the LRs the previous one left."
    Origin = "PyTorch / celldetection"
    Source = "`ChainedScheduler([StepLR(opt, 5, gamma=0.99), WarmUp(opt, 10)])`"
    FSharp = "`LRScheduler.ChainedScheduler [ LRScheduler.StepLR(5, 0.99); CellDetection.WarmUp 10 ]`"
    Differences =
        "A ReduceLROnPlateau child is forwarded the metric (PyTorch refuses it, #110761; an extension beyond 2.x). 2.x's `optimizer` argument has no counterpart: the shell binds the whole chain to one optimizer. As the first child of a SequentialLR each member takes a normal step to epoch 0 (2.x); PyTorch1_13 refuses a ChainedScheduler inside a SequentialLR, as 1.13 does (AttributeError)."
    Example =
        """{"kind": "ChainedScheduler", "schedulers": [{"kind": "StepLR", "stepSize": 5, "gamma": 0.99}, {"kind": "WarmUp", "steps": 10}]}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
