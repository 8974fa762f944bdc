namespace Schedules.TorchSharp

open System
open System.Text.Json
open Schedules

/// Reading the shell's JSON document: the call counter around the scheduler's checkpoint.
module internal ShellCheckpoint =

    let read (scheduler: Scheduler<'M>) (every: int) (groupCount: int) (json: string) =
        if isNull json then
            nullArg "json"

        let bad message : 'T =
            raise (FormatException(sprintf "Not a Schedules shell checkpoint this scheduler can load: %s" message))

        let doc =
            try
                JsonDocument.Parse json
            with :? JsonException as e ->
                bad (sprintf "the text is not valid JSON (%s)" e.Message)

        use doc = doc
        let root = doc.RootElement

        let prop (name: string) =
            if root.ValueKind <> JsonValueKind.Object then
                bad (sprintf "expected an object, found %O." root.ValueKind)

            match root.TryGetProperty name with
            | true, v -> v
            | _ -> bad (sprintf "the property \"%s\" is missing." name)

        let int name =
            match (prop name).TryGetInt32() with
            | true, v -> v
            | _ -> bad (sprintf "\"%s\" must be an integer." name)

        let format = prop "format"

        if
            format.ValueKind <> JsonValueKind.String
            || format.GetString() <> "schedules.shell"
        then
            bad "\"format\" must be \"schedules.shell\"."

        if int "every" <> every then
            bad (sprintf "it was saved with every = %d, but this shell steps every %d calls." (int "every") every)

        let calls = int "calls"

        if calls < 0 then
            bad "\"calls\" must be >= 0."

        let state = Checkpoint.load scheduler ((prop "checkpoint").GetRawText())

        match State.groupCount state with
        | Some n when n <> groupCount ->
            bad (sprintf "it was saved for %d param groups, but the optimizer has %d." n groupCount)
        | _ -> ()

        calls, state
