namespace Schedules

open System
open Schedules.Kinds.Optax

/// <summary>
/// optax's schedules (<c>optax.schedules</c>) and its <c>contrib.reduce_on_plateau</c>, with optax's argument names
/// in .NET casing and its defaults, in optax's operation order. optax computes in float32 (jax's default), this
/// library in float64: values agree with real optax output to float32 precision, not bit for bit. A schedule's
/// values are absolute: as an optimizer's scheduler the value is the LR itself, whatever the group's base LR (a
/// schedule is a curve, so it previews, saves and sits inside SequentialLR and ChainedScheduler like every kind).
/// </summary>
[<AbstractClass; Sealed>]
type Optax =

    static member private Of(curve: Curve) = Scheduler.create (Curve curve)

    /// A scheduler's curve, for the combinators that join curves.
    static member private CurveOf (param: string) (i: int) (s: Scheduler<'M>) =
        Validate.notNull (sprintf "%s[%d]" param i) (box s)

        match Scheduler.config s with
        | Curve c -> c
        | other ->
            raise (
                ArgumentException(
                    sprintf
                        "%s[%d] is a %s, not a schedule that is a function of the step: join it with LRScheduler.SequentialLR, which restarts each scheduler at its own epoch 0 at its milestone."
                        param
                        i
                        (Config.kind other),
                    param
                )
            )

    /// <summary><c>optax.constant_schedule(value)</c>: <paramref name="value"/> at every step.</summary>
    static member ConstantSchedule(value: float) = Optax.Of(ConstantSchedule.curve value)

    /// <summary><c>optax.polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0)</c>:
    /// <c>c = clip(t − transitionBegin, 0, transitionSteps)</c>;
    /// <c>lr = ((initValue − endValue) × (1 − c / transitionSteps)^power) + endValue</c>. transitionSteps ≤ 0 holds
    /// initValue and a negative transitionBegin counts as 0, as in optax.</summary>
    static member PolynomialSchedule
        (initValue: float, endValue: float, power: float, transitionSteps: int, ?transitionBegin: int)
        =
        Optax.Of(
            PolynomialSchedule.curve
                initValue
                endValue
                power
                transitionSteps
                (defaultArg transitionBegin PolynomialSchedule.DefaultTransitionBegin)
        )

    /// <summary><c>optax.linear_schedule(init_value, end_value, transition_steps, transition_begin=0)</c>: the
    /// polynomial schedule with power 1.</summary>
    static member LinearSchedule(initValue: float, endValue: float, transitionSteps: int, ?transitionBegin: int) =
        Optax.Of(
            LinearSchedule.curve
                initValue
                endValue
                transitionSteps
                (defaultArg transitionBegin PolynomialSchedule.DefaultTransitionBegin)
        )

    /// <summary><c>optax.piecewise_constant_schedule(init_value, boundaries_and_scales=None)</c>: from each
    /// boundary step on, the value is multiplied by its scale (finite, ≥ 0).</summary>
    static member PiecewiseConstantSchedule(initValue: float, ?boundariesAndScales: (int * float) seq) =
        Optax.Of(PiecewiseConstantSchedule.curve initValue (boundariesAndScales |> Option.map List.ofSeq))

    /// <summary><c>optax.exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0,
    /// staircase=False, end_value=None)</c>: <c>d = t − transitionBegin</c>; <c>initValue</c> while d ≤ 0, else
    /// <c>initValue × decayRate^(d / transitionSteps)</c> (floored exponent with staircase), bounded by endValue
    /// (below when decayRate &lt; 1, above otherwise).</summary>
    static member ExponentialDecay
        (
            initValue: float,
            transitionSteps: int,
            decayRate: float,
            ?transitionBegin: int,
            ?staircase: bool,
            ?endValue: float
        ) =
        Optax.Of(
            ExponentialDecay.curve
                initValue
                transitionSteps
                decayRate
                (defaultArg transitionBegin ExponentialDecay.DefaultTransitionBegin)
                (defaultArg staircase ExponentialDecay.DefaultStaircase)
                endValue
        )

    /// <summary><c>optax.cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0)</c>:
    /// <c>c = min(t, decaySteps)</c>; <c>initValue × (((1 − alpha) × (0.5 × (1 + cos((π × c) / decaySteps)))^exponent)
    /// + alpha)</c>. decaySteps ≥ 1.</summary>
    static member CosineDecaySchedule(initValue: float, decaySteps: int, ?alpha: float, ?exponent: float) =
        Optax.Of(
            CosineDecaySchedule.curve
                initValue
                decaySteps
                (defaultArg alpha CosineDecaySchedule.DefaultAlpha)
                (defaultArg exponent CosineDecaySchedule.DefaultExponent)
        )

    /// <summary><c>optax.piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales=None)</c>:
    /// "linear" or "cosine" interpolation between the running products of the scales, placed at their
    /// boundaries.</summary>
    static member PiecewiseInterpolateSchedule
        (interpolateType: string, initValue: float, ?boundariesAndScales: (int * float) seq)
        =
        Optax.Of(
            PiecewiseInterpolateSchedule.curve interpolateType initValue (boundariesAndScales |> Option.map List.ofSeq)
        )

    /// <summary><c>optax.join_schedules(schedules, boundaries)</c>: <c>schedules[0](t)</c>, then
    /// <c>schedules[k](t − boundaries[k−1])</c> once <c>t ≥ boundaries[k−1]</c>: each on its own local time.
    /// Any schedules that are functions of the step (optax's, Hugging Face's, <c>Curves</c>); boundaries as optax
    /// takes them (unsorted: a later one wins). A scheduler that is not a function of the step (StepLR, a plateau
    /// rule) is refused: join those with <c>LRScheduler.SequentialLR</c>, which gives curves the same local time.</summary>
    static member JoinSchedules(schedules: Scheduler<'M> seq, boundaries: int seq) =
        Validate.notNull "schedules" (box schedules)
        Validate.notNull "boundaries" (box boundaries)
        let curves = schedules |> Seq.mapi (Optax.CurveOf "schedules") |> List.ofSeq
        Optax.Of(JoinSchedules.curve curves (List.ofSeq boundaries))

    /// <summary><c>optax.warmup_constant_schedule(init_value, peak_value, warmup_steps)</c>: linear from initValue to
    /// peakValue over warmupSteps, then peakValue.</summary>
    static member WarmupConstantSchedule(initValue: float, peakValue: float, warmupSteps: int) =
        Optax.Of(WarmupConstantSchedule.curve initValue peakValue warmupSteps)

    /// <summary><c>optax.warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps,
    /// end_value=0.0, exponent=1.0)</c>: linear from initValue to peakValue over warmupSteps, then
    /// <c>CosineDecaySchedule(peakValue, decaySteps − warmupSteps, alpha = endValue / peakValue, exponent)</c> on its
    /// local time. decaySteps counts the warm-up, so it must exceed warmupSteps.</summary>
    static member WarmupCosineDecaySchedule
        (initValue: float, peakValue: float, warmupSteps: int, decaySteps: int, ?endValue: float, ?exponent: float)
        =
        Optax.Of(
            WarmupCosineDecaySchedule.curve
                initValue
                peakValue
                warmupSteps
                decaySteps
                (defaultArg endValue WarmupCosineDecaySchedule.DefaultEndValue)
                (defaultArg exponent WarmupCosineDecaySchedule.DefaultExponent)
        )

    /// <summary><c>optax.warmup_exponential_decay_schedule(init_value, peak_value, warmup_steps, transition_steps,
    /// decay_rate, transition_begin=0, staircase=False, end_value=None)</c>: linear from initValue to peakValue over
    /// warmupSteps, then <c>ExponentialDecay(peakValue, ...)</c> on its local time.</summary>
    static member WarmupExponentialDecaySchedule
        (
            initValue: float,
            peakValue: float,
            warmupSteps: int,
            transitionSteps: int,
            decayRate: float,
            ?transitionBegin: int,
            ?staircase: bool,
            ?endValue: float
        ) =
        Optax.Of(
            WarmupExponentialDecaySchedule.curve
                initValue
                peakValue
                warmupSteps
                transitionSteps
                decayRate
                (defaultArg transitionBegin ExponentialDecay.DefaultTransitionBegin)
                (defaultArg staircase ExponentialDecay.DefaultStaircase)
                endValue
        )

    /// <summary><c>optax.sgdr_schedule(cosine_kwargs)</c>: the cycles (each a
    /// <see cref="M:Schedules.Optax.WarmupCosineDecaySchedule"/>, optax's cosine_kwargs) joined at the running sums of
    /// their decaySteps.</summary>
    static member SgdrSchedule(cosineKwargs: Scheduler<'M> seq) =
        Validate.notNull "cosineKwargs" (box cosineKwargs)
        let curves = cosineKwargs |> Seq.mapi (Optax.CurveOf "cosine_kwargs") |> List.ofSeq
        Optax.Of(SgdrSchedule.curve curves)

    /// <summary><c>optax.linear_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, pct_final=0.85,
    /// div_factor=25.0, final_div_factor=1e4)</c>: <c>PiecewiseInterpolateSchedule("linear", peakValue / divFactor,
    /// {int(pctStart × T): divFactor, int(pctFinal × T): 1 / divFactor, T: 1 / finalDivFactor})</c>, optax's
    /// collapsing peak kept when boundaries collide (a small T).</summary>
    static member LinearOnecycleSchedule
        (
            transitionSteps: int,
            peakValue: float,
            ?pctStart: float,
            ?pctFinal: float,
            ?divFactor: float,
            ?finalDivFactor: float
        ) =
        Optax.Of(
            LinearOnecycleSchedule.curve
                transitionSteps
                peakValue
                (defaultArg pctStart LinearOnecycleSchedule.DefaultPctStart)
                (defaultArg pctFinal LinearOnecycleSchedule.DefaultPctFinal)
                (defaultArg divFactor LinearOnecycleSchedule.DefaultDivFactor)
                (defaultArg finalDivFactor LinearOnecycleSchedule.DefaultFinalDivFactor)
        )

    /// <summary><c>optax.cosine_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, div_factor=25.0,
    /// final_div_factor=1e4)</c>: <c>PiecewiseInterpolateSchedule("cosine", peakValue / divFactor,
    /// {int(pctStart × T): divFactor, T: 1 / (divFactor × finalDivFactor)})</c>, optax's collapsing peak kept when
    /// the two boundaries collide.</summary>
    static member CosineOnecycleSchedule
        (transitionSteps: int, peakValue: float, ?pctStart: float, ?divFactor: float, ?finalDivFactor: float)
        =
        Optax.Of(
            CosineOnecycleSchedule.curve
                transitionSteps
                peakValue
                (defaultArg pctStart LinearOnecycleSchedule.DefaultPctStart)
                (defaultArg divFactor LinearOnecycleSchedule.DefaultDivFactor)
                (defaultArg finalDivFactor LinearOnecycleSchedule.DefaultFinalDivFactor)
        )

    /// <summary><c>optax.contrib.reduce_on_plateau(factor=0.1, patience=10, rtol=1e-4, atol=0.0, cooldown=0,
    /// accumulation_size=1, min_scale=0.0)</c>: LR = base LR × scale; every accumulationSize metrics are averaged and
    /// the scale becomes <c>max(scale × factor, minScale)</c> on the patience-th non-improving average in a row
    /// (optax's <c>== patience</c>; patience 0 reduces at every improvement, as in optax). Watches a metric.</summary>
    static member ReduceOnPlateau
        (
            ?factor: float,
            ?patience: int,
            ?rtol: float,
            ?atol: float,
            ?cooldown: int,
            ?accumulationSize: int,
            ?minScale: float
        ) =
        let d = OptaxReduceOnPlateauConfig.Default

        Scheduler.createWatching (
            OptaxReduceOnPlateau {
                Factor = defaultArg factor d.Factor
                Patience = defaultArg patience d.Patience
                Rtol = defaultArg rtol d.Rtol
                Atol = defaultArg atol d.Atol
                Cooldown = defaultArg cooldown d.Cooldown
                AccumulationSize = defaultArg accumulationSize d.AccumulationSize
                MinScale = defaultArg minScale d.MinScale
            }
        )
