import Foundation
import Testing
@testable import TradeSim

/// The path sampler: the prices a script sets, the same path whatever slice draws it, and the
/// model IV per day and asset.
@Suite("Path sampler")
struct PathSamplerTests {
    static let universe = ScriptedAndHistoricalTests.universe

    /// MP −12% on day 4 (step): 20 until day 3, 17.6 from day 4; LMT stays at 400.
    @Test func aScriptedPathHasTheScriptsPrices() throws {
        let study = try StudyText.study("""
            {"name": "t", "start": "2026-01-05", \(Self.universe),
             "scenarios": [{"name": "s", "horizon": 6, "model": "scripted",
               "script": {"interpolation": "step", "points": [{"day": 4, "change": {"MP": -0.12}}]}}]}
            """)
        let sampler = PathSampler(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
        let paths = sampler.paths(firstPath: 0, count: 1, seed: 1)
        #expect(paths.horizonDays == 6 && paths.assetCount == 2 && paths.count == 1)
        #expect(paths.price(path: 0, day: 0, asset: 0) == 20 && paths.price(path: 0, day: 3, asset: 0) == 20)
        for day in 4...6 { #expect(abs(paths.price(path: 0, day: day, asset: 0) - 17.6) < 1e-12) }
        for day in 0...6 { #expect(paths.price(path: 0, day: day, asset: 1) == 400) }
    }

    /// Path p's prices depend on (seed, scenario, p) only: drawn in a slice from 0 or from 7.
    @Test func aPathIsTheSameInAnySlice() throws {
        let study = try StudyText.study("""
            {"name": "t", "start": "2026-01-05", \(Self.universe), "scenarios": [{"name": "s", "horizon": 5}]}
            """)
        let sampler = PathSampler(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
        let all = sampler.paths(firstPath: 0, count: 10, seed: 42)
        let tail = sampler.paths(firstPath: 7, count: 3, seed: 42)
        #expect(tail.firstPath == 7)
        for p in 0..<3 {
            for day in 0...5 {
                for asset in 0..<2 { #expect(tail.price(path: p, day: day, asset: asset) == all.price(path: 7 + p, day: day, asset: asset)) }
            }
        }
        #expect(all.price(path: 0, day: 5, asset: 0) != all.price(path: 1, day: 5, asset: 0))
    }

    /// With no event and the default model (base = 1.15 × path vol, the documented volatility risk
    /// premium) the IV is each asset's vol × 1.15 at every tenor; with `baseMultiple: 1` it is the vol.
    @Test func impliedVolsAreThePathVolsWithoutEvents() throws {
        let study = try StudyText.study("""
            {"name": "t", "start": "2026-01-05", \(Self.universe), "scenarios": [{"name": "s", "horizon": 3}]}
            """)
        let sampler = PathSampler(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
        let premium = sampler.impliedVols(tenorDays: 21)
        #expect(premium.count == 4 && premium.allSatisfy { abs($0[0] - 0.69) < 1e-15 && abs($0[1] - 0.2875) < 1e-15 })
        let flat = try StudyText.study("""
            {"name": "t", "start": "2026-01-05", \(Self.universe), "scenarios": [{"name": "s", "horizon": 3, "impliedVol": {"baseMultiple": 1}}]}
            """)
        let at = PathSampler(scenario: flat.scenarios[0], scenarioIndex: 0, universe: flat.universe)
        #expect(at.impliedVols(tenorDays: 21) == Array(repeating: [0.6, 0.25], count: 4))
    }
}
