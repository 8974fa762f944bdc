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

/// AdamW with one group per (LR, weight decay) pair.
let adamw (groups: (float * float) list) : torch.optim.Optimizer =
    let lrs = List.map fst groups

    let groups =
        List.map2
            (fun (lr, wd) (p: Modules.Parameter) -> Modules.AdamW.ParamGroup([ p ], lr = lr, weight_decay = wd))
            groups
            (parameters lrs)

    torch.optim.AdamW(groups, lrs.Head)

/// SGD with momentum and one group per (LR, weight decay) pair.
let sgdDecay (groups: (float * float) list) (momentum: float) : torch.optim.Optimizer =
    let lrs = List.map fst groups

    let groups =
        List.map2
            (fun (lr, wd) (p: Modules.Parameter) ->
                Modules.SGD.ParamGroup([ p ], lr = lr, momentum = momentum, weight_decay = wd))
            groups
            (parameters lrs)

    torch.optim.SGD(groups, lrs.Head, momentum = momentum)

/// Each group's weight decay, read from the optimizer's own options (SGD, Adam, AdamW).
let weightDecaysOf (optimizer: torch.optim.Optimizer) =
    optimizer.ParamGroups
    |> Seq.map (fun g ->
        match box g with
        | :? Modules.SGD.ParamGroup as g -> g.Options.weight_decay.Value
        | :? Modules.Adam.ParamGroup as g -> g.Options.weight_decay.Value
        | :? Modules.AdamW.ParamGroup as g -> g.Options.weight_decay.Value
        | _ -> nan)
    |> Array.ofSeq

/// Each group's betas (Adam family).
let betasOf (optimizer: torch.optim.Optimizer) =
    optimizer.ParamGroups
    |> Seq.map (fun g ->
        let struct (b1, b2) = (box g :?> torch.optim.IBetas).Betas
        b1, b2)
    |> Array.ofSeq

/// The optimizer's own state dict (TorchSharp's save_state_dict), as bytes.
let saveOptimizer (o: torch.optim.Optimizer) =
    use stream = new System.IO.MemoryStream()

    do
        use writer = new System.IO.BinaryWriter(stream, System.Text.Encoding.UTF8, true)
        (o :?> Modules.OptimizerHelper).save_state_dict writer

    stream.ToArray()

/// Restores the optimizer's state dict (TorchSharp's load_state_dict) from bytes written by saveOptimizer.
let loadOptimizer (o: torch.optim.Optimizer) (bytes: byte[]) =
    use reader = new System.IO.BinaryReader(new System.IO.MemoryStream(bytes))
    (o :?> Modules.OptimizerHelper).load_state_dict reader

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
