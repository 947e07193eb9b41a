import Foundation

/// A backtest: the playbook replayed on real closes, once over a window or from every N-th
/// trading day in it. Each run is a historical replay scenario built from a template (the
/// study's historical scenario: its rate, its events by date, its implied-vol model) and the
/// price series; `Engine` runs them and `ScenarioOutcomes.combine` makes their outcomes one
/// distribution (scenario `historical`, one path per start date).
///
/// A file with both `Close` and `Adj Close` (Yahoo's format) is replayed on its raw closes:
/// options are struck, marked and settled on them as on the exchange, and the stock legs earn
/// the cash dividends the two columns imply (`PriceSeries.cashDividends`) on their ex-dates,
/// so their P&L is the total return of the adjusted closes (with dividends held as cash, not
/// reinvested). The IV model's realized volatility is taken from the adjusted closes (no
/// ex-date drops). A file with one close column is replayed on it as it is.
package struct BacktestPlan: Sendable {
    package var template: Scenario
    package var universe: Universe
    package var series: [PriceSeries]
    /// Where the series came from, for messages.
    package var pricesReference: String
    package var start: CalendarDate?
    package var end: CalendarDate?
    /// Start a run every N trading days of the window (nil: one run from the start).
    package var every: Int?
    /// Forward-fill a ticker's missing dates from its previous close instead of failing.
    package var align: Bool
    /// How messages name `start`, `end` and `align`.
    package var settingNames: SettingNames

    /// The names messages give the plan's settings: the field names by default; a caller
    /// passes what its user typed (the command line: `--start`, `--end`, `--align`).
    package struct SettingNames: Sendable {
        package var start: String
        package var end: String
        package var align: String

        package init(start: String = "start", end: String = "end", align: String = "align") {
            self.start = start
            self.end = end
            self.align = align
        }
    }

    package init(template: Scenario, universe: Universe, series: [PriceSeries], pricesReference: String,
                start: CalendarDate? = nil, end: CalendarDate? = nil, every: Int? = nil, align: Bool = false,
                settingNames: SettingNames = SettingNames()) {
        self.template = template
        self.universe = universe
        self.series = series
        self.pricesReference = pricesReference
        self.start = start
        self.end = end
        self.every = every
        self.align = align
        self.settingNames = settingNames
    }

    package struct Runs: Sendable {
        package var scenarios: [Scenario]
        /// The window's dates (all runs lie in it).
        package var dates: [CalendarDate]
        /// What the user should know about the window: that it starts or ends elsewhere than
        /// asked (a start before the first row or on a day without a row: "start 2020-01-01
        /// is before the first row 2025-01-02 of p; the window starts at 2025-01-02"; the
        /// same for the end and for the study's own start), and forward-fill notes when `align`
        /// filled gaps.
        package var warnings: [String]
    }

    /// The replay scenarios, or every problem with the data (missing tickers, dates that do
    /// not line up, a window without data).
    package func runs() -> Result<Runs, InputProblems> {
        var problems: [InputProblem] = []
        func problem(_ found: String, _ allowed: String) {
            problems.append(InputProblem(file: pricesReference, path: "", found: found, allowed: allowed))
        }
        var byTicker: [String: PriceSeries] = [:]
        for s in series where byTicker[s.ticker] == nil { byTicker[s.ticker] = s }
        let needed = universe.assets.compactMap { byTicker[$0.ticker] }
        for a in universe.assets where byTicker[a.ticker] == nil {
            let missing = PriceSeries.missing(a.ticker, in: series)
            problem("no prices for \(a.ticker)\(missing.note)", "a price series for every ticker the study uses (found: \(missing.found))")
        }
        guard problems.isEmpty else { return .failure(InputProblems(problems)) }

        // The dates with a close for every ticker the study uses.
        let dataFirst = needed.map { $0.dates.first! }.max()!, dataLast = needed.map { $0.dates.last! }.min()!
        let first = start ?? template.dates.first ?? dataFirst
        let last = end ?? dataLast
        let span = "every ticker has closes from \(dataFirst) to \(dataLast)"
        if let start, start >= dataLast {
            problem("\(settingNames.start) \(start), not before the last date with closes (\(dataLast))", "a \(settingNames.start) before \(dataLast) (\(span))")
            return .failure(InputProblems(problems))
        }
        if let end, end <= dataFirst {
            problem("\(settingNames.end) \(end), not after the first date with closes (\(dataFirst))", "an \(settingNames.end) after \(dataFirst) (\(span))")
            return .failure(InputProblems(problems))
        }
        if last <= first {
            problem("an end \(last) not after the start \(first)", "a window with at least two trading days")
            return .failure(InputProblems(problems))
        }
        // The window's dates: every date any ticker trades in it (a merge of increasing dates;
        // series that share their dates, as the columns of a wide file do, are merged once).
        var window: [CalendarDate] = []
        var merged: [[CalendarDate]] = []
        for s in needed where !merged.contains(where: { $0 == s.dates }) {
            merged.append(s.dates)
            window = Self.union(window, s.dates[StudyDecoder.rows(of: s.dates, from: first, to: last)])
        }
        guard window.count >= 2 else {
            problem("\(window.count) dates in \(first)…\(last)", "at least two trading days of data in the window")
            return .failure(InputProblems(problems))
        }
        var warnings: [String] = []
        if window.first! != first {
            let what = start != nil ? "\(settingNames.start) \(first)" : "the study's start \(first)"
            let why = first < window.first! && !needed.contains(where: { $0.dates.first! <= first })
                ? "is before the first row \(window.first!) of \(pricesReference)" : "has no row in \(pricesReference)"
            warnings.append("\(what) \(why); the window starts at \(window.first!)")
        }
        if let end, window.last! != end {
            let why = !needed.contains(where: { $0.dates.last! >= end })
                ? "is after the last row \(window.last!) of \(pricesReference)" : "has no row in \(pricesReference)"
            warnings.append("\(settingNames.end) \(end) \(why); the window ends at \(window.last!)")
        }
        // Align: every ticker needs a close on every window date (both date lists increase,
        // so one walk finds each date's row, or the row before it to carry forward).
        var closes = [[Double]](repeating: [], count: needed.count)      // [asset][window day]
        let anyRaw = needed.contains { $0.rawCloses != nil }
        var dividends = [[Double]](repeating: [], count: anyRaw ? needed.count : 0)  // [asset][window day]
        var realized = [[Double]](repeating: [], count: needed.count)
        var implied = [[Double?]](repeating: [], count: needed.count)
        for (i, s) in needed.enumerated() {
            let vols = HistoricalModel.trailingVolatility(s.closes, window: template.impliedVol.realizedWindowDays)
            let replayed = s.rawCloses ?? s.closes, cash = s.cashDividends
            var filled: [CalendarDate] = []
            var k = 0  // the first row of s not before the current window date
            closes[i].reserveCapacity(window.count)
            realized[i].reserveCapacity(window.count)
            implied[i].reserveCapacity(window.count)
            for date in window {
                while k < s.dates.count && s.dates[k] < date { k += 1 }
                if k < s.dates.count && s.dates[k] == date {
                    closes[i].append(replayed[k])
                    if anyRaw { dividends[i].append(cash?[k] ?? 0) }
                    realized[i].append(vols[k] ?? universe.assets[i].volatility)
                    implied[i].append(s.impliedVol?[k] ?? nil)
                    continue
                }
                let previous = k > 0 ? k - 1 : nil
                guard align, let previous else {
                    let line = previous.map { " (after line \(s.lines[$0]))" } ?? ""
                    problems.append(InputProblem(file: s.file, path: "", found: "no row for \(date)\(line), a date other tickers trade",
                                                 allowed: align ? "a close on or before \(date) to carry forward"
                                                     : "the same dates for every ticker in \(first)…\(last), or \(settingNames.align) to forward-fill"))
                    break
                }
                closes[i].append(replayed[previous])
                if anyRaw { dividends[i].append(0) }
                realized[i].append(vols[previous] ?? universe.assets[i].volatility)
                implied[i].append(nil)
                filled.append(date)
            }
            if !filled.isEmpty {
                warnings.append("\(s.ticker): \(filled.count) missing date\(filled.count == 1 ? "" : "s") forward-filled (first \(filled[0]))")
            }
        }
        guard problems.isEmpty else { return .failure(InputProblems(problems)) }

        // Each window day's values across assets, built once: every run's model shares them
        // (a run from day s holds days s… of these arrays, not copies).
        // (Each per-asset table is let go once turned, so only one is held twice at a time.)
        let dayCloses = window.indices.map { d in needed.indices.map { closes[$0][d] } }
        closes = []
        let dayRealized = window.indices.map { d in needed.indices.map { realized[$0][d] } }
        realized = []
        let dayImplied = window.indices.map { d in needed.indices.map { implied[$0][d] } }
        implied = []
        let dayDividends = anyRaw ? window.indices.map { d in needed.indices.map { dividends[$0][d] } } : []
        dividends = []

        // Event dates from the template (its day indices are on its own dates).
        let eventDates = template.events.map { template.dates[$0.day] }
        var starts = [0]
        if let every { starts = Array(stride(from: 0, to: window.count - 1, by: max(1, every))) }
        let scenarios = starts.map { s -> Scenario in
            let dates = Array(window[s...])
            let horizon = dates.count - 1
            var events: [ScheduledEvent] = []
            for (k, e) in template.events.enumerated() {
                guard let d = dates.firstIndex(of: eventDates[k]), d >= 1 else { continue }
                var copy = e
                copy.day = d
                events.append(copy)
            }
            var model = HistoricalModel(mode: .replay, closes: Array(dayCloses[s...]), logReturns: [],
                                        source: "\(pricesReference) \(dates.first!)…\(dates.last!)",
                                        realizedVolatility: Array(dayRealized[s...]), impliedVolatility: Array(dayImplied[s...]))
            model.reference = pricesReference
            if anyRaw { model.cashDividends = Array(dayDividends[s...]) }
            return Scenario(name: "historical", description: "Replay from \(dates.first!)", weight: 1, horizonDays: horizon,
                            rate: template.rate, model: .historical(model), events: events, impliedVol: template.impliedVol,
                            dates: dates)
        }
        return .success(Runs(scenarios: scenarios, dates: window, warnings: warnings))
    }

    /// The sorted union of two increasing date lists.
    static func union(_ a: [CalendarDate], _ b: ArraySlice<CalendarDate>) -> [CalendarDate] {
        if a.isEmpty { return Array(b) }
        var out: [CalendarDate] = []
        out.reserveCapacity(a.count + b.count)
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex || j < b.endIndex {
            if j == b.endIndex || (i < a.endIndex && a[i] < b[j]) {
                out.append(a[i]); i += 1
            } else if i == a.endIndex || b[j] < a[i] {
                out.append(b[j]); j += 1
            } else {
                out.append(a[i]); i += 1; j += 1
            }
        }
        return out
    }
}
