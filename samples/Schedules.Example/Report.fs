/// The trace of a run: CSV rows and an offline HTML chart (plotly.js embedded).
module Schedules.Example.Report

open System
open System.Globalization
open System.IO
open Plotly.NET
open Plotly.NET.LayoutObjects
open Plotly.NET.TraceObjects
open Schedules

type Row = {
    Epoch: int
    TrainLoss: float
    ValLoss: float
    Lrs: float[]
}

let private r (v: float) =
    v.ToString("R", CultureInfo.InvariantCulture)

let header groups =
    "epoch,train_loss,val_loss,"
    + (List.init groups (sprintf "lr_group%d") |> String.concat ",")

let toCsv (row: Row) =
    String.concat "," [
        string row.Epoch
        r row.TrainLoss
        r row.ValLoss
        yield! row.Lrs |> Array.map r
    ]

let ofCsv (line: string) =
    let cells = line.Split ','

    let f (s: string) =
        Double.Parse(s, CultureInfo.InvariantCulture)

    {
        Epoch = int cells.[0]
        TrainLoss = f cells.[1]
        ValLoss = f cells.[2]
        Lrs = cells.[3..] |> Array.map f
    }

let readCsv (path: string) =
    if File.Exists path then
        File.ReadAllLines path |> Array.skip 1 |> Array.map ofCsv |> List.ofArray
    else
        []

let writeCsv (path: string) (rows: Row list) =
    let groups =
        rows
        |> List.tryHead
        |> Option.map (fun r -> r.Lrs.Length)
        |> Option.defaultValue 1

    File.WriteAllLines(path, header groups :: List.map toCsv rows)

/// Something the scheduler did, placed at the first epoch that trains with its result.
type private Mark = {
    Epoch: int
    Label: string
    Detail: string
    Reduction: bool
}

/// The scheduler's events, found by replaying the recorded validation losses through the pure scheduler from the
/// base LRs: the step after epoch t acts from epoch t + 1. The replay must give the recorded LRs, or the labels would
/// be wrong.
let private marks (scheduler: Scheduler<float>) (baseLrs: float[]) (rows: Row list) =
    let trace =
        Scheduler.run scheduler (GroupValues.ofSeq baseLrs) [ for row in rows -> row.ValLoss ]

    rows
    |> List.iteri (fun i row ->
        if trace.Rows.[i].Lrs.ToArray() <> row.Lrs then
            failwithf
                "Replaying the validation losses gives other LRs than the run at epoch %d: the chart cannot label it."
                row.Epoch)

    let children =
        match Scheduler.config scheduler with
        | SequentialLR(children, _) -> children
        | _ -> []

    [
        for i, row in List.indexed rows do
            let events = trace.Rows.[i + 1].Events

            for e in events do
                match e with
                | SchedulerSwitched child ->
                    let name =
                        children
                        |> List.tryItem child
                        |> Option.map Config.kind
                        |> Option.defaultValue (sprintf "scheduler %d" child)

                    {
                        Epoch = row.Epoch + 1
                        Label = sprintf "milestone: %s takes over" name
                        Detail = sprintf "SequentialLR milestone after epoch %d: %s starts" row.Epoch name
                        Reduction = false
                    }
                | LrReduced _ -> ()

            let reductions = [
                for e in events do
                    match e with
                    | LrReduced(g, o, n) -> g, o, n
                    | SchedulerSwitched _ -> ()
            ]

            if not reductions.IsEmpty then
                let factors = reductions |> List.map (fun (_, o, n) -> n / o) |> List.distinct

                let label =
                    match factors with
                    | [ f ] when reductions.Length = baseLrs.Length -> sprintf "plateau: LR ×%.3g" f
                    | _ ->
                        reductions
                        |> List.map (fun (g, o, n) -> sprintf "group %d ×%.3g" g (n / o))
                        |> String.concat ", "

                {
                    Epoch = row.Epoch + 1
                    Label = label
                    Detail =
                        sprintf
                            "validation loss %.4g at epoch %d ran out of patience: %s"
                            row.ValLoss
                            row.Epoch
                            (reductions
                             |> List.map (fun (g, o, n) -> sprintf "group %d %g → %g" g o n)
                             |> String.concat ", ")
                    Reduction = true
                }
    ]

/// The trace as an offline chart: the LR per group on a log axis (groups 10× apart stay readable), the validation
/// loss that drives ReduceLROnPlateau below it with the training loss, and every reduction and milestone switch drawn
/// across both and labelled.
let writeChart (path: string) (scheduler: Scheduler<float>) (baseLrs: float[]) (rows: Row list) =
    let epochs = rows |> List.map (fun r -> r.Epoch)
    let groups = rows.Head.Lrs.Length
    let marks = marks scheduler baseLrs rows
    let steps = Line.init (Shape = StyleParam.Shape.Hv, Width = 2.5)

    let lrs =
        [
            for g in 0 .. groups - 1 ->
                // A log axis cannot show an LR of 0 (the warm-up's first epoch): those points are left out.
                let points = rows |> List.filter (fun r -> r.Lrs.[g] > 0.0)

                Chart.Line(
                    x = (points |> List.map (fun r -> r.Epoch)),
                    y = (points |> List.map (fun r -> r.Lrs.[g])),
                    Name = sprintf "LR group %d (base %g)" g baseLrs.[g],
                    Line = steps
                )
        ]
        |> Chart.combine
        |> Chart.withYAxisStyle ("learning rate (log)", AxisType = StyleParam.AxisType.Log)

    let triggers =
        let reduced =
            marks
            |> List.filter (fun m -> m.Reduction)
            |> List.map (fun m -> m.Epoch - 1)
            |> Set.ofList

        rows |> List.filter (fun r -> reduced.Contains r.Epoch)

    let losses =
        [
            Chart.Line(
                x = epochs,
                y = (rows |> List.map (fun r -> r.ValLoss)),
                Name = "validation loss (the metric ReduceLROnPlateau watches)",
                ShowMarkers = true,
                LineWidth = 2.5
            )
            Chart.Line(
                x = epochs,
                y = (rows |> List.map (fun r -> r.TrainLoss)),
                Name = "training loss",
                LineDash = StyleParam.DrawingStyle.Dot,
                LineWidth = 1.5
            )
            Chart.Point(
                x = (triggers |> List.map (fun r -> r.Epoch)),
                y = (triggers |> List.map (fun r -> r.ValLoss)),
                Name = "the validation loss after which the LR was reduced",
                Marker = Marker.init (Symbol = StyleParam.MarkerSymbol.X, Size = 11, Color = Color.fromString "crimson")
            )
        ]
        |> Chart.combine
        |> Chart.withYAxisStyle ("loss (log)", AxisType = StyleParam.AxisType.Log)

    let colour m =
        if m.Reduction then
            Color.fromString "crimson"
        else
            Color.fromString "dimgray"

    let lines = [
        for m in marks ->
            Shape.init (
                ShapeType = StyleParam.ShapeType.Line,
                X0 = m.Epoch,
                X1 = m.Epoch,
                Y0 = 0,
                Y1 = 1,
                Yref = "paper",
                Line = Line.init (Color = colour m, Dash = StyleParam.DrawingStyle.Dash, Width = 1.0)
            )
    ]

    // Above the LR panel, every other one a line higher so that neighbours do not collide.
    let labels = [
        for i, m in List.indexed marks ->
            Annotation.init (
                X = m.Epoch,
                Y = 1.0,
                XRef = "x",
                YRef = "y domain",
                Text = m.Label,
                HoverText = m.Detail,
                ShowArrow = false,
                XAnchor = StyleParam.XAnchorPosition.Left,
                YAnchor = StyleParam.YAnchorPosition.Bottom,
                XShift = 2,
                YShift = 2 + 16 * (i % 2),
                Font = Font.init (Color = colour m, Size = 12)
            )
    ]

    let zeros =
        rows |> List.filter (fun r -> r.Lrs |> Array.exists (fun lr -> lr <= 0.0))

    let zeroNote = [
        match zeros with
        | [] -> ()
        | first :: _ ->
            Annotation.init (
                X = first.Epoch,
                Y = 0.0,
                XRef = "x",
                YRef = "y domain",
                Text =
                    sprintf
                        "LR 0 at epoch %s: not drawn on the log axis"
                        (zeros |> List.map (fun r -> string r.Epoch) |> String.concat ", "),
                ShowArrow = false,
                XAnchor = StyleParam.XAnchorPosition.Left,
                YAnchor = StyleParam.YAnchorPosition.Bottom,
                Font = Font.init (Color = Color.fromString "dimgray", Size = 11)
            )
    ]

    [ lrs; losses ]
    |> Chart.SingleStack(Pattern = StyleParam.LayoutGridPattern.Coupled)
    |> Chart.withXAxisStyle "epoch"
    |> Chart.withShapes lines
    |> Chart.withAnnotations (labels @ zeroNote)
    |> Chart.withTitle "SequentialLR [WarmUp; ReduceLROnPlateau], metric = validation loss"
    |> Chart.withLegendStyle (Orientation = StyleParam.Orientation.Horizontal, Y = -0.12)
    |> Chart.withSize (1200, 800)
    |> Chart.withDisplayOptions (DisplayOptions.init (PlotlyJSReference = PlotlyJSReference.Full))
    |> Chart.saveHtml path
