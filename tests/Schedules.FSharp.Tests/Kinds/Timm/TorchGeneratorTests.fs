/// torch's CPU generator in .NET (Kinds/Timm/TorchGenerator.fs): draws pinned from real torch 1.13, and every draw
/// the timm conformance cases record.
module Schedules.Tests.TorchGeneratorTests

open System.IO
open System.Text.Json
open Expecto
open Schedules
open Schedules.Kinds.Timm

let private draws (g: TorchGenerator) (next: TorchGenerator -> float) n = [ for _ in 1..n -> next g ]

/// Every timm case with noise: its noise settings and its recorded [t, draw] pairs.
let private recorded () = [
    let dir = Path.Combine(DocsTests.root (), "tests", "conformance", "timm")

    for file in Directory.GetFiles(dir, "*.json") do
        use doc = JsonDocument.Parse(File.ReadAllText file)

        for case in doc.RootElement.GetProperty("cases").EnumerateArray() do
            match case.TryGetProperty "noise" with
            | true, pairs ->
                let spec = case.GetProperty "scheduler"

                let prop name fallback (read: JsonElement -> 'T) =
                    match spec.TryGetProperty(name: string) with
                    | true, v when v.ValueKind <> JsonValueKind.Null -> read v
                    | _ -> fallback

                let noise: Noise = {
                    Range = None
                    Type = prop "noise_type" NoiseType.Normal (fun v -> Noise.parseType (v.GetString()))
                    Pct = prop "noise_pct" Noise.DefaultPct (fun v -> v.GetDouble())
                    Std = Noise.DefaultStd
                    Seed = prop "noise_seed" Noise.DefaultSeed (fun v -> v.GetInt32())
                }

                for pair in pairs.EnumerateArray() do
                    let t = pair.[0].GetInt32()
                    let x = pair.[1].GetDouble()
                    yield (case.GetProperty("name").GetString(), noise, t, x)
            | _ -> ()
]

let tests =
    testList "TorchGenerator" [
        test "torch.randn(1) from a generator seeded 42: torch 1.13's draws, the second of each pair cached" {
            Expect.equal
                (draws (TorchGenerator 42L) (fun g -> g.Randn()) 4)
                [
                    0.33669036626815796
                    0.12880940735340118
                    0.23446236550807953
                    0.23033303022384644
                ]
                "python3 -c \"g = torch.Generator(); g.manual_seed(42); torch.randn(1, generator=g)\" four times"
        }
        test "torch.rand(1) from a generator seeded 42" {
            Expect.equal
                (draws (TorchGenerator 42L) (fun g -> g.Rand()) 3)
                [ 0.8822692632675171; 0.9150039553642273; 0.38286375999450684 ]
                "torch.rand(1, generator=g) three times"
        }
        test "a negative seed is taken modulo 2^64, a seed past 2^32 by its low 32 bits, as torch does" {
            Expect.equal (TorchGenerator(-5L).Randn()) -1.8266246318817139 "manual_seed(-5)"
            Expect.equal (TorchGenerator((1L <<< 32) + 3L).Randn()) (TorchGenerator(3L).Randn()) "2^32 + 3 is 3"
        }
        test "every draw recorded in the timm conformance cases" {
            let all = recorded ()
            Expect.isGreaterThanOrEqual all.Length 100 "the cases record more than a hundred draws"

            for name, noise, t, x in all do
                Expect.equal (Noise.draw noise t) x (sprintf "%s: the draw at t = %d" name t)
        }
        test "normal noise is redrawn until |x| < noise_pct; uniform is 2·(rand − 0.5)·noise_pct" {
            let normal: Noise = {
                Range = Some(NoiseRange.From 0)
                Type = NoiseType.Normal
                Pct = 0.2
                Std = 1.0
                Seed = 42
            }

            // Seed 42: 0.3367 and 0.1288; the first is out of the 0.2 bound.
            Expect.equal (Noise.draw normal 0) 0.12880940735340118 "the second draw of seed 42"
            let uniform = { normal with Type = NoiseType.Uniform }
            Expect.equal (Noise.draw uniform 0) (2.0 * (0.8822692632675171 - 0.5) * 0.2) "rand of seed 42"
        }
    ]
