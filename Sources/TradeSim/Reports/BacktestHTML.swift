/// A backtest's report.html: a tearsheet of one path of real closes, not the Monte Carlo page
/// (no histograms, box plots or standard errors of a single path). For the first window: the
/// performance table (each decision variant and the portfolio: P&L, return, `ReturnMetrics`
/// of the daily returns), the cumulative return of each curve, the portfolio's drawdown
/// (underwater) chart, the monthly returns as a heat-map table and the trades. With several
/// start dates, their windows are shown as "N overlapping windows": the portfolio's result by
/// start date and the spread of the results, with no standard error (the windows share days:
/// they are not independent draws). Then the card's theses, the option payoffs and the
/// conventions, as on the run's page (`HTMLReport`). Self-contained, no scripts; text escaped.
struct BacktestHTML {
    var study: Study
    var outcomes: ScenarioOutcomes
    var summary: [SummaryRow]
    var tearsheet: Tearsheet
    var configuration: RunConfiguration
    /// The run's page, for the sections both pages have and the formats.
    var base: HTMLReport

    init(study: Study, outcomes: ScenarioOutcomes, summary: [SummaryRow], theses: [ThesisTable.Row], tearsheet: Tearsheet,
         configuration: RunConfiguration) {
        self.study = study
        self.outcomes = outcomes
        self.summary = summary
        self.tearsheet = tearsheet
        self.configuration = configuration
        base = HTMLReport(study: study, outcomes: [outcomes], summary: summary, theses: theses, histograms: [], bands: [],
                          configuration: configuration)
    }

    /// Heat-map cells and the legend of the curves.
    static let extraStyle = """
        .heat td{min-width:46px}.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:.85em;margin:2px 0 8px}
        .legend span.key{display:inline-block;width:14px;height:4px;vertical-align:middle;margin-right:5px}
        tr.total td{font-weight:600}
        """

    func esc(_ s: String) -> String { SVGChart.escape(s) }
    func f(_ v: Double) -> String { base.f(v) }
    var currency: String { study.currency }
    /// The colour of series k: the portfolio dark, the variants the page's palette.
    func color(_ s: Tearsheet.Series, _ k: Int) -> String { s.curve.decision == "portfolio" ? "#222" : base.color(k) }

    var windows: Int { tearsheet.windowStarts.count }
    var dates: [CalendarDate] { outcomes.scenario.dates }

    var html: String {
        var page = HTMLPage.head(title: "\(study.name) — tradesim backtest", extraStyle: Self.extraStyle) + """
        <h1>\(esc(study.name))</h1>
        <p>\(esc(study.description))</p>
        <p class="muted">tradesim \(TradeSimVersion.string) · backtest on real closes · \(esc(windowWords)) · money in \(esc(currency))</p>

        """
        page += performanceSection()
        page += windowsSection()
        page += tradesSection()
        page += base.thesisSection(.init(says: "the backtest says", median: windows > 1 ? "median over windows" : "backtest value",
                                         probability: "met (share of windows)", entered: "entered windows"))
        page += base.payoffSection()
        page += base.analysisSections()
        page += base.playbookSection()
        page += definitionsSection()
        page += base.conventionsSection()
        page += "</body></html>\n"
        return page
    }

    /// "2025-01-02 to 2025-12-31 (250 closes)", and the windows when several.
    var windowWords: String {
        guard let first = dates.first, let last = dates.last else { return "" }
        let span = "\(first) to \(last) (\(dates.count) closes)"
        return windows > 1 ? "\(windows) overlapping windows from \(first) to \(tearsheet.windowStarts.last!), each to \(last); the tearsheet shows the first, \(span)" : span
    }

    // MARK: - Performance of the first window

    func performanceSection() -> String {
        let title = windows > 1 ? "Performance of the first window (\(esc(dates.first?.description ?? "")) to \(esc(dates.last?.description ?? "")))" : "Performance"
        var out = "<h2>\(title)</h2>\n"
        guard !tearsheet.series.isEmpty else { return out + "<p>The run kept no daily values.</p>\n" }
        out += "<p class=\"muted\">Each decision variant as if run alone on the playbook's capital (\(esc(HTMLPage.money(study.runPlaybook.capital)))): value = capital + its P&amp;L to date; the portfolio is the account (capital, holdings, the variants it holds, financing). Returns are daily, on the previous close's value; metrics as empyrical defines them, 252 days a year, risk-free 0.</p>\n"
        out += metricsTable() + equityChart() + underwaterChart() + monthlyTable()
        return out
    }

    func metricsTable() -> String {
        var out = "<table><tr><th class=\"l\">series</th><th>P&amp;L (\(esc(currency)))</th><th>total return</th><th>annual return</th><th>annual volatility</th><th>Sharpe</th><th>Sortino</th><th>max drawdown</th><th>Calmar</th><th class=\"l\">ended by</th><th>days held</th></tr>\n"
        for (k, s) in tearsheet.series.enumerated() {
            let m = s.metrics
            let held = s.curve.inPortfolio && s.curve.decision != "portfolio" ? " <span class=\"muted\">(held)</span>" : ""
            let row = s.curve.decision == "portfolio" ? " class=\"total\"" : ""
            out += "<tr\(row)><td class=\"l\"><span style=\"color:\(color(s, k))\">■</span> \(esc(s.curve.label))\(held)</td>"
                + "<td>\(HTMLPage.money(s.curve.totalPnL))</td><td>\(HTMLPage.percent(s.curve.totalReturn))</td>"
                + "<td>\(HTMLPage.percent(m.annualReturn))</td><td>\(HTMLPage.percent(m.annualVolatility))</td>"
                + "<td>\(Self.ratio(m.sharpeRatio))</td><td>\(Self.ratio(m.sortinoRatio))</td>"
                + "<td>\(HTMLPage.percent(m.maxDrawdown))</td><td>\(Self.ratio(m.calmarRatio))</td>"
                + "<td class=\"l\">\(esc(s.exitReason?.label ?? ""))</td><td>\(s.holdingDays.map(String.init) ?? "")</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// A ratio with two decimals; "—" when undefined.
    static func ratio(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "—" }
        return NumberText.fixed(v, digits: 2)
    }

    /// The x axis of a chart over the window's closes: ticks on the first close of a month
    /// (every k-th month, at most 12 ticks), labelled YYYY-MM; without a month's start, ticks
    /// on days labelled with their dates.
    func dateAxis(_ chart: inout SVGChart, yTitle: String, yLabel: (Double) -> String) {
        let d = dates
        var starts = d.indices.filter { $0 > 0 && d[$0].components.month != d[$0 - 1].components.month }
        let step = max(1, (starts.count + 11) / 12)
        starts = starts.enumerated().filter { $0.offset % step == 0 }.map(\.element)
        let ticks = starts.isEmpty ? SVGChart.niceTicks(0...Double(max(1, d.count - 1)), count: 4) : starts.map(Double.init)
        chart.axes(xTitle: "date", yTitle: yTitle,
                   xLabel: { v in
                       let i = Int(v)
                       guard i >= 0 && i < d.count else { return "" }
                       return starts.isEmpty ? d[i].description : String(d[i].description.prefix(7))
                   },
                   yLabel: yLabel, xTicks: ticks)
    }

    /// The legend of the curves, under a chart.
    func legend() -> String {
        "<div class=\"legend\">" + tearsheet.series.enumerated().map { k, s in
            "<span><span class=\"key\" style=\"background:\(color(s, k))\"></span>\(esc(s.curve.label))</span>"
        }.joined() + "</div>\n"
    }

    /// Percent for an axis: 12%, −3.5%.
    static func axisPercent(_ v: Double) -> String { (v < 0 ? "−" : "") + SVGChart.trim(abs(v)) + "%" }

    func equityChart() -> String {
        let curves: [[Double]] = tearsheet.series.map { s in
            let base = s.curve.startValue
            return s.curve.values.map { v -> Double in
                let r = (v / base - 1) * 100
                return base > 0 && r.isFinite ? r : 0
            }
        }
        let all: [Double] = curves.flatMap { $0 } + [0]
        let lo = all.min() ?? 0, hi = all.max() ?? 0, pad = Swift.max((hi - lo) * 0.05, 0.1)
        var chart = SVGChart(width: 1000, height: 360, x: 0...Double(max(1, dates.count - 1)), y: (lo - pad)...(hi + pad))
        dateAxis(&chart, yTitle: "cumulative return (%)", yLabel: Self.axisPercent)
        chart.add("<line x1=\"\(f(chart.plotLeft))\" x2=\"\(f(chart.plotRight))\" y1=\"\(f(chart.y(0)))\" y2=\"\(f(chart.y(0)))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>")
        // The portfolio (the last curve) is drawn last, on top.
        for (k, s) in tearsheet.series.enumerated() {
            let points = curves[k].enumerated().map { (Double($0), $1) }
            let width = s.curve.decision == "portfolio" ? "2.5" : "1.5"
            chart.add("<path d=\"\(chart.path(points))\" fill=\"none\" stroke=\"\(color(s, k))\" stroke-width=\"\(width)\"><title>\(esc(s.curve.label))</title></path>")
        }
        return "<h3>Cumulative return</h3><p class=\"muted\">Value at each close over its starting value, minus 1 (\(esc(currency)) values are in equity.csv).</p><div class=\"chart\">\(chart.svg)</div>\n" + legend()
    }

    func underwaterChart() -> String {
        guard let p = tearsheet.portfolio else { return "" }
        let dd = p.curve.drawdownFraction.map { ($0 ?? 0) * 100 }
        let lo = min(dd.min() ?? 0, 0)
        var chart = SVGChart(width: 1000, height: 240, x: 0...Double(max(1, dates.count - 1)), y: (lo * 1.08 - 0.1)...0)
        dateAxis(&chart, yTitle: "drawdown (%)", yLabel: Self.axisPercent)
        let points = dd.enumerated().map { (Double($0), $1) }
        let area = chart.path([(0, 0)] + points + [(Double(max(0, dd.count - 1)), 0)]) + " Z"
        chart.add("<path d=\"\(area)\" fill=\"#b42318\" fill-opacity=\"0.25\" stroke=\"#b42318\" stroke-width=\"1.2\"/>")
        let worst = p.metrics.maxDrawdown ?? p.curve.drawdownFraction.compactMap { $0 }.min()
        return "<h3>Portfolio drawdown (underwater)</h3><p class=\"muted\">Fall of the portfolio's value from its running peak (the starting value counts), in % of the peak; worst \(HTMLPage.percent(worst)).</p><div class=\"chart\">\(chart.svg)</div>\n"
    }

    // MARK: - Monthly returns

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A cell's background: green for a gain, red for a loss, deeper with |r| / scale.
    static func heat(_ v: Double?, scale: Double) -> String {
        guard let v, v.isFinite, v != 0, scale > 0 else { return "" }
        let a = 0.08 + 0.55 * min(1, abs(v) / scale)
        let rgb = v > 0 ? "26,127,55" : "180,35,24"
        return " style=\"background:rgba(\(rgb),\(NumberText.fixed(a, digits: 2)))\""
    }

    func monthlyTable() -> String {
        // The portfolio first, then the variants.
        let indexed = Array(tearsheet.series.enumerated())
        let ordered = indexed.filter { $0.element.curve.decision == "portfolio" } + indexed.filter { $0.element.curve.decision != "portfolio" }
        func largest(months: Bool) -> Double {
            var top = 0.0
            for s in tearsheet.series {
                for p in s.periods where (p.month != nil) == months { if let v = p.value, v.isFinite { top = max(top, Swift.abs(v)) } }
            }
            return top
        }
        let scale = largest(months: true), yearScale = largest(months: false)
        var out = "<h3>Monthly returns</h3><p class=\"muted\">Daily returns compounded over each calendar month, Π(1 + r) − 1 (empyrical's aggregate_returns), and over the year; green a gain, red a loss, deeper the larger (months and years each on their own scale). A month the window covers in part holds only its days in the window.</p>\n"
        out += "<table class=\"heat\"><tr><th class=\"l\">series</th><th>year</th>" + Self.monthNames.map { "<th>\($0)</th>" }.joined() + "<th>year</th></tr>\n"
        for (k, s) in ordered {
            let years = s.periods.filter { $0.month == nil }
            for y in years {
                let row = s.curve.decision == "portfolio" ? " class=\"total\"" : ""
                out += "<tr\(row)><td class=\"l\"><span style=\"color:\(color(s, k))\">■</span> \(esc(s.curve.label))</td><td>\(y.year)</td>"
                for m in 1...12 {
                    let p = s.periods.first { $0.year == y.year && $0.month == m }
                    out += p.map { "<td\(Self.heat($0.value, scale: scale))>\(HTMLPage.percent($0.value))</td>" } ?? "<td></td>"
                }
                out += "<td\(Self.heat(y.value, scale: yearScale))>\(HTMLPage.percent(y.value))</td></tr>\n"
            }
        }
        return out + "</table>\n"
    }

    // MARK: - Windows

    func windowsSection() -> String {
        guard windows > 1, let end = dates.last else { return "" }
        let starts = tearsheet.windowStarts
        var out = "<h2>\(windows) overlapping windows</h2><p class=\"muted\">A run from each of \(windows) start dates, \(starts.first!) to \(starts.last!), each to \(end). The windows overlap — they share most of their days — so they are not independent draws: their spread shows how much the result depends on the start date, not how precise an average is, and no standard error is given.</p>\n"
        // The portfolio's P&L at the end of each window, by start date.
        let pnl = outcomes.portfolioPnL
        let lo = min(0, pnl.min() ?? 0), hi = max(0, pnl.max() ?? 1), pad = max((hi - lo) * 0.06, 1)
        let firstDay = starts.map { s in dates.firstIndex(of: s) ?? 0 }
        var chart = SVGChart(width: 1000, height: 300, x: 0...Double(max(1, dates.count - 1)), y: (lo - pad)...(hi + pad))
        dateAxis(&chart, yTitle: "portfolio P&L to \(end) (\(currency))", yLabel: SVGChart.shortMoney)
        chart.add("<line x1=\"\(f(chart.plotLeft))\" x2=\"\(f(chart.plotRight))\" y1=\"\(f(chart.y(0)))\" y2=\"\(f(chart.y(0)))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>")
        let points = zip(firstDay, pnl).map { (Double($0), $1) }
        chart.add("<path d=\"\(chart.path(points))\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\"/>")
        for (k, (x, y)) in points.enumerated() {
            chart.add("<circle cx=\"\(f(chart.x(x)))\" cy=\"\(f(chart.y(y)))\" r=\"3\" fill=\"#222\"><title>\(starts[k]): \(HTMLPage.money(y))</title></circle>")
        }
        out += "<h3>Portfolio P&amp;L by start date</h3><div class=\"chart\">\(chart.svg)</div>\n"
        out += "<h3>Spread of the window results</h3><table><tr><th class=\"l\">decision</th><th class=\"l\">variant</th><th>entered</th><th>mean P&amp;L</th><th>p05</th><th>p25</th><th>p50</th><th>p75</th><th>p95</th><th>share profitable</th><th>mean return</th><th>mean max DD</th></tr>\n"
        for r in summary {
            out += "<tr><td class=\"l\">\(esc(r.decision))</td><td class=\"l\">\(esc(r.variant))</td><td>\(HTMLPage.percent(r.enteredFraction))</td>"
                + "<td>\(HTMLPage.money(r.pnl.mean))</td>" + r.pnl.quantiles.map { "<td>\(HTMLPage.money($0))</td>" }.joined()
                + "<td>\(HTMLPage.percent(r.pnl.probabilityPositive))</td><td>\(HTMLPage.percent(r.meanReturn))</td>"
                + "<td>\(HTMLPage.money(r.meanMaxDrawdown))</td></tr>\n"
        }
        return out + "</table><p class=\"muted\">Over the \(windows) windows: P&amp;L at each decision's exit (portfolio: at \(end)); quantiles type 7; mean return over the windows where the decision entered (portfolio: P&amp;L over starting equity); max drawdown in money.</p>\n"
    }

    // MARK: - Trades

    func tradesSection() -> String {
        let trades = outcomes.trades.filter { $0.path == 0 }
        var out = "<h2>Trades\(windows > 1 ? " of the first window" : "")</h2>\n"
        guard !trades.isEmpty else { return out + "<p>No trade.</p>\n" }
        out += "<p class=\"muted\">Every leg (trades.csv holds them\(windows > 1 ? " for every window" : "")): stock at the closes, options at the model mid (intrinsic at expiry); costs hold slippage, spreads, commissions and fees.</p>\n"
        out += "<table><tr><th class=\"l\">decision</th><th>leg</th><th class=\"l\">instrument</th><th class=\"l\">ticker</th><th>quantity</th><th>entry</th><th>price</th><th>exit</th><th>price</th><th>costs</th><th>P&amp;L</th><th class=\"l\">exit reason</th></tr>\n"
        for t in trades {
            let name = t.variantName.isEmpty ? t.decisionID : "\(t.decisionID) / \(t.variantName)"
            out += "<tr><td class=\"l\">\(esc(name))</td><td>\(t.leg)</td><td class=\"l\">\(esc(Self.instrument(t.instrument)))</td><td class=\"l\">\(esc(t.ticker))</td>"
                + "<td>\(NumberText.fixed(t.quantity, digits: 2))</td><td>\(t.entryDate)</td><td>\(NumberText.fixed(t.entryPrice, digits: 2))</td>"
                + "<td>\(t.exitDate)</td><td>\(NumberText.fixed(t.exitPrice, digits: 2))</td><td>\(HTMLPage.money(t.costs))</td>"
                + "<td>\(HTMLPage.money(t.pnl))</td><td class=\"l\">\(esc(t.exitReason.label))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// An instrument for people: `stock`, `put 439.81 2025-07-08` (the strike to the cent;
    /// trades.csv has it whole), `call 102.50 day 300`.
    static func instrument(_ i: TradeRecord.Instrument) -> String {
        switch i {
        case .stock: "stock"
        case let .option(type, strike, .date(date)): "\(type.rawValue) \(NumberText.fixed(strike, digits: 2)) \(date)"
        case let .option(type, strike, .day(day)): "\(type.rawValue) \(NumberText.fixed(strike, digits: 2)) day \(day)"
        }
    }

    // MARK: - Definitions

    func definitionsSection() -> String {
        """
        <h2>Tearsheet definitions</h2><ul>
        <li><b>value</b>: portfolio: the account's equity at each close (capital, holdings at their closes and their dividends, the P&amp;L of the variants it holds, less financing), starting from the equity before the first close; a decision variant: the playbook's capital + its P&amp;L to date.</li>
        <li><b>daily return</b>: (V<sub>t</sub> − V<sub>t−1</sub>) / V<sub>t−1</sub>, the first close against the starting value; compounded over the window it is the window's return on its starting value.</li>
        <li><b>drawdown</b>: V<sub>t</sub> / M<sub>t</sub> − 1 with M<sub>t</sub> the running peak, the starting value included.</li>
        <li><b>metrics</b>: annual return Π(1 + r)<sup>252/N</sup> − 1; annual volatility sd(r)·√252; Sharpe mean(r)/sd(r)·√252; Sortino mean(r)·252 / downside risk; max drawdown as above; Calmar annual return / |max drawdown| (empyrical's definitions, risk-free 0).</li>
        <li><b>files</b>: equity.csv (every close of every curve), monthly_returns.csv, tearsheet.csv (the metrics).</li>
        </ul>

        """
    }
}
