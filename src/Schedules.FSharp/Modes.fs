namespace Schedules

/// <summary>Whether ReduceLROnPlateau waits for the metric to fall (<c>Min</c>, a loss) or to rise (<c>Max</c>, an accuracy).
/// PyTorch's <c>mode='min'</c> / <c>'max'</c>.</summary>
type PlateauMode =
    | Min
    | Max

/// <summary>How ReduceLROnPlateau decides that a metric improved on the best one (PyTorch's <c>threshold_mode</c>).
/// <c>Rel</c>: <c>a &lt; best * (1 - Threshold)</c> in Min mode, <c>a &gt; best * (Threshold + 1)</c> in Max mode.
/// <c>Abs</c>: <c>a &lt; best - Threshold</c> in Min mode, <c>a &gt; best + Threshold</c> in Max mode.</summary>
type ThresholdMode =
    | Rel
    | Abs

/// <summary>The built-in amplitude policies of CyclicLR (PyTorch's <c>mode</c>).
/// <c>Triangular</c>: scale 1. <c>Triangular2</c>: <c>1 / 2^(cycle - 1)</c>. <c>ExpRange</c>: <c>Gamma^iteration</c>.</summary>
type CyclicMode =
    | Triangular
    | Triangular2
    | ExpRange

/// <summary>What a custom CyclicLR scale function receives (PyTorch's <c>scale_mode</c>): the cycle number
/// (1-based) or the iteration (the scheduler's step count).</summary>
type ScaleMode =
    | Cycle
    | Iterations

/// <summary>How OneCycleLR moves between two values within a phase (PyTorch's <c>anneal_strategy</c>).
/// <c>Cos</c>: <c>end + (start - end) / 2 * (cos(pi * pct) + 1)</c>. <c>Linear</c>: <c>(end - start) * pct + start</c>.</summary>
type AnnealStrategy =
    | Cos
    | Linear

/// <summary>PyTorch's string names for the modes, converted in one place.</summary>
[<RequireQualifiedAccess>]
module Modes =

    let private plateauModes = [ "min", Min; "max", Max ]
    let private thresholdModes = [ "rel", Rel; "abs", Abs ]
    let private cyclicModes = [ "triangular", Triangular; "triangular2", Triangular2; "exp_range", ExpRange ]
    let private scaleModes = [ "cycle", Cycle; "iterations", Iterations ]
    let private annealStrategies = [ "cos", Cos; "linear", Linear ]

    let private parse (param: string) (allowed: (string * 'T) list) (text: string) =
        match allowed |> List.tryFind (fun (name, _) -> name = text) with
        | Some(_, v) -> v
        | None ->
            Validate.fail
                param
                text
                (allowed
                 |> List.map (fst >> sprintf "'%s'")
                 |> String.concat " or "
                 |> sprintf "one of %s")

    let private name (allowed: (string * 'T) list) (value: 'T) =
        allowed |> List.find (fun (_, v) -> v = value) |> fst

    /// <summary>"min" or "max".</summary>
    [<CompiledName("ParsePlateauMode")>]
    let parsePlateauMode text = parse "mode" plateauModes text

    /// <summary>"rel" or "abs".</summary>
    [<CompiledName("ParseThresholdMode")>]
    let parseThresholdMode text =
        parse "threshold_mode" thresholdModes text

    /// <summary>"triangular", "triangular2" or "exp_range".</summary>
    [<CompiledName("ParseCyclicMode")>]
    let parseCyclicMode text = parse "mode" cyclicModes text

    /// <summary>"cycle" or "iterations".</summary>
    [<CompiledName("ParseScaleMode")>]
    let parseScaleMode text = parse "scale_mode" scaleModes text

    /// <summary>"cos" or "linear".</summary>
    [<CompiledName("ParseAnnealStrategy")>]
    let parseAnnealStrategy text =
        parse "anneal_strategy" annealStrategies text

    /// <summary>PyTorch's name of a plateau mode ("min", "max").</summary>
    [<CompiledName("PlateauModeName")>]
    let plateauModeName mode = name plateauModes mode

    /// <summary>PyTorch's name of a threshold mode ("rel", "abs").</summary>
    [<CompiledName("ThresholdModeName")>]
    let thresholdModeName mode = name thresholdModes mode

    /// <summary>PyTorch's name of a CyclicLR mode ("triangular", "triangular2", "exp_range").</summary>
    [<CompiledName("CyclicModeName")>]
    let cyclicModeName mode = name cyclicModes mode

    /// <summary>PyTorch's name of a scale mode ("cycle", "iterations").</summary>
    [<CompiledName("ScaleModeName")>]
    let scaleModeName mode = name scaleModes mode

    /// <summary>PyTorch's name of an anneal strategy ("cos", "linear").</summary>
    [<CompiledName("AnnealStrategyName")>]
    let annealStrategyName strategy = name annealStrategies strategy
