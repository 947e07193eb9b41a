import Foundation
import Testing
@testable import TradeSim

/// The report's payoff curves against values computed here: Black–Scholes–Merton in closed
/// form (Hull, Options, Futures and Other Derivatives, ch. 15) at the planned exit, intrinsic
/// minus premium at expiry, and the whole position as the sum of its underlyings.
@Suite("Payoff curves")
struct PayoffCurvesTests {
    /// A (S₀ = 100, IV 30%) and B (S₀ = 50, IV 25%), flat IVs, r = 3%, no dividends. "put": 100
    /// puts on A at 90 (moneyness 0.9), 40 trading days, held 10 days. "two": 10 calls on A at
    /// 100 (40 days) and 20 puts on B at 50 (20 days), no exit rule.
    static func study() throws -> Study {
        try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "A", "exercise": "european", "spot": 100, "volatility": 0.3}, {"ticker": "B", "exercise": "european", "spot": 50, "volatility": 0.2}],
             "scenarios": [{"name": "s", "horizon": 60, "rate": 0.03, "impliedVol": {"base": {"A": 0.3, "B": 0.25}}}],
             "playbook": {"capital": 100000, "decisions": [
               {"id": "put", "kind": "legs", "size": {"units": 100}, "exit": {"horizon": 10},
                "legs": [{"ticker": "A", "type": "put", "quantity": 1, "strike": {"moneyness": 0.9}, "expiry": 40}]},
               {"id": "two", "kind": "legs", "size": {"units": 10},
                "legs": [{"ticker": "A", "type": "call", "quantity": 1, "strike": {"moneyness": 1.0}, "expiry": 40},
                         {"ticker": "B", "type": "put", "quantity": 2, "strike": {"moneyness": 1.0}, "expiry": 20}]}]}}
            """)
    }

    /// Black–Scholes put, no dividends: K·e^{−rT}·N(−d₂) − S·N(−d₁), d₁ = (ln(S/K) + (r + σ²/2)T)/(σ√T),
    /// d₂ = d₁ − σ√T, N(x) = erfc(−x/√2)/2.
    static func bsPut(spot s: Double, strike k: Double, vol: Double, rate r: Double, years t: Double) -> Double {
        func n(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
        let d1 = (log(s / k) + (r + 0.5 * vol * vol) * t) / (vol * t.squareRoot())
        let d2 = d1 - vol * t.squareRoot()
        return k * exp(-r * t) * n(-d2) - s * n(-d1)
    }

    @Test func onePutAtTheExitAndAtExpiry() throws {
        let study = try Self.study()
        let playbook = try #require(study.playbook)
        let c = try #require(PayoffCurves(study: study, playbook: playbook, variant: 0, scenario: study.scenarios[0]))
        #expect(c.entryDay == 0 && c.exitDay == 10 && c.exitRule == .horizon && c.lastExpiry == 40)
        #expect(c.strikes == [90])
        #expect(c.perUnderlying.count == 1)
        // Premium: 100 puts at S = 100, K = 90, σ = 0.3, r = 0.03, T = 40/252.
        let premium = Self.bsPut(spot: 100, strike: 90, vol: 0.3, rate: 0.03, years: 40.0 / 252)
        #expect(abs(c.premium - 100 * premium) < 1e-9)
        for (move, spot) in [(-0.2, 80.0), (0.0, 100.0), (0.1, 110.0)] {
            let i = try #require(c.moves.firstIndex { abs($0 - move) < 1e-12 })
            // Exit day 10: 30 trading days left.
            let atExit = 100 * (Self.bsPut(spot: spot, strike: 90, vol: 0.3, rate: 0.03, years: 30.0 / 252) - premium)
            #expect(abs(c.perUnderlying[0].atExit[i] - atExit) < 1e-8, "move \(move)")
            // Expiry: intrinsic (90 − S)⁺ minus the premium, × 100.
            let intrinsic = max(90 - spot, 0)  // 10, 0, 0
            #expect(abs(c.perUnderlying[0].atExpiry[i] - 100 * (intrinsic - premium)) < 1e-8, "move \(move)")
        }
        // One underlying: the whole position is its curve.
        #expect(c.wholeAtExit == c.perUnderlying[0].atExit)
    }

    @Test func wholePositionIsTheSumOfItsUnderlyings() throws {
        let study = try Self.study()
        let playbook = try #require(study.playbook)
        let c = try #require(PayoffCurves(study: study, playbook: playbook, variant: 1, scenario: study.scenarios[0]))
        // No exit rule: held to the last expiry (day 40); the B put expired on day 20.
        #expect(c.exitDay == 40 && c.exitRule == .expiry)
        #expect(c.perUnderlying.map(\.asset) == [0, 1])
        let a = c.perUnderlying[0], b = c.perUnderlying[1]
        for i in c.moves.indices {
            #expect(abs(c.wholeAtExit[i] - (a.atExit[i] + b.atExit[i])) < 1e-9)
            #expect(abs(c.wholeAtExpiry[i] - (a.atExpiry[i] + b.atExpiry[i])) < 1e-9)
        }
        // B's 20 puts at 50, at a move of −10% (S = 45): 20·(5 − premium) at expiry and at the exit.
        let i = try #require(c.moves.firstIndex { abs($0 + 0.1) < 1e-12 })
        let premiumB = Self.bsPut(spot: 50, strike: 50, vol: 0.25, rate: 0.03, years: 20.0 / 252)
        #expect(abs(b.atExpiry[i] - 20 * (5 - premiumB)) < 1e-8)
        #expect(abs(b.atExit[i] - b.atExpiry[i]) < 1e-12)
    }
}
