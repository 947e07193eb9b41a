/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014; Vigna's reference `splitmix64.c`): a 64-bit counter advanced by the golden
/// gamma 0x9E3779B97F4A7C15 and scrambled by a bijective finaliser. Used here to seed
/// xoshiro256** and to mix keys; seeded with 1234567 its first outputs are
/// 6457827717110365317, 3203168211198807973, 9817491932198370423 (checked in the tests).
struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser (a bijection on 64-bit words).
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
