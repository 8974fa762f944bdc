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

let private quoted page file name =
    test (sprintf "%s quotes %s from %s" page name file) {
        let text = File.ReadAllText(Path.Combine(root (), page)).Replace("\r\n", "\n")
        Expect.stringContains text (snippet file name) "the page shows the code that runs"
    }

let tests =
    testList "Docs" [
        quoted "docs/testing-kit.md" "tests/Schedules.FSharp.Tests/Testing/LawsTests.fs" "fsharp-user-scheduler"
        quoted "docs/testing-kit.md" "tests/Schedules.CSharpInterop.Tests/TestingKitTests.cs" "csharp-user-scheduler"
        quoted "docs/guide/preview.md" "tests/Schedules.CSharpInterop.Tests/PreviewTests.cs" "csharp-preview"
    ]
