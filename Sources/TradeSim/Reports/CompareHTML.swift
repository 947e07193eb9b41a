/// The `report.html` of a comparison: one self-contained page (inline CSS, no scripts): what
/// was compared and what the standard errors are, the portfolio's statistics in A and B with
/// their changes (blended, or the only scenario), then a table per scenario (blended first) of
/// every decision variant's changes — each cell coloured by the change (blue better for the
/// trader, red worse; VaR and CVaR are losses, so a rise is red), bold and starred where
/// |change| > 1.96 standard errors.
struct CompareHTML {
    var mode: CompareReport.Mode
    var a: CompareReport.Side
    var b: CompareReport.Side
    var rows: [CompareRow]
    var currency: String?

    static let extraStyle = "td.sig{font-weight:700}td .se{color:#555;font-size:.85em}td.dark,td.dark .se{color:#fff}td.one{color:#666;text-align:center}"

    func esc(_ s: String) -> String { SVGChart.escape(s) }

    /// A side's name for headers: its study, or its path.
    func name(_ s: CompareReport.Side) -> String { s.study ?? s.path }

    var html: String {
        let scenarios = rows.map(\.scenario).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let ordered = scenarios.contains("blended") ? ["blended"] + scenarios.filter { $0 != "blended" } : scenarios
        let money = currency.map { "money in \(esc($0))" } ?? "money in the studies' currency"
        var setting: String
        switch mode {
        case let .studies(configuration, bootstrap):
            setting = "two studies run here · \(configuration.paths) paths per scenario · seed \(configuration.seed) · paired bootstrap of \(bootstrap.resamples) resamples (seed \(bootstrap.seed))"
        case .reportFolders:
            setting = "two report folders: their summary.csv only · standard errors of independent runs"
        }
        var page = HTMLPage.head(title: "\(name(a)) vs \(name(b)) — tradesim compare", extraStyle: Self.extraStyle) + """
        <h1>Compare: \(esc(name(a))) → \(esc(name(b)))</h1>
        <p class="muted">tradesim \(TradeSimVersion.string) · \(setting) · \(money)</p>
        <table><tr><th class="l">run</th><th class="l">path</th><th class="l">study</th><th class="l">changes (--set)</th></tr>
        \(sideRow("A", a))\(sideRow("B", b))</table>
        <p>\(explanation)</p>

        """
        page += portfolioSection(scenario: ordered.first ?? "")
        for s in ordered { page += scenarioSection(s) }
        page += "<p class=\"muted\">compare.csv beside this page holds every number shown here.</p>\n</body></html>\n"
        return page
    }

    func sideRow(_ label: String, _ s: CompareReport.Side) -> String {
        "<tr><td class=\"l\">\(label)</td><td class=\"l\">\(esc(s.path))</td><td class=\"l\">\(esc(s.study ?? "—"))</td>"
            + "<td class=\"l\">\(esc(s.edits.isEmpty ? "—" : s.edits.map(\.description).joined(separator: ", ")))</td></tr>\n"
    }

    var explanation: String {
        switch mode {
        case let .studies(_, bootstrap):
            "Both studies ran here on the same seed, paths and scenarios, so path i of a scenario drew the same random numbers in A and B wherever the scenario is built the same (common random numbers). Rows are matched by scenario name and path count, decision and variant. Each change is B − A. Its standard error is paired: for the mean P&amp;L and P(profit) the standard deviation of the per-path differences / √n; for the quantiles, VaR and CVaR a paired bootstrap (\(bootstrap.resamples) resamples of the paths, the same paths in A and B; the standard error itself is uncertain by about 5%). Blended: the scenarios’ errors combined by their weights; the quantiles’ by resampling each scenario’s paths. ± independent is what two runs on independent seeds would give, √(se<sub>A</sub>² + se<sub>B</sub>²). Mean return has no standard error."
        case .reportFolders:
            "A and B are report folders, so only their summary.csv are compared: each change is B − A of the summaries’ values, and the <strong>standard errors are of independent runs</strong>: the mean P&amp;L’s is √(mc_stderr<sub>A</sub>² + mc_stderr<sub>B</sub>²); the other statistics have none (a summary keeps no per-path values). Two runs that shared their random numbers have a smaller true standard error: compare the study files for paired ones."
        }
    }

    // MARK: - Numbers

    /// A value of `s`: money, or a percentage.
    static func value(_ v: Double?, _ s: CompareStatistic) -> String {
        s.isMoney ? HTMLPage.money(v) : HTMLPage.percent(v)
    }

    /// A change: signed money, or signed percentage points.
    static func change(_ v: Double?, _ s: CompareStatistic) -> String {
        guard let v, v.isFinite else { return "—" }
        if s.isMoney {
            let t = HTMLPage.money(v)
            return v > 0 && t != "0" ? "+" + t : t
        }
        let t = NumberText.fixed(abs(v) * 100, digits: 1)
        return (t == "0.0" ? "" : v > 0 ? "+" : "−") + t + " pp"
    }

    /// A standard error: "± 123", "± 0.4 pp", or "" without one.
    static func standardError(_ v: Double?, _ s: CompareStatistic) -> String {
        guard let v, v.isFinite else { return "" }
        return "± " + (s.isMoney ? HTMLPage.money(v) : NumberText.fixed(v * 100, digits: 1) + " pp")
    }

    // MARK: - Sections

    /// The portfolio of `scenario` (blended, or the only one): each statistic in A and B, its
    /// change and standard error.
    func portfolioSection(scenario: String) -> String {
        guard let r = rows.first(where: { $0.scenario == scenario && $0.decision == "portfolio" }) else { return "" }
        let title = scenario == "blended" ? "Portfolio, blended (the scenarios by their weights)" : "Portfolio, \(esc(scenario))"
        var out = "<h2>\(title)</h2><table><tr><th class=\"l\">statistic</th><th>A</th><th>B</th><th>change B − A</th><th>± s.e.</th><th>significant</th></tr>\n"
        for s in CompareStatistic.allCases {
            let sig = r.isSignificant(s)
            out += "<tr><td class=\"l\">\(esc(s.label))</td><td>\(Self.value(r.a.flatMap(s.value), s))</td><td>\(Self.value(r.b.flatMap(s.value), s))</td>"
                + "<td\(sig == true ? " class=\"sig\"" : "")>\(Self.change(r.change(s), s))\(sig == true ? " *" : "")</td>"
                + "<td>\(Self.standardError(r.standardError(s), s))\(s == .meanPnL && mode.isStudies ? " (paired); " + Self.standardError(r.independentStandardError, s) + " independent" : "")</td>"
                + "<td>\(sig.map { $0 ? "yes" : "no" } ?? "—")</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// The statistics shown per decision variant: every change, with A's and B's mean P&L.
    static let shown = CompareStatistic.allCases

    func scenarioSection(_ scenario: String) -> String {
        let here = rows.filter { $0.scenario == scenario }
        // Each column's colour scale: its largest |change| in this scenario.
        let scales = Self.shown.map { s in here.compactMap { $0.change(s).map(abs) }.max() ?? 0 }
        let title = scenario == "blended" ? "blended (the scenarios by their weights)" : scenario
        let paths = here.first { $0.a != nil && $0.b != nil }.map { r in r.a!.paths == r.b!.paths ? "\(r.a!.paths) paths" : "\(r.a!.paths) paths in A, \(r.b!.paths) in B" } ?? ""
        var out = "<h2>\(esc(title))</h2><p class=\"muted\">\(paths). Each cell: the change B − A and its standard error; blue better, red worse, the strongest colour the column’s largest change; bold with * where |change| &gt; 1.96 s.e.</p>"
        out += "<table><tr><th class=\"l\">decision</th><th>mean P&amp;L A</th><th>mean P&amp;L B</th>"
            + Self.shown.map { "<th>Δ \(esc($0.label))</th>" }.joined() + "</tr>\n"
        for r in here {
            out += "<tr><td class=\"l\">\(esc(r.label))</td><td>\(HTMLPage.money(r.a?.pnl.mean))</td><td>\(HTMLPage.money(r.b?.pnl.mean))</td>"
            guard r.a != nil && r.b != nil else {
                out += "<td colspan=\"\(Self.shown.count)\" class=\"one\">only in \(r.a == nil ? "B" : "A")</td></tr>\n"
                continue
            }
            for (j, s) in Self.shown.enumerated() { out += cell(r, s, scale: scales[j]) }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// One change cell: coloured, with its standard error and a tooltip of A's and B's values.
    func cell(_ r: CompareRow, _ s: CompareStatistic, scale: Double) -> String {
        let d = r.change(s)
        let good = d.map { s.higherIsBetter ? $0 : -$0 }
        let fill = good.map { HTMLPage.fill($0, scale: scale) } ?? "#ffffff"
        let sig = r.isSignificant(s) == true
        let dark = scale > 0 && abs(d ?? 0) / scale > 0.6
        var classes: [String] = []
        if sig { classes.append("sig") }
        if dark { classes.append("dark") }
        let tip = "\(r.label) · \(s.label): A \(Self.value(r.a.flatMap(s.value), s)) → B \(Self.value(r.b.flatMap(s.value), s))"
            + (s == .meanPnL && mode.isStudies ? "; ± \(HTMLPage.money(r.independentStandardError)) independent" : "")
        let se = Self.standardError(r.standardError(s), s)
        return "<td style=\"background:\(fill)\"\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"") title=\"\(esc(tip))\">"
            + "\(Self.change(d, s))\(sig ? " *" : "")\(se.isEmpty ? "" : "<br><span class=\"se\">\(se)</span>")</td>"
    }
}
