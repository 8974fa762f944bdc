/// <summary>Hugging Face's <c>get_reduce_on_plateau_schedule(optimizer, **kwargs)</c>: PyTorch's ReduceLROnPlateau
/// with PyTorch's defaults and argument names (no grace period).</summary>
[<RequireQualifiedAccess>]
module internal Schedules.Kinds.HuggingFace.GetReduceOnPlateauSchedule

open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let Name = "hf.get_reduce_on_plateau_schedule"

/// PyTorch's ReduceLROnPlateau under Hugging Face's name, its arguments under PyTorch's Python names.
let compile (c: ReduceLROnPlateauConfig) : Node =
    let node = ReduceLROnPlateau.compile c
    let d = ReduceLROnPlateauConfig.Default

    let plateauMode (m: PlateauMode) =
        NameArg(Modes.plateauModeName m, Modes.plateauModeName m)

    let thresholdMode (m: ThresholdMode) =
        NameArg(Modes.thresholdModeName m, Modes.thresholdModeName m)

    {
        node with
            Kind = Name
            Args = [
                Arg.optional "mode" (plateauMode c.Mode) (plateauMode d.Mode)
                Arg.optional "factor" (FloatArg c.Factor) (FloatArg d.Factor)
                Arg.optional "patience" (IntArg c.Patience) (IntArg d.Patience)
                Arg.optional "threshold" (FloatArg c.Threshold) (FloatArg d.Threshold)
                Arg.optional "threshold_mode" (thresholdMode c.ThresholdMode) (thresholdMode d.ThresholdMode)
                Arg.optional "cooldown" (IntArg c.Cooldown) (IntArg d.Cooldown)
                Arg.optional "min_lr" (GroupsArg c.MinLr) (GroupsArg d.MinLr)
                Arg.optional "eps" (FloatArg c.Eps) (FloatArg d.Eps)
            ]
            Validate =
                fun () ->
                    if c.Warmup <> 0 then
                        Validate.fail
                            "Warmup"
                            c.Warmup
                            "0 (Hugging Face's get_reduce_on_plateau_schedule is PyTorch's ReduceLROnPlateau, which has no grace period)"

                    node.Validate()
    }

let parse (r: ArgReader) : ReduceLROnPlateauConfig =
    let d = ReduceLROnPlateauConfig.Default

    {
        d with
            Mode = r.NameOr("mode", Modes.parsePlateauMode, d.Mode)
            Factor = r.FloatOr("factor", d.Factor)
            Patience = r.IntOr("patience", d.Patience)
            Threshold = r.FloatOr("threshold", d.Threshold)
            ThresholdMode = r.NameOr("threshold_mode", Modes.parseThresholdMode, d.ThresholdMode)
            Cooldown = r.IntOr("cooldown", d.Cooldown)
            MinLr = r.GroupsOr("min_lr", d.MinLr)
            Eps = r.FloatOr("eps", d.Eps)
    }

/// Its page in docs/schedulers and its line in HTML tables.
let description: Description = {
    Name = Name
    Formula =
        "PyTorch's ReduceLROnPlateau: new lr = max(lr × factor, min_lr) after more than patience non-improving observations; changed only when old − new > eps; cooldown after a reduction."
    Origin = "Hugging Face transformers"
    Source = "`get_reduce_on_plateau_schedule(optimizer, factor=0.5, patience=2)`"
    FSharp = "`HuggingFace.GetReduceOnPlateauSchedule(factor = 0.5, patience = 2)`"
    Differences =
        "None beyond PyTorch's ReduceLROnPlateau page (it is that kind, under Hugging Face's name and PyTorch's Python argument names, with no grace period)."
    Example = """{"kind": "hf.get_reduce_on_plateau_schedule", "factor": 0.5, "patience": 2}"""
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
