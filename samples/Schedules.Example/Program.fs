/// Trains a small TorchSharp model on synthetic data with the seed's combination,
/// SequentialLR [WarmUp; ReduceLROnPlateau], watching the validation loss. Writes the trace as CSV and an offline
/// HTML chart, and a checkpoint after every epoch; `--resume` continues from it. `--weight-decay-schedule` binds a
/// second scheduler to the optimizer's weight decay (a cosine rising from 0.04 to 0.4, as in DINO), checkpointed
/// beside the first (pass it again with `--resume`).
module Schedules.Example.Program

open System
open System.IO
open TorchSharp
open Schedules
open Schedules.TorchSharp
open Schedules.Example.Report

type Options = {
    Epochs: int
    StopAfter: int option
    Resume: bool
    WeightDecaySchedule: bool
    Output: string
}

let rec private parse options args =
    match args with
    | [] -> options
    | "--epochs" :: n :: rest -> parse { options with Epochs = int n } rest
    | "--stop-after" :: n :: rest -> parse { options with StopAfter = Some(int n) } rest
    | "--resume" :: rest -> parse { options with Resume = true } rest
    | "--weight-decay-schedule" :: rest ->
        parse
            {
                options with
                    WeightDecaySchedule = true
            }
            rest
    | "--output" :: dir :: rest -> parse { options with Output = dir } rest
    | other :: _ ->
        eprintfn
            "unknown argument %s\nusage: [--epochs N] [--stop-after K] [--resume] [--weight-decay-schedule] [--output DIR]"
            other

        exit 2

let warmupEpochs = 5

/// The LR per param group before the scheduler is built: the head learns faster than the hidden layer.
let baseLrs = [| 0.05; 0.1 |]

/// The seed's combination: linear warm-up over 5 epochs (reaching the base LR at epoch 5), then halve the LR when
/// the validation loss stalls for 3 epochs.
let scheduler () =
    CellDetection.SequentialLR(
        [
            CellDetection.WarmUp warmupEpochs |> Scheduler.withMetric
            CellDetection.ReduceLROnPlateau(
                factor = 0.5,
                patience = 3,
                threshold = 1e-3,
                cooldown = 1,
                minLr = All 1e-4
            )
        ],
        [ warmupEpochs + 1 ]
    )

/// With --weight-decay-schedule: every group's weight decay starts at 0.04 and rises along a cosine to 0.4 at the
/// last epoch (CosineAnnealingLR with etaMin above the base), as in DINO; without it there is no weight decay.
let baseWeightDecay = 0.04

let weightDecayScheduler (epochs: int) =
    LRScheduler.CosineAnnealingLR(epochs, 0.4)

[<EntryPoint>]
let main argv =
    let options =
        parse
            {
                Epochs = 40
                StopAfter = None
                Resume = false
                WeightDecaySchedule = false
                Output = "output"
            }
            (List.ofArray argv)

    Directory.CreateDirectory options.Output |> ignore

    let file name =
        Path.GetFullPath(Path.Combine(options.Output, name))

    let data = Data.make 1000

    torch.manual_seed 1L |> ignore
    let hidden = torch.nn.Linear(1L, 64L)
    let head = torch.nn.Linear(64L, 1L)
    let layer (name: string) (m: torch.nn.Module<torch.Tensor, torch.Tensor>) = name, m

    let model =
        torch.nn.Sequential(layer "hidden" hidden, layer "relu" (torch.nn.ReLU()), layer "head" head)

    let weightDecay = if options.WeightDecaySchedule then baseWeightDecay else 0.0

    // Two param groups, as in fine-tuning.
    let optimizer =
        torch.optim.SGD(
            [
                Modules.SGD.ParamGroup(
                    hidden.parameters (),
                    lr = baseLrs.[0],
                    momentum = 0.9,
                    weight_decay = weightDecay
                )
                Modules.SGD.ParamGroup(head.parameters (), lr = baseLrs.[1], momentum = 0.9, weight_decay = weightDecay)
            ],
            baseLrs.[0],
            momentum = 0.9
        )

    let bound, history =
        if options.Resume then
            let checkpoint = file "checkpoint.json"

            if not (File.Exists checkpoint) then
                eprintfn "No checkpoint at %s: run without --resume first." checkpoint
                exit 1

            model.load (file "model.bin") |> ignore
            optimizer.load_state_dict (file "optimizer.bin")
            let history = readCsv (file "trace.csv")
            printfn "Resuming after epoch %d from %s" history.Length checkpoint
            Shell.resume (scheduler (), optimizer, File.ReadAllText checkpoint), history
        else
            Shell.bind (scheduler (), optimizer), []

    // The second scheduler drives the weight decay of the same optimizer, and is checkpointed beside the first.
    let weightDecayCheckpoint = file "checkpoint-weight-decay.json"

    let boundWeightDecay =
        if not options.WeightDecaySchedule then
            None
        elif options.Resume then
            Some(
                Shell.resume (
                    weightDecayScheduler options.Epochs,
                    optimizer,
                    File.ReadAllText weightDecayCheckpoint,
                    field = Hyperparameter.WeightDecay
                )
            )
        else
            Some(Shell.bind (weightDecayScheduler options.Epochs, optimizer, field = Hyperparameter.WeightDecay))

    let loss = torch.nn.MSELoss()
    let batch = 50L
    let n = data.TrainX.shape.[0]
    let mutable rows = history
    let first = history.Length + 1
    let last = min options.Epochs (defaultArg options.StopAfter options.Epochs)

    printfn "%5s %12s %12s  %s" "epoch" "train loss" "val loss" "LR per group"

    for epoch in first..last do
        model.train ()
        // Seeded per epoch, so that a resumed run shuffles as the uninterrupted one did.
        torch.manual_seed (int64 (1000 + epoch)) |> ignore
        let order = torch.randperm n
        let mutable total = 0.0

        for start in 0L .. batch .. n - 1L do
            use _ = torch.NewDisposeScope()
            let idx = order.narrow (0L, start, min batch (n - start))
            let x, y = data.TrainX.index_select (0L, idx), data.TrainY.index_select (0L, idx)
            optimizer.zero_grad ()
            let l = loss.forward (model.forward x, y)
            l.backward ()
            optimizer.step () |> ignore
            total <- total + float (l.item<float32> ()) * float idx.shape.[0]

        model.eval ()

        let valLoss =
            use _ = torch.no_grad ()
            use _ = torch.NewDisposeScope()
            loss.forward(model.forward data.ValX, data.ValY).item<float32> () |> float

        let applied = bound.Lrs.ToArray()
        // The LRs this epoch trained with, then the scheduler's step for the next epoch.
        let report = bound.Step valLoss

        let row = {
            Epoch = epoch
            TrainLoss = total / float n
            ValLoss = valLoss
            Lrs = applied
        }

        rows <- rows @ [ row ]

        printfn
            "%5d %12.6f %12.6f  %s"
            epoch
            row.TrainLoss
            valLoss
            (applied |> Array.map (sprintf "%.6g") |> String.concat "  ")

        for message in report.Messages do
            printfn "      %s" message

        match boundWeightDecay with
        | Some b ->
            let applied = b.Lrs.ToArray()
            b.Step() |> ignore

            printfn "      weight decay per group %s" (applied |> Array.map (sprintf "%.6g") |> String.concat "  ")

            File.WriteAllText(weightDecayCheckpoint, b.Save())
        | None -> ()

        // Checkpoint: the scheduler's state (JSON), the optimizer's and the model's (TorchSharp's own formats).
        File.WriteAllText(file "checkpoint.json", bound.Save())
        optimizer.save_state_dict (file "optimizer.bin")
        model.save (file "model.bin") |> ignore
        writeCsv (file "trace.csv") rows

    writeCsv (file "trace.csv") rows
    writeChart (file "trace.html") (scheduler ()) baseLrs rows
    printfn "Wrote %s, %s and the checkpoint %s" (file "trace.csv") (file "trace.html") (file "checkpoint.json")

    if last < options.Epochs then
        printfn "Stopped after epoch %d of %d; continue with --resume." last options.Epochs

    0
