namespace Schedules

open System.Collections.Generic
open System.Runtime.InteropServices
open System.Text.Json.Nodes

/// <summary>
/// Hugging Face transformers' schedules (<c>transformers.optimization</c>), with its argument names in .NET casing
/// and its defaults, bit for bit with its own code. Each returns a step-based scheduler (a curve): Hugging Face's
/// Trainer steps it after every optimizer step.
/// </summary>
[<AbstractClass; Sealed>]
type HuggingFace =

    /// <summary><c>get_inverse_sqrt_schedule(optimizer, num_warmup_steps, timescale=None)</c>: the factor rises
    /// linearly from 0 over <paramref name="numWarmupSteps"/> steps, then decays as
    /// <c>1 / sqrt((t + timescale − numWarmupSteps) / timescale)</c>. The timescale defaults to numWarmupSteps, or
    /// 10,000 when that is 0; it must be at least 1.</summary>
    static member GetInverseSqrtSchedule(numWarmupSteps: int, ?timescale: int) : Scheduler<unit> =
        Scheduler.create (Curve(Kinds.HuggingFace.GetInverseSqrtSchedule.curve numWarmupSteps timescale))

    /// <summary><c>get_constant_schedule(optimizer)</c>: LR = base × 1 at every step.</summary>
    static member GetConstantSchedule() : Scheduler<unit> =
        Scheduler.create (Curve(Kinds.HuggingFace.GetConstantSchedule.curve ()))

    /// <summary><c>get_constant_schedule_with_warmup(optimizer, num_warmup_steps)</c>: LR = base × t / max(1, W)
    /// while t &lt; W = <paramref name="numWarmupSteps"/>, then base.</summary>
    static member GetConstantScheduleWithWarmup(numWarmupSteps: int) : Scheduler<unit> =
        Scheduler.create (Curve(Kinds.HuggingFace.GetConstantScheduleWithWarmup.curve numWarmupSteps))

    /// <summary><c>get_linear_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps)</c>: LR = base ×
    /// t / max(1, W) while t &lt; W, then base × max(0, (T − t) / max(1, T − W)): 0 from T on.</summary>
    static member GetLinearScheduleWithWarmup(numWarmupSteps: int, numTrainingSteps: int) : Scheduler<unit> =
        Scheduler.create (Curve(Kinds.HuggingFace.GetLinearScheduleWithWarmup.curve numWarmupSteps numTrainingSteps))

    /// <summary><c>get_cosine_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
    /// num_cycles=0.5)</c>: the linear warm-up, then base × max(0, 0.5 × (1 + cos(π × numCycles × 2 × p))) with
    /// p = (t − W) / max(1, T − W). p is not clamped: after T the LR climbs back (Hugging Face's bug, kept).</summary>
    static member GetCosineScheduleWithWarmup
        (
            numWarmupSteps: int,
            numTrainingSteps: int,
            [<Optional; DefaultParameterValue(Kinds.HuggingFace.GetCosineScheduleWithWarmup.DefaultNumCycles)>] numCycles:
                float
        ) : Scheduler<unit> =
        Scheduler.create (
            Curve(Kinds.HuggingFace.GetCosineScheduleWithWarmup.curve numWarmupSteps numTrainingSteps numCycles)
        )

    /// <summary><c>get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, num_warmup_steps,
    /// num_training_steps, num_cycles=1)</c>: the linear warm-up, then <paramref name="numCycles"/> half-cosines from
    /// base to 0, each restarting at base: base × max(0, 0.5 × (1 + cos(π × ((numCycles × p) mod 1)))); 0 from T
    /// on.</summary>
    static member GetCosineWithHardRestartsScheduleWithWarmup
        (
            numWarmupSteps: int,
            numTrainingSteps: int,
            [<Optional;
              DefaultParameterValue(Kinds.HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup.DefaultNumCycles)>] numCycles:
                float
        ) : Scheduler<unit> =
        Scheduler.create (
            Curve(
                Kinds.HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup.curve
                    numWarmupSteps
                    numTrainingSteps
                    numCycles
            )
        )

    /// <summary><c>get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
    /// lr_end=1e-7, power=1.0)</c> on an optimizer whose default lr is <paramref name="optimizerLr"/> (Hugging Face
    /// reads <c>optimizer.defaults["lr"]</c>; a scheduler here sees no optimizer, so it is an argument): the linear
    /// warm-up, then base × ((L − lrEnd) × (1 − (t − W)/(T − W))^power + lrEnd) / L, and base × lrEnd / L after T.
    /// A group whose base differs from L ends at base × lrEnd / L (Hugging Face's convention, kept).</summary>
    static member GetPolynomialDecayScheduleWithWarmup
        (
            numWarmupSteps: int,
            numTrainingSteps: int,
            optimizerLr: float,
            [<Optional; DefaultParameterValue(Kinds.HuggingFace.GetPolynomialDecayScheduleWithWarmup.DefaultLrEnd)>] lrEnd:
                float,
            [<Optional; DefaultParameterValue(Kinds.HuggingFace.GetPolynomialDecayScheduleWithWarmup.DefaultPower)>] power:
                float
        ) : Scheduler<unit> =
        Scheduler.create (
            Curve(
                Kinds.HuggingFace.GetPolynomialDecayScheduleWithWarmup.curve
                    numWarmupSteps
                    numTrainingSteps
                    optimizerLr
                    lrEnd
                    power
            )
        )

    /// <summary><c>get_cosine_with_min_lr_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
    /// num_cycles=0.5, min_lr=None, min_lr_rate=None)</c>: the cosine of GetCosineScheduleWithWarmup onto a floor r:
    /// base × max(0, f × (1 − r) + r), r = minLr / optimizerLr or minLrRate (exactly one of minLr and minLrRate;
    /// optimizerLr, the optimizer's default lr, with minLr).</summary>
    static member GetCosineWithMinLrScheduleWithWarmup
        (
            numWarmupSteps: int,
            numTrainingSteps: int,
            ?numCycles: float,
            ?minLr: float,
            ?minLrRate: float,
            ?optimizerLr: float
        ) : Scheduler<unit> =
        Scheduler.create (
            Curve(
                Kinds.HuggingFace.GetCosineWithMinLrScheduleWithWarmup.curve
                    numWarmupSteps
                    numTrainingSteps
                    (defaultArg numCycles Kinds.HuggingFace.GetCosineScheduleWithWarmup.DefaultNumCycles)
                    minLr
                    minLrRate
                    optimizerLr
            )
        )

    /// <summary><c>get_cosine_with_min_lr_schedule_with_warmup_lr_rate(optimizer, num_warmup_steps,
    /// num_training_steps, num_cycles=0.5, min_lr=None, min_lr_rate=None, warmup_lr_rate=None)</c>: a warm-up from
    /// warmupLrRate (or 1/W) reaching base at W − 1, then the min-lr cosine one step ahead: p = (t − W + 1) /
    /// max(1, T − W). Exactly one of minLr (with optimizerLr) and minLrRate.</summary>
    static member GetCosineWithMinLrScheduleWithWarmupLrRate
        (
            numWarmupSteps: int,
            numTrainingSteps: int,
            ?numCycles: float,
            ?minLr: float,
            ?minLrRate: float,
            ?warmupLrRate: float,
            ?optimizerLr: float
        ) : Scheduler<unit> =
        Scheduler.create (
            Curve(
                Kinds.HuggingFace.GetCosineWithMinLrScheduleWithWarmupLrRate.curve
                    numWarmupSteps
                    numTrainingSteps
                    (defaultArg numCycles Kinds.HuggingFace.GetCosineScheduleWithWarmup.DefaultNumCycles)
                    minLr
                    minLrRate
                    warmupLrRate
                    optimizerLr
            )
        )

    /// <summary><c>get_wsd_schedule(optimizer, num_warmup_steps, num_decay_steps, num_training_steps=None,
    /// num_stable_steps=None, warmup_type="linear", decay_type="cosine", min_lr_ratio=0, num_cycles=0.5)</c>: a
    /// warm-up from minLrRatio to 1 ("linear", "cosine" or "1-sqrt"), a stable phase of S = numStableSteps (or
    /// T − W − D) steps at 1, a decay over D = numDecaySteps steps back to minLrRatio, then minLrRatio; LR = base ×
    /// that factor. One of numTrainingSteps and numStableSteps is required (numStableSteps wins).</summary>
    static member GetWsdSchedule
        (
            numWarmupSteps: int,
            numDecaySteps: int,
            ?numTrainingSteps: int,
            ?numStableSteps: int,
            ?warmupType: string,
            ?decayType: string,
            ?minLrRatio: float,
            ?numCycles: float
        ) : Scheduler<unit> =
        Scheduler.create (
            Curve(
                Kinds.HuggingFace.GetWsdSchedule.curve
                    numWarmupSteps
                    numDecaySteps
                    numTrainingSteps
                    numStableSteps
                    (defaultArg warmupType Kinds.HuggingFace.GetWsdSchedule.DefaultWarmupType)
                    (defaultArg decayType Kinds.HuggingFace.GetWsdSchedule.DefaultDecayType)
                    (defaultArg minLrRatio Kinds.HuggingFace.GetWsdSchedule.DefaultMinLrRatio)
                    (defaultArg numCycles Kinds.HuggingFace.GetCosineScheduleWithWarmup.DefaultNumCycles)
            )
        )

    /// <summary><c>get_reduce_on_plateau_schedule(optimizer, **kwargs)</c>: PyTorch's ReduceLROnPlateau with PyTorch's
    /// defaults (see <see cref="T:Schedules.ReduceLROnPlateauConfig"/>), no grace period.</summary>
    static member GetReduceOnPlateauSchedule
        (
            ?mode: PlateauMode,
            ?factor: float,
            ?patience: int,
            ?threshold: float,
            ?thresholdMode: ThresholdMode,
            ?cooldown: int,
            ?minLr: ForGroups<float>,
            ?eps: float
        ) : Scheduler<float> =
        let d = ReduceLROnPlateauConfig.Default

        Scheduler.createWatching (
            GetReduceOnPlateauSchedule {
                d with
                    Mode = defaultArg mode d.Mode
                    Factor = defaultArg factor d.Factor
                    Patience = defaultArg patience d.Patience
                    Threshold = defaultArg threshold d.Threshold
                    ThresholdMode = defaultArg thresholdMode d.ThresholdMode
                    Cooldown = defaultArg cooldown d.Cooldown
                    MinLr = defaultArg minLr d.MinLr
                    Eps = defaultArg eps d.Eps
            }
        )

    /// <summary><c>GreedyLR(optimizer, mode="min", factor=0.95, patience=10, threshold=1e-6, threshold_mode="abs",
    /// cooldown=0, warmup=0, min_lr=1e-3, max_lr=1.0, eps=1e-8, smooth=False, window_size=50, reset_start=500)</c>:
    /// after more than patience better observations in a row LR = min(LR / factor, maxLr), after more than patience
    /// that are not LR = max(LR × factor, minLr); see <see cref="T:Schedules.GreedyLRConfig"/> for every
    /// parameter.</summary>
    static member GreedyLR
        (
            ?mode: PlateauMode,
            ?factor: float,
            ?patience: int,
            ?threshold: float,
            ?thresholdMode: ThresholdMode,
            ?cooldown: int,
            ?warmup: int,
            ?minLr: ForGroups<float>,
            ?maxLr: ForGroups<float>,
            ?eps: float,
            ?smooth: bool,
            ?windowSize: int,
            ?resetStart: int
        ) : Scheduler<float> =
        let d = GreedyLRConfig.Default

        Scheduler.createWatching (
            GreedyLR {
                Mode = defaultArg mode d.Mode
                Factor = defaultArg factor d.Factor
                Patience = defaultArg patience d.Patience
                Threshold = defaultArg threshold d.Threshold
                ThresholdMode = defaultArg thresholdMode d.ThresholdMode
                Cooldown = defaultArg cooldown d.Cooldown
                Warmup = defaultArg warmup d.Warmup
                MinLr = defaultArg minLr d.MinLr
                MaxLr = defaultArg maxLr d.MaxLr
                Eps = defaultArg eps d.Eps
                Smooth = defaultArg smooth d.Smooth
                WindowSize = defaultArg windowSize d.WindowSize
                ResetStart = defaultArg resetStart d.ResetStart
            }
        )

    /// <summary><c>get_scheduler(name, optimizer, num_warmup_steps=None, num_training_steps=None,
    /// scheduler_specific_kwargs=None)</c>: the schedule Hugging Face's SchedulerType <paramref name="name"/> names
    /// ("linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup", "inverse_sqrt",
    /// "reduce_lr_on_plateau", "cosine_with_min_lr", "cosine_warmup_with_min_lr", "warmup_stable_decay", "greedy"),
    /// given the arguments Hugging Face hands it; the kwargs by their Python names (numbers, strings, booleans, lists
    /// of numbers). <paramref name="optimizerLr"/> is the optimizer's default lr, which "polynomial" and the min-lr
    /// cosines read. An unknown name is refused naming name. Watches a metric when the named schedule does (a
    /// step-based one ignores it).</summary>
    static member GetScheduler
        (
            name: string,
            ?numWarmupSteps: int,
            ?numTrainingSteps: int,
            ?schedulerSpecificKwargs: IReadOnlyDictionary<string, obj>,
            ?optimizerLr: float
        ) : Scheduler<float> =
        let config = JsonObject()
        config.Add("kind", JsonValue.Create Kinds.HuggingFace.GetScheduler.Name)
        config.Add("name", JsonValue.Create name)

        numWarmupSteps
        |> Option.iter (fun w -> config.Add("num_warmup_steps", JsonValue.Create w))

        numTrainingSteps
        |> Option.iter (fun t -> config.Add("num_training_steps", JsonValue.Create t))

        optimizerLr
        |> Option.iter (fun l -> config.Add("optimizer_lr", Kinds.HuggingFace.GetScheduler.number l))

        match schedulerSpecificKwargs with
        | Some kwargs when not (isNull kwargs) ->
            let k = JsonObject()

            for KeyValue(key, value) in kwargs do
                k.Add(key, Kinds.HuggingFace.GetScheduler.keywordValue key value)

            config.Add("scheduler_specific_kwargs", k)
        | _ -> ()

        Scheduler.createWatching (Config.ofJson (config.ToJsonString()))
