namespace Schedules

/// <summary>CyclicLR (Smith's cyclical learning rates). Names and defaults as in PyTorch.</summary>
[<NoEquality; NoComparison>]
type CyclicLRConfig = {
    /// <summary>Lower LR bound of the cycle, per group or for all.</summary>
    BaseLr: ForGroups<float>
    /// <summary>Upper LR bound of the cycle (reached only when the scale is 1).</summary>
    MaxLr: ForGroups<float>
    /// <summary>Iterations of the rising half. At least 1. Default 2000.</summary>
    StepSizeUp: int
    /// <summary>Iterations of the falling half; None means StepSizeUp. Default None.</summary>
    StepSizeDown: int option
    /// <summary>Built-in amplitude policy, used when ScaleFn is None. Default Triangular.</summary>
    Mode: CyclicMode
    /// <summary>ExpRange's base: scale = Gamma^iteration. Default 1.0.</summary>
    Gamma: float
    /// <summary>A custom amplitude scale; when given, Mode is ignored and ScaleMode says what it receives.</summary>
    ScaleFn: (int -> float) option
    /// <summary>What ScaleFn receives: the cycle or the iteration. Default Cycle.</summary>
    ScaleMode: ScaleMode
    /// <summary>Cycle momentum (SGD momentum or Adam beta1) inversely to the LR. Default true.</summary>
    CycleMomentum: bool
    /// <summary>Momentum at the LR's peak. Default 0.8.</summary>
    BaseMomentum: ForGroups<float>
    /// <summary>Momentum at the LR's trough. Default 0.9.</summary>
    MaxMomentum: ForGroups<float>
}

namespace Schedules.Kinds

/// <summary>PyTorch's CyclicLR (Smith's cyclical learning rates): absolute LRs between baseLr and maxLr, with
/// momentum cycled inversely when cycleMomentum is true.</summary>
[<RequireQualifiedAccess>]
module CyclicLR =

    open System
    open System.Runtime.CompilerServices
    open Schedules

    /// <summary>PyTorch's default stepSizeUp.</summary>
    [<Literal>]
    let DefaultStepSizeUp = 2000

    /// <summary>PyTorch's default gamma.</summary>
    [<Literal>]
    let DefaultGamma = 1.0

    /// <summary>PyTorch's default cycleMomentum.</summary>
    [<Literal>]
    let DefaultCycleMomentum = true

    /// <summary>PyTorch's default baseMomentum.</summary>
    [<Literal>]
    let DefaultBaseMomentum = 0.8

    /// <summary>PyTorch's default maxMomentum.</summary>
    [<Literal>]
    let DefaultMaxMomentum = 0.9

    /// <summary>PyTorch's default mode.</summary>
    let DefaultMode = Triangular

    /// <summary>PyTorch's default scaleMode.</summary>
    let DefaultScaleMode = Cycle

    // PyTorch's base_height = (max − base) * scale_factor, then base + base_height * scale for the LR and
    // max − base_height * scale for the momentum; the loops in methods that call nothing (see Arithmetic.fill).

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    let private lrsInto (values: float[]) (bases: float[]) (maxLr: float) (sf: float) (f: float) =
        Arithmetic.fill values (fun g -> bases.[g] + (maxLr - bases.[g]) * sf * f)

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    let private eachLrsInto (values: float[]) (bases: float[]) (maxLrs: float[]) (sf: float) (f: float) =
        Arithmetic.fill values (fun g -> bases.[g] + (maxLrs.[g] - bases.[g]) * sf * f)

    let inline private momentum (maxMomentum: float) (height: float) (sf: float) (f: float) =
        maxMomentum - height * sf * f

    [<MethodImpl(MethodImplOptions.NoInlining)>]
    let private momentaInto (values: float[]) (maxMomenta: float[]) (heights: float[]) (sf: float) (f: float) =
        Arithmetic.fill values (fun g -> momentum maxMomenta.[g] heights.[g] sf f)

    let private lrs (bases: float[]) (maxLr: ForGroups<float>) (maxLrs: float[]) (sf: float) (f: float) =
        let values = Array.zeroCreate bases.Length

        match maxLr with
        | All m -> lrsInto values bases m sf f
        | Each _ -> eachLrsInto values bases maxLrs sf f

        GroupValues.Own values

    /// `heights` pairs max_momentum with (max_momentum − base_momentum).
    let private momenta (groups: int) (heights: Arithmetic.Pair) (sf: float) (f: float) =
        match heights with
        | Arithmetic.Shared(m, h) -> Arithmetic.same groups (momentum m h sf f)
        | Arithmetic.PerGroup(ms, hs) ->
            let values = Array.zeroCreate groups
            momentaInto values ms hs sf f
            GroupValues.Own values

    /// LRs from `bases` (PyTorch's base_lrs), and momenta when cycled, at iteration e. The per-group settings are
    /// resolved once, here; a step computes its scale once and loops over the groups.
    let internal at (c: CyclicLRConfig) =
        let up = float c.StepSizeUp
        let total = up + float (defaultArg c.StepSizeDown c.StepSizeUp)
        let stepRatio = up / total
        let maxLrs = ForGroups.expand 0 c.MaxLr
        let baseM = Arithmetic.getter c.BaseMomentum
        let maxM = Arithmetic.getter c.MaxMomentum

        let momentumHeights =
            Arithmetic.pair [ c.BaseMomentum; c.MaxMomentum ] maxM (fun g -> maxM g - baseM g)

        let scaleAt (cycle: int) (e: int) =
            match c.ScaleFn with
            | Some f ->
                let arg =
                    match c.ScaleMode with
                    | Cycle -> cycle
                    | Iterations -> e

                Arithmetic.factor "ScaleFn" arg 0 (f arg)
            | None ->
                match c.Mode with
                | Triangular -> 1.0
                | Triangular2 -> 1.0 / Math.Pow(2.0, float (cycle - 1))
                | ExpRange -> Math.Pow(c.Gamma, float e)

        fun (bases: GroupValues) (e: int) ->
            let cycle = int (Math.Floor(1.0 + float e / total))
            let x = 1.0 + float e / total - float cycle

            let sf =
                if x <= stepRatio then
                    x / stepRatio
                else
                    (x - 1.0) / (stepRatio - 1.0)

            let f = scaleAt cycle e
            let lrs = lrs bases.Items c.MaxLr maxLrs sf f

            let momentum =
                if c.CycleMomentum then
                    Some(momenta bases.Count momentumHeights sf f)
                else
                    None

            struct (lrs, momentum)

    let internal compile (c: CyclicLRConfig) : Node =
        let kind = "CyclicLR"
        let at = at c

        let bases state =
            match state with
            | Epoch(b, _) -> b
            | _ -> Node.wrongState kind state

        let checkGroups n =
            Validate.groupsSetting "baseLr" n c.BaseLr
            Validate.groupsSetting "maxLr" n c.MaxLr
            Validate.groupsSetting "baseMomentum" n c.BaseMomentum
            Validate.groupsSetting "maxMomentum" n c.MaxMomentum

        let fresh b =
            let struct (lrs, momentum) = at b 0
            Node.result (Epoch(b, 0)) lrs momentum []

        {
            Kind = kind
            Args = [
                Arg.required "baseLr" (GroupsArg c.BaseLr)
                Arg.required "maxLr" (GroupsArg c.MaxLr)
                Arg.optional "stepSizeUp" (IntArg c.StepSizeUp) (IntArg DefaultStepSizeUp)
                Arg.required "stepSizeDown" (IntArg(defaultArg c.StepSizeDown c.StepSizeUp))
                Arg.optional
                    "mode"
                    (NameArg(Modes.cyclicModeName c.Mode, sprintf "%A" c.Mode))
                    (NameArg(Modes.cyclicModeName DefaultMode, sprintf "%A" DefaultMode))
                Arg.optional "gamma" (FloatArg c.Gamma) (FloatArg DefaultGamma)
                Arg.optional
                    "scaleFn"
                    (match c.ScaleFn with
                     | Some f -> FunctionsArg(All(box f))
                     | None -> NoneArg)
                    NoneArg
                Arg.optional
                    "scaleMode"
                    (NameArg(Modes.scaleModeName c.ScaleMode, sprintf "%A" c.ScaleMode))
                    (NameArg(Modes.scaleModeName DefaultScaleMode, sprintf "%A" DefaultScaleMode))
                Arg.optional "cycleMomentum" (BoolArg c.CycleMomentum) (BoolArg DefaultCycleMomentum)
                Arg.optional "baseMomentum" (GroupsArg c.BaseMomentum) (GroupsArg(All DefaultBaseMomentum))
                Arg.optional "maxMomentum" (GroupsArg c.MaxMomentum) (GroupsArg(All DefaultMaxMomentum))
            ]
            Validate =
                fun () ->
                    Validate.eachNonNegative "baseLr" c.BaseLr
                    Validate.eachNonNegative "maxLr" c.MaxLr
                    Validate.positiveInt "stepSizeUp" c.StepSizeUp
                    c.StepSizeDown |> Option.iter (Validate.nonNegativeInt "stepSizeDown")
                    Validate.positive "gamma" c.Gamma
                    c.ScaleFn |> Option.iter (box >> Validate.notNull "scaleFn")
                    Validate.eachMomentum "baseMomentum" c.BaseMomentum
                    Validate.eachMomentum "maxMomentum" c.MaxMomentum
            WatchesMetric = false
            CyclesMomentum = c.CycleMomentum
            CheckGroups = checkGroups
            Start =
                fun initial lrs ->
                    // PyTorch first sets every LR to BaseLr, so initial_lr becomes BaseLr unless one was there already;
                    // the initial step computes from that initial_lr, then base_lrs become BaseLr.
                    let configured = GroupValues.Own(ForGroups.expand lrs.Count c.BaseLr)
                    let b = defaultArg initial configured
                    let struct (lrs, momentum) = at b 0
                    struct (Node.result (Epoch(configured, 0)) lrs momentum [], Some b)
            InitialStep = fun state _ -> fresh (bases state)
            Undone = fun state _ -> fresh (bases state)
            Step =
                fun state _ _ ->
                    match state with
                    | Epoch(b, e) ->
                        let e = Arithmetic.next kind e
                        let struct (lrs, momentum) = at b e
                        Node.result (Epoch(b, e)) lrs momentum []
                    | _ -> Node.wrongState kind state
            Restart = fun state _ _ -> fresh (bases state)
            StepAt = ValueNone
            Scalar = ValueNone
            Fill = ValueNone
            At =
                ValueSome(fun state e ->
                    let struct (lrs, momentum) = at (bases state) e
                    struct (lrs, momentum, []))
            Simulate = ValueNone
            ReadState =
                fun path e ->
                    let state = Json.readEpoch path e
                    let b = bases state
                    let baseLr = Arithmetic.getter c.BaseLr
                    Json.fitGroups path checkGroups b.Count

                    for g in 0 .. b.Count - 1 do
                        if BitConverter.DoubleToInt64Bits b.[g] <> BitConverter.DoubleToInt64Bits(baseLr g) then
                            Json.unreachable
                                (sprintf "%s.baseLrs[%d]" path g)
                                (sprintf
                                    "is %s, but CyclicLR's base LRs are its baseLr (%s)"
                                    (Validate.show b.[g])
                                    (Validate.show (baseLr g)))

                    state
        }

    let internal parse (r: ArgReader) =
        let up = r.IntOr("stepSizeUp", DefaultStepSizeUp)

        {
            BaseLr = r.Groups "baseLr"
            MaxLr = r.Groups "maxLr"
            StepSizeUp = up
            StepSizeDown = r.IntOption "stepSizeDown" |> Option.filter (fun d -> d <> up)
            Mode = r.NameOr("mode", Modes.parseCyclicMode, DefaultMode)
            Gamma = r.FloatOr("gamma", DefaultGamma)
            ScaleFn = r.FunctionOption "scaleFn"
            ScaleMode = r.NameOr("scaleMode", Modes.parseScaleMode, DefaultScaleMode)
            CycleMomentum = r.BoolOr("cycleMomentum", DefaultCycleMomentum)
            BaseMomentum = r.GroupsOr("baseMomentum", All DefaultBaseMomentum)
            MaxMomentum = r.GroupsOr("maxMomentum", All DefaultMaxMomentum)
        }

    /// Its page in docs/schedulers and its line in HTML tables.
    let internal description: Description = {
        Name = "CyclicLR"
        Formula = "lr = base + (max − base) × scale-factor × f(cycle or iteration); momentum cycled inversely."
        Origin = "PyTorch"
        Source = "`CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=5, mode='triangular2')`"
        FSharp = "`LRScheduler.CyclicLR(All 0.01, All 0.1, stepSizeUp = 5, mode = Triangular2)`"
        Differences = "stepSizeUp 0 is refused. Momentum and exp_range follow PyTorch (TorchSharp differs)."
        Example = """{"kind": "CyclicLR", "baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 5, "mode": "triangular2"}"""
        ExampleLrs = [ 0.1 ]
        ExampleSteps = 40
        ExampleMetrics = None
    }

    /// The momentum bounds (base, max) it writes into the param groups, where the version does: 2.x's CyclicLR writes
    /// max_momentum and base_momentum when it cycles momentum (a OneCycleLR on the same optimizer reads them); 1.13's
    /// does not.
    let internal boundsWritten (version: PyTorchVersion) (c: CyclicLRConfig) =
        match version with
        | PyTorch2 when not (isNull (box c)) && c.CycleMomentum -> Some(c.BaseMomentum, c.MaxMomentum)
        | _ -> None

    /// PyTorch 1.13's refusal of a CyclicLR that cycles momentum on an optimizer whose momentum is Adam's beta1
    /// ("optimizer must support momentum"); 2.x cycles beta1.
    let internal refusesBeta1 (version: PyTorchVersion) (n: Node) =
        version = PyTorch1_13 && n.Kind = description.Name && n.CyclesMomentum
