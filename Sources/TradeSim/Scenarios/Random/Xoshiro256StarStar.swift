/// xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 2021): 256 bits of state, period 2²⁵⁶ − 1, output rotl(s₁·5, 7)·9. From the state
/// {1, 2, 3, 4} its first outputs are 11520, 0, 1509978240, 1215971899390074240 (the
/// reference implementation's values, checked in the tests).
struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    /// Seeded as its authors recommend: four successive SplitMix64 outputs.
    init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        self.init(state: (sm.next(), sm.next(), sm.next(), sm.next()))
    }

    mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// The random stream of one path, keyed by (seed, scenario index, path index) as DESIGN §4
/// requires, so a path's numbers do not depend on threads, shards or which other paths run.
///
/// Key: x = mix(mix(seed + γ·(scenario + 1)) + γ′·(path + 1)) with mix the SplitMix64 finaliser,
/// γ = 0x9E3779B97F4A7C15 and γ′ = 0xD1B54A32D192ED03 (both odd, so distinct paths of one
/// scenario get distinct keys); the stream is xoshiro256** seeded from x through SplitMix64.
enum PathStream {
    static func key(seed: UInt64, scenario: Int, path: Int) -> UInt64 {
        let s = SplitMix64.mix(seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(scenario + 1))
        return SplitMix64.mix(s &+ 0xD1B5_4A32_D192_ED03 &* UInt64(path + 1))
    }

    static func generator(seed: UInt64, scenario: Int, path: Int) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: key(seed: seed, scenario: scenario, path: path))
    }

    /// A uniform in the open interval (0, 1) from the top 52 bits: (⌊x / 2¹²⌋ + ½)·2⁻⁵², an odd
    /// multiple of 2⁻⁵³ from 2⁻⁵³ to 1 − 2⁻⁵³. Never 0 or 1, so Φ⁻¹ of it is finite; 1 − u is
    /// again such a multiple and exact, so the antithetic partner's normal is exactly −z.
    @inline(__always)
    static func uniform(_ x: UInt64) -> Double {
        (Double(x >> 12) + 0.5) * 0x1p-52
    }
}
