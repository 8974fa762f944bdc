/// Scheduler.checkGroups and the per-group check of Scheduler.step for a state that records no group count (core
/// tests of src/Schedules.FSharp/Scheduler.fs, here while the F# test project is being reorganized; they belong in
/// its SchedulerTests).
module Schedules.TorchSharp.Tests.SchedulerTests

open System
open Expecto
open Schedules
open Schedules.TorchSharp.Tests.Support

let tests =
    testList "Scheduler" [
        test "checkGroups refuses per-group settings of another length, naming the setting" {
            let s = LRScheduler.ReduceLROnPlateau(minLr = Each [ 0.0; 0.0 ])
            Scheduler.checkGroups s 2
            let e = Expect.throwsC (fun () -> Scheduler.checkGroups s 3) id
            Expect.isTrue (e :? ArgumentException) "ArgumentException"

            Expect.stringContains
                e.Message
                "minLr must have one entry per param group (3), but has 2 entries"
                "says why"

            let nested =
                LRScheduler.ChainedScheduler [ LRScheduler.LambdaLR(Each [ (fun _ -> 1.0); (fun _ -> 0.5) ]) ]

            Scheduler.checkGroups nested 2
            Expect.throwsT<ArgumentException> (fun () -> Scheduler.checkGroups nested 1) "inside a composite"
        }
        test "a lone ReduceLROnPlateau, whose state records no group count, checks its settings in each step" {
            let s = LRScheduler.ReduceLROnPlateau(minLr = Each [ 0.0; 0.0 ])
            let state, _ = Scheduler.init s (gv [ 0.1; 0.2 ])

            let e =
                Expect.throwsC
                    (fun () -> Scheduler.step s state (Observation.create (gv [ 0.1; 0.2; 0.3 ]) 1.0) |> ignore)
                    id

            Expect.isTrue (e :? ArgumentException) "ArgumentException"
            Expect.stringContains e.Message "minLr must have one entry per param group (3)" "names the setting"
            Scheduler.step s state (Observation.create (gv [ 0.1; 0.2 ]) 1.0) |> ignore
        }
    ]
