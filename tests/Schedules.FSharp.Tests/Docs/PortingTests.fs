/// docs/porting.md's promise on PyTorch's own snippets: a literal port under PyTorch's names (LRScheduler) gives
/// PyTorch's numbers, and the seed's names (CellDetection) give the seed's. Each Python snippet ran on PyTorch 1.13
/// (Debian's python3-torch); its output is quoted beside it.
module Schedules.Tests.PortingTests

open Expecto
open Schedules
open Schedules.Tests.Support

/// The LR of the one param group after each step, as the snippets print it.
let private afterEachStep (s: Scheduler<float>) metrics =
    Scheduler.run s (gv [ 0.1 ]) metrics
    |> lrRows
    |> Array.tail
    |> Array.map Array.head

let tests =
    testList "Porting" [
        test "ReduceLROnPlateau(optimizer): PyTorch's defaults, no grace period" {
            // optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
            // scheduler = ReduceLROnPlateau(optimizer)
            // for loss in [1.0] * 14:
            //     optimizer.step()
            //     scheduler.step(loss)
            //     print(repr(optimizer.param_groups[0]["lr"]))
            // printed 0.1 (11 times), then 0.010000000000000002 (3 times)
            let scheduler = LRScheduler.ReduceLROnPlateau()

            Expect.equal
                (afterEachStep scheduler (List.replicate 14 1.0))
                (Array.append (Array.replicate 11 0.1) (Array.replicate 3 0.010000000000000002))
                "PyTorch's numbers"
        }
        test "ReduceLROnPlateau(optimizer, patience=1) on losses [1, 2, 2] reduces at step 3" {
            // scheduler = ReduceLROnPlateau(optimizer, patience=1)
            // for loss in [1.0, 2.0, 2.0]: ... (as above)
            // printed 0.1, 0.1, 0.010000000000000002
            let scheduler = LRScheduler.ReduceLROnPlateau(patience = 1)

            Expect.equal
                (afterEachStep scheduler [ 1.0; 2.0; 2.0 ])
                [| 0.1; 0.1; 0.010000000000000002 |]
                "PyTorch's numbers"

            // The seed's grace period forgets the first loss, so 2 becomes the best and nothing is reduced yet.
            Expect.equal
                (afterEachStep (CellDetection.ReduceLROnPlateau(patience = 1)) [ 1.0; 2.0; 2.0 ])
                [| 0.1; 0.1; 0.1 |]
                "the seed's numbers under the seed's name"
        }
        test "ReduceLROnPlateau(optimizer, mode='max', factor=0.5, patience=2) on accuracies" {
            // scheduler = ReduceLROnPlateau(optimizer, mode='max', factor=0.5, patience=2)
            // for accuracy in [0.5, 0.6, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7]:
            //     optimizer.step()
            //     scheduler.step(accuracy)
            //     print(repr(optimizer.param_groups[0]["lr"]))
            // printed 0.1 0.1 0.1 0.1 0.05 0.05 0.05 0.05 0.025 0.025
            let scheduler =
                LRScheduler.ReduceLROnPlateau(mode = Max, factor = 0.5, patience = 2)

            Expect.equal
                (afterEachStep scheduler [ 0.5; 0.6; 0.6; 0.6; 0.6; 0.7; 0.7; 0.7; 0.7; 0.7 ])
                [| 0.1; 0.1; 0.1; 0.1; 0.05; 0.05; 0.05; 0.05; 0.025; 0.025 |]
                "PyTorch's numbers"
        }
        test "StepLR(optimizer, step_size=3, gamma=0.1)" {
            // optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
            // scheduler = StepLR(optimizer, step_size=3, gamma=0.1)
            // print(repr(optimizer.param_groups[0]["lr"]))
            // for epoch in range(9):
            //     optimizer.step()
            //     scheduler.step()
            //     print(repr(optimizer.param_groups[0]["lr"]))
            // printed 0.1 0.1 0.1 0.010000000000000002 0.010000000000000002 0.010000000000000002
            //         0.0010000000000000002 0.0010000000000000002 0.0010000000000000002 0.00010000000000000003
            let scheduler = LRScheduler.StepLR(stepSize = 3, gamma = 0.1)

            Expect.equal
                (stepOnly scheduler [ 0.1 ] 9 |> Array.map Array.head)
                [|
                    0.1
                    0.1
                    0.1
                    0.010000000000000002
                    0.010000000000000002
                    0.010000000000000002
                    0.0010000000000000002
                    0.0010000000000000002
                    0.0010000000000000002
                    0.00010000000000000003
                |]
                "PyTorch's numbers"
        }
    ]
