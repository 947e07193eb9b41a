import Foundation
import Testing
@testable import TradeSim

/// The IV model's documented values on chosen days: base, ramp (linear and step), crush at
/// the event, no premium for options expiring before the event, and the tenor response
/// f(τ) = √(τ₀/(τ₀ + τ)).
@Suite("Implied-vol model")
struct ImpliedVolModelTests {
    static func study(ramp: String, decay: String = #", "termDecayYears": 0.25"#) throws -> Study {
        try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "A", "spot": 100, "volatility": 0.4}, {"ticker": "B", "spot": 50, "volatility": 0.2}],
             "scenarios": [{"name": "s", "horizon": 40,
               "impliedVol": {"baseMultiple": 1.25, "base": {"B": 0.3}\(decay)},
               "events": [{"name": "e", "day": 20, "outcomes": [{"name": "x", "probability": 1}],
                           "ivPremium": {"multiple": 0.5, "rampDays": 4, "ramp": "\(ramp)", "assets": ["A"]}}]}]}
            """)
    }

    @Test func linearRampCrushAndTenor() throws {
        let s = try Self.study(ramp: "linear")
        let u = s.universe
        let sc = s.scenarios[0]
        let base = 1.25 * 0.4                       // 0.5
        let f10 = (0.25 / (0.25 + 10.0 / 252)).squareRoot()
        #expect(sc.impliedVol(asset: 0, day: 15, tenorDays: 10, universe: u) == base)          // before the ramp
        #expect(abs(sc.impliedVol(asset: 0, day: 16, tenorDays: 10, universe: u) - (base + 0.5 * base * 0.25 * f10)) < 1e-15)
        #expect(abs(sc.impliedVol(asset: 0, day: 17, tenorDays: 10, universe: u) - (base + 0.5 * base * 0.50 * f10)) < 1e-15)
        #expect(abs(sc.impliedVol(asset: 0, day: 19, tenorDays: 10, universe: u) - (base + 0.5 * base * 1.00 * f10)) < 1e-15)
        #expect(sc.impliedVol(asset: 0, day: 20, tenorDays: 10, universe: u) == base)          // crushed at the event
        #expect(sc.impliedVol(asset: 0, day: 17, tenorDays: 2, universe: u) == base)           // expires day 19, before it
        #expect(abs(sc.impliedVol(asset: 0, day: 17, tenorDays: 3, universe: u) - (base + 0.5 * base * 0.5 * (0.25 / (0.25 + 3.0 / 252)).squareRoot())) < 1e-15)
        // Short tenors carry more of the premium than long ones.
        let short = sc.impliedVol(asset: 0, day: 19, tenorDays: 1, universe: u)
        let long = sc.impliedVol(asset: 0, day: 19, tenorDays: 252, universe: u)
        #expect(short > long && long > base)
        // B: absolute base 0.3, not covered by the premium.
        #expect(sc.impliedVol(asset: 1, day: 19, tenorDays: 10, universe: u) == 0.3)
    }

    @Test func stepRampWithoutTermDecay() throws {
        let s = try Self.study(ramp: "step", decay: "")
        let sc = s.scenarios[0]
        for day in 16...19 { #expect(sc.impliedVol(asset: 0, day: day, tenorDays: 100, universe: s.universe) == 0.75) }
        #expect(sc.impliedVol(asset: 0, day: 15, tenorDays: 100, universe: s.universe) == 0.5)
        #expect(sc.impliedVol(asset: 0, day: 21, tenorDays: 100, universe: s.universe) == 0.5)
    }
}
