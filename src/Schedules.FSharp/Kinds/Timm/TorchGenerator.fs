namespace Schedules.Kinds.Timm

open System

/// <summary>
/// PyTorch's CPU generator (<c>torch.Generator()</c>, torch 1.13), in pure .NET: the draws timm's noise takes.
/// A Mersenne Twister (mt19937) seeded as <c>manual_seed</c> seeds it, and the two sampling paths a one-element
/// tensor takes: <c>torch.randn(1)</c> (the scalar Box-Muller over two 53-bit uniform doubles, with the second
/// value of each pair cached for the next draw, rounded to float32) and <c>torch.rand(1)</c> (a 24-bit uniform
/// float32). Not thread-safe: one generator per draw sequence, as timm makes a fresh one per step.
/// </summary>
type internal TorchGenerator(seed: uint64) =
    let state: uint32[] = Array.zeroCreate 624
    let mutable index = 624
    // at::normal_distribution caches the second value of a Box-Muller pair on the generator.
    let mutable cachedNormal: float voption = ValueNone

    do
        // std::mt19937's seeding with the low 32 bits of the seed (at::mt19937's constructor).
        state.[0] <- uint32 (seed &&& 0xffffffffUL)

        for i in 1..623 do
            state.[i] <- 1812433253u * (state.[i - 1] ^^^ (state.[i - 1] >>> 30)) + uint32 i

    /// A generator seeded as <c>torch.Generator().manual_seed(seed)</c> seeds it (seed taken modulo 2^64).
    new(seed: int64) = TorchGenerator(uint64 seed)

    member private _.Twist() =
        for i in 0..623 do
            let y = (state.[i] &&& 0x80000000u) ||| (state.[(i + 1) % 624] &&& 0x7fffffffu)
            let mutable v = state.[(i + 397) % 624] ^^^ (y >>> 1)

            if y &&& 1u <> 0u then
                v <- v ^^^ 0x9908b0dfu

            state.[i] <- v

        index <- 0

    /// The next 32 random bits (mt19937's tempered output).
    member this.Random() : uint32 =
        if index >= 624 then
            this.Twist()

        let mutable y = state.[index]
        index <- index + 1
        y <- y ^^^ (y >>> 11)
        y <- y ^^^ ((y <<< 7) &&& 0x9d2c5680u)
        y <- y ^^^ ((y <<< 15) &&& 0xefc60000u)
        y ^^^ (y >>> 18)

    /// The next 64 random bits: two outputs, the first one high (at::detail::make64BitsFrom32Bits).
    member this.Random64() : uint64 =
        let hi = this.Random()
        let lo = this.Random()
        (uint64 hi <<< 32) ||| uint64 lo

    /// at::uniform_real_distribution&lt;double&gt;(0, 1): the low 53 bits of a 64-bit draw, times 2^-53.
    member this.UniformDouble() : float =
        float (this.Random64() &&& ((1UL <<< 53) - 1UL)) * Math.ScaleB(1.0, -53)

    /// <c>torch.randn(1, generator=g).item()</c>: at::normal_distribution&lt;double&gt; (Box-Muller, cached pair),
    /// rounded to float32.
    member this.Randn() : float =
        let z =
            match cachedNormal with
            | ValueSome z ->
                cachedNormal <- ValueNone
                z
            | ValueNone ->
                let u1 = this.UniformDouble()
                let u2 = this.UniformDouble()
                let r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2))
                let theta = 2.0 * Math.PI * u1
                cachedNormal <- ValueSome(r * Math.Sin theta)
                r * Math.Cos theta

        // transformation::normal (z * std + mean with std 1, mean 0), then the float32 tensor's rounding.
        float (float32 (z * 1.0 + 0.0))

    /// <c>torch.rand(1, generator=g).item()</c>: at::uniform_real_distribution&lt;float&gt;(0, 1), the low 24 bits of
    /// a 32-bit draw times 2^-24, in float32.
    member this.Rand() : float =
        let x =
            float32 (this.Random() &&& ((1u <<< 24) - 1u)) * float32 (Math.ScaleB(1.0, -24))

        float (x * (1.0f - 0.0f) + 0.0f)
