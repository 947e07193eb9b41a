import Testing
@testable import TradeSim

/// The diffusion step computes 32 lanes at a time, in tiles of assets and two rows of L at a
/// time; eight lanes alone take the plain row-by-row sum. A path's prices must not depend on
/// which way its lane went: the same bits for every block width.
@Suite("Diffusion grouping")
struct DiffusionTests {
    /// `n` assets with a two-factor correlation (one tile of 64 assets and more for n > 64; odd
    /// n leaves a pair's second normal unused), a regime (two step tables) and a jump process on
    /// the first and last assets.
    static func kernel(assets n: Int) throws -> ScenarioKernel {
        let rows = BigUniverseTests.factorMatrix(n)
        let universe = (0..<n).map { #"{"ticker": "A\#($0)", "spot": \#(50 + $0), "volatility": 0.\#(2 + $0 % 5)}"# }
        let study = try StudyText.study("""
            {"name": "d", "start": "2026-01-05", "universe": [\(universe.joined(separator: ", "))],
             "scenarios": [{"name": "s", "horizon": 12, "correlation": {"matrix": \(BigUniverseTests.matrixText(rows))},
               "regimes": [{"from": 4, "to": 7, "volMultiplier": {"*": 1.5}}],
               "jumps": [{"assets": ["A0", "A\(n - 1)"], "intensity": 20, "meanLogJump": -0.05, "logJumpVolatility": 0.1}]}]}
            """)
        return ScenarioKernel(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
    }

    @Test(arguments: [1, 2, 7, 63, 64, 65, 130])
    func sameBitsWhateverTheBlockWidth(_ n: Int) throws {
        let k = try Self.kernel(assets: n)
        let paths = 104  // blocks of 8 lanes; of 40 (32 + 8) and 24 (8 × 3); of 104 (96 + 8)
        let reference = finalPrices(k, paths: paths, seed: 5, lanes: 8)
        for lanes in [40, 24, 104] {
            let got = finalPrices(k, paths: paths, seed: 5, lanes: lanes)
            #expect(got.map { $0.map(\.bitPattern) } == reference.map { $0.map(\.bitPattern) }, "\(n) assets, \(lanes) lanes")
        }
    }
}
