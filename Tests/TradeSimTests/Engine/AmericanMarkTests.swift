import Foundation
import Testing
@testable import TradeSim

/// American option legs in the engine, on scripted paths: entries, daily marks and exits against
/// `AmericanOption.price` computed here at the same inputs (the Andersen–Lake–Offengenden solve,
/// checked against QuantLib in `AmericanOptionTests`); the engine reads its values from premium
/// tables (`AmericanPremiumTable`), within 1e-6 of the strike of the solve.
@Suite("American legs in the engine")
struct AmericanMarkTests {
    /// LMT (q = 1%) and MP (no dividend), rate 5%, IV the path vol (25% and 50%).
    static func study(exercise: String, scenario: String, decisions: String) throws -> Study {
        try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "LMT", "spot": 400, "volatility": 0.25, "dividendYield": 0.01, "exercise": "\(exercise)"},
                          {"ticker": "MP", "spot": 20, "volatility": 0.5, "exercise": "\(exercise)"}],
             "scenarios": [\(scenario)],
             "playbook": {"capital": 1000000, "decisions": [\(decisions)]}}
            """)
    }

    /// LMT (from 400) closes at 380 from day 3, 300 from day 8 (deep below the 400 and 520
    /// strikes) and 330 from day 14 (script changes are from the start).
    static let path = """
        {"name": "s", "horizon": 20, "rate": 0.05, "model": "scripted", "impliedVol": {"baseMultiple": 1},
         "script": {"interpolation": "step", "points": [{"day": 3, "change": {"LMT": -0.05}}, {"day": 8, "change": {"LMT": -0.25}},
                                                       {"day": 14, "change": {"LMT": -0.175}}]}}
        """

    static func american(_ type: OptionType, spot: Double, strike: Double, days: Int, vol: Double, q: Double) -> Double {
        AmericanOption.valuation(BlackScholesInputs(type: type, spot: spot, strike: strike, volatility: vol, rate: 0.05,
                                                    dividendYield: q, years: Double(days) / 252)).price
    }

    /// LMT's closes on the scripted path.
    static func lmt(_ d: Int) -> Double {
        d < 3 ? 400 : d < 8 ? 380 : d < 14 ? 300 : 330
    }

    /// A long ATM put and a deep in-the-money put (strike 520), 100 units each, 40-day expiry,
    /// held to the scenario's end (day 20): entry, every day's P&L and the exit price are the
    /// American values at that day's spot and tenor, within 1e-6 of the strike per unit; the
    /// deep put is worth at least its intrinsic value every day (and exactly it once exercise is
    /// optimal).
    @Test func longPutsMarkedAtTheirAmericanValue() throws {
        let s = try Self.study(exercise: "american", scenario: Self.path, decisions: """
            {"id": "atm", "kind": "protection", "underlyings": ["LMT"], "strike": "atm", "expiry": 40, "size": {"units": 100}},
            {"id": "deep", "kind": "protection", "underlyings": ["LMT"], "strike": {"moneyness": 1.3}, "expiry": 40, "size": {"units": 100}}
            """)
        let o = runTraced(s)[0]
        for (id, strike) in [("atm", 400.0), ("deep", 520.0)] {
            let r = PathOutcome(o, decision: id)
            let entry = Self.american(.put, spot: 400, strike: strike, days: 40, vol: 0.25, q: 0.01)
            let tolerance = 1e-6 * strike
            #expect(abs(r.trades[0].entryPrice - entry) <= tolerance, "\(id) entry \(r.trades[0].entryPrice) vs \(entry)")
            for d in 1...20 {
                let mark = Self.american(.put, spot: Self.lmt(d), strike: strike, days: 40 - d, vol: 0.25, q: 0.01)
                let pnl = 100 * (mark - r.trades[0].entryPrice)
                #expect(abs(r.daily[d] - pnl) <= 100 * tolerance, "\(id) day \(d): \(r.daily[d]) vs \(pnl)")
                // Never below the intrinsic value.
                #expect(r.daily[d] / 100 + r.trades[0].entryPrice >= max(strike - Self.lmt(d), 0) - 1e-9, "\(id) day \(d)")
            }
            let exit = Self.american(.put, spot: 330, strike: strike, days: 20, vol: 0.25, q: 0.01)
            #expect(abs(r.trades[0].exitPrice - exit) <= tolerance, "\(id) exit \(r.trades[0].exitPrice) vs \(exit)")
            // The American put is worth more than the European one.
            let european = BlackScholes.price(BlackScholesInputs(type: .put, spot: 330, strike: strike, volatility: 0.25, rate: 0.05,
                                                                 dividendYield: 0.01, years: 20.0 / 252))
            #expect(r.trades[0].exitPrice > european + 1e-4)
        }
        // The deep put on day 8 (spot 300, strike 520): beyond the boundary, worth exactly K − S.
        let deep = PathOutcome(o, decision: "deep")
        #expect(close(deep.daily[8] / 100 + deep.trades[0].entryPrice, 220))
    }

    /// Sold American puts (early_exercise.csv): on the scripted LMT path (400, 380 from day 3, 300
    /// from day 8, 330 from day 14) a short ATM put (K 400) and a short put struck at 360, each
    /// 40 days, are flagged on the first close at which LMT is at or below the put's critical
    /// spot S*(K, τ) — from `AmericanOption.criticalSpot` at the close's tenor, computed here —
    /// and only then; the same short put European, and a long American put, are never flagged.
    @Test func soldAmericanPutsFlaggedBeyondTheBoundary() throws {
        let s = try Self.study(exercise: "american", scenario: Self.path, decisions: """
            {"id": "short-atm", "kind": "legs", "size": {"units": 100}, "legs": [{"ticker": "LMT", "type": "put", "quantity": -1, "strike": "atm", "expiry": 40}]},
            {"id": "short-360", "kind": "legs", "size": {"units": 100}, "legs": [{"ticker": "LMT", "type": "put", "quantity": -1, "strike": {"moneyness": 0.9}, "expiry": 40}]},
            {"id": "short-european", "kind": "legs", "size": {"units": 100}, "exercise": "european", "legs": [{"ticker": "LMT", "type": "put", "quantity": -1, "strike": "atm", "expiry": 40}]},
            {"id": "long", "kind": "protection", "underlyings": ["LMT"], "strike": "atm", "expiry": 40, "size": {"units": 100}}
            """)
        var c = RunConfiguration(paths: 1, seed: 7, threads: 1, lanesPerBlock: 64, tracedPaths: 1)
        c.analysisPaths = 1
        let o = Engine.run(study: s, scenarioIndices: [0], configuration: c)[0]
        let a = try #require(o.analysis)
        for (id, strike) in [("short-atm", 400.0), ("short-360", 360.0)] {
            // The first close (day 0 … 19, the leg held to the scenario's end on day 20) at or
            // beyond the boundary.
            let expected = (0..<20).first { d in
                let critical = AmericanOption.criticalSpot(BlackScholesInputs(type: .put, spot: Self.lmt(d), strike: strike, volatility: 0.25,
                                                                              rate: 0.05, dividendYield: 0.01, years: Double(40 - d) / 252))
                return critical.map { Self.lmt(d) <= $0 } ?? false
            }
            let leg = try #require(a.legs.first { $0.decisionID == id })
            #expect(leg.shortAmerican)
            #expect(expected != nil, "\(id): the script crosses the boundary")
            #expect(leg.earlyExerciseDay == [expected ?? -2], "\(id): flagged on day \(leg.earlyExerciseDay), the boundary on \(String(describing: expected))")
        }
        for id in ["short-european", "long"] {
            let leg = try #require(a.legs.first { $0.decisionID == id })
            #expect(!leg.shortAmerican && leg.earlyExerciseDay.isEmpty, "\(id) is never flagged")
        }
        // The file: one row per sold American leg, flagged on its one path.
        let rows = EarlyExerciseTable.csv([o]).split(separator: "\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows[1].hasPrefix("s,short-atm,,0,LMT,put,1,1,1,1.0,"))
    }

    /// The default exercise by asset type (`AssetType.listedExercise`): a study that says no
    /// `exercise` gets American options on a stock (no `type`) and on an ETF, European ones on an
    /// index; an asset's own `exercise` beats its type. Entry prices against the Andersen–
    /// Lake–Offengenden solve (1e-6·K) and Black–Scholes–Merton (1e-12), both computed here.
    @Test func defaultExerciseFollowsTheAssetType() throws {
        let s = try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "LMT", "spot": 400, "volatility": 0.25, "dividendYield": 0.01},
                          {"ticker": "XLI", "spot": 400, "volatility": 0.25, "dividendYield": 0.01, "type": "etf"},
                          {"ticker": "SPX", "spot": 400, "volatility": 0.25, "dividendYield": 0.01, "type": "index"},
                          {"ticker": "EUR", "spot": 400, "volatility": 0.25, "dividendYield": 0.01, "type": "stock", "exercise": "european"}],
             "scenarios": [{"name": "s", "horizon": 20, "rate": 0.05, "model": "scripted", "impliedVol": {"baseMultiple": 1}, "script": {"points": []}}],
             "playbook": {"capital": 1000000, "decisions": [
               {"id": "p", "kind": "protection", "underlyings": ["LMT", "XLI", "SPX", "EUR"], "strike": "atm", "expiry": 40, "size": {"units": 100}}]}}
            """)
        #expect(s.universe.assets.map(\.exercise) == [.american, .american, .european, .european])
        #expect(s.universe.assets.map(\.type) == [.stock, .etf, .index, .stock])
        let r = PathOutcome(runTraced(s)[0], decision: "p")
        let american = Self.american(.put, spot: 400, strike: 400, days: 40, vol: 0.25, q: 0.01)
        let european = BlackScholes.price(BlackScholesInputs(type: .put, spot: 400, strike: 400, volatility: 0.25, rate: 0.05,
                                                             dividendYield: 0.01, years: 40.0 / 252))
        #expect(american > european + 0.1)
        let prices = r.trades.sorted { $0.ticker < $1.ticker }.map { ($0.ticker, $0.entryPrice) }
        for (ticker, price) in prices {
            if ticker == "LMT" || ticker == "XLI" {
                #expect(abs(price - american) <= 1e-6 * 400, "\(ticker): \(price) vs American \(american)")
            } else {
                #expect(abs(price - european) <= 1e-12 * 400, "\(ticker): \(price) vs European \(european)")
            }
        }
        #expect(prices.count == 4)
    }

    /// On a skew (sticky strike, slope −0.2, curvature 0.05): a put entered on day 0 (every lane
    /// the same strike, one IV a day) and one entered on day 4 (lanes' strikes unknown before,
    /// the table spans the skew's IVs) are marked at the American value at their strike's IV,
    /// σ(K) = max(atm + a·x + b·x², ¼·atm), x = clamp(ln(K/F)/√τ, ±2.5), F = 400·e^{(r−q)τ}.
    @Test(arguments: [0, 4])
    func putsOnASkewMarkedAtTheirStrikesIV(entryDay: Int) throws {
        let path = Self.path.replacingOccurrences(of: #""impliedVol": {"baseMultiple": 1}"#,
                                                  with: #""impliedVol": {"baseMultiple": 1, "skew": {"slope": -0.2, "curvature": 0.05}}"#)
        let s = try Self.study(exercise: "american", scenario: path, decisions: """
            {"id": "p", "kind": "protection", "underlyings": ["LMT"], "strike": {"moneyness": 0.95}, "expiry": 40,
             "entry": {"day": \(entryDay)}, "size": {"units": 100}}
            """)
        let r = PathOutcome(runTraced(s)[0], decision: "p")
        let strike = 0.95 * Self.lmt(entryDay)
        let smile = VolatilitySmile(slope: -0.2, curvature: 0.05)
        func value(day d: Int) -> Double {
            let years = Double(40 + entryDay - d) / 252
            let sigma = smile.volatility(atm: 0.25, spot: 400, strike: strike, rate: 0.05, dividendYield: 0.01, years: years)
            return Self.american(.put, spot: Self.lmt(d), strike: strike, days: 40 + entryDay - d, vol: sigma, q: 0.01)
        }
        #expect(abs(r.trades[0].entryPrice - value(day: entryDay)) <= 1e-6 * strike)
        for d in (entryDay + 1)...20 {
            let pnl = 100 * (value(day: d) - r.trades[0].entryPrice)
            #expect(abs(r.daily[d] - pnl) <= 100 * 1e-6 * strike, "day \(d): \(r.daily[d]) vs \(pnl)")
        }
        #expect(abs(r.trades[0].exitPrice - value(day: 20)) <= 1e-6 * strike)
    }

    /// A call on MP (no dividend) is never exercised early: marked American it is the European
    /// call, number for number.
    @Test func callWithoutDividendIsItsEuropeanValue() throws {
        let path = """
            {"name": "s", "horizon": 20, "rate": 0.05, "model": "scripted", "impliedVol": {"baseMultiple": 1},
             "script": {"interpolation": "step", "points": [{"day": 4, "change": {"MP": 0.3}}, {"day": 12, "change": {"MP": -0.1}}]}}
            """
        let decisions = """
            {"id": "calls", "kind": "legs", "legs": [{"ticker": "MP", "type": "call", "quantity": 100, "strike": "atm", "expiry": 30},
                                                    {"ticker": "MP", "type": "call", "quantity": -100, "strike": {"moneyness": 1.2}, "expiry": 30}],
             "size": {"units": 1}}
            """
        let american = PathOutcome(runTraced(try Self.study(exercise: "american", scenario: path, decisions: decisions))[0], decision: "calls")
        let european = PathOutcome(runTraced(try Self.study(exercise: "european", scenario: path, decisions: decisions))[0], decision: "calls")
        #expect(american.daily == european.daily)
        #expect(american.trades.map(\.entryPrice) == european.trades.map(\.entryPrice))
        #expect(american.trades.map(\.exitPrice) == european.trades.map(\.exitPrice))
        #expect(american.pnl == european.pnl)
    }

    /// A leg's own `exercise` overrides its decision's, which overrides its asset's.
    @Test func exerciseStyleResolvesLegThenDecisionThenAsset() throws {
        let s = try Self.study(exercise: "american", scenario: Self.path, decisions: """
            {"id": "asset", "kind": "protection", "underlyings": ["LMT"], "expiry": 40, "size": {"units": 1}},
            {"id": "decision", "kind": "protection", "underlyings": ["LMT"], "expiry": 40, "size": {"units": 1}, "exercise": "european"},
            {"id": "legs", "kind": "legs", "exercise": "european", "size": {"units": 1},
             "legs": [{"ticker": "LMT", "type": "put", "quantity": 1, "expiry": 40, "exercise": "american"},
                      {"ticker": "LMT", "type": "put", "quantity": 1, "expiry": 40},
                      {"ticker": "LMT", "type": "stock", "quantity": 1}]}
            """)
        let legs = s.playbook!.decisions.map { $0.variants[0].legs.map(\.exercise) }
        #expect(legs == [[.american], [.european], [.american, .european, .european]])
    }
}
