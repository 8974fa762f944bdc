/// <summary>PyTorch's CosineAnnealingWarmRestarts (SGDR): LR = etaMin + (base − etaMin)(1 + cos(π·T_cur/T_i))/2 with
/// periods T_i = t0, t0·tMult, ...; also stepped to explicit, fractional epochs (PyTorch's step(epoch)).</summary>
module Schedules.Kinds.CosineAnnealingWarmRestarts

open System
open Schedules

/// <summary>PyTorch's default tMult.</summary>
[<Literal>]
let DefaultTMult = 1

/// <summary>PyTorch's default etaMin.</summary>
[<Literal>]
let DefaultEtaMin = 0.0

/// The LRs from base LRs at position tCur of a period of length tI.
let internal lrs (etaMin: float) (bases: GroupValues) (tCur: float) (tI: float) =
    Arithmetic.cosineOfBases etaMin bases tCur tI

/// A period that an int cannot hold: PyTorch's T_i is a Python int; this one stops with a clear refusal.
let private tooLong (t0: int) (tMult: int) (period: float) : 'T =
    raise (
        InvalidOperationException(
            sprintf
                "CosineAnnealingWarmRestarts(t0 = %d, tMult = %d) would start a period of %s steps, more than the %d an int holds; choose a smaller tMult or t0."
                t0
                tMult
                (Validate.show period)
                Int32.MaxValue
        )
    )

/// One step(): T_cur advances by one and wraps (with the period growing by tMult) when it reaches T_i.
let internal next (t0: int) (tMult: int) (tCur: float) (tI: int) =
    let tCur = tCur + 1.0

    if tCur >= float tI then
        let longer = int64 tI * int64 tMult

        if longer > int64 Int32.MaxValue then
            tooLong t0 tMult (float longer)

        struct (tCur - float tI, int longer)
    else
        struct (tCur, tI)

/// step(epoch) with an explicit, possibly fractional epoch, as PyTorch computes it (including its int(log(...))
/// rounding at exact restart points).
let internal at (t0: int) (tMult: int) (epoch: float) =
    if epoch >= float t0 then
        if tMult = 1 then
            struct (epoch % float t0, t0)
        else
            let n =
                int (Math.Log(epoch / float t0 * float (tMult - 1) + 1.0) / Math.Log(float tMult))

            let tMultN = Math.Pow(float tMult, float n)

            if float t0 * tMultN > float Int32.MaxValue then
                tooLong t0 tMult (float t0 * tMultN)

            struct (epoch - float t0 * (tMultN - 1.0) / float (tMult - 1), t0 * int tMultN)
    else
        struct (epoch, t0)

/// Integer epochs, without PyTorch's log rounding (which only its step(epoch) path has); the period is returned as
/// a float, since near step 2^31 it can outgrow an int.
let internal position (t0: int) (tMult: int) (e: int) =
    if tMult = 1 then
        struct (float (e % t0), float t0)
    else
        let mutable start = 0L
        let mutable length = int64 t0

        while int64 e >= start + length do
            start <- start + length
            length <- length * int64 tMult

        struct (float (int64 e - start), float length)

let internal compile (t0: int, tMult: int, etaMin: float) : Node =
    let kind = "CosineAnnealingWarmRestarts"

    let bases state =
        match state with
        | WarmRestarts(b, _, _, _) -> b
        | _ -> Node.wrongState kind state

    let fresh (b: GroupValues) =
        Node.result (WarmRestarts(b, 0, 0.0, t0)) (lrs etaMin b 0.0 (float t0)) None []

    let scalar (state: State) =
        let b = bases state

        fun g e ->
            let struct (tCur, tI) = position t0 tMult e
            Arithmetic.cosine etaMin b.[g] tCur tI

    {
        Kind = kind
        Args = [
            Arg.required "t0" (IntArg t0)
            Arg.optional "tMult" (IntArg tMult) (IntArg DefaultTMult)
            Arg.optional "etaMin" (FloatArg etaMin) (FloatArg DefaultEtaMin)
        ]
        Validate =
            fun () ->
                Validate.positiveInt "t0" t0
                Validate.positiveInt "tMult" tMult
                Validate.nonNegative "etaMin" etaMin
        WatchesMetric = false
        CyclesMomentum = false
        CheckGroups = ignore
        Start =
            fun initial lrs ->
                let b = defaultArg initial lrs
                struct (fresh b, Some b)
        InitialStep = fun state _ -> fresh (bases state)
        // step() from −1 takes epoch 0 explicitly: the same as the initial step.
        Undone = fun state _ -> fresh (bases state)
        Step =
            fun state _ _ ->
                match state with
                | WarmRestarts(b, e, tCur, tI) ->
                    let e = Arithmetic.next kind e
                    let struct (tCur, tI) = next t0 tMult tCur tI
                    Node.result (WarmRestarts(b, e, tCur, tI)) (lrs etaMin b tCur (float tI)) None []
                | _ -> Node.wrongState kind state
        Restart = fun state _ _ -> fresh (bases state)
        StepAt =
            ValueSome(fun state epoch ->
                let b = bases state

                if not (Double.IsFinite epoch) || epoch < 0.0 || epoch > float Int32.MaxValue then
                    Validate.fail "epoch" epoch (sprintf "a finite epoch >= 0 and at most %d" Int32.MaxValue)

                let struct (tCur, tI) = at t0 tMult epoch

                Node.result (WarmRestarts(b, int (Math.Floor epoch), tCur, tI)) (lrs etaMin b tCur (float tI)) None [])
        Scalar = ValueSome scalar
        Fill = ValueSome(Node.fillOfScalar scalar)
        At = ValueSome(Node.atOfScalar (fun s -> (bases s).Count) scalar)
        Simulate = ValueNone
        ReadState =
            fun path e ->
                Json.expectKind path e "WarmRestarts"
                let tI = Json.readCount path e "tI" ValueNone
                let mutable period = int64 t0

                while period < int64 tI && tMult > 1 do
                    period <- period * int64 tMult

                if period <> int64 tI then
                    Json.unreachable
                        (path + ".tI")
                        (sprintf "is %d, but the periods are t0 × tMult^k (t0 = %d, tMult = %d)" tI t0 tMult)

                let tCur = Json.readNumber (path + ".tCur") (Json.prop path e "tCur")

                if not (Double.IsFinite tCur && tCur >= 0.0 && tCur < float tI) then
                    Json.unreachable
                        (path + ".tCur")
                        (sprintf "is %s, but lies in [0, tI = %d)" (Validate.show tCur) tI)

                WarmRestarts(Json.readLrs path e "baseLrs", Json.readCount path e "lastEpoch" ValueNone, tCur, tI)
    }

let internal parse (r: ArgReader) =
    (r.Int "t0", r.IntOr("tMult", DefaultTMult), r.FloatOr("etaMin", DefaultEtaMin))

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = "CosineAnnealingWarmRestarts"
    Formula = "lr = etaMin + (base − etaMin)(1 + cos(π T_cur / T_i)) / 2, T_i = T_0, T_0·T_mult, ..."
    Origin = "PyTorch"
    Source = "`CosineAnnealingWarmRestarts(opt, T_0=5, T_mult=2)`"
    FSharp = "`LRScheduler.CosineAnnealingWarmRestarts(5, 2)`; fractional epochs with `Scheduler.stepAt`"
    Differences =
        "Not in TorchSharp. `Preview` computes integer epochs exactly (PyTorch's `step(epoch)` can land one cycle short at exact restarts)."
    Example = """{"kind": "CosineAnnealingWarmRestarts", "t0": 5, "tMult": 2}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
