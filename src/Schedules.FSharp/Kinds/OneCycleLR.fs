namespace Schedules

/// <summary>OneCycleLR (Smith's 1cycle policy). Names and defaults as in PyTorch.</summary>
[<NoEquality; NoComparison>]
type OneCycleLRConfig = {
    /// <summary>Peak LR, per group or for all.</summary>
    MaxLr: ForGroups<float>
    /// <summary>Steps in the cycle; stepping beyond it is an error.</summary>
    TotalSteps: int
    /// <summary>Fraction of the cycle spent raising the LR. In [0, 1]. Default 0.3.</summary>
    PctStart: float
    /// <summary>Cos or Linear. Default Cos.</summary>
    AnnealStrategy: AnnealStrategy
    /// <summary>Cycle momentum (SGD momentum or Adam beta1) inversely to the LR. Default true.</summary>
    CycleMomentum: bool
    /// <summary>Momentum at the LR's peak. Default 0.85.</summary>
    BaseMomentum: ForGroups<float>
    /// <summary>Momentum at the start and end. Default 0.95.</summary>
    MaxMomentum: ForGroups<float>
    /// <summary>initial LR = MaxLr / DivFactor. Default 25.</summary>
    DivFactor: float
    /// <summary>min LR = initial LR / FinalDivFactor. Default 1e4.</summary>
    FinalDivFactor: float
    /// <summary>Three phases (up, back down to the initial LR, then annihilate) instead of two. Default false.</summary>
    ThreePhase: bool
}

namespace Schedules.Kinds

/// <summary>PyTorch's OneCycleLR (Smith's 1cycle policy): from maxLr/divFactor up to maxLr over pctStart of
/// totalSteps, then down to maxLr/divFactor/finalDivFactor (two phases, or three), momentum cycled inversely.
/// Absolute: the LRs at step k depend on k alone; stepping beyond totalSteps is an error.</summary>
[<RequireQualifiedAccess>]
module OneCycleLR =

    open System
    open System.Runtime.CompilerServices
    open Schedules

    /// <summary>PyTorch's default pctStart.</summary>
    [<Literal>]
    let DefaultPctStart = 0.3

    /// <summary>PyTorch's default cycleMomentum.</summary>
    [<Literal>]
    let DefaultCycleMomentum = true

    /// <summary>PyTorch's default baseMomentum.</summary>
    [<Literal>]
    let DefaultBaseMomentum = 0.85

    /// <summary>PyTorch's default maxMomentum.</summary>
    [<Literal>]
    let DefaultMaxMomentum = 0.95

    /// <summary>PyTorch's default divFactor.</summary>
    [<Literal>]
    let DefaultDivFactor = 25.0

    /// <summary>PyTorch's default finalDivFactor.</summary>
    [<Literal>]
    let DefaultFinalDivFactor = 1e4

    /// <summary>PyTorch's default threePhase.</summary>
    [<Literal>]
    let DefaultThreePhase = false

    /// <summary>PyTorch's default annealStrategy.</summary>
    let DefaultAnnealStrategy = Cos

    /// Which value a phase starts or ends at.
    type internal Anchor =
        | Initial
        | Peak
        | Floor

    type internal Phase = {
        EndStep: float
        StartLr: Anchor
        EndLr: Anchor
        /// true: the momentum moves from max to base; false: from base to max (or stays at max).
        StartMomentumMax: bool
        EndMomentumMax: bool
    }

    /// The phases as PyTorch lays them out.
    let internal phases (c: OneCycleLRConfig) =
        let t = c.TotalSteps

        let up = {
            EndStep = c.PctStart * float t - 1.0
            StartLr = Initial
            EndLr = Peak
            StartMomentumMax = true
            EndMomentumMax = false
        }

        if c.ThreePhase then
            [|
                up
                {
                    EndStep = 2.0 * c.PctStart * float t - 2.0
                    StartLr = Peak
                    EndLr = Initial
                    StartMomentumMax = false
                    EndMomentumMax = true
                }
                {
                    EndStep = float (t - 1)
                    StartLr = Initial
                    EndLr = Floor
                    StartMomentumMax = true
                    EndMomentumMax = true
                }
            |]
        else
            [|
                up
                {
                    EndStep = float (t - 1)
                    StartLr = Peak
                    EndLr = Floor
                    StartMomentumMax = false
                    EndMomentumMax = true
                }
            |]

    /// The phase PyTorch picks at step k (the first whose end is not before k, else the last), by its index, and
    /// where it starts.
    let internal pick (ps: Phase[]) (k: int) =
        let mutable i = 0
        let mutable start = 0.0

        while i < ps.Length - 1 && not (float k <= ps.[i].EndStep) do
            start <- ps.[i].EndStep
            i <- i + 1

        struct (i, start)

    /// A phase that some step in [0, TotalSteps] lands in but that has zero length: PyTorch divides by zero there.
    let internal zeroLengthPhase (c: OneCycleLRConfig) =
        let ps = phases c

        seq { 0 .. ps.Length - 1 }
        |> Seq.tryFind (fun i ->
            let start = if i = 0 then 0.0 else ps.[i - 1].EndStep

            let previousMax =
                if i = 0 then
                    -1.0
                else
                    ps |> Array.take i |> Array.map _.EndStep |> Array.max

            let lowest = max 0.0 (Math.Floor previousMax + 1.0)

            let highest =
                if i = ps.Length - 1 then
                    float c.TotalSteps
                else
                    min (float c.TotalSteps) (Math.Floor ps.[i].EndStep)

            lowest <= highest && ps.[i].EndStep - start = 0.0)

    /// PyTorch's _annealing_cos from cos_out = cos(π·pct) + 1, which is the same double for every group.
    let inline private cosine (start: float) (stop: float) (cosOut: float) = stop + (start - stop) / 2.0 * cosOut

    /// PyTorch's _annealing_linear.
    let inline private linear (start: float) (stop: float) (pct: float) = (stop - start) * pct + start

    // The loops in methods that call nothing (see Arithmetic.fill).
    [<MethodImpl(MethodImplOptions.NoInlining)>]
    let private cosineInto (values: float[]) (starts: float[]) (stops: float[]) (cosOut: float) =
        Arithmetic.fill values (fun g -> cosine starts.[g] stops.[g] cosOut)

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    let private linearInto (values: float[]) (starts: float[]) (stops: float[]) (pct: float) =
        Arithmetic.fill values (fun g -> linear starts.[g] stops.[g] pct)

    /// One anneal for every group at pct of a phase: computed once where its ends are shared, else in one loop.
    let private anneal (strategy: AnnealStrategy) (groups: int) (ends: Arithmetic.Pair) (cosOut: float) (pct: float) =
        match ends with
        | Arithmetic.Shared(start, stop) ->
            match strategy with
            | Cos -> Arithmetic.same groups (cosine start stop cosOut)
            | Linear -> Arithmetic.same groups (linear start stop pct)
        | Arithmetic.PerGroup(starts, stops) ->
            let values = Array.zeroCreate groups

            match strategy with
            | Cos -> cosineInto values starts stops cosOut
            | Linear -> linearInto values starts stops pct

            GroupValues.Own values

    /// LRs and momenta at step k (0 ≤ k ≤ TotalSteps; PyTorch accepts k = TotalSteps and refuses beyond), for
    /// `groups` param groups. Each phase's ends per group are resolved once, here; a step picks its phase once and
    /// anneals in one loop per array (one value for all groups where the settings are All).
    let internal at (c: OneCycleLRConfig) =
        let ps = phases c
        let maxLr = Arithmetic.getter c.MaxLr

        let lr anchor g =
            let initial = maxLr g / c.DivFactor

            match anchor with
            | Initial -> initial
            | Peak -> maxLr g
            | Floor -> initial / c.FinalDivFactor

        let lrEnds =
            ps
            |> Array.map (fun p -> Arithmetic.pair [ c.MaxLr ] (lr p.StartLr) (lr p.EndLr))

        let momentum isMax =
            if isMax then c.MaxMomentum else c.BaseMomentum

        let momentumEnds =
            ps
            |> Array.map (fun p ->
                let s, e = momentum p.StartMomentumMax, momentum p.EndMomentumMax
                Arithmetic.pair [ s; e ] (Arithmetic.getter s) (Arithmetic.getter e))

        fun (groups: int) (k: int) ->
            if k > c.TotalSteps then
                raise (
                    InvalidOperationException(
                        sprintf
                            "OneCycleLR was stepped %d times, but TotalSteps is %d: a 1cycle schedule ends there. Build it with a larger TotalSteps to train longer."
                            k
                            c.TotalSteps
                    )
                )

            let struct (i, start) = pick ps k
            let pct = (float k - start) / (ps.[i].EndStep - start)
            // Once per step: cos_out does not depend on the group.
            let cosOut =
                match c.AnnealStrategy with
                | Cos -> Math.Cos(Math.PI * pct) + 1.0
                | Linear -> nan

            let lrs = anneal c.AnnealStrategy groups lrEnds.[i] cosOut pct

            let momentum =
                if c.CycleMomentum then
                    Some(anneal c.AnnealStrategy groups momentumEnds.[i] cosOut pct)
                else
                    None

            struct (lrs, momentum)

    /// The momentum bounds (base, max) it writes into the param groups, if it cycles momentum.
    let internal boundsWritten (c: OneCycleLRConfig) =
        if not (isNull (box c)) && c.CycleMomentum then
            Some(c.BaseMomentum, c.MaxMomentum)
        else
            None

    /// `groupBounds`: the momentum bounds (base, max) the param groups hold once every scheduler on the optimizer
    /// was built (the last written). PyTorch's OneCycleLR reads them from the group on every step after its
    /// construction, so a later OneCycleLR, or a later cycling CyclicLR in 2.x, decides them.
    let internal compile (c: OneCycleLRConfig, groupBounds: (ForGroups<float> * ForGroups<float>) option) : Node =
        let kind = "OneCycleLR"
        let own = at c

        let at =
            match groupBounds with
            | Some(b, m) when c.CycleMomentum ->
                at {
                    c with
                        BaseMomentum = b
                        MaxMomentum = m
                }
            | _ -> own

        let fresh (state: State) (groups: int) =
            match state with
            | Epoch(b, _) ->
                let struct (lrs, momentum) = at groups 0
                Node.result (Epoch(b, 0)) lrs momentum []
            | _ -> Node.wrongState kind state

        let checkGroups n =
            Validate.groupsSetting "maxLr" n c.MaxLr
            Validate.groupsSetting "baseMomentum" n c.BaseMomentum
            Validate.groupsSetting "maxMomentum" n c.MaxMomentum

        let name (s: AnnealStrategy) =
            NameArg(Modes.annealStrategyName s, sprintf "%A" s)

        {
            Kind = kind
            Args = [
                Arg.required "maxLr" (GroupsArg c.MaxLr)
                Arg.required "totalSteps" (IntArg c.TotalSteps)
                Arg.optional "pctStart" (FloatArg c.PctStart) (FloatArg DefaultPctStart)
                Arg.optional "annealStrategy" (name c.AnnealStrategy) (name DefaultAnnealStrategy)
                Arg.optional "cycleMomentum" (BoolArg c.CycleMomentum) (BoolArg DefaultCycleMomentum)
                Arg.optional "baseMomentum" (GroupsArg c.BaseMomentum) (GroupsArg(All DefaultBaseMomentum))
                Arg.optional "maxMomentum" (GroupsArg c.MaxMomentum) (GroupsArg(All DefaultMaxMomentum))
                Arg.optional "divFactor" (FloatArg c.DivFactor) (FloatArg DefaultDivFactor)
                Arg.optional "finalDivFactor" (FloatArg c.FinalDivFactor) (FloatArg DefaultFinalDivFactor)
                Arg.optional "threePhase" (BoolArg c.ThreePhase) (BoolArg DefaultThreePhase)
            ]
            Validate =
                fun () ->
                    Validate.eachNonNegative "maxLr" c.MaxLr
                    Validate.positiveInt "totalSteps" c.TotalSteps
                    Validate.between "pctStart" 0.0 true 1.0 true c.PctStart
                    Validate.positive "divFactor" c.DivFactor
                    Validate.positive "finalDivFactor" c.FinalDivFactor
                    Validate.eachMomentum "baseMomentum" c.BaseMomentum
                    Validate.eachMomentum "maxMomentum" c.MaxMomentum

                    match zeroLengthPhase c with
                    | Some phase ->
                        raise (
                            ArgumentOutOfRangeException(
                                "pctStart",
                                c.PctStart,
                                sprintf
                                    "pctStart %s with totalSteps %d gives phase %d zero length, which a step would divide by; pctStart × totalSteps must not be 1 (nor reach totalSteps in two-phase mode)."
                                    (Validate.show c.PctStart)
                                    c.TotalSteps
                                    (phase + 1)
                            )
                        )
                    | None -> ()
            WatchesMetric = false
            CyclesMomentum = c.CycleMomentum
            CheckGroups = checkGroups
            Start =
                fun _ lrs ->
                    let maxLr = Arithmetic.getter c.MaxLr
                    let b = GroupValues.Own(Array.init lrs.Count (fun g -> maxLr g / c.DivFactor))
                    // Its own construction reads the bounds it has just written.
                    let struct (lrs, momentum) = own lrs.Count 0
                    struct (Node.result (Epoch(b, 0)) lrs momentum [], Some b)
            InitialStep = fun state lrs -> fresh state lrs.Count
            Undone = fun state lrs -> fresh state lrs.Count
            Step =
                fun state lrs _ ->
                    match state with
                    | Epoch(b, e) ->
                        let e = Arithmetic.next kind e
                        let struct (lrs, momentum) = at lrs.Count e
                        Node.result (Epoch(b, e)) lrs momentum []
                    | _ -> Node.wrongState kind state
            Restart = fun state lrs _ -> fresh state lrs.Count
            StepAt = ValueNone
            Scalar = ValueNone
            Fill = ValueNone
            At =
                ValueSome(fun state e ->
                    match state with
                    | Epoch(b, _) ->
                        let struct (lrs, momentum) = at b.Count e
                        struct (lrs, momentum, [])
                    | _ -> Node.wrongState kind state)
            Simulate = ValueNone
            ReadState =
                fun path e ->
                    let state = Json.readEpoch path e

                    match state with
                    | Epoch(b, last) ->
                        if last > c.TotalSteps then
                            Json.unreachable
                                (path + ".lastEpoch")
                                (sprintf "is %d, but OneCycleLR stops at totalSteps (%d)" last c.TotalSteps)

                        let maxLr = Arithmetic.getter c.MaxLr
                        Json.fitGroups path checkGroups b.Count

                        for g in 0 .. b.Count - 1 do
                            let expected = maxLr g / c.DivFactor

                            if BitConverter.DoubleToInt64Bits b.[g] <> BitConverter.DoubleToInt64Bits expected then
                                Json.unreachable
                                    (sprintf "%s.baseLrs[%d]" path g)
                                    (sprintf
                                        "is %s, but OneCycleLR's base LRs are maxLr / divFactor (%s)"
                                        (Validate.show b.[g])
                                        (Validate.show expected))
                    | _ -> ()

                    state
        }

    let internal parse (r: ArgReader) = {
        MaxLr = r.Groups "maxLr"
        TotalSteps = r.Int "totalSteps"
        PctStart = r.FloatOr("pctStart", DefaultPctStart)
        AnnealStrategy = r.NameOr("annealStrategy", Modes.parseAnnealStrategy, DefaultAnnealStrategy)
        CycleMomentum = r.BoolOr("cycleMomentum", DefaultCycleMomentum)
        BaseMomentum = r.GroupsOr("baseMomentum", All DefaultBaseMomentum)
        MaxMomentum = r.GroupsOr("maxMomentum", All DefaultMaxMomentum)
        DivFactor = r.FloatOr("divFactor", DefaultDivFactor)
        FinalDivFactor = r.FloatOr("finalDivFactor", DefaultFinalDivFactor)
        ThreePhase = r.BoolOr("threePhase", DefaultThreePhase)
    }

    /// Its page in docs/schedulers and its line in HTML tables.
    let internal description: Description = {
        Name = "OneCycleLR"
        Formula =
            "From maxLr / divFactor up to maxLr over pctStart of the steps, then down to maxLr / divFactor / finalDivFactor (cos or linear); momentum inversely."
        Origin = "PyTorch"
        Source = "`OneCycleLR(opt, max_lr=0.1, total_steps=40)`"
        FSharp = "`LRScheduler.OneCycleLR(All 0.1, totalSteps = 40)`"
        Differences =
            "Zero-length phases are refused; stepping beyond totalSteps is an error; a negative last LR (three-phase linear) is refused."
        Example = """{"kind": "OneCycleLR", "maxLr": 0.1, "totalSteps": 40}"""
        ExampleLrs = [ 0.1 ]
        ExampleSteps = 40
        ExampleMetrics = None
    }
