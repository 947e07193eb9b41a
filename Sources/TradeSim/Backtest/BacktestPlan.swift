import Foundation

/// A backtest: the playbook replayed on real closes, once over a window or from every N-th
/// trading day in it. Each run is a historical replay scenario built from a template (the
/// study's historical scenario: its rate, its events by date, its implied-vol model) and the
/// price series; `Engine` runs them and `ScenarioOutcomes.combine` makes their outcomes one
/// distribution (scenario `historical`, one path per start date).
public struct BacktestPlan: Sendable {
    public var template: Scenario
    public var universe: Universe
    public var series: [PriceSeries]
    /// Where the series came from, for messages.
    public var pricesReference: String
    public var start: CalendarDate?
    public var end: CalendarDate?
    /// Start a run every N trading days of the window (nil: one run from the start).
    public var every: Int?
    /// Forward-fill a ticker's missing dates from its previous close instead of failing.
    public var align: Bool

    public init(template: Scenario, universe: Universe, series: [PriceSeries], pricesReference: String,
                start: CalendarDate? = nil, end: CalendarDate? = nil, every: Int? = nil, align: Bool = false) {
        self.template = template
        self.universe = universe
        self.series = series
        self.pricesReference = pricesReference
        self.start = start
        self.end = end
        self.every = every
        self.align = align
    }

    public struct Runs: Sendable {
        public var scenarios: [Scenario]
        /// The window's dates (all runs lie in it).
        public var dates: [CalendarDate]
        /// Forward-fill notes when `align` filled gaps.
        public var warnings: [String]
    }

    /// The replay scenarios, or every problem with the data (missing tickers, dates that do
    /// not line up, a window without data).
    public func runs() -> Result<Runs, InputProblems> {
        var problems: [InputProblem] = []
        func problem(_ found: String, _ allowed: String) {
            problems.append(InputProblem(file: pricesReference, path: "", found: found, allowed: allowed))
        }
        var byTicker: [String: PriceSeries] = [:]
        for s in series where byTicker[s.ticker] == nil { byTicker[s.ticker] = s }
        let needed = universe.assets.compactMap { byTicker[$0.ticker] }
        for a in universe.assets where byTicker[a.ticker] == nil {
            problem("no prices for \(a.ticker)", "a price series for every ticker the study uses (found: \(series.map(\.ticker).sorted().joined(separator: ", ")))")
        }
        guard problems.isEmpty else { return .failure(InputProblems(problems)) }

        // The dates with a close for every ticker the study uses.
        let dataFirst = needed.map { $0.dates.first! }.max()!, dataLast = needed.map { $0.dates.last! }.min()!
        let first = start ?? template.dates.first ?? dataFirst
        let last = end ?? dataLast
        let span = "every ticker has closes from \(dataFirst) to \(dataLast)"
        if let start, start >= dataLast {
            problem("--start \(start), not before the last date with closes (\(dataLast))", "a --start before \(dataLast) (\(span))")
            return .failure(InputProblems(problems))
        }
        if let end, end <= dataFirst {
            problem("--end \(end), not after the first date with closes (\(dataFirst))", "an --end after \(dataFirst) (\(span))")
            return .failure(InputProblems(problems))
        }
        if last <= first {
            problem("an end \(last) not after the start \(first)", "a window with at least two trading days")
            return .failure(InputProblems(problems))
        }
        // The window's dates: every date any ticker trades in it.
        let window = Array(Set(needed.flatMap { $0.dates.filter { $0 >= first && $0 <= last } })).sorted()
        guard window.count >= 2 else {
            problem("\(window.count) dates in \(first)…\(last)", "at least two trading days of data in the window")
            return .failure(InputProblems(problems))
        }
        // Align: every ticker needs a close on every window date.
        var closes = [[Double]](repeating: [], count: needed.count)      // [asset][window day]
        var realized = [[Double]](repeating: [], count: needed.count)
        var implied = [[Double?]](repeating: [], count: needed.count)
        var warnings: [String] = []
        for (i, s) in needed.enumerated() {
            let index = Dictionary(uniqueKeysWithValues: s.dates.enumerated().map { ($1, $0) })
            let vols = HistoricalModel.trailingVolatility(s.closes, window: template.impliedVol.realizedWindowDays)
            var filled: [CalendarDate] = []
            for date in window {
                if let k = index[date] {
                    closes[i].append(s.closes[k])
                    realized[i].append(vols[k] ?? universe.assets[i].volatility)
                    implied[i].append(s.impliedVol?[k] ?? nil)
                    continue
                }
                guard align, let previous = s.dates.lastIndex(where: { $0 < date }) else {
                    let line = s.dates.lastIndex { $0 < date }.map { " (after line \(s.lines[$0]))" } ?? ""
                    problems.append(InputProblem(file: s.file, path: "", found: "no row for \(date)\(line), a date other tickers trade",
                                                 allowed: align ? "a close on or before \(date) to carry forward"
                                                     : "the same dates for every ticker in \(first)…\(last), or --align to forward-fill"))
                    break
                }
                closes[i].append(s.closes[previous])
                realized[i].append(vols[previous] ?? universe.assets[i].volatility)
                implied[i].append(nil)
                filled.append(date)
            }
            if !filled.isEmpty {
                warnings.append("\(s.ticker): \(filled.count) missing date\(filled.count == 1 ? "" : "s") forward-filled (first \(filled[0]))")
            }
        }
        guard problems.isEmpty else { return .failure(InputProblems(problems)) }

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
            var model = HistoricalModel(mode: .replay,
                                        closes: (s..<window.count).map { d in needed.indices.map { closes[$0][d] } },
                                        logReturns: [], source: "\(pricesReference) \(dates.first!)…\(dates.last!)",
                                        realizedVolatility: (s..<window.count).map { d in needed.indices.map { realized[$0][d] } },
                                        impliedVolatility: (s..<window.count).map { d in needed.indices.map { implied[$0][d] } })
            model.reference = pricesReference
            return Scenario(name: "historical", description: "Replay from \(dates.first!)", weight: 1, horizonDays: horizon,
                            rate: template.rate, model: .historical(model), events: events, impliedVol: template.impliedVol,
                            dates: dates)
        }
        return .success(Runs(scenarios: scenarios, dates: window, warnings: warnings))
    }
}
