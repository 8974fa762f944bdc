/// Keras' ReduceLROnPlateau callback (Kinds/Keras/ReduceLROnPlateau.fs, factory Keras.ReduceLROnPlateau): wait ≥
/// patience, the cooldown counter decremented before the test, the first value the best even when NaN, min_delta
/// absolute, 'auto' from the monitor's name.
module Schedules.Tests.KerasReduceLROnPlateauTests

open Expecto
open Schedules
open Schedules.Tests.Support

let private kind = "keras.callbacks.ReduceLROnPlateau"

let private lrs (s: Scheduler<float>) (start: float list) (metrics: float list) =
    Scheduler.run s (gv start) metrics |> lrRows

let private first (s: Scheduler<float>) (metrics: float list) =
    lrs s [ 1.0 ] metrics |> Array.map Array.head

/// A counter of the state after a run.
let private counter (name: string) (state: State) =
    match state with
    | Fields(_, values) ->
        values
        |> List.pick (fun (n, v) ->
            match v with
            | Counter c when n = name -> Some c
            | _ -> None)
    | other -> failtestf "not a Fields state: %A" other

let tests =
    testList "keras.callbacks.ReduceLROnPlateau" [
        test "patience p reduces on the p-th bad epoch (wait >= p; published edge case, cooldown 1)" {
            let s = Keras.ReduceLROnPlateau(patience = 2, factor = 0.5, cooldown = 1)
            let rows = lrs s [ 0.1 ] (1.0 :: List.replicate 11 0.9) |> Array.map Array.head

            Expect.equal
                rows
                [|
                    0.1
                    0.1
                    0.1
                    0.1
                    0.05
                    0.05
                    0.025
                    0.025
                    0.0125
                    0.0125
                    0.00625
                    0.00625
                    0.003125
                |]
                "bad epochs 3 and 4 reduce after the 4th; cooldown 1 leaves no epoch uncounted"
        }
        test "Patience across families: Keras reduces one epoch before PyTorch with the same patience" {
            let metrics = [ 1.0; 1.0; 1.0; 1.0 ]

            let keras =
                first (Keras.ReduceLROnPlateau(patience = 2, factor = 0.5, minDelta = 0.0)) metrics

            let pytorch =
                first (LRScheduler.ReduceLROnPlateau(patience = 2, factor = 0.5, threshold = 0.0)) metrics

            Expect.equal keras [| 1.0; 1.0; 1.0; 0.5; 0.5 |] "Keras: the 2nd bad epoch (the 3rd metric) reduces"
            Expect.equal pytorch [| 1.0; 1.0; 1.0; 1.0; 0.5 |] "PyTorch: the 3rd bad epoch (> 2)"
        }
        test "patience 0 reduces on every non-improving epoch, never on an improving one" {
            let rows =
                first (Keras.ReduceLROnPlateau(patience = 0, factor = 0.5)) [ 1.0; 0.5; 0.5; 0.25; 0.3 ]

            Expect.equal rows [| 1.0; 1.0; 1.0; 0.5; 0.5; 0.25 |] "reductions at the 3rd and 5th metrics"
        }
        test "cooldown c leaves bad epochs uncounted for c − 1 epochs (the counter is decremented before the test)" {
            let s = Keras.ReduceLROnPlateau(patience = 1, factor = 0.5, cooldown = 2)
            let rows = first s (List.replicate 6 1.0)
            Expect.equal rows [| 1.0; 1.0; 0.5; 0.5; 0.25; 0.25; 0.125 |] "a reduction every 2nd epoch"
        }
        test "a NaN first value becomes the best: nothing beats it, so the LR is cut every patience epochs" {
            let s = Keras.ReduceLROnPlateau(patience = 2, factor = 0.5)
            let rows = first s [ nan; 1.0; 0.5; 0.25; 0.125 ]
            Expect.equal rows [| 1.0; 1.0; 1.0; 0.5; 0.5; 0.25 |] "cut although the loss improves"

            let pytorch =
                first (LRScheduler.ReduceLROnPlateau(patience = 2, factor = 0.5)) [ nan; 1.0; 0.5; 0.25; 0.125 ]

            Expect.equal pytorch (Array.create 6 1.0) "PyTorch starts from +inf and never takes NaN"
        }
        test "min_delta is absolute, and its sign is ignored" {
            let metrics = [ 1.0; 0.95; 0.8 ]

            let byTenth =
                first (Keras.ReduceLROnPlateau(patience = 1, minDelta = 0.1, factor = 0.5)) metrics

            Expect.equal byTenth [| 1.0; 1.0; 0.5; 0.5 |] "0.95 does not beat 1.0 by 0.1; 0.8 does"

            let byNothing =
                first (Keras.ReduceLROnPlateau(patience = 1, minDelta = 0.0, factor = 0.5)) metrics

            Expect.equal byNothing [| 1.0; 1.0; 1.0; 1.0 |] "without min_delta 0.95 improves"

            let negative =
                first (Keras.ReduceLROnPlateau(patience = 1, minDelta = -0.1, factor = 0.5)) metrics

            Expect.equal negative byTenth "|−0.1|"
        }
        test "mode max: a rising metric improves" {
            let s =
                Keras.ReduceLROnPlateau(monitor = "val_accuracy", mode = Max, patience = 1, factor = 0.5)

            Expect.equal (first s [ 0.5; 0.6; 0.7; 0.6 ]) [| 1.0; 1.0; 1.0; 1.0; 0.5 |] "only the fall counts"
        }
        test "'auto' minimises loss and val_loss" {
            let metrics = [ 1.0; 2.0; 3.0 ]

            for monitor in [ "loss"; "val_loss" ] do
                let auto = first (Keras.ReduceLROnPlateau(monitor = monitor, patience = 1)) metrics

                let min =
                    first (Keras.ReduceLROnPlateau(monitor = monitor, mode = Min, patience = 1)) metrics

                Expect.equal auto min monitor
        }
        refused
            "'auto' with another monitor is refused (Keras reads the model's compiled metrics)"
            "mode"
            "val_accuracy"
            (fun () -> box (Keras.ReduceLROnPlateau(monitor = "val_accuracy")))
        test "at min_lr nothing is reset: wait keeps growing" {
            let s = Keras.ReduceLROnPlateau(patience = 1, factor = 0.5, minLr = 0.5)
            let trace = Scheduler.run s (gv [ 1.0 ]) (List.replicate 6 1.0)
            Expect.equal (lrRows trace |> Array.map Array.head) [| 1.0; 1.0; 0.5; 0.5; 0.5; 0.5; 0.5 |] "held at min_lr"
            Expect.equal (counter "wait" trace.State) 4 "the 4 bad epochs since the reduction"
        }
        test "several groups: each above min_lr is reduced, each reduction reported" {
            let s = Keras.ReduceLROnPlateau(patience = 0, factor = 0.5, minLr = 0.3)
            let trace = Scheduler.run s (gv [ 1.0; 0.3 ]) [ 1.0; 1.0 ]
            Expect.equal (lrRows trace).[2] [| 0.5; 0.3 |] "group 1 is at min_lr"
            Expect.equal trace.Rows.[2].Events [ LrReduced(0, 1.0, 0.5) ] "group 0's reduction, as data"
        }
        refused "factor 1 is refused (Keras: factor >= 1.0)" "factor" "1" (fun () ->
            box (Keras.ReduceLROnPlateau(factor = 1.0)))
        refused "a negative factor is refused" "factor" "-0.5" (fun () -> box (Keras.ReduceLROnPlateau(factor = -0.5)))
        refused "a negative patience is refused" "patience" "-1" (fun () ->
            box (Keras.ReduceLROnPlateau(patience = -1)))
        refused "a negative cooldown is refused" "cooldown" "-1" (fun () ->
            box (Keras.ReduceLROnPlateau(cooldown = -1)))
        refused "a NaN min_lr is refused" "min_lr" "NaN" (fun () -> box (Keras.ReduceLROnPlateau(minLr = nan)))
        refused "an unknown mode is refused in JSON (Keras falls back to 'auto')" "mode" "mim" (fun () ->
            box (Config.ofJson (sprintf """{"kind": "%s", "mode": "mim"}""" kind)))
        refused "an unknown argument is refused (Keras' **kwargs swallows it)" "patince" "patince" (fun () ->
            box (Config.ofJson (sprintf """{"kind": "%s", "patince": 3}""" kind)))
        test "JSON under Keras' names; an empty configuration has Keras' defaults" {
            sameConfig
                (Config.ofJson (sprintf """{"kind": "%s"}""" kind))
                (Scheduler.config (Keras.ReduceLROnPlateau()))

            let json =
                Config.toJson (Scheduler.config (Keras.ReduceLROnPlateau(mode = Max, minDelta = 0.01, minLr = 1e-4)))

            Expect.stringContains json "\"mode\": \"max\"" "Keras' mode name"
            Expect.stringContains json "\"min_delta\": 0.01" "Keras' argument name"
            Expect.stringContains json "\"min_lr\": 0.0001" "Keras' argument name"

            Expect.stringContains
                (Config.toJson (Scheduler.config (Keras.ReduceLROnPlateau())))
                "\"mode\": \"auto\""
                "auto"
        }
        roundTrips
            "round-trips through JSON"
            40
            [ 0.1; 0.2 ]
            (Scheduler.config (Keras.ReduceLROnPlateau(factor = 0.5, patience = 2, cooldown = 2, minLr = 0.01)))
        test "a checkpoint saved mid-run loads back and continues the same, NaN best included" {
            let s = Keras.ReduceLROnPlateau(factor = 0.5, patience = 2, cooldown = 3)
            let metrics = nan :: [ for t in 1..29 -> if t % 5 = 0 then 0.1 else 1.0 ]
            let whole = Scheduler.run s (gv [ 0.1 ]) metrics

            for k in [ 0; 1; 4; 9; 17 ] do
                let part = Scheduler.run s (gv [ 0.1 ]) (List.take k metrics)
                let json = Checkpoint.save s part.State
                let loaded = Checkpoint.load s json
                Expect.equal (Checkpoint.save s loaded) json (sprintf "the same state at %d" k)
                let rest = Scheduler.fold s loaded part.Rows.[k].Lrs (List.skip k metrics)
                Expect.equal (lrRows rest) (lrRows whole |> Array.skip (k + 1)) (sprintf "the same LRs after %d" k)
        }
        test "a saved state no run reaches is refused, naming the field" {
            let s = Keras.ReduceLROnPlateau(cooldown = 2)
            let part = Scheduler.run s (gv [ 0.1 ]) [ 1.0; 1.0 ]

            let json =
                (Checkpoint.save s part.State).Replace("\"cooldownCounter\": 0", "\"cooldownCounter\": 3")

            Expect.stringContains json "\"cooldownCounter\": 3" "the edit applies"
            let e = Expect.throwsC (fun () -> Checkpoint.load s json |> ignore) id
            Expect.isTrue (e :? System.FormatException) "a FormatException"
            Expect.stringContains e.Message "cooldownCounter" "names the field"
        }
    ]
