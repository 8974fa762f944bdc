namespace Schedules.Kinds.Timm

open System
open Schedules
open Schedules.Kinds

/// timm's warmup (shared by every timm class): for t < warmup_t, lr = warmup_lr_init + t·s, with
/// s = (target − warmup_lr_init) / warmup_t per group; the constructor writes warmup_lr_init when warmup_t ≠ 0.
[<NoEquality; NoComparison>]
type internal Warmup = { T: int; LrInit: float; Prefix: bool }

/// What the timm classes share (timm.scheduler.Scheduler and the warmup every subclass repeats).
module internal Scheduler =

    [<Literal>]
    let DefaultWarmupT = 0

    [<Literal>]
    let DefaultWarmupLrInit = 0.0

    [<Literal>]
    let DefaultTInEpochs = true

    /// What the constructor wrote (row 0): warmup_lr_init when warmup_t is truthy, else the base LR.
    let initial (w: Warmup) (b: float) = if w.T <> 0 then w.LrInit else b

    /// The warmup value at t < warmup_t, toward target (the base LR, or Tanh's value at warmup_t).
    let warmupLr (w: Warmup) (target: float) (t: int) =
        let s = (target - w.LrInit) / float w.T
        w.LrInit + float t * s

    /// The schedule's own t after the warmup: shifted by warmup_t when prefixed.
    let shifted (w: Warmup) (t: int) = if w.Prefix then t - w.T else t

    /// Python's float floor division a // b (float_floor_div: fmod, then the correction toward floor).
    let floorDiv (a: float) (b: float) =
        let md = a % b
        let mutable div = (a - md) / b

        if md <> 0.0 && ((b < 0.0) <> (md < 0.0)) then
            div <- div - 1.0

        if div <> 0.0 then
            let f = Math.Floor div
            if div - f > 0.5 then f + 1.0 else f
        else
            Math.CopySign(0.0, a / b)

    /// The cycle of t (timm's Cosine, Poly and Tanh): struct (i, t_i, t_curr), by the floor of a logarithm when
    /// cycle_mul ≠ 1 (its float traps kept: an exact restart may land in the previous cycle).
    let cycle (tInitial: int) (cycleMul: float) (t: int) : struct (float * float * float) =
        if cycleMul <> 1.0 then
            let x = 1.0 - float t / float tInitial * (1.0 - cycleMul)

            if not (x > 0.0) then
                raise (
                    InvalidOperationException(
                        sprintf
                            "cycle_mul = %s ends the schedule at t = %d: its cycles (t_initial = %d) sum to less than that, so timm takes the logarithm of %s (math domain error)."
                            (Validate.show cycleMul)
                            t
                            tInitial
                            (Validate.show x)
                    )
                )

            let i = Math.Floor(Math.Log x / Math.Log cycleMul)
            let mi = Math.Pow(cycleMul, i)
            struct (i, mi * float tInitial, float t - (1.0 - mi) / (1.0 - cycleMul) * float tInitial)
        else
            // Python's int // int (floor); the remainder only matters below 0.
            let q = t / tInitial
            let i = float (if t < 0 && t % tInitial <> 0 then q - 1 else q)
            struct (i, float tInitial, float t - float tInitial * i)

    /// Cosine's, Poly's and Tanh's rule after the warmup: in cycle i, while i < cycle_limit, the class's shape of
    /// (lrMax = b·cycle_decay^i, t_i, t_curr); lr_min for ever after.
    let inCycle
        (tInitial: int)
        (cycleMul: float)
        (cycleDecay: float)
        (cycleLimit: int)
        (w: Warmup)
        (lrMin: float)
        (shape: float -> float -> float -> float)
        =
        fun (b: float) (t: int) ->
            let struct (i, tI, tCurr) = cycle tInitial cycleMul (shifted w t)

            if i < float cycleLimit then
                shape (b * Arithmetic.pow cycleDecay i) tI tCurr
            else
                lrMin

    let warmupArgs (w: Warmup) : (string * CurveArg) list = [
        "warmup_t", Integer w.T
        "warmup_lr_init", Number w.LrInit
        "warmup_prefix", Flag w.Prefix
    ]

    let readWarmup (r: ArgReader) (prefixDefault: bool) : Warmup = {
        T = r.IntOr("warmup_t", DefaultWarmupT)
        LrInit = r.FloatOr("warmup_lr_init", DefaultWarmupLrInit)
        Prefix = r.BoolOr("warmup_prefix", prefixDefault)
    }

    /// A timm curve: row 0 is what the constructor wrote, step t ≥ 1 is rule(t) (timm's _get_lr) with the noise.
    let curve (name: string) (args: (string * CurveArg) list) (w: Warmup) (noise: Noise) (rule: float -> int -> float) = {
        Name = name
        Args = args
        Lr = fun b t -> if t = 0 then initial w b else Noise.add noise t (rule b t)
    }

    /// lr_scale from JSON: a number for every group, or one per group where null is none (1).
    let readLrScale (r: ArgReader) : ForGroups<float> =
        match r.Element.TryGetProperty "lr_scale" with
        | true, v when v.ValueKind = Text.Json.JsonValueKind.Array ->
            Each [
                for i, x in Seq.indexed (v.EnumerateArray()) ->
                    if x.ValueKind = Text.Json.JsonValueKind.Null then
                        1.0
                    else
                        ArgReading.number "" (sprintf "lr_scale[%d]" i) x
            ]
        | _ -> r.GroupsOr("lr_scale", All 1.0)

    let validateScale (lrScale: ForGroups<float>) =
        Validate.notNull "lrScale" (box lrScale)

        for v in ForGroups.values lrScale do
            if not (Double.IsFinite v) then
                Validate.fail "lrScale" v "finite numbers"

    /// The node of a timm curve whose values are multiplied by each group's lr_scale (after the noise, as
    /// timm's update_groups does).
    let compile (c: Curve, lrScale: ForGroups<float>) : Node =
        let inner = Kinds.Curve.compile c
        let scale = lazy (Arithmetic.getter lrScale)

        let value (b: GroupValues) (g: int) (e: int) =
            let s = scale.Value g
            let v = c.Lr b.[g] e
            if s = 1.0 then v else v * s

        let node =
            EpochKind.node {
                Kind = inner.Kind
                Args =
                    inner.Args
                    @ [ Arg.optional "lr_scale" (GroupsArg lrScale) (GroupsArg(All 1.0)) ]
                Validate =
                    fun () ->
                        inner.Validate()
                        validateScale lrScale
                CheckGroups = fun n -> Validate.groupsSetting "lrScale" n lrScale
                Recursive = fun b e _ -> GroupValues.Own(Array.init b.Count (fun g -> value b g e))
                Restart = fun b _ -> GroupValues.Own(Array.init b.Count (fun g -> value b g 0))
                // timm's rule is absolute: the step to epoch 0 gives epoch 0's value whatever PyTorch version.
                ZeroStep = ValueNone
                Scalar = ValueSome value
            }

        // value's loop, with the group's base LR and scale read once.
        {
            node with
                Fill =
                    ValueSome(fun state g first count destination offset ->
                        let b = (EpochKind.bases node.Kind state).[g]
                        let s = scale.Value g

                        for i in 0 .. count - 1 do
                            let v = c.Lr b (first + i)
                            destination.[offset + i] <- if s = 1.0 then v else v * s)
        }

    /// A timm kind's configuration from JSON: its curve, and lr_scale.
    let read (parse: ArgReader -> Curve) (r: ArgReader) = (parse r, readLrScale r)
