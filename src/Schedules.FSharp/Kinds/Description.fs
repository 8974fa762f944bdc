namespace Schedules.Kinds

/// <summary>
/// What a kind says about itself, for its generated page (<c>docs/schedulers/&lt;Name&gt;.md</c>) and the HTML of
/// its configuration. Each kind writes one in its own file; <c>Compile.descriptions</c> lists them all.
/// </summary>
[<NoEquality; NoComparison>]
type internal Description = {
    /// The name its users write (the node's Kind, the JSON "kind").
    Name: string
    /// The rule in one line.
    Formula: string
    /// The library whose call Source shows (PyTorch, celldetection, Hugging Face transformers).
    Origin: string
    /// The call in that library (Python).
    Source: string
    /// The same schedule in this library (F#).
    FSharp: string
    /// Where this library differs from the source, or that it does not.
    Differences: string
    /// A JSON configuration of the example, read with Config.ofJson (functions by their registered names).
    Example: string
    /// The example's base LRs, one per group.
    ExampleLrs: float list
    /// How many steps the example runs.
    ExampleSteps: int
    /// The metrics the example observes, one per step, where it watches one.
    ExampleMetrics: float list option
}
