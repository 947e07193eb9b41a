import Foundation

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, nothing fetched):
/// the scenario comparison, the portfolio equity fan chart per scenario, P&L histograms per
/// decision, the thesis table ("card says / simulation says"), P&L charts of the option decisions
/// at the planned exit and at expiry (`HTMLReport+Payoff.swift`), how decisions exited, and the conventions. All text is escaped.
struct HTMLReport {
    var study: Study
    var outcomes: [ScenarioOutcomes]
    var summary: [SummaryRow]
    var theses: [ThesisTable.Row]
    var histograms: [HistogramTable.Series]
    var bands: [EquityQuantilesTable.Bands]
    var configuration: RunConfiguration

    init(study: Study, outcomes: [ScenarioOutcomes], summary: [SummaryRow], theses: [ThesisTable.Row],
                histograms: [HistogramTable.Series], bands: [EquityQuantilesTable.Bands], configuration: RunConfiguration) {
        self.bands = bands
        self.study = study
        self.outcomes = outcomes
        self.summary = summary
        self.theses = theses
        self.histograms = histograms
        self.configuration = configuration
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
    func color(_ k: Int) -> String { Self.palette[k % Self.palette.count] }
    func esc(_ s: String) -> String { SVGChart.escape(s) }
    var currency: String { study.currency }

    var html: String {
        var page = HTMLPage.head(title: "\(study.name) — tradesim report") + """
        <h1>\(esc(study.name))</h1>
        <p>\(esc(study.description))</p>
        <p class="muted">tradesim \(TradeSimVersion.string) · \(configuration.paths) paths per scenario · seed \(configuration.seed) ·
        start \(study.calendar.start) · money in \(esc(currency)) · \(outcomes.count) scenarios</p>

        """
        page += scenarioSection()
        page += playbookSection()
        page += fanSection()
        page += histogramSection()
        page += thesisSection()
        page += payoffSection()
        page += analysisSections()
        page += exitSection()
        page += conventionsSection()
        page += "</body></html>\n"
        return page
    }

    // MARK: - Scenario comparison

    func scenarioSection() -> String {
        var out = "<h2>Scenarios compared</h2>\n<table><tr><th class=\"l\">scenario</th><th>weight</th><th class=\"l\">description</th></tr>\n"
        let total = outcomes.reduce(0) { $0 + $1.scenario.weight }
        for (k, o) in outcomes.enumerated() {
            out += "<tr><td class=\"l\"><span style=\"color:\(color(k))\">■</span> \(esc(o.scenario.name))</td><td>\(fmtPct(total > 0 ? o.scenario.weight / total : nil))</td><td class=\"l\">\(esc(o.scenario.description))</td></tr>\n"
        }
        out += "</table>\n"
        // Box plot of portfolio P&L per scenario (+ blended).
        let rows = summary.filter { $0.decision == "portfolio" }
        let lo = rows.compactMap { $0.pnl.quantile(0.05) }.min() ?? 0
        let hi = rows.compactMap { $0.pnl.quantile(0.95) }.max() ?? 1
        let pad = (hi - lo) * 0.05
        var chart = SVGChart(width: 900, height: 70 + Double(rows.count) * 36, x: (lo - pad)...(hi + pad), y: 0...Double(rows.count))
        // Room for the longest scenario name (12px text, about 7px a character), up to 44 characters.
        let longestName = rows.map { min($0.scenario.count, Self.labelLimit) }.max() ?? 8
        chart.margin.left = max(120, 24 + 7 * Double(longestName))
        chart.axes(xTitle: "portfolio P&L at the horizon (\(currency)): box p25–p75, whiskers p05–p95, | median, ● mean",
                   yTitle: "", xLabel: SVGChart.shortMoney, yLabel: { _ in "" })
        for (i, r) in rows.enumerated() {
            let yMid = chart.y(Double(rows.count) - Double(i) - 0.5)
            let c = r.scenario == "blended" ? "#444" : color(i)
            guard let q05 = r.pnl.quantile(0.05), let q25 = r.pnl.quantile(0.25), let q50 = r.pnl.quantile(0.5),
                  let q75 = r.pnl.quantile(0.75), let q95 = r.pnl.quantile(0.95) else { continue }
            chart.add("<text x=\"\(f(chart.plotLeft - 8))\" y=\"\(f(yMid + 4))\" text-anchor=\"end\" class=\"title\">\(esc(Self.clipped(r.scenario)))<title>\(esc(r.scenario))</title></text>")
            chart.add("<line x1=\"\(f(chart.x(q05)))\" x2=\"\(f(chart.x(q95)))\" y1=\"\(f(yMid))\" y2=\"\(f(yMid))\" stroke=\"\(c)\" stroke-width=\"1.5\"/>")
            chart.add("<rect x=\"\(f(chart.x(q25)))\" y=\"\(f(yMid - 10))\" width=\"\(f(max(1, chart.x(q75) - chart.x(q25))))\" height=\"20\" fill=\"\(c)\" fill-opacity=\"0.35\" stroke=\"\(c)\"/>")
            chart.add("<line x1=\"\(f(chart.x(q50)))\" x2=\"\(f(chart.x(q50)))\" y1=\"\(f(yMid - 10))\" y2=\"\(f(yMid + 10))\" stroke=\"\(c)\" stroke-width=\"2.5\"/>")
            if let m = r.pnl.mean { chart.add("<circle cx=\"\(f(chart.x(m)))\" cy=\"\(f(yMid))\" r=\"4\" fill=\"\(c)\"/>") }
        }
        if lo < 0 && hi > 0 {
            chart.add("<line x1=\"\(f(chart.x(0)))\" x2=\"\(f(chart.x(0)))\" y1=\"\(f(chart.plotTop))\" y2=\"\(f(chart.plotBottom))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>")
        }
        out += "<h3>Portfolio P&amp;L by scenario</h3><div class=\"chart\">\(chart.svg)</div>\n"
        out += decisionBars()
        out += summaryTable()
        return out
    }

    /// Chart labels longer than this many characters end in "…" (the whole name is in the
    /// label's tooltip and in the tables).
    static let labelLimit = 44

    static func clipped(_ s: String) -> String { SVGChart.clipped(s, to: labelLimit) }

    /// Mean P&L per decision variant, one bar per scenario.
    func decisionBars() -> String {
        let scenarioNames = outcomes.map(\.scenario.name)
        let keys = summary.filter { $0.scenario == scenarioNames.first }.map { ($0.decision, $0.variant) }
        guard !keys.isEmpty else { return "" }
        var values: [[Double]] = []
        for key in keys {
            values.append(scenarioNames.map { s in summary.first { $0.scenario == s && $0.decision == key.0 && $0.variant == key.1 }?.pnl.mean ?? 0 })
        }
        let lo = min(0, values.flatMap { $0 }.min() ?? 0), hi = max(0, values.flatMap { $0 }.max() ?? 1)
        let pad = (hi - lo) * 0.08
        let groupWidth = 1.0
        // Labels slant at 25° below the axis (11px text, about 6.2px a character): the chart
        // grows downwards to fit the longest, up to 44 characters.
        let labels = keys.map { $0.1.isEmpty ? $0.0 : $0.0 + " / " + $0.1 }
        let longestLabel = labels.map { min($0.count, Self.labelLimit) }.max() ?? 0
        let labelDepth = max(90, 28 + 6.2 * sin(25 * Double.pi / 180) * Double(longestLabel))
        var chart = SVGChart(width: 900, height: 250 + labelDepth, x: 0...(Double(keys.count) * groupWidth), y: (lo - pad)...(hi + pad))
        chart.margin.bottom = labelDepth
        chart.axes(xTitle: "", yTitle: "mean P&L (\(currency))", xLabel: { _ in "" }, yLabel: SVGChart.shortMoney, xTicks: [])
        chart.legend(scenarioNames.enumerated().map { ($1, color($0)) })
        let barWidth = (chart.x(groupWidth) - chart.x(0)) * 0.8 / Double(max(1, scenarioNames.count))
        for (g, key) in keys.enumerated() {
            let left = chart.x(Double(g) * groupWidth) + (chart.x(groupWidth) - chart.x(0)) * 0.1
            for s in scenarioNames.indices {
                let v = values[g][s]
                let y0 = chart.y(0), y1 = chart.y(v)
                chart.add("<rect x=\"\(f(left + Double(s) * barWidth))\" y=\"\(f(min(y0, y1)))\" width=\"\(f(barWidth * 0.92))\" height=\"\(f(max(0.5, abs(y1 - y0))))\" fill=\"\(color(s))\"><title>\(esc(scenarioNames[s])) \(esc(key.0)) \(esc(key.1)): \(fmtMoney(v))</title></rect>")
            }
            let label = labels[g]
            let cx = left + barWidth * Double(scenarioNames.count) / 2
            // A long label loses the end of its decision id, never the variant that tells it apart.
            let key = keys[g]
            let shown = key.1.isEmpty || label.count <= Self.labelLimit ? Self.clipped(label)
                : Self.clipped(String(key.0.prefix(max(8, Self.labelLimit - 4 - key.1.count))) + "… / " + key.1)
            chart.add("<text transform=\"translate(\(f(cx)) \(f(chart.plotBottom + 12))) rotate(25)\" class=\"tick\">\(esc(shown))<title>\(esc(label))</title></text>")
        }
        chart.add("<line x1=\"\(f(chart.plotLeft))\" x2=\"\(f(chart.plotRight))\" y1=\"\(f(chart.y(0)))\" y2=\"\(f(chart.y(0)))\" stroke=\"#444\"/>")
        return "<h3>Mean P&amp;L by decision and scenario</h3><div class=\"chart\">\(chart.svg)</div>\n"
    }

    /// The horizon the risk columns speak of: "126 trading days (6 months)" when every scenario
    /// run has it, else the range.
    var riskHorizon: String {
        let days = Set(outcomes.map(\.scenario.horizonDays)).sorted()
        func months(_ d: Int) -> String {
            let m = Double(d) / 21
            return m.rounded() == m ? "\(Int(m)) month\(m == 1 ? "" : "s")" : String(format: "%.1f months", m)
        }
        guard let first = days.first, let last = days.last else { return "" }
        return first == last ? "\(first) trading days (\(months(first)))" : "\(first)–\(last) trading days"
    }

    func summaryTable() -> String {
        var out = "<h3>Summary</h3><p class=\"muted\">P&amp;L and its risk are at each decision's exit, within a horizon of \(esc(riskHorizon)): VaR95 is the loss exceeded on 5% of paths (the 5th-percentile P&amp;L as a positive loss), CVaR95 the mean loss on those paths; for bought options it cannot exceed the premium and costs paid.</p>"
            + "<table><tr><th class=\"l\">scenario</th><th class=\"l\">decision</th><th class=\"l\">variant</th><th>entered</th><th>mean P&amp;L at exit</th><th>±MC s.e.</th><th>p05</th><th>p50</th><th>p95</th><th>P(profit)</th><th>VaR95 at exit</th><th>CVaR95 at exit</th><th>mean return</th><th>mean max DD</th></tr>\n"
        for r in summary {
            out += "<tr><td class=\"l\">\(esc(r.scenario))</td><td class=\"l\">\(esc(r.decision))</td><td class=\"l\">\(esc(r.variant))</td>"
                + "<td>\(fmtPct(r.enteredFraction))</td><td>\(fmtMoney(r.pnl.mean))</td><td>\(fmtMoney(r.pnl.standardError))</td>"
                + "<td>\(fmtMoney(r.pnl.quantile(0.05)))</td><td>\(fmtMoney(r.pnl.quantile(0.5)))</td><td>\(fmtMoney(r.pnl.quantile(0.95)))</td>"
                + "<td>\(fmtPct(r.pnl.probabilityPositive))</td><td>\(fmtMoney(r.pnl.var95))</td><td>\(fmtMoney(r.pnl.cvar95))</td>"
                + "<td>\(fmtPct(r.meanReturn))</td><td>\(fmtMoney(r.meanMaxDrawdown))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    // MARK: - Fan charts

    func fanSection() -> String {
        var out = "<h2>Portfolio equity</h2><p class=\"muted\">Daily quantiles of portfolio equity across paths (bands p05–p95 and p25–p75, line the median), from the first \(min(configuration.paths, configuration.equitySamplePaths)) paths of each scenario.</p><div class=\"charts\">\n"
        let perScenario = bands.filter { b in outcomes.contains { $0.scenario.name == b.scenario } }
        let lo = perScenario.flatMap { $0.quantiles.compactMap { $0[0] } }.min() ?? 0
        let hi = perScenario.flatMap { $0.quantiles.compactMap { $0[4] } }.max() ?? 1
        let pad = (hi - lo) * 0.05
        for (k, o) in outcomes.enumerated() {
            guard let b = perScenario.first(where: { $0.scenario == o.scenario.name }) else { continue }
            let days = b.quantiles.count
            let q = { (level: Int) in b.quantiles.enumerated().map { (Double($0), $1[level] ?? 0) } }
            var chart = SVGChart(width: 540, height: 300, x: 0...Double(max(1, days - 1)), y: (lo - pad)...(hi + pad))
            let dates = b.dates
            chart.axes(xTitle: dates.allSatisfy(\.isEmpty) ? "trading days from each run's start" : "date (trading day)",
                       yTitle: "equity (\(currency))",
                       xLabel: { d in let i = Int(d); return i < dates.count && !dates[i].isEmpty ? dates[i] : String(i) },
                       yLabel: SVGChart.shortMoney, xTicks: SVGChart.niceTicks(0...Double(max(1, days - 1)), count: 4))
            let c = color(k)
            let band = { (a: Int, b: Int) in chart.path(q(a) + q(b).reversed()) + " Z" }
            chart.add("<path d=\"\(band(0, 4))\" fill=\"\(c)\" fill-opacity=\"0.15\"/>")
            chart.add("<path d=\"\(band(1, 3))\" fill=\"\(c)\" fill-opacity=\"0.3\"/>")
            chart.add("<path d=\"\(chart.path(q(2)))\" fill=\"none\" stroke=\"\(c)\" stroke-width=\"2\"/>")
            chart.add("<line x1=\"\(f(chart.plotLeft))\" x2=\"\(f(chart.plotRight))\" y1=\"\(f(chart.y(o.startEquity)))\" y2=\"\(f(chart.y(o.startEquity)))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>")
            chart.legend([("p05–p95", c + "55"), ("p25–p75", c + "99"), ("median", c)])
            out += "<div class=\"chart\"><h3>\(esc(o.scenario.name))</h3>\(chart.svg)</div>\n"
        }
        return out + "</div>\n"
    }

    // MARK: - Histograms

    func histogramSection() -> String {
        var out = "<h2>P&amp;L distributions</h2><p class=\"muted\">Final P&amp;L per path in 40 equal bins over the central 99% of all scenarios (the end bins also hold the tails beyond); share of paths per bin, one line per scenario.</p><div class=\"charts\">\n"
        for h in histograms {
            let shares = h.counts.enumerated().map { s, counts -> [Double] in
                let n = Double(max(1, outcomes[s].paths))
                return counts.map { Double($0) / n * 100 }
            }
            let top = max(1e-9, shares.flatMap { $0 }.max() ?? 1)
            var chart = SVGChart(width: 540, height: 280, x: h.edges.first!...h.edges.last!, y: 0...(top * 1.1))
            chart.axes(xTitle: "final P&L (\(currency))", yTitle: "share of paths (%)", xLabel: SVGChart.shortMoney,
                       yLabel: { SVGChart.trim($0) })
            for (s, values) in shares.enumerated() {
                var points: [(Double, Double)] = [(h.edges[0], 0)]
                for b in values.indices {
                    points.append((h.edges[b], values[b]))
                    points.append((h.edges[b + 1], values[b]))
                }
                points.append((h.edges.last!, 0))
                chart.add("<path d=\"\(chart.path(points))\" fill=\"\(color(s))\" fill-opacity=\"0.08\" stroke=\"\(color(s))\" stroke-width=\"1.5\"/>")
            }
            if h.edges.first! < 0 && h.edges.last! > 0 {
                chart.add("<line x1=\"\(f(chart.x(0)))\" x2=\"\(f(chart.x(0)))\" y1=\"\(f(chart.plotTop))\" y2=\"\(f(chart.plotBottom))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>")
            }
            chart.legend(outcomes.enumerated().map { ($1.scenario.name, color($0)) })
            let title = h.variant.isEmpty ? h.decision : "\(h.decision) / \(h.variant)"
            out += "<div class=\"chart\"><h3>\(esc(title))</h3>\(chart.svg)</div>\n"
        }
        return out + "</div>\n"
    }

    // MARK: - Theses

    /// How the thesis table names what it checks the card against.
    struct ThesisWords {
        /// "the simulation says"
        var says: String
        /// The median's column: "simulated median".
        var median: String
        /// The probability's column: "P(claim met)".
        var probability: String
        /// The entered count's column: "entered paths".
        var entered: String

        static let simulation = ThesisWords(says: "the simulation says", median: "simulated median", probability: "P(claim met)",
                                            entered: "entered paths")
    }

    func thesisSection(_ words: ThesisWords = .simulation) -> String {
        guard !theses.isEmpty else { return "<h2>Card theses</h2><p>The playbook records no theses.</p>\n" }
        var out = "<h2>Card theses: the card says, \(words.says)</h2><table><tr><th class=\"l\">decision</th><th class=\"l\">the card says</th><th>band</th><th class=\"l\">tested as</th><th class=\"l\">scenario</th><th>\(words.median)</th><th>\(words.probability)</th><th>\(words.entered)</th></tr>\n"
        for r in theses {
            let fmt: (Double?) -> String
            switch r.thesis.metric {
            case .return: fmt = fmtPct
            case .pnl: fmt = fmtMoney
            case .relativeReturnBps: fmt = { $0.map { String(format: "%.0f bps", $0) } ?? "—" }
            }
            let band: String
            switch r.thesis.test {
            case .within: band = "\(fmt(r.thesis.low)) to \(fmt(r.thesis.high))"
            case .atLeast: band = "≥ \(fmt(r.thesis.low))"
            case .atMost: band = "≤ \(fmt(r.thesis.high))"
            }
            let cls = r.probability.map { $0 >= 0.5 ? "met" : "unmet" } ?? "muted"
            let name = r.variant.isEmpty ? r.decision : "\(r.decision) / \(r.variant)"
            let met = r.status.isEmpty ? fmtPct(r.probability) : r.status
            out += "<tr><td class=\"l\">\(esc(name))</td><td class=\"l\">\(esc(r.claim))</td><td>\(esc(band))</td><td class=\"l\">\(esc(r.thesis.words))</td><td class=\"l\">\(esc(r.scenario))</td><td>\(esc(fmt(r.median)))</td><td class=\"\(cls)\">\(esc(met))</td><td>\(r.enteredPaths)</td></tr>\n"
        }
        return out + "</table>\n"
    }

    // MARK: - Exits and conventions

    func exitSection() -> String {
        var out = "<h2>How decisions ended</h2><table><tr><th class=\"l\">scenario</th><th class=\"l\">decision</th>"
        let assigns = outcomes.contains { $0.variants.contains(where: \.mayBeAssigned) }
        let reasons = ExitsTable.order.filter { $0 != .assigned || assigns }
        for r in reasons { out += "<th>\(esc(r.label))</th>" }
        out += "</tr>\n"
        for o in outcomes {
            for v in o.variants {
                let name = v.variantName.isEmpty ? v.decisionID : "\(v.decisionID) / \(v.variantName)"
                out += "<tr><td class=\"l\">\(esc(o.scenario.name))</td><td class=\"l\">\(esc(name))</td>"
                let tally = ExitsTable.Tally(v)
                for r in reasons {
                    let n = tally.count[Int(r.rawValue)]
                    out += "<td>\(fmtPct(Double(n) / Double(max(1, o.paths))))</td>"
                }
                out += "</tr>\n"
            }
        }
        return out + "</table>\n"
    }

    func conventionsSection() -> String {
        var out = "<h2>Conventions</h2><ul>\n"
        for (k, v) in RunManifest.conventions { out += "<li><b>\(esc(k))</b>: \(esc(v))</li>\n" }
        return out + "</ul>\n<p class=\"muted\">The CSV files beside this page hold every number shown here.</p>\n"
    }

    // MARK: - Formatting

    func f(_ v: Double) -> String { NumberText.fixed(v, digits: 1) }

    func fmtMoney(_ v: Double?) -> String { HTMLPage.money(v) }

    func fmtPct(_ v: Double?) -> String { HTMLPage.percent(v) }
}
