import Foundation
import Testing
@testable import TradeSim

/// Hand-computed single-path tests on scripted paths, exact to 1e-9: the engine's book-keeping
/// for each decision kind (option values come from `BlackScholes.price`, itself checked
/// against QuantLib).
@Suite("Engine on scripted paths")
struct EngineScriptedTests {
    static let universe = """
        "universe": [{"ticker": "MP", "exercise": "european", "spot": 20, "volatility": 0.5, "tags": ["enabler"]},
                     {"ticker": "REMX", "exercise": "european", "spot": 50, "volatility": 0.4, "tags": ["enabler"]},
                     {"ticker": "LMT", "exercise": "european", "spot": 400, "volatility": 0.25, "dividendYield": 0.01, "borrowFee": 0.05, "tags": ["defense"]}]
        """

    static func study(scenarios: String, playbook: String) throws -> Study {
        try StudyText.study("""
            {"name": "t", "start": "2026-01-05", \(universe), "scenarios": [\(scenarios)], "playbook": \(playbook)}
            """)
    }

    /// MP +5% on day 2, −10% on day 5, +20% on day 8; REMX −6% on day 5. The equal-weight
    /// index is 1.025 on day 2 (its running high) and 0.92 on day 5 ≤ 1.025 × 0.92 = 0.943:
    /// the basket enters on day 5 at the closes 18 and 47, and leaves at the scenario's end
    /// (day 10) at 24 and 47, paying 10 bps slippage and $0.01/share (minimum $1) each way.
    @Test func onWeaknessBasketEntersOnTheTriggerDay() throws {
        let s = try Self.study(scenarios: """
            {"name": "s", "horizon": 10, "model": "scripted", "script": {"interpolation": "step", "points": [
              {"day": 2, "change": {"MP": 0.05}}, {"day": 5, "change": {"MP": -0.10, "REMX": -0.06}}, {"day": 8, "change": {"MP": 0.20}}]}}
            """, playbook: """
            {"capital": 1000000, "costs": {"slippageBps": 10, "commissionPerShare": 0.01, "minimumCommission": 1},
             "decisions": [
              {"id": "high", "kind": "basket", "assets": ["enabler"], "size": {"notional": 100000},
               "entry": {"onWeakness": {"drop": 0.08, "reference": "runningHigh", "within": 6}}},
              {"id": "skip", "kind": "basket", "assets": ["enabler"], "size": {"notional": 100000},
               "entry": {"onWeakness": {"drop": 0.09, "reference": "start", "within": 6, "otherwise": "skip"}}},
              {"id": "late", "kind": "basket", "assets": ["enabler"], "size": {"notional": 100000},
               "entry": {"onWeakness": {"drop": 0.09, "reference": "start", "within": 6, "otherwise": "enterAtEnd"}}}]}
            """)
        let o = runTraced(s)[0]
        let high = PathOutcome(o, decision: "high")
        #expect(high.trades.map(\.entryDay) == [5, 5])
        #expect(high.trades.map(\.entryPrice) == [18, 47])       // the real closes of the trigger day
        #expect(high.trades.map(\.exitDay) == [10, 10])
        #expect(high.exitReason == .horizon && high.holdingDays == 5)
        let qMP = 50_000.0 / 18, qREMX = 50_000.0 / 47
        let commissions = 0.01 * (qMP + qREMX) * 2
        let expected = qMP * (24 * 0.999 - 18 * 1.001) + qREMX * (47 * 0.999 - 47 * 1.001) - commissions
        #expect(close(high.pnl, expected), "P&L \(high.pnl) vs \(expected)")
        #expect(close(high.returnValue, expected / 100_000))
        // Costs in trades.csv: slippage plus commissions per leg.
        #expect(close(high.trades[0].costs, qMP * 18 * 0.001 + qMP * 24 * 0.001 + 2 * 0.01 * qMP))
        // Before the entry the decision's P&L is 0; on the entry day it is minus the entry costs.
        #expect(high.daily[4] == 0)
        #expect(close(high.daily[5], -(qMP * 18 + qREMX * 47) * 0.001 - 0.01 * (qMP + qREMX)))

        let skip = PathOutcome(o, decision: "skip")
        #expect(skip.exitReason == .neverEntered && skip.pnl == 0 && skip.trades.isEmpty && skip.returnValue.isNaN)
        let late = PathOutcome(o, decision: "late")
        #expect(late.trades.map(\.entryDay) == [6, 6] && late.trades.map(\.entryPrice) == [18, 47])
    }

    /// LMT falls to 350 on day 10. A 100-unit 380/340 put spread bought on day 0 (IV 25%, 15
    /// days) pays 100 × (30 − 0) at expiry on day 15, minus the premium paid at mid ± 2% and a
    /// $1 minimum commission per leg.
    @Test func putSpreadHeldToExpiry() throws {
        let s = try Self.study(scenarios: """
            {"name": "s", "horizon": 20, "rate": 0.03, "model": "scripted",
             "script": {"interpolation": "step", "points": [{"day": 10, "change": {"LMT": -0.125}}]},
             "impliedVol": {"baseMultiple": 1}}
            """, playbook: """
            {"capital": 100000, "costs": {"optionHalfSpreadFraction": 0.02, "commissionPerContract": 0.65, "minimumCommission": 1},
             "decisions": [{"id": "ps", "kind": "protection", "underlyings": ["LMT"], "structure": "putSpread",
               "strike": {"moneyness": 0.95}, "lowerStrike": {"moneyness": 0.85}, "expiry": 15, "size": {"units": 100}}]}
            """)
        let r = PathOutcome(runTraced(s)[0], decision: "ps")
        func put(_ k: Double) -> Double {
            BlackScholes.price(.init(type: .put, spot: 400, strike: k, volatility: 0.25, rate: 0.03, dividendYield: 0.01, years: 15.0 / 252))
        }
        let premium = 100 * (1.02 * put(380) - 0.98 * put(340))
        let expected = 100 * 30.0 - premium - 2
        #expect(close(r.pnl, expected), "P&L \(r.pnl) vs \(expected)")
        #expect(r.exitReason == .expiry && r.holdingDays == 15)
        let expiry = TradeRecord.Expiry.date(CalendarDate(iso: "2026-01-27")!)  // day 15 (19 January is an NYSE holiday)
        #expect(r.trades.map(\.instrument) == [.option(.put, strike: 380, expiry: expiry), .option(.put, strike: 340, expiry: expiry)])
        #expect(r.trades.map(\.exitPrice) == [30, 0])
        #expect(close(r.returnValue, expected / (100 * (put(380) - put(340)))))
    }

    /// A dollar-neutral pair, long 500 MP, short 25 LMT ($10,000 each). LMT rises to 420 on day
    /// 3. The short pays LMT's 5% borrow fee and its 1% dividend yield on its value at each
    /// close after entry: 2 days × 25 × 400 + 8 days × 25 × 420, × 0.05/252 and × 0.01/252.
    /// Relative return (prices only): 0% − 5% = −500 bps.
    @Test func pairAccruesBorrowFeeDayByDay() throws {
        let s = try Self.study(scenarios: """
            {"name": "s", "horizon": 10, "model": "scripted",
             "script": {"interpolation": "step", "points": [{"day": 3, "change": {"LMT": 0.05}}]}}
            """, playbook: """
            {"capital": 100000, "decisions": [{"id": "pair", "kind": "pair", "long": ["MP"], "short": ["LMT"], "size": {"notional": 10000}}]}
            """)
        let r = PathOutcome(runTraced(s)[0], decision: "pair")
        let feePerDay = { (price: Double) in 0.05 / 252 * 25 * price }
        let dividendPerDay = { (price: Double) in 0.01 / 252 * 25 * price }
        let fees = 2 * feePerDay(400) + 8 * feePerDay(420)
        let dividends = 2 * dividendPerDay(400) + 8 * dividendPerDay(420)
        #expect(close(r.pnl, -25 * 20 - fees - dividends), "P&L \(r.pnl)")
        #expect(close(r.trades[1].costs, fees + dividends))
        #expect(close(r.relativeBps, -500))
        // Day by day: the fee and the dividend accrue at each close after entry.
        #expect(close(r.daily[1], -feePerDay(400) - dividendPerDay(400)))
        #expect(close(r.daily[3], -25 * 20 - 2 * feePerDay(400) - feePerDay(420) - 2 * dividendPerDay(400) - dividendPerDay(420)))
    }

    /// A straddle bought 3 days before an event on day 10 (entry day 7) at the pre-event IV
    /// 0.5 × 1.5 = 0.75 (step premium over the 5 days before), marked at the crushed IV 0.5
    /// from the event on, and sold 2 days after it (day 12). MP jumps to 23 on day 10.
    @Test func straddleBoughtAtPreEventIVMarkedAtCrushedIV() throws {
        let s = try Self.study(scenarios: """
            {"name": "s", "horizon": 20, "rate": 0.02, "model": "scripted", "impliedVol": {"baseMultiple": 1},
             "script": {"interpolation": "step", "points": [{"day": 10, "change": {"MP": 0.15}}]},
             "events": [{"name": "meeting", "day": 10, "ivPremium": {"multiple": 0.5, "rampDays": 5, "ramp": "step"}}]}
            """, playbook: """
            {"capital": 100000, "decisions": [{"id": "straddle", "kind": "eventStraddle", "underlyings": ["MP"],
              "event": "meeting", "daysBefore": 3, "strike": "atm", "expiry": "10d", "size": {"units": 100},
              "exit": {"daysAfterEvent": 2}}]}
            """)
        let r = PathOutcome(runTraced(s)[0], decision: "straddle")
        func straddle(spot: Double, days: Int, vol: Double) -> Double {
            let t = Double(days) / 252
            return BlackScholes.price(.init(type: .call, spot: spot, strike: 20, volatility: vol, rate: 0.02, years: t))
                + BlackScholes.price(.init(type: .put, spot: spot, strike: 20, volatility: vol, rate: 0.02, years: t))
        }
        let entry = straddle(spot: 20, days: 10, vol: 0.75)
        #expect(r.trades.map(\.entryDay) == [7, 7])
        #expect(close(r.trades[0].entryPrice + r.trades[1].entryPrice, entry))
        #expect(close(r.daily[9], 100 * (straddle(spot: 20, days: 8, vol: 0.75) - entry)))   // pre-event mark
        #expect(close(r.daily[11], 100 * (straddle(spot: 23, days: 6, vol: 0.5) - entry)))   // crushed
        #expect(close(r.pnl, 100 * (straddle(spot: 23, days: 5, vol: 0.5) - entry)))
        #expect(r.exitReason == .event && r.holdingDays == 5)
    }

    /// Exit priority on the same day: stop before target before time. A long MP position with
    /// a 10% target, a 5% stop and a 6-day horizon in five scripted worlds.
    @Test(arguments: [
        ("target", #"[{"day": 3, "change": {"MP": 0.12}}]"#, ExitReason.target, 3),
        ("stop", #"[{"day": 2, "change": {"MP": -0.06}}]"#, ExitReason.stop, 2),
        ("flat", "[]", ExitReason.horizon, 6),
        ("stopOnHorizonDay", #"[{"day": 6, "change": {"MP": -0.06}}]"#, ExitReason.stop, 6),
        ("targetOnHorizonDay", #"[{"day": 6, "change": {"MP": 0.12}}]"#, ExitReason.target, 6),
    ])
    func exitsFireOnTheRightDayInPriority(_ name: String, _ points: String, _ reason: ExitReason, _ day: Int) throws {
        let s = try Self.study(scenarios: """
            {"name": "\(name)", "horizon": 10, "model": "scripted", "script": {"interpolation": "step", "points": \(points)}}
            """, playbook: """
            {"capital": 100000, "decisions": [{"id": "b", "kind": "basket", "assets": ["MP"], "size": {"notional": 10000},
              "exit": {"takeProfit": 0.10, "stopLoss": 0.05, "horizon": 6}}]}
            """)
        let r = PathOutcome(runTraced(s)[0], decision: "b")
        #expect(r.exitReason == reason)
        #expect(r.trades.first?.exitDay == day)
        #expect(r.holdingDays == day)
    }

    /// The event exit fires before expiry and horizon when they fall on the same day.
    @Test func eventExitBeatsExpiryAndHorizon() throws {
        let s = try Self.study(scenarios: """
            {"name": "s", "horizon": 20, "model": "scripted", "script": {"points": []},
             "events": [{"name": "m", "day": 4}]}
            """, playbook: """
            {"capital": 100000, "decisions": [{"id": "x", "kind": "eventStraddle", "underlyings": ["MP"], "event": "m",
              "daysBefore": 2, "expiry": "6d", "size": {"units": 10}, "exit": {"daysAfterEvent": 4, "horizon": 6}}]}
            """)
        let r = PathOutcome(runTraced(s)[0], decision: "x")
        #expect(r.exitReason == .event && r.trades.first?.exitDay == 8)
    }

    /// Holdings and financing: equity starts at capital + holdings; negative cash pays the
    /// financing rate per trading day; the 10 LMT held earn its 1% yield in cash from day 1
    /// (10 × 440 × 0.01/252 a close), which lowers the financed balance.
    @Test func portfolioEquityWithHoldingsAndFinancing() throws {
        let s = try Self.study(scenarios: """
            {"name": "s", "horizon": 5, "model": "scripted", "script": {"interpolation": "step", "points": [{"day": 1, "change": {"LMT": 0.1}}]}}
            """, playbook: """
            {"capital": 1000, "financingRate": 0.252, "holdings": [{"ticker": "LMT", "quantity": 10}],
             "decisions": [{"id": "b", "kind": "basket", "assets": ["MP"], "size": {"notional": 2000}}]}
            """)
        let o = runTraced(s)[0]
        #expect(o.startEquity == 1000 + 10 * 400)
        // Cash −1000 from day 0's close to day 5's: 0.1% a day on the balance at the previous close
        // (unpaid interest included) for days 1…5.
        let incomePerDay = 10 * 440 * 0.01 / 252
        var financing = 0.0
        for d in 1...5 { financing += (1000 - Double(d - 1) * incomePerDay + financing) * 0.001 }
        #expect(close(o.portfolioPnL[0], 10 * 40 + 5 * incomePerDay - financing))
    }
}
