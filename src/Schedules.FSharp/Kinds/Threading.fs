namespace Schedules.Kinds

open Schedules

/// How composites thread LRs, momentum, metrics and events through their children: the engine. It knows nothing of
/// the children's kinds, only their nodes.
module internal Threading =

    /// Later momentum wins: it is what the optimizer holds after every child wrote its own.
    let lastMomentum (earlier: GroupValues option) (later: GroupValues option) =
        match later with
        | Some _ -> later
        | None -> earlier

    let appendEvents (a: Event list) (b: Event list) =
        if List.isEmpty b then a
        elif List.isEmpty a then b
        else a @ b

    /// Builds the children in order, as PyTorch's constructors run one after another on one optimizer: each sees
    /// the LRs (and initial_lr) the previous left. Returns their results and the initial_lr afterwards.
    let start (children: Node list) (initial: GroupValues option) (lrs: GroupValues) =
        let mutable ctxInitial = initial
        let mutable current = lrs

        let results =
            children
            |> List.map (fun child ->
                let struct (r, i) = child.Start ctxInitial current
                ctxInitial <- i
                current <- r.Lrs
                r)

        struct (results, ctxInitial)

    /// What a composite asks of a child: one of its node's moves, with the metric where the move takes one.
    [<RequireQualifiedAccess>]
    type Move =
        | Step
        | InitialStep
        | Undone
        | Restart

    /// The child's move, called directly (no closure per step).
    let move (m: Move) (child: Node) (state: State) (lrs: GroupValues) (metric: float voption) =
        match m with
        | Move.Step -> child.Step state lrs metric
        | Move.InitialStep -> child.InitialStep state lrs
        | Move.Undone -> child.Undone state lrs
        | Move.Restart -> child.Restart state lrs metric

    /// The children's moves from `chain`, in order; a function of its own (no closure per step).
    let rec private chainFrom m metric (children: Node list) (states: State list) (lrs: GroupValues) momentum events =
        match children, states with
        | child :: children, state :: states ->
            let r = move m child state lrs metric

            let struct (rest, lrs, momentum, events) =
                chainFrom
                    m
                    metric
                    children
                    states
                    r.Lrs
                    (lastMomentum momentum r.Momentum)
                    (appendEvents events r.Events)

            struct (r.State :: rest, lrs, momentum, events)
        | _ -> struct ([], lrs, momentum, events)

    /// Moves every child in order, each on the LRs the previous one left; the result is a Chained state whose list
    /// is rebuilt once, with no other object per step.
    let chain (m: Move) (children: Node list) (states: State list) (lrs: GroupValues) (metric: float voption) =
        let struct (states, lrs, momentum, events) =
            chainFrom m metric children states lrs None []

        Node.result (Chained states) lrs momentum events

    /// The list with element i replaced: the cells after i are shared, not copied.
    let rec replaceAt (i: int) (x: State) (states: State list) =
        match states with
        | head :: tail ->
            if i = 0 then
                x :: tail
            else
                head :: replaceAt (i - 1) x tail
        | [] -> []

    /// Reads the children's saved states (the array "schedulers"), one per child.
    let readChildren (children: Node list) (path: string) (e: System.Text.Json.JsonElement) =
        let states = Json.readArray (path + ".schedulers") (Json.prop path e "schedulers")

        if states.Length <> children.Length then
            Json.bad (sprintf "%s.schedulers must hold %d child states, found %d." path children.Length states.Length)

        let read =
            List.mapi2 (fun i (child: Node) s -> child.ReadState (sprintf "%s.schedulers[%d]" path i) s) children states

        // Every child was built on the same optimizer: one group count for all.
        match
            read
            |> List.indexed
            |> List.choose (fun (i, s) -> State.groupCount s |> Option.map (fun n -> i, n))
        with
        | (_, first) :: rest ->
            match rest |> List.tryFind (fun (_, n) -> n <> first) with
            | Some(i, n) ->
                Json.unreachable
                    (sprintf "%s.schedulers[%d].baseLrs" path i)
                    (sprintf
                        "holds %d LRs, but an earlier child holds %d: all children drive the same param groups"
                        n
                        first)
            | None -> ()
        | [] -> ()

        read

    /// A composite's children: given (not null) and at least one.
    let requireChildren (children: Node list) =
        Validate.notNull "schedulers" (box children)

        if List.isEmpty children then
            raise (System.ArgumentException("schedulers must hold at least one scheduler, but is empty.", "schedulers"))
