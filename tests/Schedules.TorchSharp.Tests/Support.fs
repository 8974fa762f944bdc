/// Real TorchSharp optimizers over small real parameters.
module Schedules.TorchSharp.Tests.Support

open TorchSharp
open Schedules

let gv (xs: float list) = GroupValues.ofList xs

/// Param groups with one small parameter each.
let private parameters (lrs: float list) =
    lrs |> List.map (fun _ -> torch.nn.Parameter(torch.zeros (2L, 2L)))

let sgd (lrs: float list) (momentum: float) : torch.optim.Optimizer =
    let groups =
        List.map2
            (fun lr (p: Modules.Parameter) -> Modules.SGD.ParamGroup([ p ], lr = lr, momentum = momentum))
            lrs
            (parameters lrs)

    torch.optim.SGD(groups, lrs.Head, momentum = momentum)

let adam (lrs: float list) : torch.optim.Optimizer =
    let groups =
        List.map2 (fun lr (p: Modules.Parameter) -> Modules.Adam.ParamGroup([ p ], lr = lr)) lrs (parameters lrs)

    torch.optim.Adam(groups, lrs.Head)

let lrsOf (optimizer: torch.optim.Optimizer) =
    optimizer.ParamGroups |> Seq.map (fun g -> g.LearningRate) |> Array.ofSeq

/// Each group's momentum (SGD, RMSprop) or beta1 (Adam family); NaN for a group that has neither.
let momentaOf (optimizer: torch.optim.Optimizer) =
    optimizer.ParamGroups
    |> Seq.map (fun g ->
        match box g with
        | :? torch.optim.IMomentum as m -> m.Momentum
        | :? torch.optim.IBetas as b ->
            let struct (beta1, _) = b.Betas
            beta1
        | _ -> nan)
    |> Array.ofSeq

/// The cases of one conformance file recorded from real PyTorch: SCHEDULES_CONFORMANCE_DIR, else the repository's
/// tests/conformance/pytorch, else the shared folder beside the repository.
let conformanceCases (family: string) =
    let file =
        match System.Environment.GetEnvironmentVariable "SCHEDULES_CONFORMANCE_DIR" with
        | dir when not (System.String.IsNullOrEmpty dir) -> System.IO.Path.Combine(dir, family + ".json")
        | _ ->
            let rec up (dir: System.IO.DirectoryInfo) =
                if isNull dir then
                    failwithf "No conformance file %s.json: set SCHEDULES_CONFORMANCE_DIR." family

                [
                    System.IO.Path.Combine(dir.FullName, "tests", "conformance", "pytorch", family + ".json")
                    System.IO.Path.Combine(dir.FullName, "shared", "conformance", family + ".json")
                ]
                |> List.tryFind System.IO.File.Exists
                |> Option.defaultWith (fun () -> up dir.Parent)

            up (System.IO.DirectoryInfo System.AppContext.BaseDirectory)

    use doc = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText file)

    [
        for case in doc.RootElement.GetProperty("cases").EnumerateArray() -> case.Clone()
    ]
