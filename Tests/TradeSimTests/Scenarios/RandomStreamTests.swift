import Testing
@testable import TradeSim

@Suite("Random streams")
struct RandomStreamTests {
    /// SplitMix64 seeded with 1234567: the published first five outputs (Rosetta Code,
    /// "Pseudo-random numbers/Splitmix64", from Vigna's reference splitmix64.c).
    @Test func splitMix64KnownAnswers() {
        var g = SplitMix64(seed: 1_234_567)
        #expect([g.next(), g.next(), g.next(), g.next(), g.next()] ==
                [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                 4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
    }

    /// xoshiro256** from the state {1, 2, 3, 4}: the reference implementation's first ten
    /// outputs (as used by the test of morinim/xoshiro256ss against Vigna's xoshiro256starstar.c).
    @Test func xoshiro256StarStarKnownAnswers() {
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let expected: [UInt64] = [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
                                  607_988_272_756_665_600, 16_172_922_978_634_559_625, 8_476_171_486_693_032_832,
                                  10_595_114_339_597_558_777, 2_904_607_092_377_533_576]
        #expect((0..<10).map { _ in g.next() } == expected)
    }

    @Test func uniformsAreOpenAndMirrorExactly() {
        #expect(PathStream.uniform(0) == 0x1p-53)
        #expect(PathStream.uniform(UInt64.max) == 1 - 0x1p-53)
        for x: UInt64 in [0, 1 << 12, 12_345_678_901_234_567, 1 << 63, (1 << 63) - 1, UInt64.max] {
            let u = PathStream.uniform(x)
            #expect(u > 0 && u < 1)
            // The antithetic partner 1 − u is exact, and Φ⁻¹ is exactly odd on it.
            #expect(NormalDistribution.quantile(1 - u) == -NormalDistribution.quantile(u))
        }
    }

    /// Keys differ across paths, scenarios and seeds.
    @Test func keysAreDistinct() {
        var keys = Set<UInt64>()
        for seed: UInt64 in [0, 1, 42] {
            for scenario in 0..<3 {
                for path in 0..<1000 { keys.insert(PathStream.key(seed: seed, scenario: scenario, path: path)) }
            }
        }
        #expect(keys.count == 3 * 3 * 1000)
    }
}
