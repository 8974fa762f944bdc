/// The docs quote code that runs in CI: every snippet marked "docs:begin NAME" in a test file stands verbatim in
/// the docs page that shows it.
module Schedules.Tests.DocsTests

open System
open System.IO
open Expecto

let root () =
    let rec up (dir: DirectoryInfo) =
        if isNull dir then
            failwith "Schedules.sln not found above the test binary."
        elif File.Exists(Path.Combine(dir.FullName, "Schedules.sln")) then
            dir.FullName
        else
            up dir.Parent

    up (DirectoryInfo AppContext.BaseDirectory)

/// The lines between "// docs:begin NAME" and "// docs:end NAME", as written.
let snippet (file: string) (name: string) =
    let lines = File.ReadAllLines(Path.Combine(root (), file))

    let first =
        lines |> Array.findIndex (fun l -> l.Trim() = sprintf "// docs:begin %s" name)

    let last =
        lines |> Array.findIndex (fun l -> l.Trim() = sprintf "// docs:end %s" name)

    lines.[first + 1 .. last - 1] |> String.concat "\n"

/// The snippet without the indentation all its non-blank lines share (statements quoted from a method body).
let private dedented (text: string) =
    let lines = text.Split '\n'

    let indent =
        lines
        |> Array.filter (String.IsNullOrWhiteSpace >> not)
        |> Array.map (fun l -> l.Length - l.TrimStart().Length)
        |> Array.fold min Int32.MaxValue

    lines
    |> Array.map (fun l ->
        if l.Length >= indent then
            l.Substring indent
        else
            l.TrimStart())
    |> String.concat "\n"

let private quoted page file name =
    test (sprintf "%s quotes %s from %s" page name file) {
        let text = File.ReadAllText(Path.Combine(root (), page)).Replace("\r\n", "\n")
        let code = snippet file name

        if not (text.Contains code || text.Contains(dedented code)) then
            Expect.stringContains text code "the page shows the code that runs (as written or dedented)"
    }

/// A line of code the page shows stands, as written (indentation aside), in the file it names.
let private line page file (code: string) =
    test (sprintf "%s shows a line of %s: %s" page file code) {
        let text = File.ReadAllText(Path.Combine(root (), page)).Replace("\r\n", "\n")
        let lines = File.ReadAllLines(Path.Combine(root (), file)) |> Array.map _.Trim()

        Expect.stringContains text code "the page shows the line"
        Expect.contains lines (code.Trim()) (sprintf "%s holds the line" file)
    }

let private addingAKind = "docs/contributing/adding-a-kind.md"

let tests =
    testList "Docs" [
        quoted addingAKind "src/Schedules.FSharp/Kinds/StepLR.fs" "steplr-kind"
        quoted addingAKind "src/Schedules.FSharp/Kinds/HuggingFace/GetInverseSqrtSchedule.fs" "inverse-sqrt-curve"
        quoted addingAKind "src/Schedules.FSharp/Curves.fs" "curve-registration"
        line addingAKind "src/Schedules.FSharp/Schedules.FSharp.fsproj" """<Compile Include="Kinds/StepLR.fs" />"""
        line addingAKind "src/Schedules.FSharp/Config.fs" "| StepLR of StepSize: int * Gamma: float"
        line
            addingAKind
            "src/Schedules.FSharp/Config.fs"
            "| StepLR(stepSize, gamma) -> Kinds.StepLR.compile (stepSize, gamma)"
        line
            addingAKind
            "src/Schedules.FSharp/Config.fs"
            "Kinds.StepLR.description, (fun r -> let a, b = Kinds.StepLR.parse r in StepLR(a, b))"
        line
            addingAKind
            "src/Schedules.FSharp/LRScheduler.fs"
            "static member StepLR(stepSize: int, [<Optional; DefaultParameterValue(Kinds.StepLR.DefaultGamma)>] gamma: float) ="
        line
            addingAKind
            "src/Schedules.CSharpInterop/LRScheduler.cs"
            "public static Schedule StepLR(int stepSize, double gamma = Kinds.StepLR.DefaultGamma) => Step(Core.StepLR(stepSize, gamma));"
        line
            addingAKind
            "src/Schedules.FSharp/HuggingFace.fs"
            "static member GetInverseSqrtSchedule(numWarmupSteps: int, ?timescale: int) : Scheduler<unit> ="
        line
            addingAKind
            "src/Schedules.FSharp/HuggingFace.fs"
            "Scheduler.create (Curve(Kinds.HuggingFace.GetInverseSqrtSchedule.curve numWarmupSteps timescale))"
        quoted "docs/testing-kit.md" "tests/Schedules.FSharp.Tests/Testing/LawsTests.fs" "fsharp-user-scheduler"
        quoted "docs/testing-kit.md" "tests/Schedules.CSharpInterop.Tests/TestingKitTests.cs" "csharp-user-scheduler"
        quoted "docs/guide/preview.md" "tests/Schedules.CSharpInterop.Tests/PreviewTests.cs" "csharp-preview"
        quoted "README.md" "tests/Schedules.CSharpInterop.Tests/ReadmeTests.cs" "csharp-checkpoint"
    ]
