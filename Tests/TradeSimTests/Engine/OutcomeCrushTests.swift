import Foundation
import Testing
@testable import TradeSim

/// The crush by outcome (`EventOutcome.ivAfter`): after the event each path's options are
/// marked at the ATM IV its drawn outcome leaves. A zero-volatility world makes the outcome
/// readable from the price (hard line +10%, calm −10%), and the expected marks are
/// `BlackScholes.price` (checked against QuantLib elsewhere) at 0.3 × 1.5 or 0.3.
@Suite("Implied vol after an event, by outcome")
struct OutcomeCrushTests {
    static let text = """
        {"name": "t", "start": "2026-01-05",
         "universe": [{"ticker": "A", "exercise": "european", "spot": 100, "volatility": 0}],
         "scenarios": [{"name": "s", "horizon": 20, "rate": 0.02, "impliedVol": {"base": {"A": 0.3}},
           "events": [{"name": "m", "day": 10, "ivPremium": "none", "outcomes": [
             {"name": "hard", "probability": 0.5, "moves": {"A": 0.1}, "ivAfter": {"A": 1.5}},
             {"name": "calm", "probability": 0.5, "moves": {"A": -0.1}}]}]}],
         "playbook": {"capital": 100000, "decisions": [
           {"id": "p", "kind": "protection", "underlyings": ["A"], "strike": "atm", "expiry": 30, "size": {"units": 1}},
           {"id": "s", "kind": "basket", "assets": {"A": 1}, "size": {"units": 1}}]}}
        """

    static func put(spot: Double, vol: Double, daysLeft: Int) -> Double {
        BlackScholes.price(BlackScholesInputs(type: .put, spot: spot, strike: 100, volatility: vol, rate: 0.02, years: Double(daysLeft) / 252))
    }

    @Test func eachPathIsMarkedAtTheIVItsOutcomeLeaves() throws {
        let study = try StudyText.study(Self.text)
        #expect(study.scenarios[0].events[0].outcomes.map(\.ivAfter) == [[1.5], [1]])
        let paths = 24
        let o = Engine.run(study: study, scenarioIndices: [0],
                           configuration: RunConfiguration(paths: paths, seed: 3, threads: 1, lanesPerBlock: 24, tracedPaths: paths))[0]
        let entry = Self.put(spot: 100, vol: 0.3, daysLeft: 30)
        var seen: Set<Bool> = []
        for path in 0..<paths {
            let trade = try #require(o.trades.first { $0.path == path && $0.decisionID == "p" })
            #expect(abs(trade.entryPrice - entry) < 1e-12)
            // The share's close at the end tells the outcome: 100·e^{+0.1} hard line, 100·e^{−0.1} calm.
            let spot = try #require(o.trades.first { $0.path == path && $0.decisionID == "s" }).exitPrice
            let hard = spot > 100
            #expect(abs(spot - 100 * exp(hard ? 0.1 : -0.1)) < 1e-9)
            let expected = Self.put(spot: spot, vol: hard ? 0.45 : 0.3, daysLeft: 10)
            seen.insert(hard)
            #expect(abs(trade.exitPrice - expected) < 1e-10, "path \(path) (\(hard ? "hard" : "calm")): \(trade.exitPrice) vs \(expected)")
            // Held to the scenario's end (day 20), sold at the mark with 10 days left; the daily
            // P&L on day 15 is the mark with 15 days left less the entry.
            let daily = o.dailyPnL[0][path]
            let mark15 = Self.put(spot: spot, vol: hard ? 0.45 : 0.3, daysLeft: 15)
            #expect(abs(daily[15] - (mark15 - entry)) < 1e-10)
        }
        #expect(seen == [true, false], "both outcomes drawn")
    }

    @Test func ivAfterIsValidated() {
        let bad = StudyText.problems(Self.text.replacingOccurrences(of: #""ivAfter": {"A": 1.5}"#, with: #""ivAfter": {"A": 0}"#))
        #expect(bad.first?.contains("scenarios[0].events[0].outcomes[0].ivAfter.A: found 0; allowed: a number > 0 and ≤ 10") == true, "\(bad)")
    }
}
