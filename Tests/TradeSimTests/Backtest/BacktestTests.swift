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
        // IV on a run's first day = 1.15 (the documented default ratio, ImpliedVolModel.defaultRatio) × the
        // 21-day realized vol ending that day (closes before the start count).
        let mp = try Self.series("MP")
        let k = mp.dates.firstIndex(of: runs.scenarios[1].dates[0])!
        let r = (k - 20...k).map { log(mp.closes[$0] / mp.closes[$0 - 1]) }
        let m = r.reduce(0, +) / 21
        let realized = (r.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 20 * 252).squareRoot()
        #expect(abs(runs.scenarios[1].impliedVol(asset: 0, day: 0, tenorDays: 21, universe: study.universe) - 1.15 * realized) < 1e-12)
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
            #expect(p.problems.map(\.description) == ["\(uuuu.file): found no row for 2025-04-07 (after line \(uuuu.lines[gap - 1])), a date other tickers trade; allowed: the same dates for every ticker in 2025-03-03…2025-05-30, or align to forward-fill"])
        }
        var aligned = plan
        aligned.align = true
        let runs = try aligned.runs().get()
        #expect(runs.warnings == ["UUUU: 1 missing date forward-filled (first 2025-04-07)"])
        guard case let .historical(h) = runs.scenarios[0].model else { return }
        let day = runs.dates.firstIndex(of: CalendarDate(iso: "2025-04-07")!)!
        #expect(h.closes[day][1] == h.closes[day - 1][1])
    }

    // MARK: - The window never moves silently (issue 15)

    static func plan(start: String? = nil, end: String? = nil, trimmedBefore first: String? = nil) throws -> BacktestPlan {
        let study = try Self.study(#"{"capital": 1, "decisions": [{"id": "b", "kind": "basket", "assets": ["MP"], "size": {"units": 1}}]}"#)
        var series = [try Self.series("MP"), try Self.series("UUUU")]
        if let first, let cut = CalendarDate(iso: first) {
            for i in series.indices {
                let k = series[i].dates.firstIndex { $0 >= cut }!
                series[i].dates.removeFirst(k); series[i].closes.removeFirst(k); series[i].lines.removeFirst(k)
            }
        }
        return BacktestPlan(template: study.scenarios[0], universe: study.universe, series: series, pricesReference: "p",
                            start: start.flatMap(CalendarDate.init(iso:)), end: end.flatMap(CalendarDate.init(iso:)))
    }

    /// Messages name the plan's settings as its caller does: the field names by default, the
    /// command line's flags when it passes them.
    @Test func messagesNameTheSettingsAsTheCallerDoes() throws {
        var plan = try Self.plan(start: "2026-06-01")
        let span = "every ticker has closes from 2024-10-01 to 2025-12-31"
        guard case let .failure(p) = plan.runs() else { Issue.record("accepted"); return }
        #expect(p.problems.map(\.description) == ["p: found start 2026-06-01, not before the last date with closes (2025-12-31); allowed: a start before 2025-12-31 (\(span))"])
        plan.settingNames = BacktestPlan.SettingNames(start: "--start", end: "--end", align: "--align")
        guard case let .failure(q) = plan.runs() else { Issue.record("accepted"); return }
        #expect(q.problems.map(\.description) == ["p: found --start 2026-06-01, not before the last date with closes (2025-12-31); allowed: a --start before 2025-12-31 (\(span))"])
        plan = try Self.plan(start: "2020-01-01")
        plan.settingNames.start = "--start"
        #expect(try plan.runs().get().warnings == ["--start 2020-01-01 is before the first row 2024-10-01 of p; the window starts at 2024-10-01"])
    }

    @Test func aStartBeforeTheDataIsSaidAndTheRunStartsAtTheFirstRow() throws {
        // The committed closes begin on 2024-10-01.
        let runs = try Self.plan(start: "2020-01-01").runs().get()
        #expect(runs.warnings == ["start 2020-01-01 is before the first row 2024-10-01 of p; the window starts at 2024-10-01"])
        #expect(runs.dates.first == CalendarDate(iso: "2024-10-01") && runs.scenarios[0].dates.first == CalendarDate(iso: "2024-10-01"))
        #expect(runs.scenarios[0].description == "Replay from 2024-10-01")
        guard case let .historical(h) = runs.scenarios[0].model else { Issue.record("not a replay"); return }
        #expect(h.source == "p 2024-10-01…2025-12-31")
        #expect(h.closes[0] == [try Self.series("MP").closes[0], try Self.series("UUUU").closes[0]])
    }

    @Test func otherMovesOfTheWindowAreSaid() throws {
        // A Saturday start, an end after the data.
        let weekend = try Self.plan(start: "2025-03-01", end: "2030-01-01").runs().get()
        #expect(weekend.warnings == ["start 2025-03-01 has no row in p; the window starts at 2025-03-03",
                                     "end 2030-01-01 is after the last row 2025-12-31 of p; the window ends at 2025-12-31"])
        #expect(weekend.dates.first == CalendarDate(iso: "2025-03-03") && weekend.dates.last == CalendarDate(iso: "2025-12-31"))
        // No --start: the study's own start (2025-03-03), before prices that begin 2025-04-01.
        let trimmed = try Self.plan(trimmedBefore: "2025-04-01").runs().get()
        #expect(trimmed.warnings == ["the study's start 2025-03-03 is before the first row 2025-04-01 of p; the window starts at 2025-04-01"])
        #expect(trimmed.scenarios[0].dates.first == CalendarDate(iso: "2025-04-01"))
        // A window inside the data moves nothing.
        #expect(try Self.plan(start: "2025-03-03", end: "2025-06-30").runs().get().warnings == [])
    }

    // MARK: - Missing tickers and wide files

    @Test func aMissingTickerNamesTheFileAndCutsTheList() throws {
        let study = try Self.study(#"{"capital": 1, "decisions": [{"id": "b", "kind": "basket", "assets": ["MP"], "size": {"units": 1}}]}"#)
        let dates = [CalendarDate(iso: "2025-03-03")!, CalendarDate(iso: "2025-03-04")!]
        // MP.csv whose close column is named in capitals: read as a wide file of ticker PRICE.
        let wrong = PriceSeries(ticker: "PRICE", dates: dates, closes: [1, 2], file: "p/MP.csv", lines: [2, 3])
        let uuuu = PriceSeries(ticker: "UUUU", dates: dates, closes: [1, 2], file: "p/UUUU.csv", lines: [2, 3])
        let plan = BacktestPlan(template: study.scenarios[0], universe: study.universe, series: [wrong, uuuu], pricesReference: "p")
        #expect(plan.runs().failureLines == ["p: found no prices for MP (p/MP.csv has no 'Close' or 'Adj Close' column, so its columns were read as tickers: PRICE); allowed: a price series for every ticker the study uses (found: PRICE, UUUU)"])
        // A wide file of 10,000 other tickers: the list is cut.
        let many = (0..<10_000).map { PriceSeries(ticker: "T\($0)", dates: dates, closes: [1, 2], file: "w.csv", lines: [2, 3]) }
        let wide = BacktestPlan(template: study.scenarios[0], universe: study.universe, series: many, pricesReference: "w.csv")
        let found = (many.map(\.ticker).sorted().prefix(20)).joined(separator: ", ") + ", … (10000 tickers)"
        #expect(wide.runs().failureLines == ["MP", "UUUU"].map { "w.csv: found no prices for \($0); allowed: a price series for every ticker the study uses (found: \(found))" })
    }

    /// A wide file of 1,000 tickers (generated): read, replayed, every close where it belongs.
    /// (Its speed is measured on the release build, not here: 1,000 × 2,520 rows.)
    @Test func aThousandTickerWideFile() throws {
        let tickers = (0..<1_000).map { String(format: "T%04d", $0) }
        var dates: [CalendarDate] = []
        var day = CalendarDate(iso: "2024-01-02")!
        while dates.count < 260 {
            if !day.isWeekend { dates.append(day) }
            day = CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1)
        }
        func close(_ t: Int, _ d: Int) -> Double { Double(100 + t) + Double(d) / 64 }  // exact in binary and in decimal
        var text = "Date," + tickers.joined(separator: ",") + "\n"
        for (d, date) in dates.enumerated() {
            text += "\(date)," + (0..<1_000).map { String(close($0, d)) }.joined(separator: ",") + "\n"
        }
        let table = try PriceTable.parse(utf8: Array(text.utf8), file: "wide.csv", ticker: nil).get()
        #expect(table.tickers == tickers && table.dates == dates)
        let universe = "[" + tickers.map { #"{"ticker": "\#($0)", "spot": 100, "volatility": 0.3, "tags": ["all"]}"# }.joined(separator: ", ") + "]"
        let study = try StudyText.study("""
            {"name": "wide", "start": "2024-01-02", "universe": \(universe),
             "scenarios": [{"name": "h", "model": "historical", "horizon": "all", "history": {"prices": "wide.csv"}}],
             "playbook": {"capital": 1000000, "decisions": [{"id": "b", "kind": "basket", "assets": ["all"], "size": {"notional": 1000}}]}}
            """, histories: ["wide.csv": table.series])
        guard case let .historical(h) = study.scenarios[0].model else { Issue.record("not a replay"); return }
        #expect(study.scenarios[0].dates == dates && h.closes[259][999] == close(999, 259) && h.closes[7][3] == close(3, 7))
        let runs = try BacktestPlan(template: study.scenarios[0], universe: study.universe, series: table.series, pricesReference: "wide.csv",
                                    every: 100).runs().get()
        #expect(runs.scenarios.map { $0.dates.first! } == [dates[0], dates[100], dates[200]] && runs.warnings == [])
        guard case let .historical(last) = runs.scenarios[2].model else { Issue.record("not a replay"); return }
        #expect(last.closes.count == 60 && last.closes[0][999] == close(999, 200) && last.closes[59][0] == close(0, 259))
    }
}

extension Result where Success == BacktestPlan.Runs, Failure == InputProblems {
    var failureLines: [String] {
        if case let .failure(p) = self { return p.problems.map(\.description) }
        return []
    }
}
