/// docs/guide/hyperparameters.md: its DINO-style example runs here on a real AdamW, its code is quoted from this
/// file, and its charts are the library's own (SCHEDULES_UPDATE_DOCS=1 writes them instead of comparing).
module Schedules.TorchSharp.Tests.HyperparametersPageTests

open System
open System.IO
open Expecto
open TorchSharp
open Schedules
open Schedules.TorchSharp

let private root () =
    let rec up (dir: DirectoryInfo) =
        if isNull dir then
            failwith "Schedules.sln not found above the test binary."
        elif File.Exists(Path.Combine(dir.FullName, "Schedules.sln")) then
            dir.FullName
        else
            up dir.Parent

    up (DirectoryInfo AppContext.BaseDirectory)

let private page = "docs/guide/hyperparameters.md"

/// The lines between "// docs:begin NAME" and "// docs:end NAME" in this file, without their shared indentation.
let private snippet (name: string) =
    let lines =
        File.ReadAllLines(Path.Combine(root (), "tests/Schedules.TorchSharp.Tests/HyperparametersPageTests.fs"))

    let first =
        lines |> Array.findIndex (fun l -> l.Trim() = sprintf "// docs:begin %s" name)

    let last =
        lines |> Array.findIndex (fun l -> l.Trim() = sprintf "// docs:end %s" name)

    let body = lines.[first + 1 .. last - 1]

    let indent =
        body
        |> Array.filter (String.IsNullOrWhiteSpace >> not)
        |> Array.map (fun l -> l.Length - l.TrimStart().Length)
        |> Array.min

    body
    |> Array.map (fun l ->
        if l.Length >= indent then
            l.Substring indent
        else
            l.TrimStart())
    |> String.concat "\n"

let private epochs = 100

// docs:begin dino
// DINO: the LR warms up linearly for 10 epochs, then follows a cosine down to 1e-6 ...
let lr =
    LRScheduler.SequentialLR([ LRScheduler.LinearLR(0.01, 1.0, 10); LRScheduler.CosineAnnealingLR(90, 1e-6) ], [ 10 ])

// ... while the weight decay rises along a cosine from the optimizer's 0.04 to 0.4: CosineAnnealingLR's
// etaMin + (base - etaMin)(1 + cos(pi e / T)) / 2 rises when etaMin is above the base.
let weightDecay = LRScheduler.CosineAnnealingLR(100, 0.4)
// docs:end dino

let private bindBoth (optimizer: torch.optim.Optimizer) =
    // docs:begin bind
    let boundLr = Shell.bind (lr, optimizer)

    let boundWeightDecay =
        Shell.bind (weightDecay, optimizer, field = Hyperparameter.WeightDecay)
    // docs:end bind
    boundLr, boundWeightDecay

let private charts () = [
    "hyperparameters-lr.svg",
    Html.traceChart "learning rate" (Scheduler.runSteps lr (GroupValues.ofList [ 5e-4 ]) epochs)
    "hyperparameters-weight-decay.svg",
    Html.traceChart "weight decay" (Scheduler.runSteps weightDecay (GroupValues.ofList [ 0.04 ]) epochs)
]

let tests =
    testList "Docs.Hyperparameters" [
        test "the bound run on AdamW holds the pure traces' values, bit for bit" {
            let p = torch.nn.Parameter(torch.zeros (2L))
            let optimizer = torch.optim.AdamW([ p ], lr = 5e-4, weight_decay = 0.04)
            let boundLr, boundWeightDecay = bindBoth optimizer
            let lrs = Scheduler.runSteps lr (GroupValues.ofList [ 5e-4 ]) epochs
            let wds = Scheduler.runSteps weightDecay (GroupValues.ofList [ 0.04 ]) epochs

            for e in 0..epochs do
                if e > 0 then
                    boundLr.Step() |> ignore
                    boundWeightDecay.Step() |> ignore

                Expect.equal (Support.lrsOf optimizer) (lrs.Rows.[e].Lrs.ToArray()) (sprintf "LR at %d" e)
                Expect.equal (Support.weightDecaysOf optimizer) (wds.Rows.[e].Lrs.ToArray()) (sprintf "WD at %d" e)

            Expect.floatClose Accuracy.veryHigh wds.Rows.[epochs].Lrs.[0] 0.4 "the weight decay ends at 0.4"
            Expect.floatClose Accuracy.veryHigh lrs.Rows.[10].Lrs.[0] 5e-4 "the LR peaks after the warm-up"
        }
        test "the page quotes the example as it runs here" {
            let text = File.ReadAllText(Path.Combine(root (), page)).Replace("\r\n", "\n")

            for name in [ "dino"; "bind" ] do
                Expect.stringContains text (snippet name) name
        }
        test "the page's charts are the library's" {
            for name, svg in charts () do
                let file = Path.Combine(root (), "docs", "guide", name)

                if Environment.GetEnvironmentVariable "SCHEDULES_UPDATE_DOCS" = "1" then
                    File.WriteAllText(file, svg)

                Expect.equal (File.ReadAllText file) svg (sprintf "%s (SCHEDULES_UPDATE_DOCS=1 writes it)" name)
        }
    ]
