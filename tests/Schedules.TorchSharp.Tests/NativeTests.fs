/// libtorch loads on this machine (through the build's GLIBCXX fix where the host needs it).
module Schedules.TorchSharp.Tests.NativeTests

open Expecto
open TorchSharp

let tests =
    testList "Native" [
        test "libtorch computes" {
            let x = torch.ones (3L, 3L)
            Expect.equal ((x + x).sum().item<float32> ()) 18.0f "3 × 3 × 2"
        }
    ]
