import Foundation
import Testing
@testable import TradeSim

/// Backtests on a Yahoo-format file (`Close` and `Adj Close`): options settle on the raw close,
/// stock legs earn the dividend the two columns imply. The fixture is LMT 2023-04-03 …
/// 2023-06-30 (Fixtures/yahoo/LMT.md): ex-date 2023-05-31 ($3.00). The numbers below are the
/// file's quotes, typed from it.
@Suite("Backtests on raw and adjusted closes")
struct BacktestDividendTests {
    static func yahooSeries() throws -> PriceSeries {
        try PriceTable.parse(Fixtures.text("yahoo/LMT.csv"), file: "LMT.csv", ticker: "LMT").get().series[0]
    }

    /// 100 LMT and an ATM put on 100 shares, both entered at the 2023-05-01 close; the put
    /// expires 21 trading days later, on 2023-05-31 (Memorial Day, 05-29, is not in the file).
    static func study(_ series: PriceSeries) throws -> Study {
        try StudyText.study("""
            {"name": "bt", "start": "2023-05-01",
             "universe": [{"ticker": "LMT", "spot": 450, "volatility": 0.25}],
             "scenarios": [{"name": "h", "model": "historical", "horizon": "all",
               "history": {"prices": "p", "start": "2023-05-01", "to": "2023-06-30"}}],
             "playbook": {"capital": 1000000, "decisions": [
               {"id": "stock", "kind": "basket", "assets": ["LMT"], "size": {"units": 100}},
               {"id": "put", "kind": "protection", "underlyings": ["LMT"], "strike": "atm", "expiry": 21, "size": {"units": 100}}]}}
            """, histories: ["p": [series]])
    }

    static func backtest(_ series: PriceSeries) throws -> ScenarioOutcomes {
        let study = try study(series)
        let plan = BacktestPlan(template: study.scenarios[0], universe: study.universe, series: [series], pricesReference: "p",
                                start: CalendarDate(iso: "2023-05-01"), end: CalendarDate(iso: "2023-06-30"))
        var replay = study
        replay.scenarios = try plan.runs().get().scenarios
        return runTraced(replay)[0]
    }

    @Test func theFileGivesRawClosesAndTheImpliedDividend() throws {
        let s = try Self.yahooSeries()
        let k = s.dates.firstIndex(of: CalendarDate(iso: "2023-05-31")!)!
        #expect(s.closes[k] == 434.753845 && s.rawCloses?[k] == 444.010010)
        let cash = try #require(s.cashDividends)
        let expected = 447.970001 * (1 - (435.693817 / 447.970001) / (434.753845 / 444.010010))
        #expect(abs(cash[k] - expected) < 1e-12 && abs(cash[k] - 3) < 1e-5)
        #expect(cash.indices.filter { cash[$0] != 0 } == [k])   // the quotes' rounding is no dividend
    }

    /// On raw closes the ATM put is struck at 469.429993 and settles at 444.010010: 25.419983 a
    /// share. On the adjusted closes (the same file read without its raw column, as before)
    /// it is struck at 456.565735 and settles at 434.753845: 21.811890 — 3.608093 (14%) less.
    @Test func putSettlesOnTheRawClose() throws {
        var adjusted = try Self.yahooSeries()
        adjusted.rawCloses = nil
        let raw = try Self.backtest(try Self.yahooSeries()), adj = try Self.backtest(adjusted)
        let rawPut = PathOutcome(raw, decision: "put").trades[0], adjPut = PathOutcome(adj, decision: "put").trades[0]
        let expiry = TradeRecord.Expiry.date(CalendarDate(iso: "2023-05-31")!)
        #expect(rawPut.instrument == .option(.put, strike: 469.429993, expiry: expiry))
        #expect(abs(rawPut.exitPrice - (469.429993 - 444.010010)) < 1e-9)
        #expect(adjPut.instrument == .option(.put, strike: 456.565735, expiry: expiry))
        #expect(abs(adjPut.exitPrice - (456.565735 - 434.753845)) < 1e-9)
        #expect(abs((rawPut.exitPrice - adjPut.exitPrice) - 3.608093) < 1e-6)
    }

    /// The stock leg on raw closes: 100 × (460.380005 − 469.429993) + 100 × D(05-31), D as
    /// implied by the quotes; within 100 × D × |460.38/444.01 − 1| (the dividend not being
    /// reinvested) of the total return of the adjusted closes, 100 × 469.429993 ×
    /// (450.782593/456.565735 − 1). The adjusted-only file gives 100 × (450.782593 − 456.565735).
    @Test func stockLegEarnsTheTotalReturn() throws {
        var adjusted = try Self.yahooSeries()
        adjusted.rawCloses = nil
        let raw = PathOutcome(try Self.backtest(try Self.yahooSeries()), decision: "stock")
        let adj = PathOutcome(try Self.backtest(adjusted), decision: "stock")
        let dividend = 447.970001 * (1 - (435.693817 / 447.970001) / (434.753845 / 444.010010))
        let expected = 100 * (460.380005 - 469.429993) + 100 * dividend
        #expect(abs(raw.pnl - expected) < 1e-9 * abs(expected), "\(raw.pnl) vs \(expected)")
        let totalReturn = 100 * 469.429993 * (450.782593 / 456.565735 - 1)
        #expect(abs(raw.pnl - totalReturn) <= 100 * dividend * abs(460.380005 / 444.010010 - 1))
        #expect(abs(adj.pnl - 100 * (450.782593 - 456.565735)) < 1e-9)
        // The ex-date's step in the daily P&L: the raw close's fall and the dividend.
        let k = raw.trades[0].entryDay + 21
        #expect(abs((raw.daily[k] - raw.daily[k - 1]) - 100 * (444.010010 - 447.970001 + dividend)) < 1e-9)
    }
}
