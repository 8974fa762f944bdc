/// The trace of a run: CSV rows and an offline HTML chart (plotly.js embedded).
module Schedules.Example.Report

open System
open System.Globalization
open System.IO
open Plotly.NET

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

let writeChart (path: string) (rows: Row list) =
    let epochs = rows |> List.map (fun r -> r.Epoch)
    let groups = rows.Head.Lrs.Length

    let lrs =
        [
            for g in 0 .. groups - 1 ->
                Chart.Line(x = epochs, y = (rows |> List.map (fun r -> r.Lrs.[g])), Name = sprintf "LR group %d" g)
        ]
        |> Chart.combine
        |> Chart.withYAxisStyle "learning rate"

    let losses =
        [
            Chart.Line(x = epochs, y = (rows |> List.map (fun r -> r.TrainLoss)), Name = "train loss")
            Chart.Line(x = epochs, y = (rows |> List.map (fun r -> r.ValLoss)), Name = "validation loss")
        ]
        |> Chart.combine
        |> Chart.withYAxisStyle ("loss", AxisType = StyleParam.AxisType.Log)

    [ lrs; losses ]
    |> Chart.SingleStack(Pattern = StyleParam.LayoutGridPattern.Coupled)
    |> Chart.withXAxisStyle "epoch"
    |> Chart.withTitle "SequentialLR [WarmUp; ReduceLROnPlateau], metric = validation loss"
    |> Chart.withSize (900, 700)
    |> Chart.withDisplayOptions (DisplayOptions.init (PlotlyJSReference = PlotlyJSReference.Full))
    |> Chart.saveHtml path
