/// <summary>Hugging Face's <c>get_constant_schedule(optimizer)</c>: a LambdaLR whose factor is the int 1.</summary>
module Schedules.Kinds.HuggingFace.GetConstantSchedule

open Schedules
open Schedules.Kinds

/// The name its users write.
[<Literal>]
let internal Name = "hf.get_constant_schedule"

let internal curve () : Curve = {
    Name = Name
    Args = []
    // LambdaLR: base_lr * 1 (the int 1, so the base LR itself).
    Lr = fun b _ -> b * 1.0
}

let internal parse (_: ArgReader) = curve ()

/// Its page in docs/schedulers and its line in HTML tables.
let internal description: Description = {
    Name = Name
    Formula = "lr = base × 1 at every step."
    Origin = "Hugging Face transformers"
    Source = "`get_constant_schedule(optimizer)`"
    FSharp = "`HuggingFace.GetConstantSchedule()`"
    Differences = "None: Hugging Face's numbers, bit for bit (its factor is the int 1)."
    Example = """{"kind": "hf.get_constant_schedule"}"""
    ExampleLrs = [ 0.1 ]
    ExampleSteps = 40
    ExampleMetrics = None
}
