namespace Schedules

open System

/// <summary>
/// Which PyTorch a scheduler reproduces where PyTorch's versions part ways. They agree on every single scheduler
/// and on almost every composite; they differ on a few composite shapes (a MultiplicativeLR reached through a
/// SequentialLR milestone, a milestone of 0, a SequentialLR or ChainedScheduler as the first child of a
/// SequentialLR) and on what CyclicLR may cycle (Adam's beta1) and write (the momentum bounds a OneCycleLR
/// reads). See docs/porting.md.
/// </summary>
type PyTorchVersion =
    /// <summary>Current PyTorch (2.x, recorded from main, 2.11.0a0): the default.</summary>
    | PyTorch2
    /// <summary>PyTorch 1.13, for runs recorded or trained with it: the compatibility option.</summary>
    | PyTorch1_13

/// <summary>The PyTorch versions by name, as checkpoints and JSON configurations write them.</summary>
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module PyTorchVersion =

    /// <summary>The version a scheduler reproduces unless told otherwise: <c>PyTorch2</c>.</summary>
    [<CompiledName("Default")>]
    let defaultVersion = PyTorch2

    /// <summary>The version's name: <c>"2.x"</c> or <c>"1.13"</c>.</summary>
    [<CompiledName("Name")>]
    let name (version: PyTorchVersion) =
        match version with
        | PyTorch2 -> "2.x"
        | PyTorch1_13 -> "1.13"

    /// <summary>The version of a name written by <c>name</c>; anything else raises an ArgumentException naming
    /// <paramref name="paramName"/>.</summary>
    [<CompiledName("Parse")>]
    let parse (paramName: string) (text: string) =
        match text with
        | "2.x" -> PyTorch2
        | "1.13" -> PyTorch1_13
        | _ ->
            raise (
                ArgumentException(
                    sprintf
                        "%s must be \"2.x\" or \"1.13\" (the PyTorch a scheduler reproduces), but got %A."
                        paramName
                        text,
                    paramName
                )
            )
