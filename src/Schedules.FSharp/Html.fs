namespace Schedules

open System
open System.Globalization
open System.Net
open System.Text

/// <summary>
/// HTML for notebooks: tables and self-contained SVG charts (no script, no CDN), used by the .NET Interactive
/// formatters that the package registers, and callable directly (for example to write a report file).
/// </summary>
[<RequireQualifiedAccess>]
module Html =

    let private r (v: float) =
        v.ToString("G6", CultureInfo.InvariantCulture)

    let private esc (s: string) = WebUtility.HtmlEncode s

    let private palette = [|
        "#1f77b4"
        "#d62728"
        "#2ca02c"
        "#9467bd"
        "#ff7f0e"
        "#8c564b"
        "#e377c2"
        "#7f7f7f"
    |]

    /// An SVG line chart of series over steps, with marks at the given steps.
    let private chart (title: string) (steps: int[]) (series: (string * float[]) list) (marks: (int * string) list) =
        let width, height, left, bottom, top, right = 640.0, 220.0, 64.0, 28.0, 24.0, 120.0

        let values =
            series |> List.collect (snd >> List.ofArray) |> List.filter Double.IsFinite

        let lo = if values.IsEmpty then 0.0 else min 0.0 (List.min values)
        let hi = if values.IsEmpty then 1.0 else List.max values
        let hi = if hi <= lo then lo + 1.0 else hi

        let first, last =
            (if steps.Length = 0 then 0 else steps.[0]), (if steps.Length = 0 then 1 else steps.[steps.Length - 1])

        let span = float (max 1 (last - first))

        let x (s: int) =
            left + (float (s - first)) / span * (width - left - right)

        let y (v: float) =
            top + (1.0 - (v - lo) / (hi - lo)) * (height - top - bottom)

        let sb = StringBuilder()
        let add (s: string) = sb.Append s |> ignore

        add (
            sprintf
                "<svg xmlns='http://www.w3.org/2000/svg' width='%g' height='%g' style='font:11px sans-serif'>"
                width
                height
        )

        add (sprintf "<text x='%g' y='14' font-weight='bold'>%s</text>" left (esc title))

        add (
            sprintf
                "<line x1='%g' y1='%g' x2='%g' y2='%g' stroke='#444'/>"
                left
                (height - bottom)
                (width - right)
                (height - bottom)
        )

        add (sprintf "<line x1='%g' y1='%g' x2='%g' y2='%g' stroke='#444'/>" left top left (height - bottom))
        add (sprintf "<text x='%g' y='%g' text-anchor='end'>%s</text>" (left - 4.0) (top + 4.0) (r hi))
        add (sprintf "<text x='%g' y='%g' text-anchor='end'>%s</text>" (left - 4.0) (height - bottom) (r lo))
        add (sprintf "<text x='%g' y='%g'>%d</text>" left (height - 10.0) first)
        add (sprintf "<text x='%g' y='%g' text-anchor='end'>step %d</text>" (width - right) (height - 10.0) last)

        for step, label in marks do
            add (
                sprintf
                    "<line x1='%g' y1='%g' x2='%g' y2='%g' stroke='#bbb' stroke-dasharray='3,3'><title>%s</title></line>"
                    (x step)
                    top
                    (x step)
                    (height - bottom)
                    (esc label)
            )

        series
        |> List.iteri (fun i (name, ys) ->
            let color = palette.[i % palette.Length]

            let points =
                Array.zip steps ys
                |> Array.filter (snd >> Double.IsFinite)
                |> Array.map (fun (s, v) -> sprintf "%.2f,%.2f" (x s) (y v))
                |> String.concat " "

            add (sprintf "<polyline fill='none' stroke='%s' stroke-width='1.5' points='%s'/>" color points)

            add (
                sprintf
                    "<text x='%g' y='%g' fill='%s'>%s</text>"
                    (width - right + 6.0)
                    (top + 14.0 * float i + 8.0)
                    color
                    (esc name)
            ))

        add "</svg>"
        sb.ToString()

    /// A table; attributes (for example a class) go into the opening tag as they are.
    let private tableWith (attributes: string) (header: string list) (rows: string list list) =
        let cells tag (xs: string list) =
            xs |> List.map (fun s -> sprintf "<%s>%s</%s>" tag s tag) |> String.concat ""

        sprintf
            "<table%s><thead><tr>%s</tr></thead><tbody>%s</tbody></table>"
            attributes
            (cells "th" header)
            (rows
             |> List.map (fun row -> "<tr>" + cells "td" row + "</tr>")
             |> String.concat "")

    let private table = tableWith ""

    let private describeEvent =
        function
        | LrReduced(g, o, n) -> sprintf "group %d: %s → %s" g (r o) (r n)
        | SchedulerSwitched i -> sprintf "scheduler %d takes over" i

    /// <summary>A chart and a table of rows of outputs at the given steps.</summary>
    let private outputs (title: string) (steps: int[]) (rows: Output[]) =
        let groups = if rows.Length = 0 then 0 else rows.[0].Lrs.Count

        let lrSeries = [
            for g in 0 .. groups - 1 -> sprintf "LR group %d" g, rows |> Array.map (fun o -> o.Lrs.[g])
        ]

        let momentum = rows |> Array.exists (fun o -> o.Momentum.IsSome)

        let momentumSeries = [
            for g in 0 .. groups - 1 ->
                sprintf "momentum %d" g,
                rows
                |> Array.map (fun o -> o.Momentum |> Option.map (fun m -> m.[g]) |> Option.defaultValue nan)
        ]

        let marks = [
            for i in 0 .. rows.Length - 1 do
                for e in rows.[i].Events -> steps.[i], describeEvent e
        ]

        let shown =
            if rows.Length <= 12 then
                [ 0 .. rows.Length - 1 ]
            else
                [
                    yield! [ 0..4 ]
                    yield!
                        rows
                        |> Array.indexed
                        |> Array.filter (fun (_, o) -> not o.Events.IsEmpty)
                        |> Array.map fst
                    yield! [ rows.Length - 5 .. rows.Length - 1 ]
                ]
                |> List.distinct
                |> List.sort

        let header =
            [
                "step"
                yield! List.init groups (sprintf "LR %d")
                (if momentum then "momentum" else "")
                "events"
            ]
            |> List.filter ((<>) "")

        let body =
            shown
            |> List.map (fun i ->
                let o = rows.[i]

                [
                    string steps.[i]
                    yield! o.Lrs |> Seq.map r
                    if momentum then
                        o.Momentum
                        |> Option.map (Seq.map r >> String.concat ", ")
                        |> Option.defaultValue ""
                    o.Events |> List.map describeEvent |> String.concat "; " |> esc
                ])

        String.concat "" [
            "<div class='schedules'>"
            chart title steps lrSeries marks
            (if momentum then
                 chart "momentum" steps momentumSeries marks
             else
                 "")
            table header body
            (if rows.Length > shown.Length then
                 sprintf "<p>%d rows; showing the first, the last and those with events.</p>" rows.Length
             else
                 "")
            "</div>"
        ]

    /// <summary>Only the LR chart of a trace: a self-contained SVG document.</summary>
    [<CompiledName("TraceChart")>]
    let traceChart (title: string) (t: Trace) =
        let rows = Array.ofSeq t.Rows
        let groups = if rows.Length = 0 then 0 else rows.[0].Lrs.Count
        let steps = Array.init rows.Length id

        let marks = [
            for i in 0 .. rows.Length - 1 do
                for e in rows.[i].Events -> i, describeEvent e
        ]

        chart
            title
            steps
            [
                for g in 0 .. groups - 1 -> sprintf "LR group %d" g, rows |> Array.map (fun o -> o.Lrs.[g])
            ]
            marks

    /// <summary>A trace (from <c>Scheduler.run</c>, <c>runSteps</c> or a simulation): LR (and momentum) charts with
    /// events marked, and a table of its first and last rows and of every row with an event.</summary>
    [<CompiledName("OfTrace")>]
    let trace (t: Trace) =
        outputs "learning rate" (Array.init t.Rows.Length id) (Array.ofSeq t.Rows)

    /// <summary>A preview's samples, charted and tabulated like a trace.</summary>
    [<CompiledName("OfSamples")>]
    let samples (s: seq<Sample>) =
        let s = Array.ofSeq s
        outputs "learning rate (preview)" (s |> Array.map (fun x -> x.Step)) (s |> Array.map (fun x -> x.Output))

    /// The rule of a kind in one line, from its description, where it has one.
    let private formula (kind: string) =
        match Compile.descriptions |> List.tryFind (fun d -> d.Name = kind) with
        | Some d -> sprintf "<p class='schedules formula'>%s</p>" (esc d.Formula)
        | None -> ""

    /// <summary>A configuration as a table of its parameters (children nested), each under its kind's rule in one
    /// line.</summary>
    [<CompiledName("OfConfig")>]
    let config (c: Config) =
        use doc = Text.Json.JsonDocument.Parse(Checkpoint.describe c)

        let rec render (e: Text.Json.JsonElement) : string =
            match e.ValueKind with
            | Text.Json.JsonValueKind.Object ->
                let rows = [ for p in e.EnumerateObject() -> [ esc p.Name; render p.Value ] ]

                let rule =
                    match e.TryGetProperty "kind" with
                    | true, k when k.ValueKind = Text.Json.JsonValueKind.String -> formula (k.GetString())
                    | _ -> ""

                rule + table [ "parameter"; "value" ] rows
            | Text.Json.JsonValueKind.Array -> e.EnumerateArray() |> Seq.map render |> String.concat " "
            | _ -> esc (e.ToString())

        render doc.RootElement

    /// A state's numbers are shown round-trip: two states are equal exactly when they are bit for bit.
    let private exact (v: float) =
        v.ToString("R", CultureInfo.InvariantCulture)

    let rec private stateTable (s: State) =
        let lrs (values: GroupValues) =
            values |> Seq.map exact |> String.concat ", "

        let children (states: State list) =
            states |> List.mapi (fun i c -> [ sprintf "scheduler %d" i; stateTable c ])

        let case, rows =
            match s with
            | Epoch(baseLrs, lastEpoch) -> "Epoch", [ [ "BaseLrs"; lrs baseLrs ]; [ "LastEpoch"; string lastEpoch ] ]
            | WarmRestarts(baseLrs, lastEpoch, tCur, tI) ->
                "WarmRestarts",
                [
                    [ "BaseLrs"; lrs baseLrs ]
                    [ "LastEpoch"; string lastEpoch ]
                    [ "TCur"; exact tCur ]
                    [ "TI"; string tI ]
                ]
            | Plateau p ->
                "Plateau",
                [
                    [ "Best"; exact p.Best ]
                    [ "BadEpochs"; string p.BadEpochs ]
                    [ "CooldownLeft"; string p.CooldownLeft ]
                    [ "WarmupLeft"; string p.WarmupLeft ]
                    [ "LastEpoch"; string p.LastEpoch ]
                ]
            | Sequential(lastEpoch, states) -> "Sequential", [ "LastEpoch"; string lastEpoch ] :: children states
            | Chained states -> "Chained", children states
            | Fields(kind, values) ->
                "Fields",
                [ "Kind"; esc kind ]
                :: [
                    for name, value in values ->
                        [
                            esc name
                            match value with
                            | Real v -> exact v
                            | Counter c -> string c
                            | PerGroup g -> lrs g
                        ]
                ]

        tableWith " class='schedules state'" [ "state"; case ] rows

    /// <summary>
    /// A state as a table of its fields, under the names the <c>State</c> cases give them, with numbers round-trip
    /// (as exact as the state); a composite's children are nested tables, in order. The table's class is
    /// <c>schedules state</c>.
    /// </summary>
    [<CompiledName("OfState")>]
    let state (state: State) =
        State.refuseDefault "state" state
        stateTable state
