namespace Schedules

/// <summary>optax's <c>contrib.reduce_on_plateau</c> under optax's names in .NET casing;
/// <see cref="P:Schedules.OptaxReduceOnPlateauConfig.Default"/> holds optax's defaults.</summary>
[<NoEquality; NoComparison>]
type OptaxReduceOnPlateauConfig = {
    /// <summary>scale ← scale × Factor at a reduction. In (0, 1). Default 0.1.</summary>
    Factor: float
    /// <summary>The scale drops at the Patience-th non-improving evaluation in a row (== Patience, not
    /// &gt; Patience); 0 drops it at every improvement. Default 10.</summary>
    Patience: int
    /// <summary>Relative tolerance: an average improves when it is below (1 − Rtol) × best − Atol. In [0, 1].
    /// Default 1e-4.</summary>
    Rtol: float
    /// <summary>Absolute tolerance (≥ 0; Rtol and Atol not both 0). Default 0.</summary>
    Atol: float
    /// <summary>Evaluations after a reduction during which the count of bad evaluations stays 0. Default 0.</summary>
    Cooldown: int
    /// <summary>Values averaged into one evaluation (≤ 0: never evaluates, as in optax). Default 1.</summary>
    AccumulationSize: int
    /// <summary>The scale's floor, applied at every evaluation outside a cooldown. Default 0.</summary>
    MinScale: float
} with

    /// <summary>optax's defaults: Factor 0.1, Patience 10, Rtol 1e-4, Atol 0, Cooldown 0, AccumulationSize 1,
    /// MinScale 0.</summary>
    static member Default = {
        Factor = 0.1
        Patience = 10
        Rtol = 1e-4
        Atol = 0.0
        Cooldown = 0
        AccumulationSize = 1
        MinScale = 0.0
    }

namespace Schedules.Kinds.Optax

/// <summary>optax's <c>contrib.reduce_on_plateau(factor=0.1, patience=10, rtol=1e-4, atol=0.0, cooldown=0,
/// accumulation_size=1, min_scale=0.0)</c>: a scale that drops by factor when the averaged value stops improving; the
/// LR is the group's base LR × scale.</summary>
[<RequireQualifiedAccess>]
module internal ReduceOnPlateau =

    open System
    open Schedules
    open Schedules.Kinds

    /// The name its users write.
    [<Literal>]
    let Name = "optax.contrib.reduce_on_plateau"

    /// optax's state, its fields named as optax names them, with the base LRs and the updates seen.
    type Counters = {
        BaseLrs: GroupValues
        Scale: float
        BestValue: float
        PlateauCount: int
        CooldownCount: int
        Count: int
        AvgValue: float
        LastEpoch: int
    }

    let internal toState (s: Counters) =
        Fields(
            Name,
            [
                "baseLrs", PerGroup s.BaseLrs
                "scale", Real s.Scale
                "bestValue", Real s.BestValue
                "plateauCount", Counter s.PlateauCount
                "cooldownCount", Counter s.CooldownCount
                "count", Counter s.Count
                "avgValue", Real s.AvgValue
                "lastEpoch", Counter s.LastEpoch
            ]
        )

    let internal ofState (state: State) =
        match state with
        | Fields(Name,
                 [ "baseLrs", PerGroup b
                   "scale", Real scale
                   "bestValue", Real best
                   "plateauCount", Counter plateau
                   "cooldownCount", Counter cooldown
                   "count", Counter count
                   "avgValue", Real avg
                   "lastEpoch", Counter last ]) -> {
            BaseLrs = b
            Scale = scale
            BestValue = best
            PlateauCount = plateau
            CooldownCount = cooldown
            Count = count
            AvgValue = avg
            LastEpoch = last
          }
        | _ -> Node.wrongState Name state

    let internal initial (baseLrs: GroupValues) = {
        BaseLrs = baseLrs
        Scale = 1.0
        BestValue = infinity
        PlateauCount = 0
        CooldownCount = 0
        Count = 0
        AvgValue = 0.0
        LastEpoch = 0
    }

    /// optax's numerics.safe_increment on int32: saturates instead of wrapping.
    let private safeIncrement (n: int) = if n = Int32.MaxValue then n else n + 1

    /// optax's _update_scale, on the averaged value.
    let internal evaluate (c: OptaxReduceOnPlateauConfig) (s: Counters) =
        let improved = s.AvgValue < (1.0 - c.Rtol) * s.BestValue - c.Atol
        let best = if improved then s.AvgValue else s.BestValue
        let current = if improved then 0 else safeIncrement s.PlateauCount

        let plateau, scale, cooldown =
            if s.CooldownCount > 0 then
                0, s.Scale, s.CooldownCount - 1
            else
                let hit = current = c.Patience
                // jnp.maximum: the larger, NaN if either is NaN.
                let scale = Math.Max((if hit then s.Scale * c.Factor else s.Scale), c.MinScale)
                (if hit then 0 else current), scale, (if hit then c.Cooldown else 0)

        {
            s with
                BestValue = best
                PlateauCount = plateau
                Scale = scale
                CooldownCount = cooldown
                Count = 0
                AvgValue = 0.0
        }

    /// optax's update_fn with value = the metric: the running average, then an evaluation when count reaches
    /// accumulation_size.
    let internal update (c: OptaxReduceOnPlateauConfig) (s: Counters) (value: float) =
        let count = safeIncrement s.Count
        let avg = (float s.Count * s.AvgValue + value) / float count

        let s = {
            s with
                Count = count
                AvgValue = avg
                LastEpoch = Arithmetic.next Name s.LastEpoch
        }

        if count = c.AccumulationSize then evaluate c s else s

    let internal lrs (s: Counters) =
        Arithmetic.ofBases s.BaseLrs (fun b -> b * s.Scale)

    let internal compile (c: OptaxReduceOnPlateauConfig) : Node =
        let d = OptaxReduceOnPlateauConfig.Default

        let step (state: State) (metric: float voption) =
            match metric with
            | ValueNone -> invalidArg "metric" (sprintf "%s needs a metric (optax's value) at every step." Name)
            | ValueSome m ->
                let s = ofState state
                let next = update c s m

                let events =
                    if next.Scale < s.Scale then
                        [
                            for g in 0 .. s.BaseLrs.Count - 1 ->
                                LrReduced(g, s.BaseLrs.[g] * s.Scale, s.BaseLrs.[g] * next.Scale)
                        ]
                    else
                        []

                Node.result (toState next) (lrs next) None events

        {
            Kind = Name
            Args = [
                Arg.optional "factor" (FloatArg c.Factor) (FloatArg d.Factor)
                Arg.optional "patience" (IntArg c.Patience) (IntArg d.Patience)
                Arg.optional "rtol" (FloatArg c.Rtol) (FloatArg d.Rtol)
                Arg.optional "atol" (FloatArg c.Atol) (FloatArg d.Atol)
                Arg.optional "cooldown" (IntArg c.Cooldown) (IntArg d.Cooldown)
                Arg.optional "accumulation_size" (IntArg c.AccumulationSize) (IntArg d.AccumulationSize)
                Arg.optional "min_scale" (FloatArg c.MinScale) (FloatArg d.MinScale)
            ]
            Validate =
                fun () ->
                    Validate.between "factor" 0.0 false 1.0 false c.Factor
                    Validate.between "rtol" 0.0 true 1.0 true c.Rtol
                    Validate.nonNegative "atol" c.Atol

                    if c.Rtol = 0.0 && c.Atol = 0.0 then
                        Validate.fail
                            "atol"
                            c.Atol
                            "> 0 when rtol is 0 (optax: at least one of rtol or atol must be positive)"

                    if not (Double.IsFinite c.MinScale) then
                        Validate.fail "min_scale" c.MinScale "a finite number"
            WatchesMetric = true
            CyclesMomentum = false
            CheckGroups = ignore
            Start =
                fun initialLr lrs' ->
                    let b = defaultArg initialLr lrs'
                    let s = initial b
                    struct (Node.result (toState s) (lrs s) None [], Some b)
            InitialStep =
                fun state _ ->
                    let s = ofState state
                    Node.result state (lrs s) None []
            Undone =
                fun state _ ->
                    let s = ofState state
                    Node.result state (lrs s) None []
            Step = fun state _ metric -> step state metric
            // optax's scale has no clock: at a SequentialLR milestone the value counts as an update like any other.
            Restart = fun state _ metric -> step state metric
            StepAt = ValueNone
            Scalar = ValueNone
            Fill = ValueNone
            At = ValueNone
            Simulate = ValueNone
            ReadState =
                fun path e ->
                    let state =
                        Json.readFields path e Name [
                            "baseLrs", Json.perGroup
                            "scale", Json.real
                            "bestValue", Json.real
                            "plateauCount", Json.counter
                            "cooldownCount", Json.counter
                            "count", Json.counter
                            "avgValue", Json.real
                            "lastEpoch", Json.counter
                        ]

                    let s = ofState state
                    Json.readLrs path e "baseLrs" |> ignore
                    let top = Math.Max(1.0, c.MinScale)

                    if not (s.Scale >= 0.0 && s.Scale <= top) then
                        Json.unreachable
                            (path + ".scale")
                            (sprintf "is %s, but the scale stays in [0, %s]" (Validate.show s.Scale) (Validate.show top))

                    if Double.IsNaN s.BestValue then
                        Json.unreachable (path + ".bestValue") "is NaN, but NaN never improves on the best"

                    if c.Patience > 0 && s.PlateauCount >= c.Patience then
                        Json.unreachable
                            (path + ".plateauCount")
                            (sprintf
                                "is %d, but it returns to 0 when it reaches patience (%d)"
                                s.PlateauCount
                                c.Patience)

                    if s.CooldownCount > max c.Cooldown 0 then
                        Json.unreachable
                            (path + ".cooldownCount")
                            (sprintf "is %d, but must be at most cooldown (%d)" s.CooldownCount (max c.Cooldown 0))

                    if c.AccumulationSize > 0 && s.Count >= c.AccumulationSize then
                        Json.unreachable
                            (path + ".count")
                            (sprintf
                                "is %d, but it returns to 0 when it reaches accumulation_size (%d)"
                                s.Count
                                c.AccumulationSize)

                    if s.Count = 0 && s.AvgValue <> 0.0 then
                        Json.unreachable (path + ".avgValue") "is not 0, but count is 0 (no value averaged yet)"

                    state
        }

    let internal parse (r: ArgReader) =
        let d = OptaxReduceOnPlateauConfig.Default

        {
            Factor = r.FloatOr("factor", d.Factor)
            Patience = r.IntOr("patience", d.Patience)
            Rtol = r.FloatOr("rtol", d.Rtol)
            Atol = r.FloatOr("atol", d.Atol)
            Cooldown = r.IntOr("cooldown", d.Cooldown)
            AccumulationSize = r.IntOr("accumulation_size", d.AccumulationSize)
            MinScale = r.FloatOr("min_scale", d.MinScale)
        }

    /// Its page in docs/schedulers and its line in HTML tables.
    let internal description: Description = {
        Name = Name
        Formula =
            "lr = base × scale. Each value is averaged in (avg = ((count × avg) + value) / (count + 1)); at the accumulation_size-th: improved when avg < ((1 − rtol) × best) − atol; outside a cooldown the scale becomes max(scale × factor, min_scale) on the patience-th non-improving evaluation in a row (== patience), else max(scale, min_scale); a cooldown of cooldown evaluations follows a reduction."
        Origin = "optax"
        Source =
            "`optax.contrib.reduce_on_plateau(factor=0.5, patience=3, cooldown=1)` (chained after the optimizer; `update(..., value=loss)`)"
        FSharp = "`Optax.ReduceOnPlateau(factor = 0.5, patience = 3, cooldown = 1)`"
        Differences =
            "None in the rule, optax's conventions and bugs kept: the scale drops on the patience-th bad evaluation (== patience; PyTorch and timm wait for more than patience, Keras for at least patience); patience 0 drops the scale at every improvement and never on a plateau (the bad count is 0 exactly when the value improved); rtol = 1 is accepted and (1 − 1) × ∞ is NaN, so nothing improves and the scale drops every patience evaluations; NaN and infinite values never improve; best keeps moving during a cooldown; min_scale is applied at every evaluation outside a cooldown (a min_scale above 1 raises the scale at the first); accumulation_size ≤ 0 never evaluates; a negative patience never reduces. The LR is the group's base LR × scale (optax multiplies the updates; row 0 is the base LR). optax keeps the scale in the parameters' dtype (float32 usually), this library in float64: real optax output agrees to float32 precision. Refused as in optax: factor outside (0, 1), rtol outside [0, 1], a negative atol, rtol and atol both 0; and a min_scale or atol that is not finite."
        Example = """{"kind": "optax.contrib.reduce_on_plateau", "factor": 0.5, "patience": 3, "cooldown": 1}"""
        ExampleLrs = [ 0.1 ]
        ExampleSteps = 40
        ExampleMetrics =
            Some [
                for i in 0..39 ->
                    if i < 12 then float (100 - 5 * i) / 100.0
                    elif i % 3 = 0 then 0.46
                    else 0.45
            ]
    }
