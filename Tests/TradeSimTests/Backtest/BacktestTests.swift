import Foundation
import Testing
@testable import TradeSim

/// Backtests on the committed excerpt of real closes (scenarios/data/prices-2025, from
/// shared/data; see its SOURCES.md).
@Suite("Backtests on real closes")
struct BacktestTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func series(_ ticker: String) throws -> PriceSeries {
        let url = root.appendingPathComponent("scenarios/data/prices-2025/\(ticker).csv")
        return try PriceTable.parse(String(contentsOf: url, encoding: .utf8), file: url.path, ticker: ticker).get().series[0]
    }

    static func study(_ playbook: String) throws -> Study {
        try StudyText.study("""
            {"name": "bt", "start": "2025-03-03",
             "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.6}, {"ticker": "UUUU", "spot": 5, "volatility": 0.8}],
             "scenarios": [{"name": "h", "model": "historical", "horizon": "all",
               "history": {"prices": "p", "start": "2025-03-03", "to": "2025-06-30"}}],
             "playbook": \(playbook)}
            """, histories: ["p": [try series("MP"), try series("UUUU")]])
    }

    /// The on-weakness basket, computed by hand from the closes: enter at the first close in
    /// days 1…30 that is ≥ 10% below the running high of the MP/UUUU index (50/50, each price
    /// over its 2025-03-03 close), at that close; exit at the first later close where the
    /// basket is up ≥ 25%, else after 40 days. No costs: P&L = Σ qᵢ·(exit − entry).
    @Test func onWeaknessBasketOnRealCloses() throws {
        let study = try Self.study("""
            {"capital": 100000, "decisions": [{"id": "b", "kind": "basket", "assets": ["MP", "UUUU"], "size": {"notional": 10000},
              "entry": {"onWeakness": {"drop": 0.10, "reference": "runningHigh", "within": 30}},
              "exit": {"takeProfit": 0.25, "horizon": 40}}]}
            """)
        let scenario = study.scenarios[0]
        let mp = try Self.series("MP"), uuuu = try Self.series("UUUU")
        let dates = scenario.dates
        func px(_ s: PriceSeries, _ d: Int) -> Double { s.closes[s.dates.firstIndex(of: dates[d])!] }
        // By hand.
        var high = 0.0, entry: Int?
        for d in 0...30 {
            let index = 0.5 * px(mp, d) / px(mp, 0) + 0.5 * px(uuuu, d) / px(uuuu, 0)
            high = max(high, index)
            if d >= 1 && index <= high * 0.9 { entry = d; break }
        }
        let e = try #require(entry)
        let qMP = 5000 / px(mp, e), qU = 5000 / px(uuuu, e)
        var exitDay = e + 40, reason = ExitReason.horizon
        for d in (e + 1)...(e + 40) {
            let pnl = qMP * (px(mp, d) - px(mp, e)) + qU * (px(uuuu, d) - px(uuuu, e))
            if pnl / 10000 >= 0.25 { exitDay = d; reason = .target; break }
        }
        let expected = qMP * (px(mp, exitDay) - px(mp, e)) + qU * (px(uuuu, exitDay) - px(uuuu, e))

        let o = runTraced(study)[0]
        let r = PathOutcome(o, decision: "b")
        #expect(r.trades.map(\.entryDate) == [dates[e], dates[e]])
        #expect(r.trades.map(\.entryPrice) == [px(mp, e), px(uuuu, e)])
        #expect(r.trades.map(\.exitDate) == [dates[exitDay], dates[exitDay]])
        #expect(r.trades.map(\.exitPrice) == [px(mp, exitDay), px(uuuu, exitDay)])
        #expect(r.exitReason == reason)
        #expect(close(r.pnl, expected), "P&L \(r.pnl) vs \(expected)")
        print("On-weakness basket on real closes: entry \(dates[e]), exit \(dates[exitDay]) (\(reason.label)), P&L \(r.pnl)")
    }

    /// Rolling starts: one run per 10th day of the window, each to its end; the runs become the
    /// paths of one `historical` distribution, and a run's realized-vol IV uses the closes
    /// before its start.
    @Test func rollingStartsCombine() throws {
        let study = try Self.study("""
            {"capital": 100000, "decisions": [{"id": "p", "kind": "protection", "underlyings": ["MP"], "expiry": 21, "size": {"units": 100}}]}
            """)
        let plan = BacktestPlan(template: study.scenarios[0], universe: study.universe, series: [try Self.series("MP"), try Self.series("UUUU")],
                                pricesReference: "p", start: CalendarDate(iso: "2025-03-03"), end: CalendarDate(iso: "2025-06-30"), every: 10)
        let runs = try plan.runs().get()
        #expect(runs.scenarios.count == (runs.dates.count - 1 + 9) / 10)
        #expect(runs.scenarios.map { $0.dates.first! } == stride(from: 0, to: runs.dates.count - 1, by: 10).map { runs.dates[$0] })
        #expect(runs.scenarios.allSatisfy { $0.dates.last! == CalendarDate(iso: "2025-06-30")! })
        // IV on a run's first day = 1 × the 21-day realized vol ending that day (closes before the start count).
        let mp = try Self.series("MP")
        let k = mp.dates.firstIndex(of: runs.scenarios[1].dates[0])!
        let r = (k - 20...k).map { log(mp.closes[$0] / mp.closes[$0 - 1]) }
        let m = r.reduce(0, +) / 21
        let realized = (r.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 20 * 252).squareRoot()
        #expect(abs(runs.scenarios[1].impliedVol(asset: 0, day: 0, tenorDays: 21, universe: study.universe) - realized) < 1e-12)
        var replay = study
        replay.scenarios = runs.scenarios
        let each = Engine.runEach(study: replay, configuration: RunConfiguration(paths: 1, seed: 0, threads: 2, tracedPaths: 1))
        let combined = ScenarioOutcomes.combine(each, scenario: runs.scenarios[0])
        #expect(combined.paths == runs.scenarios.count)
        #expect(combined.variants[0].pnl == each.map { $0.variants[0].pnl[0] })
        #expect(Set(combined.trades.map(\.path)) == Set(0..<each.count))
    }

    @Test func misalignedDatesAreReportedOrFilled() throws {
        let mp = try Self.series("MP")
        var uuuu = try Self.series("UUUU")
        let gap = uuuu.dates.firstIndex(of: CalendarDate(iso: "2025-04-07")!)!
        uuuu.dates.remove(at: gap); uuuu.closes.remove(at: gap); uuuu.lines.remove(at: gap)
        let study = try Self.study(#"{"capital": 1, "decisions": [{"id": "b", "kind": "basket", "assets": ["MP"], "size": {"units": 1}}]}"#)
        let plan = BacktestPlan(template: study.scenarios[0], universe: study.universe, series: [mp, uuuu], pricesReference: "p",
                                start: CalendarDate(iso: "2025-03-03"), end: CalendarDate(iso: "2025-05-30"))
        switch plan.runs() {
        case .success: Issue.record("expected a problem")
        case let .failure(p):
            #expect(p.problems.map(\.description) == ["\(uuuu.file): found no row for 2025-04-07 (after line \(uuuu.lines[gap - 1])), a date other tickers trade; allowed: the same dates for every ticker in 2025-03-03…2025-05-30, or --align to forward-fill"])
        }
        var aligned = plan
        aligned.align = true
        let runs = try aligned.runs().get()
        #expect(runs.warnings == ["UUUU: 1 missing date forward-filled (first 2025-04-07)"])
        guard case let .historical(h) = runs.scenarios[0].model else { return }
        let day = runs.dates.firstIndex(of: CalendarDate(iso: "2025-04-07")!)!
        #expect(h.closes[day][1] == h.closes[day - 1][1])
    }
}
