/// Synthetic regression data: y = sin(3x) + x²/2 + noise, split into training and validation sets.
module Schedules.Example.Data

open TorchSharp

type Split = {
    TrainX: torch.Tensor
    TrainY: torch.Tensor
    ValX: torch.Tensor
    ValY: torch.Tensor
}

let make (samples: int) =
    torch.manual_seed 7L |> ignore
    let x = torch.rand (int64 samples, 1L) * 4.0 - 2.0
    let y = torch.sin (x * 3.0) + x * x / 2.0 + torch.randn (int64 samples, 1L) * 0.1
    let cut = int64 (samples * 4 / 5)

    {
        TrainX = x.narrow (0L, 0L, cut)
        TrainY = y.narrow (0L, 0L, cut)
        ValX = x.narrow (0L, cut, int64 samples - cut)
        ValY = y.narrow (0L, cut, int64 samples - cut)
    }
