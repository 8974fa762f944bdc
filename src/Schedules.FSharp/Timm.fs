namespace Schedules

open Schedules.Kinds.Timm

/// <summary>
/// timm's schedulers (<c>timm.scheduler</c>), with its argument names in .NET casing and its defaults, bit for bit
/// with its own code. timm's schedulers are closed forms of the t the caller passes; here t is the scheduler's step:
/// step once per epoch where timm calls <c>step(epoch)</c> (<c>tInEpochs</c>, the default), once per update where
/// it calls <c>step_update(num_updates)</c>. Step 0 is what timm's constructor writes: <c>warmupLrInit</c> when
/// <c>warmupT ≠ 0</c>, else the base LR. Every factory takes <c>lrScale</c>: timm's <c>lr_scale</c> param-group key
/// (layer-wise decay), a multiplier per group applied after the noise (All 1.0, the default: none).
/// </summary>
[<AbstractClass; Sealed>]
type Timm =

    static member private Warmup(warmupT, warmupLrInit, warmupPrefix, prefixDefault) : Warmup = {
        T = defaultArg warmupT Scheduler.DefaultWarmupT
        LrInit = defaultArg warmupLrInit Scheduler.DefaultWarmupLrInit
        Prefix = defaultArg warmupPrefix prefixDefault
    }

    static member private Noise(noiseRangeT, noiseType, noisePct, noiseStd, noiseSeed) : Noise = {
        Range = noiseRangeT
        Type = noiseType
        Pct = defaultArg noisePct Noise.DefaultPct
        Std = defaultArg noiseStd Noise.DefaultStd
        Seed = defaultArg noiseSeed Noise.DefaultSeed
    }

    static member private Create(curve: Curve, lrScale: ForGroups<float> option) =
        Scheduler.create (TimmScheduler(curve, defaultArg lrScale (All 1.0)))

    /// <summary><c>CosineLRScheduler(optimizer, t_initial, lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1,
    /// warmup_t=0, warmup_lr_init=0, warmup_prefix=False, t_in_epochs=True, noise_range_t=None, noise_pct=0.67,
    /// noise_std=1.0, noise_seed=42, k_decay=1.0)</c>. For t &lt; warmupT: <c>lr = warmupLrInit + t·(base −
    /// warmupLrInit)/warmupT</c>; then (t − warmupT with warmupPrefix) in cycle i of length t_i at position t_curr
    /// (<c>i = t // tInitial</c> when cycleMul = 1, else the floor of <c>log(1 − (t/tInitial)(1 − cycleMul)) /
    /// log(cycleMul)</c>): <c>lr = lrMin + 0.5·(base·cycleDecay^i − lrMin)·(1 + cos(π·t_curr^k / t_i^k))</c> while
    /// i &lt; cycleLimit, else lrMin; then noise <c>v + v·x</c> at the steps of noiseRangeT (x from torch's
    /// generator seeded with noiseSeed + t, redrawn until |x| &lt; noisePct); then times the group's lrScale.
    /// noiseStd is stored and never used, as in timm.</summary>
    static member CosineLRScheduler
        (
            tInitial: int,
            ?lrMin: float,
            ?cycleMul: float,
            ?cycleDecay: float,
            ?cycleLimit: int,
            ?warmupT: int,
            ?warmupLrInit: float,
            ?warmupPrefix: bool,
            ?tInEpochs: bool,
            ?noiseRangeT: NoiseRange,
            ?noisePct: float,
            ?noiseStd: float,
            ?noiseSeed: int,
            ?kDecay: float,
            ?lrScale: ForGroups<float>
        ) : Scheduler<unit> =
        Timm.Create(
            CosineLRScheduler.curve
                tInitial
                (defaultArg lrMin CosineLRScheduler.DefaultLrMin)
                (defaultArg cycleMul CosineLRScheduler.DefaultCycleMul)
                (defaultArg cycleDecay CosineLRScheduler.DefaultCycleDecay)
                (defaultArg cycleLimit CosineLRScheduler.DefaultCycleLimit)
                (Timm.Warmup(warmupT, warmupLrInit, warmupPrefix, CosineLRScheduler.DefaultWarmupPrefix))
                (defaultArg tInEpochs Scheduler.DefaultTInEpochs)
                (Timm.Noise(noiseRangeT, NoiseType.Normal, noisePct, noiseStd, noiseSeed))
                (defaultArg kDecay CosineLRScheduler.DefaultKDecay),
            lrScale
        )

    /// <summary><c>TanhLRScheduler(optimizer, t_initial, lb=-7., ub=3., lr_min=0., cycle_mul=1., cycle_decay=1.,
    /// cycle_limit=1, warmup_t=0, warmup_lr_init=0, warmup_prefix=False, t_in_epochs=True, noise_range_t=None,
    /// noise_pct=0.67, noise_std=1.0, noise_seed=42)</c>. The cycles of <c>CosineLRScheduler</c>, with
    /// <c>tr = t_curr/t_i</c> and <c>lr = lrMin + 0.5·(base·cycleDecay^i − lrMin)·(1 − tanh(lb·(1 − tr) +
    /// ub·tr))</c>; the warmup ramps toward base with warmupPrefix, toward the tanh value at warmupT without. Noise
    /// and lrScale as <c>CosineLRScheduler</c>.</summary>
    static member TanhLRScheduler
        (
            tInitial: int,
            ?lb: float,
            ?ub: float,
            ?lrMin: float,
            ?cycleMul: float,
            ?cycleDecay: float,
            ?cycleLimit: int,
            ?warmupT: int,
            ?warmupLrInit: float,
            ?warmupPrefix: bool,
            ?tInEpochs: bool,
            ?noiseRangeT: NoiseRange,
            ?noisePct: float,
            ?noiseStd: float,
            ?noiseSeed: int,
            ?lrScale: ForGroups<float>
        ) : Scheduler<unit> =
        Timm.Create(
            TanhLRScheduler.curve
                tInitial
                (defaultArg lb TanhLRScheduler.DefaultLb)
                (defaultArg ub TanhLRScheduler.DefaultUb)
                (defaultArg lrMin CosineLRScheduler.DefaultLrMin)
                (defaultArg cycleMul CosineLRScheduler.DefaultCycleMul)
                (defaultArg cycleDecay CosineLRScheduler.DefaultCycleDecay)
                (defaultArg cycleLimit CosineLRScheduler.DefaultCycleLimit)
                (Timm.Warmup(warmupT, warmupLrInit, warmupPrefix, CosineLRScheduler.DefaultWarmupPrefix))
                (defaultArg tInEpochs Scheduler.DefaultTInEpochs)
                (Timm.Noise(noiseRangeT, NoiseType.Normal, noisePct, noiseStd, noiseSeed)),
            lrScale
        )

    /// <summary><c>PolyLRScheduler(optimizer, t_initial, power=0.5, lr_min=0., cycle_mul=1., cycle_decay=1.,
    /// cycle_limit=1, warmup_t=0, warmup_lr_init=0, warmup_prefix=False, t_in_epochs=True, noise_range_t=None,
    /// noise_pct=0.67, noise_std=1.0, noise_seed=42, k_decay=1.0)</c>. The cycles and warmup of
    /// <c>CosineLRScheduler</c>, with <c>lr = lrMin + (base·cycleDecay^i − lrMin)·(1 − t_curr^k / t_i^k)^power</c>.
    /// Noise and lrScale as <c>CosineLRScheduler</c>.</summary>
    static member PolyLRScheduler
        (
            tInitial: int,
            ?power: float,
            ?lrMin: float,
            ?cycleMul: float,
            ?cycleDecay: float,
            ?cycleLimit: int,
            ?warmupT: int,
            ?warmupLrInit: float,
            ?warmupPrefix: bool,
            ?tInEpochs: bool,
            ?noiseRangeT: NoiseRange,
            ?noisePct: float,
            ?noiseStd: float,
            ?noiseSeed: int,
            ?kDecay: float,
            ?lrScale: ForGroups<float>
        ) : Scheduler<unit> =
        Timm.Create(
            PolyLRScheduler.curve
                tInitial
                (defaultArg power PolyLRScheduler.DefaultPower)
                (defaultArg lrMin CosineLRScheduler.DefaultLrMin)
                (defaultArg cycleMul CosineLRScheduler.DefaultCycleMul)
                (defaultArg cycleDecay CosineLRScheduler.DefaultCycleDecay)
                (defaultArg cycleLimit CosineLRScheduler.DefaultCycleLimit)
                (Timm.Warmup(warmupT, warmupLrInit, warmupPrefix, CosineLRScheduler.DefaultWarmupPrefix))
                (defaultArg tInEpochs Scheduler.DefaultTInEpochs)
                (Timm.Noise(noiseRangeT, NoiseType.Normal, noisePct, noiseStd, noiseSeed))
                (defaultArg kDecay CosineLRScheduler.DefaultKDecay),
            lrScale
        )

    /// <summary><c>StepLRScheduler(optimizer, decay_t, decay_rate=1., warmup_t=0, warmup_lr_init=0,
    /// warmup_prefix=True, t_in_epochs=True, noise_range_t=None, noise_pct=0.67, noise_std=1.0, noise_seed=42)</c>.
    /// The warmup of <c>CosineLRScheduler</c> (prefixed by default), then <c>lr = base·decayRate^(t // decayT)</c>
    /// (Python's float floor division for a fractional decayT, which must be &gt; 0). Noise and lrScale as
    /// <c>CosineLRScheduler</c>.</summary>
    static member StepLRScheduler
        (
            decayT: float,
            ?decayRate: float,
            ?warmupT: int,
            ?warmupLrInit: float,
            ?warmupPrefix: bool,
            ?tInEpochs: bool,
            ?noiseRangeT: NoiseRange,
            ?noisePct: float,
            ?noiseStd: float,
            ?noiseSeed: int,
            ?lrScale: ForGroups<float>
        ) : Scheduler<unit> =
        Timm.Create(
            StepLRScheduler.curve
                decayT
                (defaultArg decayRate StepLRScheduler.DefaultDecayRate)
                (Timm.Warmup(warmupT, warmupLrInit, warmupPrefix, StepLRScheduler.DefaultWarmupPrefix))
                (defaultArg tInEpochs Scheduler.DefaultTInEpochs)
                (Timm.Noise(noiseRangeT, NoiseType.Normal, noisePct, noiseStd, noiseSeed)),
            lrScale
        )

    /// <summary><c>MultiStepLRScheduler(optimizer, decay_t, decay_rate=1., warmup_t=0, warmup_lr_init=0,
    /// warmup_prefix=True, t_in_epochs=True, noise_range_t=None, noise_pct=0.67, noise_std=1.0, noise_seed=42)</c>.
    /// The warmup of <c>StepLRScheduler</c>, then <c>lr = base·decayRate^n</c> with <c>n = bisect_right(decayT, t +
    /// 1)</c>: timm's LR drops one step before each milestone (kept); <c>decayAtMilestone = true</c> drops it at the
    /// milestone (<c>bisect_right(decayT, t)</c>). Noise and lrScale as <c>CosineLRScheduler</c>.</summary>
    static member MultiStepLRScheduler
        (
            decayT: int list,
            ?decayRate: float,
            ?warmupT: int,
            ?warmupLrInit: float,
            ?warmupPrefix: bool,
            ?tInEpochs: bool,
            ?noiseRangeT: NoiseRange,
            ?noisePct: float,
            ?noiseStd: float,
            ?noiseSeed: int,
            ?decayAtMilestone: bool,
            ?lrScale: ForGroups<float>
        ) : Scheduler<unit> =
        Timm.Create(
            MultiStepLRScheduler.curve
                decayT
                (defaultArg decayRate StepLRScheduler.DefaultDecayRate)
                (Timm.Warmup(warmupT, warmupLrInit, warmupPrefix, StepLRScheduler.DefaultWarmupPrefix))
                (defaultArg tInEpochs Scheduler.DefaultTInEpochs)
                (Timm.Noise(noiseRangeT, NoiseType.Normal, noisePct, noiseStd, noiseSeed))
                (defaultArg decayAtMilestone MultiStepLRScheduler.DefaultDecayAtMilestone),
            lrScale
        )

    /// <summary><c>PlateauLRScheduler(optimizer, decay_rate=0.1, patience_t=10, threshold=1e-4, cooldown_t=0,
    /// warmup_t=0, warmup_lr_init=0, lr_min=0, mode='max', noise_range_t=None, noise_type='normal', noise_pct=0.67,
    /// noise_std=1.0, noise_seed=None)</c>. Its step is timm's <c>step(epoch, metric)</c>: for epoch ≤ warmupT,
    /// <c>lr = warmupLrInit + epoch·(base − warmupLrInit)/warmupT</c> (times lrScale) and the metric is not seen;
    /// after, the LRs from before the last noise are put back, PyTorch's ReduceLROnPlateau steps (factor decayRate,
    /// patience patienceT, cooldown cooldownT, min_lr lrMin, threshold_mode 'rel', eps 1e-8; <b>mode Max</b> by
    /// default), then at the epochs of noiseRangeT each LR v becomes <c>v + v·x</c>.</summary>
    static member PlateauLRScheduler
        (
            ?decayRate: float,
            ?patienceT: int,
            ?threshold: float,
            ?cooldownT: int,
            ?warmupT: int,
            ?warmupLrInit: float,
            ?lrMin: float,
            ?mode: PlateauMode,
            ?noiseRangeT: NoiseRange,
            ?noiseType: NoiseType,
            ?noisePct: float,
            ?noiseStd: float,
            ?noiseSeed: int,
            ?lrScale: ForGroups<float>
        ) : Scheduler<float> =
        let d = TimmPlateauLRSchedulerConfig.Default

        Scheduler.createWatching (
            TimmPlateauLRScheduler {
                DecayRate = defaultArg decayRate d.DecayRate
                PatienceT = defaultArg patienceT d.PatienceT
                Threshold = defaultArg threshold d.Threshold
                CooldownT = defaultArg cooldownT d.CooldownT
                WarmupT = defaultArg warmupT d.WarmupT
                WarmupLrInit = defaultArg warmupLrInit d.WarmupLrInit
                LrMin = defaultArg lrMin d.LrMin
                Mode = defaultArg mode d.Mode
                NoiseRangeT = noiseRangeT
                NoiseType = defaultArg noiseType d.NoiseType
                NoisePct = defaultArg noisePct d.NoisePct
                NoiseStd = defaultArg noiseStd d.NoiseStd
                NoiseSeed = defaultArg noiseSeed d.NoiseSeed
                LrScale = defaultArg lrScale d.LrScale
            }
        )
