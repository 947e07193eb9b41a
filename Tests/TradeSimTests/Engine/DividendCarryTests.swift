import Foundation
import Testing
@testable import TradeSim

/// Dividends in the P&L of held shares, against sums done by hand in each test: the
/// continuous yield's daily accrual q/252 · n · S_d, a cash dividend n · D on its ex-date (a
/// short position pays both), the holdings' share in the portfolio's equity, and the Monte
/// Carlo path's drift μ − q and drop by D on the ex-date.
@Suite("Dividends in stock P&L")
struct DividendCarryTests {
    static let q = 0.04, cash = 1.5, shares = 10.0

    /// DIV: 100 at the start (Monday 2026-01-05), yield 4%, a 1.50 cash dividend going ex on
    /// Friday 2026-01-09 (day 4); the scripted path rises log-linearly to +10% on day 10, so
    /// S_d = 100 · 1.1^{d/10}. A long and a short basket of 10 shares from day 0 to day 10, no
    /// costs; 100 shares held in the portfolio.
    static func scriptedStudy() throws -> Study {
        try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "DIV", "spot": 100, "volatility": 0.3, "dividendYield": \(q),
                           "dividends": [{"exDate": "2026-01-09", "amount": \(cash)}]}],
             "scenarios": [{"name": "s", "horizon": 10, "model": "scripted",
                            "script": {"interpolation": "linear", "points": [{"day": 10, "change": {"DIV": 0.10}}]}}],
             "playbook": {"capital": 1000000, "holdings": [{"ticker": "DIV", "quantity": 100}],
              "decisions": [
               {"id": "long", "kind": "basket", "assets": ["DIV"], "size": {"units": \(shares)}},
               {"id": "short", "kind": "basket", "side": "short", "assets": ["DIV"], "size": {"units": \(shares)}}]}}
            """)
    }

    static func scriptedClose(_ d: Int) -> Double { 100 * pow(1.1, Double(d) / 10) }

    /// Σ_{d=1}^{10} q/252 · S_d + D per share: every close after the day-0 entry, the exit
    /// day's included.
    static var incomePerShare: Double {
        var sum = 0.0
        for d in 1...10 { sum += q / 252 * scriptedClose(d) }
        return sum + cash
    }

    @Test func longReceivesAndShortPaysTheYieldAndTheCashDividend() throws {
        let o = runTraced(try Self.scriptedStudy())[0]
        let long = PathOutcome(o, decision: "long"), short = PathOutcome(o, decision: "short")
        #expect(long.trades.map(\.quantity) == [10] && short.trades.map(\.quantity) == [-10])
        let priceGain = Self.shares * (Self.scriptedClose(10) - 100)
        let income = Self.shares * Self.incomePerShare
        #expect(close(long.pnl, priceGain + income), "long \(long.pnl) vs \(priceGain + income)")
        #expect(close(short.pnl, -priceGain - income), "short \(short.pnl) vs \(-priceGain - income)")
        // The ex-date's P&L step: the price move, the day's accrual and n·D.
        let day4 = Self.shares * (Self.scriptedClose(4) - Self.scriptedClose(3) + Self.q / 252 * Self.scriptedClose(4) + Self.cash)
        #expect(close(long.daily[4] - long.daily[3], day4))
        #expect(close(short.daily[4] - short.daily[3], -day4))
        // Nothing accrues on the entry day's close.
        #expect(long.daily[0] == 0)
        // In trades.csv the income is a negative cost of the leg (the fee-free long has no other).
        #expect(close(long.trades[0].costs, -income) && close(short.trades[0].costs, income))
        #expect(close(long.trades[0].pnl, long.pnl))
    }

    @Test func holdingsEarnTheirDividendsInEquity() throws {
        let o = runTraced(try Self.scriptedStudy())[0]
        // The long and the short cancel; the 100 shares held gain their price and income.
        let expected = 100 * (Self.scriptedClose(10) - 100) + 100 * Self.incomePerShare
        #expect(close(o.portfolioPnL[0], expected), "\(o.portfolioPnL[0]) vs \(expected)")
    }

    /// Monte Carlo with zero volatility: ln S_d = ln S_{d−1} + (μ − q)/252, and on the ex-date
    /// (day 4) S = S_cum − D. A long of 10 shares earns the price change plus q/252 · S_d each
    /// close and D on day 4.
    @Test func monteCarloPathDriftsAtMuMinusQAndDropsByTheDividend() throws {
        let mu = 0.08
        let s = try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "DIV", "spot": 100, "volatility": 0, "drift": \(mu), "dividendYield": \(Self.q),
                           "dividends": [{"exDate": "2026-01-09", "amount": \(Self.cash)}]}],
             "scenarios": [{"name": "s", "horizon": 10}],
             "playbook": {"capital": 1000000,
              "decisions": [{"id": "long", "kind": "basket", "assets": ["DIV"], "size": {"units": \(Self.shares)}}]}}
            """)
        var closes = [100.0]
        for d in 1...10 {
            var x = log(closes[d - 1]) + (mu - Self.q) / 252
            if d == 4 { x = log(exp(x) - Self.cash) }
            closes.append(exp(x))
        }
        var income = Self.cash
        for d in 1...10 { income += Self.q / 252 * closes[d] }
        let expected = Self.shares * (closes[10] - 100 + income)
        let o = runTraced(s, paths: 8)[0]
        let long = PathOutcome(o, decision: "long")
        #expect(abs(long.pnl - expected) <= 1e-9 * abs(expected), "\(long.pnl) vs \(expected)")
        #expect(abs(long.trades[0].exitPrice - closes[10]) <= 1e-12 * closes[10])
    }

    /// A path below 2D pays what it drops: S_ex = S_cum/2 and the cash is S_ex.
    @Test func dropIsFlooredAtHalfThePriceAndPaysTheDrop() {
        #expect(abs(exp(DividendSchedule.exDividendLogPrice(log(3.0), amount: 2)) - 1.5) < 1e-15)
        #expect(abs(exp(DividendSchedule.exDividendLogPrice(log(5.0), amount: 2)) - 3) < 1e-14)
        #expect(DividendCarry.income(shares: 4, close: 1.5, yield: 0, cashPerShare: 2) == 6)
        #expect(DividendCarry.income(shares: -4, close: 3, yield: 0, cashPerShare: 2) == -8)
    }
}
