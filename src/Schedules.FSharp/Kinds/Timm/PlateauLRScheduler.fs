namespace Schedules

/// <summary>timm's <c>PlateauLRScheduler</c> (timm's names in .NET casing, timm's defaults in
/// <see cref="P:Schedules.TimmPlateauLRSchedulerConfig.Default"/>): PyTorch's ReduceLROnPlateau with timm's warmup
/// and noise.</summary>
[<NoEquality; NoComparison>]
type TimmPlateauLRSchedulerConfig = {
    /// <summary>ReduceLROnPlateau's factor: new LR = max(LR × DecayRate, LrMin). In [0, 1). Default 0.1.</summary>
    DecayRate: float
    /// <summary>ReduceLROnPlateau's patience. Default 10.</summary>
    PatienceT: int
    /// <summary>ReduceLROnPlateau's threshold (threshold_mode 'rel'). Default 1e-4.</summary>
    Threshold: float
    /// <summary>ReduceLROnPlateau's cooldown. Default 0.</summary>
    CooldownT: int
    /// <summary>Epochs of linear warmup from WarmupLrInit, during which the metric is not seen (epoch ≤ WarmupT).
    /// Default 0.</summary>
    WarmupT: int
    /// <summary>The LR the warmup starts from (what the constructor writes when WarmupT ≠ 0). Default 0.</summary>
    WarmupLrInit: float
    /// <summary>ReduceLROnPlateau's min_lr, for every group. Default 0.</summary>
    LrMin: float
    /// <summary>ReduceLROnPlateau's mode. Default <b>Max</b> (PyTorch's default is Min).</summary>
    Mode: PlateauMode
    /// <summary>The epochs at which noise is added (None: never). Default None.</summary>
    NoiseRangeT: NoiseRange option
    /// <summary>Normal or Uniform. Default Normal.</summary>
    NoiseType: NoiseType
    /// <summary>The noise's bound (normal: redrawn until |x| &lt; NoisePct; uniform: ±NoisePct). Default 0.67.</summary>
    NoisePct: float
    /// <summary>Stored and never used, as in timm. Default 1.0.</summary>
    NoiseStd: float
    /// <summary>The generator of epoch t is seeded with NoiseSeed + t. Default 42.</summary>
    NoiseSeed: int
    /// <summary>timm's lr_scale param-group key: what the warmup writes is multiplied by it, per group. Default
    /// All 1.0 (none).</summary>
    LrScale: ForGroups<float>
} with

    /// <summary>timm's defaults: DecayRate 0.1, PatienceT 10, Threshold 1e-4, CooldownT 0, WarmupT 0, WarmupLrInit
    /// 0, LrMin 0, Mode Max, no noise (Normal, 0.67, 1.0, seed 42), LrScale All 1.0.</summary>
    static member Default = {
        DecayRate = 0.1
        PatienceT = 10
        Threshold = 1e-4
        CooldownT = 0
        WarmupT = 0
        WarmupLrInit = 0.0
        LrMin = 0.0
        Mode = Max
        NoiseRangeT = None
        NoiseType = NoiseType.Normal
        NoisePct = 0.67
        NoiseStd = 1.0
        NoiseSeed = 42
        LrScale = All 1.0
    }

namespace Schedules.Kinds.Timm

open System
open Schedules
open Schedules.Kinds

/// <summary>timm's <c>PlateauLRScheduler</c>: PyTorch's ReduceLROnPlateau (mode 'max' by default) after a linear
/// warmup that ignores the metric, with noise that is taken back before the next reduction.</summary>
[<RequireQualifiedAccess>]
module internal PlateauLRScheduler =

    /// The name its users write.
    [<Literal>]
    let internal Name = "timm.PlateauLRScheduler"

    /// The PyTorch ReduceLROnPlateau timm builds: threshold_mode 'rel', eps 1e-8, min_lr = lr_min for every group.
    let internal torchConfig (c: TimmPlateauLRSchedulerConfig) : ReduceLROnPlateauConfig = {
        ReduceLROnPlateauConfig.Default with
            Mode = c.Mode
            Factor = c.DecayRate
            Patience = c.PatienceT
            Threshold = c.Threshold
            Cooldown = c.CooldownT
            MinLr = All c.LrMin
            Warmup = 0
    }

    let internal noise (c: TimmPlateauLRSchedulerConfig) : Noise = {
        Range = c.NoiseRangeT
        Type = c.NoiseType
        Pct = c.NoisePct
        Std = c.NoiseStd
        Seed = c.NoiseSeed
    }

    let private warmup (c: TimmPlateauLRSchedulerConfig) : Warmup = {
        T = c.WarmupT
        LrInit = c.WarmupLrInit
        Prefix = false
    }

    /// The state: the base LRs, timm's epoch, PyTorch's plateau counters, and the LRs before the last noise (empty when
    /// the last step added none).
    let private fields (bases: GroupValues) (epoch: int) (p: PlateauState) (restore: GroupValues) =
        Fields(
            Name,
            [
                "baseLrs", PerGroup bases
                "lastEpoch", Counter epoch
                "best", Real p.Best
                "badEpochs", Counter p.BadEpochs
                "cooldownLeft", Counter p.CooldownLeft
                "restoreLrs", PerGroup restore
            ]
        )

    let private none = GroupValues.Own [||]

    let private unpack (state: State) =
        match state with
        | Fields(k,
                 [ "baseLrs", PerGroup b
                   "lastEpoch", Counter e
                   "best", Real best
                   "badEpochs", Counter bad
                   "cooldownLeft", Counter cooldown
                   "restoreLrs", PerGroup restore ]) when k = Name ->
            struct (b,
                    e,
                    {
                        Best = best
                        BadEpochs = bad
                        CooldownLeft = cooldown
                        WarmupLeft = 0
                        LastEpoch = e
                    },
                    restore)
        | _ -> Node.wrongState Name state

    let internal compile (c: TimmPlateauLRSchedulerConfig) : Node =
        let torch = torchConfig c
        let noise = noise c
        let w = warmup c
        let scale = lazy (Arithmetic.getter c.LrScale)
        let scaled (g: int) (v: float) = v * scale.Value g

        /// What timm's constructor writes (through lr_scale).
        let constructed (b: GroupValues) =
            GroupValues.Own(Array.init b.Count (fun g -> scaled g (Scheduler.initial w b.[g])))

        let fresh (b: GroupValues) =
            fields b 0 (ReduceLROnPlateau.initial torch) none

        let step (state: State) (lrs: GroupValues) (metric: float) =
            let struct (b, last, p, restore) = unpack state
            let e = Arithmetic.next Name last

            if e <= c.WarmupT then
                // The metric is not seen; warmup_lr_init + epoch·s through update_groups (lr_scale).
                let warm =
                    GroupValues.Own(Array.init b.Count (fun g -> scaled g (Scheduler.warmupLr w b.[g] e)))

                Node.result (fields b e p restore) warm None []
            else
                let current = if restore.Count > 0 then restore else lrs
                let struct (p, reduced, events) = ReduceLROnPlateau.step torch p current metric

                if Noise.applies noise e then
                    let x = Noise.draw noise e

                    let noisy =
                        GroupValues.Own(Array.map (fun (old: float) -> old + old * x) reduced.Items)

                    Node.result (fields b e p reduced) noisy None events
                else
                    Node.result (fields b e p none) reduced None events

        let args =
            let d = TimmPlateauLRSchedulerConfig.Default

            let mode (m: PlateauMode) =
                NameArg(Modes.plateauModeName m, Modes.plateauModeName m)

            let noiseType (t: NoiseType) =
                let n = Noise.typeName t
                NameArg(n, n)

            [
                Arg.optional "decay_rate" (FloatArg c.DecayRate) (FloatArg d.DecayRate)
                Arg.optional "patience_t" (IntArg c.PatienceT) (IntArg d.PatienceT)
                Arg.optional "threshold" (FloatArg c.Threshold) (FloatArg d.Threshold)
                Arg.optional "cooldown_t" (IntArg c.CooldownT) (IntArg d.CooldownT)
                Arg.optional "warmup_t" (IntArg c.WarmupT) (IntArg d.WarmupT)
                Arg.optional "warmup_lr_init" (FloatArg c.WarmupLrInit) (FloatArg d.WarmupLrInit)
                Arg.optional "lr_min" (FloatArg c.LrMin) (FloatArg d.LrMin)
                Arg.optional "mode" (mode c.Mode) (mode d.Mode)
                match c.NoiseRangeT with
                | Some(NoiseRange.From f) -> Arg.required "noise_range_t" (IntArg f)
                | Some(NoiseRange.Between(lo, hi)) -> Arg.required "noise_range_t" (IntsArg [ lo; hi ])
                | None -> ()
                Arg.optional "noise_type" (noiseType c.NoiseType) (noiseType d.NoiseType)
                Arg.optional "noise_pct" (FloatArg c.NoisePct) (FloatArg d.NoisePct)
                Arg.optional "noise_std" (FloatArg c.NoiseStd) (FloatArg d.NoiseStd)
                Arg.optional "noise_seed" (IntArg c.NoiseSeed) (IntArg d.NoiseSeed)
                Arg.optional "lr_scale" (GroupsArg c.LrScale) (GroupsArg d.LrScale)
            ]

        {
            Kind = Name
            Args = args
            Validate =
                fun () ->
                    Validate.between "decay_rate" 0.0 true 1.0 false c.DecayRate
                    Validate.nonNegativeInt "patience_t" c.PatienceT
                    Validate.nonNegative "threshold" c.Threshold
                    Validate.nonNegativeInt "cooldown_t" c.CooldownT
                    Validate.nonNegativeInt "warmup_t" c.WarmupT
                    Validate.nonNegative "warmup_lr_init" c.WarmupLrInit
                    Validate.nonNegative "lr_min" c.LrMin
                    Noise.validate noise
                    Scheduler.validateScale c.LrScale
            WatchesMetric = true
            CyclesMomentum = false
            CheckGroups = fun n -> Validate.groupsSetting "lrScale" n c.LrScale
            Start =
                fun initial lrs ->
                    let b = defaultArg initial lrs
                    struct (Node.result (fresh b) (constructed b) None [], Some b)
            InitialStep =
                fun state _ ->
                    let struct (b, _, _, _) = unpack state
                    Node.result (fresh b) (constructed b) None []
            Undone =
                fun state _ ->
                    let struct (b, _, _, _) = unpack state
                    Node.result (fresh b) (constructed b) None []
            Step =
                fun state lrs metric ->
                    match metric with
                    | ValueSome m -> step state lrs m
                    | ValueNone -> invalidArg "metric" (sprintf "%s needs a metric at every step." Name)
            // At a SequentialLR milestone it starts afresh, as a curve restarts at its step 0.
            Restart =
                fun state _ _ ->
                    let struct (b, _, _, _) = unpack state
                    Node.result (fresh b) (constructed b) None []
            StepAt = ValueNone
            Scalar = ValueNone
            Fill = ValueNone
            At = ValueNone
            Simulate = ValueNone
            ReadState =
                fun path e ->
                    let state =
                        Json.readFields path e Name [
                            "baseLrs", (fun p v -> PerGroup(Json.readValues p v))
                            "lastEpoch", Json.counter
                            "best", Json.real
                            "badEpochs", Json.counter
                            "cooldownLeft", Json.counter
                            "restoreLrs", Json.perGroup
                        ]

                    let struct (_, epoch, p, restore) = unpack state
                    let b = Json.readLrs path e "baseLrs"
                    Json.fitGroups path (fun n -> Validate.groupsSetting "lrScale" n c.LrScale) b.Count
                    let start = ReduceLROnPlateau.initial torch

                    if Double.IsNaN p.Best then
                        Json.unreachable (path + ".best") "is NaN, but NaN never improves on the best"

                    if p.BadEpochs > c.PatienceT then
                        Json.unreachable
                            (path + ".badEpochs")
                            (sprintf "is %d, but must be at most patience_t (%d)" p.BadEpochs c.PatienceT)

                    if p.CooldownLeft > c.CooldownT then
                        Json.unreachable
                            (path + ".cooldownLeft")
                            (sprintf "is %d, but must be at most cooldown_t (%d)" p.CooldownLeft c.CooldownT)

                    if
                        epoch <= c.WarmupT
                        && (p.Best <> start.Best || p.BadEpochs <> 0 || p.CooldownLeft <> 0)
                    then
                        Json.unreachable
                            path
                            (sprintf
                                "is at epoch %d of the warmup (warmup_t %d), where the metric is not seen: best is the initial %s, badEpochs and cooldownLeft 0"
                                epoch
                                c.WarmupT
                                (Validate.show start.Best))

                    let noisy = epoch > c.WarmupT && Noise.applies noise epoch

                    if noisy && restore.Count <> b.Count then
                        Json.unreachable
                            (path + ".restoreLrs")
                            (sprintf
                                "holds %d LRs, but noise was added at epoch %d, so it holds the %d LRs from before it"
                                restore.Count
                                epoch
                                b.Count)

                    if not noisy && restore.Count <> 0 then
                        Json.unreachable
                            (path + ".restoreLrs")
                            (sprintf
                                "holds %d LRs, but no noise was added at epoch %d, so it is empty"
                                restore.Count
                                epoch)

                    for i in 0 .. restore.Count - 1 do
                        if not (Double.IsFinite restore.[i]) || restore.[i] < 0.0 then
                            Json.unreachable
                                (sprintf "%s.restoreLrs[%d]" path i)
                                (sprintf "is %s, but an LR is finite and >= 0" (Validate.show restore.[i]))

                    fields b epoch p restore
        }

    let internal parse (r: ArgReader) : TimmPlateauLRSchedulerConfig =
        let d = TimmPlateauLRSchedulerConfig.Default

        {
            DecayRate = r.FloatOr("decay_rate", d.DecayRate)
            PatienceT = r.IntOr("patience_t", d.PatienceT)
            Threshold = r.FloatOr("threshold", d.Threshold)
            CooldownT = r.IntOr("cooldown_t", d.CooldownT)
            WarmupT = r.IntOr("warmup_t", d.WarmupT)
            WarmupLrInit = r.FloatOr("warmup_lr_init", d.WarmupLrInit)
            LrMin = r.FloatOr("lr_min", d.LrMin)
            Mode = r.NameOr("mode", Modes.parsePlateauMode, d.Mode)
            NoiseRangeT = Noise.readRange r
            NoiseType = r.NameOr("noise_type", Noise.parseType, d.NoiseType)
            NoisePct = r.FloatOr("noise_pct", d.NoisePct)
            NoiseStd = r.FloatOr("noise_std", d.NoiseStd)
            NoiseSeed = r.IntOr("noise_seed", d.NoiseSeed)
            LrScale = Scheduler.readLrScale r
        }

    /// Its page in docs/schedulers and its line in HTML tables.
    let internal description: Description = {
        Name = Name
        Formula =
            "Epoch ≤ warmup_t: lr = warmup_lr_init + epoch·(base − warmup_lr_init)/warmup_t, the metric not seen. After: the LRs from before the last noise are put back, PyTorch's ReduceLROnPlateau steps on the metric (new lr = max(lr × decay_rate, lr_min) after more than patience_t bad epochs; threshold_mode 'rel', eps 1e-8; mode 'max' by default), then at the epochs of noise_range_t each LR v becomes v + v·x. The warmup's values are times the group's lr_scale."
        Origin = "timm"
        Source =
            "`PlateauLRScheduler(optimizer, decay_rate=0.5, patience_t=2, mode='min', warmup_t=3, warmup_lr_init=1e-3)`"
        FSharp =
            "`Timm.PlateauLRScheduler { TimmPlateauLRSchedulerConfig.Default with DecayRate = 0.5; PatienceT = 2; Mode = Min; WarmupT = 3; WarmupLrInit = 1e-3 }`"
        Differences =
            "None in the numbers: timm's, bit for bit with its own code. Our step is timm's step(epoch, metric); step_update does nothing in timm, so there is nothing to call per update. Kept: mode is 'max' by default (PyTorch's is 'min'); the warmup ignores the metric and at epoch = warmup_t writes warmup_lr_init + warmup_t·s, which may differ from base in the last bit; noise_std is unused. Unlike timm's state_dict (best and last_epoch only), a checkpoint keeps the bad-epoch and cooldown counters and the LRs from before the noise. Refused when built: decay_rate outside [0, 1), negative patience_t, cooldown_t, warmup_t, threshold, lr_min or warmup_lr_init, a noise_type other than 'normal' or 'uniform' (timm takes any other name as uniform)."
        Example =
            """{"kind": "timm.PlateauLRScheduler", "decay_rate": 0.5, "patience_t": 2, "mode": "min", "warmup_t": 3, "warmup_lr_init": 0.001}"""
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
