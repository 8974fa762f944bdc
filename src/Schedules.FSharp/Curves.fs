namespace Schedules

open System
open System.Text.Json
open Schedules.Kinds

/// <summary>
/// Building and combining curves (schedules that are pure functions of the step; see <see cref="T:Schedules.Curve"/>).
/// A curve becomes a scheduler with <c>Scheduler.create (Curve c)</c>; the families' factories do that for you.
/// </summary>
[<RequireQualifiedAccess>]
module Curves =

    /// <summary>optax's <c>join_schedules</c>: <c>curves[i]</c> from <c>boundaries[i-1]</c> on, each on its own local
    /// time (the step minus the boundary it starts at). Boundaries strictly increasing, ≥ 1, one fewer than curves.</summary>
    [<CompiledName("Join")>]
    let join (curves: Curve list) (boundaries: int list) : Curve =
        Validate.notNull "curves" (box curves)
        Validate.notNull "boundaries" (box boundaries)

        if List.isEmpty curves then
            raise (ArgumentException("curves must hold at least one curve, but is empty.", "curves"))

        if List.length boundaries <> List.length curves - 1 then
            Validate.fail
                "boundaries"
                boundaries
                (sprintf "one boundary fewer than curves (%d)" (List.length curves - 1))

        if
            boundaries |> List.exists (fun b -> b < 1)
            || not (boundaries |> List.pairwise |> List.forall (fun (a, b) -> a < b))
        then
            Validate.fail "boundaries" boundaries "strictly increasing steps >= 1"

        {
            Name = "join"
            Args = [ "curves", Curves curves; "boundaries", Integers boundaries ]
            // optax's rule; with increasing boundaries the last one passed wins.
            Lr = Optax.JoinSchedules.value (curves |> List.map _.Lr |> Array.ofList) (Array.ofList boundaries)
        }

    /// <summary>The curve's LRs times <paramref name="factor"/> (finite, ≥ 0).</summary>
    [<CompiledName("Scale")>]
    let scale (factor: float) (curve: Curve) : Curve =
        Validate.nonNegative "factor" factor
        Validate.notNull "curve" (box curve)

        {
            Name = "scale"
            Args = [ "factor", Number factor; "curve", Curves [ curve ] ]
            Lr = fun b t -> curve.Lr b t * factor
        }

    /// The families' curves: each one's description (its page and HTML line) and its reader of JSON configurations,
    /// registered by the description's name.
    // docs:begin curve-registration
    let internal families: (Description * (ArgReader -> Curve)) list = [
        HuggingFace.GetInverseSqrtSchedule.description, HuggingFace.GetInverseSqrtSchedule.parse
        // docs:end curve-registration
        HuggingFace.GetConstantSchedule.description, HuggingFace.GetConstantSchedule.parse
        HuggingFace.GetConstantScheduleWithWarmup.description, HuggingFace.GetConstantScheduleWithWarmup.parse
        HuggingFace.GetLinearScheduleWithWarmup.description, HuggingFace.GetLinearScheduleWithWarmup.parse
        HuggingFace.GetCosineScheduleWithWarmup.description, HuggingFace.GetCosineScheduleWithWarmup.parse
        HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup.description,
        HuggingFace.GetCosineWithHardRestartsScheduleWithWarmup.parse
        HuggingFace.GetPolynomialDecayScheduleWithWarmup.description,
        HuggingFace.GetPolynomialDecayScheduleWithWarmup.parse
        HuggingFace.GetCosineWithMinLrScheduleWithWarmup.description,
        HuggingFace.GetCosineWithMinLrScheduleWithWarmup.parse
        HuggingFace.GetCosineWithMinLrScheduleWithWarmupLrRate.description,
        HuggingFace.GetCosineWithMinLrScheduleWithWarmupLrRate.parse
        HuggingFace.GetWsdSchedule.description, HuggingFace.GetWsdSchedule.parse
        Keras.ExponentialDecay.description, Keras.ExponentialDecay.parse
        Keras.PiecewiseConstantDecay.description, Keras.PiecewiseConstantDecay.parse
        Keras.PolynomialDecay.description, Keras.PolynomialDecay.parse
        Keras.InverseTimeDecay.description, Keras.InverseTimeDecay.parse
        Keras.CosineDecay.description, Keras.CosineDecay.parse
        Keras.CosineDecayRestarts.description, Keras.CosineDecayRestarts.parse
        Optax.ConstantSchedule.description, Optax.ConstantSchedule.parse
        Optax.PolynomialSchedule.description, Optax.PolynomialSchedule.parse
        Optax.LinearSchedule.description, Optax.LinearSchedule.parse
        Optax.PiecewiseConstantSchedule.description, Optax.PiecewiseConstantSchedule.parse
        Optax.ExponentialDecay.description, Optax.ExponentialDecay.parse
        Optax.CosineDecaySchedule.description, Optax.CosineDecaySchedule.parse
        Optax.PiecewiseInterpolateSchedule.description, Optax.PiecewiseInterpolateSchedule.parse
        Optax.WarmupConstantSchedule.description, Optax.WarmupConstantSchedule.parse
        Optax.WarmupCosineDecaySchedule.description, Optax.WarmupCosineDecaySchedule.parse
        Optax.WarmupExponentialDecaySchedule.description, Optax.WarmupExponentialDecaySchedule.parse
        Optax.SgdrSchedule.description, Optax.SgdrSchedule.parse
        Optax.LinearOnecycleSchedule.description, Optax.LinearOnecycleSchedule.parse
        Optax.CosineOnecycleSchedule.description, Optax.CosineOnecycleSchedule.parse
    ]

    /// The families' descriptions (join and scale are combinators, not schedules with a page; optax's
    /// join_schedules, read with `read`, has one).
    let internal descriptions =
        (families |> List.map fst) @ [ Optax.JoinSchedules.description ]

    /// A curve from its JSON object.
    let rec internal read (path: string) (e: JsonElement) : Curve =
        match e.TryGetProperty "kind" with
        | true, k when k.ValueKind = JsonValueKind.String ->
            match tryReader (k.GetString()) with
            | Some parse -> parse (ArgReader(e, path))
            | None -> ArgReading.fail path "kind" (sprintf "\"%s\" is not a curve this library knows." (k.GetString()))
        | _ -> ArgReading.fail path "kind" "is required: the name of the curve."

    /// Each curve's reader of JSON configurations, by the name its users write.
    and internal tryReader (name: string) : (ArgReader -> Curve) option =
        match name with
        | "join" -> Some(fun r -> join (r.Children("curves", read)) (r.Ints "boundaries"))
        | "scale" ->
            Some(fun r ->
                match r.Children("curve", read) with
                | [ c ] -> scale (r.Float "factor") c
                | cs -> ArgReading.fail "" "curve" (sprintf "must hold one curve, but holds %d." cs.Length))
        | Optax.JoinSchedules.Name -> Some(Optax.JoinSchedules.parse read)
        | _ -> families |> List.tryFind (fun (d, _) -> d.Name = name) |> Option.map snd
