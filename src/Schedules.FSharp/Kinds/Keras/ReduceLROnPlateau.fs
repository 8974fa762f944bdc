namespace Schedules

/// <summary>Keras 3's <c>keras.callbacks.ReduceLROnPlateau</c>, with Keras' argument names in .NET casing;
/// <see cref="P:Schedules.KerasReduceLROnPlateauConfig.Default"/> holds Keras' defaults.</summary>
[<NoEquality; NoComparison>]
type KerasReduceLROnPlateauConfig = {
    /// <summary>The name of the watched quantity. It matters only with <c>Mode = None</c> (Keras' 'auto'), where
    /// "loss" or "val_loss" means Min. Default "val_loss".</summary>
    Monitor: string
    /// <summary>new LR = max(LR × Factor, MinLr). In [0, 1). Default 0.1.</summary>
    Factor: float
    /// <summary>A reduction happens when the count of non-improving epochs (Keras' wait) reaches Patience
    /// (wait ≥ patience). Default 10.</summary>
    Patience: int
    /// <summary>Some Min (a loss) or Some Max (an accuracy); None is Keras' 'auto', the direction from the Monitor's
    /// name. Default None.</summary>
    Mode: PlateauMode option
    /// <summary>An improvement beats the best by more than |MinDelta| (absolute only). Default 1e-4.</summary>
    MinDelta: float
    /// <summary>Keras' cooldown: after a reduction the counter is set to Cooldown and decremented before each
    /// epoch's test, so bad epochs go uncounted for Cooldown − 1 epochs. Default 0.</summary>
    Cooldown: int
    /// <summary>Lower bound of the LR, for every group. Default 0.0.</summary>
    MinLr: float
} with

    /// <summary>Keras' defaults: monitor "val_loss", factor 0.1, patience 10, mode 'auto' (None), min_delta 1e-4,
    /// cooldown 0, min_lr 0.</summary>
    static member Default = {
        Monitor = "val_loss"
        Factor = 0.1
        Patience = 10
        Mode = None
        MinDelta = 1e-4
        Cooldown = 0
        MinLr = 0.0
    }

namespace Schedules.Kinds.Keras

/// <summary>Keras 3's <c>keras.callbacks.ReduceLROnPlateau</c>: at each epoch end, with the monitored value, the LR
/// is multiplied by factor when the count of non-improving epochs reaches patience.</summary>
[<RequireQualifiedAccess>]
module internal ReduceLROnPlateau =

    open System
    open Schedules
    open Schedules.Kinds

    /// The name its users write.
    [<Literal>]
    let Name = "keras.callbacks.ReduceLROnPlateau"

    /// Keras' counters: best, wait, cooldown_counter, and the number of epoch ends seen. Keras' best starts as None;
    /// here it is unset while lastEpoch is 0, and holds the placeholder ±∞ of the watched direction (Keras 3.0's start).
    type Counters = {
        Best: float
        Wait: int
        CooldownCounter: int
        LastEpoch: int
    }

    let private fields (s: Counters) =
        Fields(
            Name,
            [
                "best", Real s.Best
                "wait", Counter s.Wait
                "cooldownCounter", Counter s.CooldownCounter
                "lastEpoch", Counter s.LastEpoch
            ]
        )

    /// Keras' 'auto': the monitor without its "val_" prefix is "loss" → Min. Keras looks any other name up among the
    /// model's compiled metrics; a scheduler has none, so such a configuration is refused when built.
    let private autoMinimises (monitor: string) =
        let name =
            if monitor.StartsWith "val_" then
                monitor.Substring 4
            else
                monitor

        name = "loss"

    /// The direction the rule watches, 'auto' resolved.
    let minimises (c: KerasReduceLROnPlateauConfig) =
        match c.Mode with
        | Some Min -> true
        | Some Max -> false
        | None -> autoMinimises c.Monitor

    let initial (c: KerasReduceLROnPlateauConfig) = {
        Best = if minimises c then infinity else -infinity
        Wait = 0
        CooldownCounter = 0
        LastEpoch = 0
    }

    /// Keras' monitor_op on (current, best), min_delta taken as |min_delta| and negated for Min: in Min mode
    /// current − (−|δ|) < best, in Max mode current − |δ| > best. Every comparison with NaN is false.
    let improves (c: KerasReduceLROnPlateauConfig) (current: float) (best: float) =
        let delta = Math.Abs c.MinDelta

        if minimises c then
            current - -delta < best
        else
            current - delta > best

    /// One on_epoch_end with the monitored value, in Keras' order: the cooldown counter first, then the test; the
    /// first value always becomes the best (Keras' best starts as None), even NaN.
    let step (c: KerasReduceLROnPlateauConfig) (s: Counters) (lrs: GroupValues) (current: float) =
        let last = Arithmetic.next Name s.LastEpoch

        let cooldown, wait =
            if s.CooldownCounter > 0 then
                s.CooldownCounter - 1, 0
            else
                s.CooldownCounter, s.Wait

        if s.LastEpoch = 0 || improves c current s.Best then
            struct ({
                        Best = current
                        Wait = 0
                        CooldownCounter = cooldown
                        LastEpoch = last
                    },
                    lrs,
                    [])
        elif cooldown > 0 then
            struct ({
                        s with
                            CooldownCounter = cooldown
                            Wait = wait
                            LastEpoch = last
                    },
                    lrs,
                    [])
        else
            let wait = wait + 1

            if wait >= c.Patience then
                let fresh = Array.copy lrs.Items
                let mutable events = []

                for g in lrs.Count - 1 .. -1 .. 0 do
                    let old = lrs.[g]

                    if old > c.MinLr then
                        let scaled = old * c.Factor
                        // Python's max(new_lr, min_lr) keeps new_lr unless min_lr > new_lr.
                        let lr = if c.MinLr > scaled then c.MinLr else scaled
                        fresh.[g] <- lr
                        events <- LrReduced(g, old, lr) :: events

                if List.isEmpty events then
                    // Already at min_lr: nothing is reset, and wait keeps growing.
                    struct ({
                                s with
                                    CooldownCounter = cooldown
                                    Wait = wait
                                    LastEpoch = last
                            },
                            lrs,
                            [])
                else
                    struct ({
                                s with
                                    CooldownCounter = c.Cooldown
                                    Wait = 0
                                    LastEpoch = last
                            },
                            GroupValues.Own fresh,
                            events)
            else
                struct ({
                            s with
                                CooldownCounter = cooldown
                                Wait = wait
                                LastEpoch = last
                        },
                        lrs,
                        [])

    /// The counters of a state of this kind.
    let private counters (state: State) =
        match state with
        | Fields(kind,
                 [ "best", Real best
                   "wait", Counter wait
                   "cooldownCounter", Counter cooldown
                   "lastEpoch", Counter last ]) when kind = Name -> {
            Best = best
            Wait = wait
            CooldownCounter = cooldown
            LastEpoch = last
          }
        | _ -> Node.wrongState Name state

    /// A saved state, refused where no run of this configuration reaches it.
    let private read (c: KerasReduceLROnPlateauConfig) (path: string) (e: Text.Json.JsonElement) =
        let s =
            Json.readFields path e Name [
                "best", Json.real
                "wait", Json.counter
                "cooldownCounter", Json.counter
                "lastEpoch", Json.counter
            ]
            |> counters

        if s.CooldownCounter > c.Cooldown then
            Json.unreachable
                (path + ".cooldownCounter")
                (sprintf "is %d, but must be at most cooldown (%d)" s.CooldownCounter c.Cooldown)

        if s.Wait > s.LastEpoch then
            Json.unreachable
                (path + ".wait")
                (sprintf "is %d, but counts at most lastEpoch (%d) epochs" s.Wait s.LastEpoch)

        if s.CooldownCounter > 0 && s.Wait <> 0 then
            Json.unreachable (path + ".wait") (sprintf "is %d, but is 0 while the cooldown runs" s.Wait)

        if s.LastEpoch = 0 && s <> initial c then
            Json.unreachable
                path
                (sprintf
                    "has seen no epoch (lastEpoch 0), where best is the unset %s, wait 0 and cooldownCounter 0"
                    (Validate.show (initial c).Best))

        s

    let compile (c: KerasReduceLROnPlateauConfig) : Node =
        let d = KerasReduceLROnPlateauConfig.Default

        let modeArg (m: PlateauMode option) =
            let name =
                match m with
                | Some m -> Modes.plateauModeName m
                | None -> "auto"

            NameArg(name, name)

        let stepWith (state: State) (lrs: GroupValues) (metric: float voption) =
            match metric with
            | ValueSome m ->
                let struct (s, lrs, events) = step c (counters state) lrs m
                Node.result (fields s) lrs None events
            | ValueNone -> invalidArg "metric" (sprintf "%s needs the monitored value at every epoch end." Name)

        {
            Kind = Name
            Args = [
                Arg.optional "monitor" (NameArg(c.Monitor, c.Monitor)) (NameArg(d.Monitor, d.Monitor))
                Arg.optional "factor" (FloatArg c.Factor) (FloatArg d.Factor)
                Arg.optional "patience" (IntArg c.Patience) (IntArg d.Patience)
                Arg.optional "mode" (modeArg c.Mode) (modeArg d.Mode)
                Arg.optional "min_delta" (FloatArg c.MinDelta) (FloatArg d.MinDelta)
                Arg.optional "cooldown" (IntArg c.Cooldown) (IntArg d.Cooldown)
                Arg.optional "min_lr" (FloatArg c.MinLr) (FloatArg d.MinLr)
            ]
            Validate =
                fun () ->
                    Validate.notNull "monitor" (box c.Monitor)
                    Validate.between "factor" 0.0 true 1.0 false c.Factor
                    Validate.nonNegativeInt "patience" c.Patience
                    Checks.finite "min_delta" c.MinDelta
                    Validate.nonNegativeInt "cooldown" c.Cooldown
                    Checks.learningRate "min_lr" c.MinLr

                    if c.Mode.IsNone && not (autoMinimises c.Monitor) then
                        Validate.fail
                            "mode"
                            (sprintf "'auto' with monitor '%s'" c.Monitor)
                            "'min' or 'max' for a monitor other than 'loss' or 'val_loss' ('auto' minimises those; Keras looks other names up among the model's compiled metrics, which a scheduler does not have)"
            WatchesMetric = true
            CyclesMomentum = false
            CheckGroups = ignore
            Start = fun initialLr lrs -> struct (Node.result (fields (initial c)) lrs None [], initialLr)
            InitialStep = fun state lrs -> Node.result state lrs None []
            Undone = fun state lrs -> Node.result state lrs None []
            Step = stepWith
            Restart = stepWith
            StepAt = ValueNone
            Scalar = ValueNone
            Fill = ValueNone
            At = ValueNone
            Simulate = ValueNone
            ReadState = fun path e -> fields (read c path e)
        }

    let parse (r: ArgReader) : KerasReduceLROnPlateauConfig =
        let d = KerasReduceLROnPlateauConfig.Default

        {
            Monitor = r.NameOr("monitor", id, d.Monitor)
            Factor = r.FloatOr("factor", d.Factor)
            Patience = r.IntOr("patience", d.Patience)
            Mode =
                r.NameOr(
                    "mode",
                    (fun m ->
                        match m with
                        | "auto" -> None
                        | "min" -> Some Min
                        | "max" -> Some Max
                        | other ->
                            Validate.fail
                                "mode"
                                other
                                "one of 'auto', 'min' or 'max' (Keras warns and falls back to 'auto')"),
                    d.Mode
                )
            MinDelta = r.FloatOr("min_delta", d.MinDelta)
            Cooldown = r.IntOr("cooldown", d.Cooldown)
            MinLr = r.FloatOr("min_lr", d.MinLr)
        }

    /// Its page in docs/schedulers and its line in HTML tables.
    let description: Description = {
        Name = Name
        Formula =
            "at each epoch end: the cooldown counter, if > 0, is decremented and wait reset; the first value, or one that beats the best by more than |min_delta|, becomes the best (wait 0); otherwise, out of cooldown, wait + 1, and once wait ≥ patience every LR above min_lr becomes max(lr × factor, min_lr), the cooldown counter cooldown and wait 0."
        Origin = "Keras 3"
        Source = "`keras.callbacks.ReduceLROnPlateau(monitor=\"val_loss\", factor=0.5, patience=2, cooldown=1)`"
        FSharp = "`Keras.ReduceLROnPlateau(factor = 0.5, patience = 2, cooldown = 1)`"
        Differences =
            "Keras' conventions kept: patience p reduces on the p-th bad epoch (wait ≥ p; PyTorch's on the (p+1)-th), patience 0 on every non-improving one; cooldown c leaves bad epochs uncounted for c − 1 epochs only (the counter is decremented before the test); the first value becomes the best even when it is NaN, and then nothing beats it, so the LR is cut every patience epochs (PyTorch starts from ±∞ and never takes NaN); min_delta is absolute; at min_lr wait keeps growing. Keras keeps the LR in a float32 variable; this port keeps float64, so LRs agree with Keras to float32 precision. Refused when built: mode 'auto' with a monitor other than 'loss' or 'val_loss' (Keras resolves it from the model's compiled metrics, at the first epoch end), an unknown mode (Keras warns and falls back to 'auto'), an unknown argument (Keras' **kwargs swallows typos), factor < 0 (Keras refuses only ≥ 1), negative patience or cooldown, a non-finite min_delta or min_lr. With several param groups each group above min_lr is reduced, and a reduction in any group starts the cooldown."
        Example =
            """{"kind": "keras.callbacks.ReduceLROnPlateau", "monitor": "val_loss", "factor": 0.5, "patience": 2, "cooldown": 1}"""
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
