/// docs/schedulers/*.md and their charts are generated from the library: this test renders every page and chart and
/// requires the committed files to be the same, so every number and curve in them is the library's own.
/// SCHEDULES_UPDATE_DOCS=1 writes them instead.
module Schedules.Tests.SchedulerPagesTests

open System
open System.Globalization
open System.IO
open Expecto
open Schedules

type Page = {
    Name: string
    Formula: string
    PyTorch: string
    FSharp: string
    Differences: string
    Example: Scheduler<float>
    Lrs: float list
    Metrics: float list
}

let private nan' = nan

let private page name formula pytorch fsharp differences example lrs steps = {
    Name = name
    Formula = formula
    PyTorch = pytorch
    FSharp = fsharp
    Differences = differences
    Example = example
    Lrs = lrs
    Metrics = List.replicate steps nan'
}

let private same =
    "None: PyTorch's numbers, bit for bit (see the conformance suite)."

let pages = [
    page
        "LambdaLR"
        "lr = base × lrLambda(epoch), at every epoch (absolute, not chainable)."
        "`LambdaLR(opt, lr_lambda=lambda e: 0.95 ** e)`"
        "`LRScheduler.LambdaLR(fun e -> 0.95 ** float e)`"
        "A lambda that returns NaN, an infinity or a negative factor is refused when it does (PyTorch applies it)."
        (LRScheduler.LambdaLR(fun e -> 0.95 ** float e) |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "MultiplicativeLR"
        "lr ← lr × lrLambda(epoch) for epoch ≥ 1."
        "`MultiplicativeLR(opt, lr_lambda=lambda e: 0.9)`"
        "`LRScheduler.MultiplicativeLR(fun _ -> 0.9)`"
        "At a SequentialLR milestone it keeps the previous scheduler's LR, as PyTorch 1.13 does (2.x multiplies by lrLambda(0))."
        (LRScheduler.MultiplicativeLR(fun _ -> 0.9) |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "StepLR"
        "lr ← lr × gamma at epochs stepSize, 2·stepSize, ...; closed form base × gamma^(epoch / stepSize)."
        "`StepLR(opt, step_size=10, gamma=0.5)`"
        "`LRScheduler.StepLR(10, 0.5)`"
        "stepSize 0 is refused (PyTorch divides by zero at the first step); gamma must be finite and ≥ 0."
        (LRScheduler.StepLR(10, 0.5) |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "MultiStepLR"
        "lr ← lr × gamma^c at an epoch listed c times in milestones."
        "`MultiStepLR(opt, milestones=[10, 25], gamma=0.1)`"
        "`LRScheduler.MultiStepLR([ 10; 25 ], 0.1)`"
        "Negative milestones are refused. Duplicates count twice, as in PyTorch (TorchSharp counts them once)."
        (LRScheduler.MultiStepLR([ 10; 25 ], 0.1) |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "ConstantLR"
        "lr = base × factor until epoch totalIters, then base (lr × (1 / factor) at totalIters)."
        "`ConstantLR(opt, factor=0.5, total_iters=10)`"
        "`LRScheduler.ConstantLR(0.5, 10)`"
        "factor 0 is refused (PyTorch divides by zero at totalIters)."
        (LRScheduler.ConstantLR(0.5, 10) |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "LinearLR"
        "factor from startFactor to endFactor over totalIters: lr ← lr × (1 + (t − s) / (T·s + (e − 1)(t − s)))."
        "`LinearLR(opt, start_factor=0.25, total_iters=10)`"
        "`LRScheduler.LinearLR(0.25, 1.0, 10)`"
        "startFactor 0 and totalIters 0 are refused (PyTorch divides by zero, #86454, #193682)."
        (LRScheduler.LinearLR(0.25, 1.0, 10) |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "ExponentialLR"
        "lr ← lr × gamma every epoch."
        "`ExponentialLR(opt, gamma=0.9)`"
        "`LRScheduler.ExponentialLR 0.9`"
        same
        (LRScheduler.ExponentialLR 0.9 |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "PolynomialLR"
        "lr ← lr × ((1 − e/T) / (1 − (e − 1)/T))^power until T, where it reaches 0."
        "`PolynomialLR(opt, total_iters=30, power=2.0)`"
        "`LRScheduler.PolynomialLR(30, 2.0)`"
        "totalIters 0 and a negative power are refused."
        (LRScheduler.PolynomialLR(30, 2.0) |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "CosineAnnealingLR"
        "lr ← (1 + cos(π e / T)) / (1 + cos(π (e − 1) / T)) × (lr − etaMin) + etaMin; closed form etaMin + (base − etaMin)(1 + cos(π e / T)) / 2. No clamp after T: it rises again."
        "`CosineAnnealingLR(opt, T_max=15, eta_min=1e-3)`"
        "`LRScheduler.CosineAnnealingLR(15, 1e-3)`"
        "T_max 0 is refused; a negative LR (after another scheduler left the LR below etaMin) is refused."
        (LRScheduler.CosineAnnealingLR(15, 1e-3) |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "CosineAnnealingWarmRestarts"
        "lr = etaMin + (base − etaMin)(1 + cos(π T_cur / T_i)) / 2, T_i = T_0, T_0·T_mult, ..."
        "`CosineAnnealingWarmRestarts(opt, T_0=5, T_mult=2)`"
        "`LRScheduler.CosineAnnealingWarmRestarts(5, 2)`; fractional epochs with `Scheduler.stepAt`"
        "Not in TorchSharp. `Preview` computes integer epochs exactly (PyTorch's `step(epoch)` can land one cycle short at exact restarts)."
        (LRScheduler.CosineAnnealingWarmRestarts(5, 2) |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "CyclicLR"
        "lr = base + (max − base) × scale-factor × f(cycle or iteration); momentum cycled inversely."
        "`CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=5, mode='triangular2')`"
        "`LRScheduler.CyclicLR(All 0.01, All 0.1, stepSizeUp = 5, mode = Triangular2)`"
        "stepSizeUp 0 is refused. Momentum and exp_range follow PyTorch (TorchSharp differs)."
        (LRScheduler.CyclicLR(All 0.01, All 0.1, stepSizeUp = 5, mode = Triangular2)
         |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "OneCycleLR"
        "From maxLr / divFactor up to maxLr over pctStart of the steps, then down to maxLr / divFactor / finalDivFactor (cos or linear); momentum inversely."
        "`OneCycleLR(opt, max_lr=0.1, total_steps=40)`"
        "`LRScheduler.OneCycleLR(All 0.1, totalSteps = 40)`"
        "Zero-length phases are refused; stepping beyond totalSteps is an error; a negative last LR (three-phase linear) is refused."
        (LRScheduler.OneCycleLR(All 0.1, totalSteps = 40) |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "WarmUp"
        "lr = base × lrLambda(step, steps) for step ≤ steps (default: step / steps), then the LRs pass through."
        "celldetection: `WarmUp(opt, steps=10)`"
        "`CellDetection.WarmUp 10` (also `LRScheduler.WarmUp 10`, the same scheduler)"
        "steps 0 is refused."
        (CellDetection.WarmUp 10 |> Scheduler.withMetric)
        [ 0.1 ]
        40
    {
        (page
            "ReduceLROnPlateau"
            "new lr = max(lr × factor, minLr) after more than patience non-improving observations; changed only when old − new > eps; cooldown after a reduction; the first warmup observations (celldetection's grace period: none in PyTorch's, 1 by default in the seed's) run the rule, then the best is restored and the bad epochs reset."
            "`ReduceLROnPlateau(opt, factor=0.5, patience=2)`; celldetection's (`from celldetection.optim import ReduceLROnPlateau`) adds `warmup`, default 1"
            "PyTorch's: `LRScheduler.ReduceLROnPlateau(factor = 0.5, patience = 2)` (warmup 0); the seed's: `CellDetection.ReduceLROnPlateau(factor = 0.5, patience = 2)` (warmup 1)"
            "factor ≥ 1 or < 0, negative patience, cooldown, warmup, eps, threshold or minLr are refused. It may sit in SequentialLR and ChainedScheduler (PyTorch refuses)."
            (LRScheduler.ReduceLROnPlateau(factor = 0.5, patience = 2))
            [ 0.1 ]
            0) with
            Metrics = [
                for i in 0..39 ->
                    if i < 12 then float (100 - 5 * i) / 100.0
                    elif i % 3 = 0 then 0.46
                    else 0.45
            ]
    }
    page
        "SequentialLR"
        "schedulers[i] runs from milestones[i − 1] on, restarted at its epoch 0 at its milestone (the closed form at 0 where it has one)."
        "celldetection: `SequentialLR(opt, [WarmUp(opt, 10), CosineAnnealingLR(opt, T_max=30)], milestones=[11])`"
        "`CellDetection.SequentialLR([ CellDetection.WarmUp 10; LRScheduler.CosineAnnealingLR 30 ], [ 11 ])` (PyTorch's: `LRScheduler.SequentialLR`, the same scheduler)"
        "Milestones must be strictly increasing epochs ≥ 1 (PyTorch misinitialises at milestone 0, #185872). A ReduceLROnPlateau child is forwarded the metric."
        (CellDetection.SequentialLR([ CellDetection.WarmUp 10; LRScheduler.CosineAnnealingLR 30 ], [ 11 ])
         |> Scheduler.withMetric)
        [ 0.1 ]
        40
    page
        "ChainedScheduler"
        "every step, each scheduler acts in order on the LRs the previous one left."
        "`ChainedScheduler([StepLR(opt, 5, gamma=0.99), WarmUp(opt, 10)])`"
        "`LRScheduler.ChainedScheduler [ LRScheduler.StepLR(5, 0.99); CellDetection.WarmUp 10 ]`"
        "A ReduceLROnPlateau child is forwarded the metric (PyTorch refuses it, #110761)."
        (LRScheduler.ChainedScheduler [ LRScheduler.StepLR(5, 0.99); CellDetection.WarmUp 10 ]
         |> Scheduler.withMetric)
        [ 0.1 ]
        40
]

let private r (v: float) =
    v.ToString("R", CultureInfo.InvariantCulture)

let render (p: Page) =
    let trace = Scheduler.run p.Example (GroupValues.ofList p.Lrs) p.Metrics

    let lrs =
        trace.Rows
        |> Seq.map (fun o -> r o.Lrs.[0])
        |> Seq.truncate 12
        |> String.concat ", "

    let events = [
        for step in 0 .. trace.Rows.Length - 1 do
            for e in trace.Rows.[step].Events do
                match e with
                | LrReduced(g, o, n) -> sprintf "step %d: group %d reduced from %s to %s" step g (r o) (r n)
                | SchedulerSwitched i -> sprintf "step %d: scheduler %d takes over" step i
    ]

    let last = trace.Rows.[trace.Rows.Length - 1].Lrs.[0]

    let metrics =
        if Config.watchesMetric (Scheduler.config p.Example) then
            sprintf "\nMetrics observed: %s.\n" (p.Metrics |> List.map r |> String.concat ", ")
        else
            ""

    let markdown =
        String.concat "\n" [
            sprintf "# %s" p.Name
            ""
            sprintf "**Rule.** %s" p.Formula
            ""
            sprintf "**PyTorch / celldetection.** %s" p.PyTorch
            ""
            sprintf "**Schedules (F#).** %s — C#: see [porting](../porting.md)." p.FSharp
            ""
            sprintf "**Where we differ.** %s" p.Differences
            ""
            "## Example"
            ""
            sprintf
                "Base LR %s, %d steps.%s"
                (p.Lrs |> List.map r |> String.concat ", ")
                (trace.Rows.Length - 1)
                metrics
            sprintf "The first LRs (rows 0 to 11, from `Scheduler.run`): %s. The last: %s." lrs (r last)
            (if events.IsEmpty then
                 ""
             else
                 sprintf "\nEvents: %s." (String.concat "; " events))
            ""
            sprintf "![%s](%s.svg)" p.Name p.Name
            ""
            "This page is generated by `tests/Schedules.FSharp.Tests/Docs/SchedulerPagesTests.fs`, which fails when it differs from the library."
            ""
        ]

    markdown, Html.traceChart p.Name trace

let private folder () =
    Path.Combine(Schedules.Tests.DocsTests.root (), "docs", "schedulers")

let tests =
    testList "Docs.SchedulerPages" [
        for p in pages ->
            test (sprintf "docs/schedulers/%s.md is the library's" p.Name) {
                let markdown, svg = render p
                let md = Path.Combine(folder (), p.Name + ".md")
                let chart = Path.Combine(folder (), p.Name + ".svg")

                if Environment.GetEnvironmentVariable "SCHEDULES_UPDATE_DOCS" = "1" then
                    Directory.CreateDirectory(folder ()) |> ignore
                    File.WriteAllText(md, markdown)
                    File.WriteAllText(chart, svg)

                Expect.equal (File.ReadAllText md) markdown "the page"
                Expect.equal (File.ReadAllText chart) svg "the chart"
            }
    ]
