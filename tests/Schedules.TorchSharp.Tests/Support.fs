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
