import Foundation

/// The `report.html` of a sweep: one self-contained page (inline CSS and SVG, no scripts):
/// the grid, a heat map per scenario (blended first) of each cell's mean P&L difference from
/// the base cell per decision variant and the portfolio — colour the difference, outlined
/// where it is significant on its paired standard error — and the table of the blended (or
/// only) scenario with the paired and independent-seed standard errors side by side.
struct SweepHTML {
    var study: Study
    var grid: SweepGrid
    var rows: [SweepRow]
    var configuration: RunConfiguration

    static let extraStyle = "td.sig{font-weight:600}td.base{color:#666}"

    func esc(_ s: String) -> String { SVGChart.escape(s) }

    /// A varied path's name in headers: its last step (`stopLoss`), or the whole path when two
    /// varied paths end alike.
    var shortNames: [String] {
        let last = grid.varies.map { $0[0].steps.last.map(\.text) ?? $0[0].path }
        return last.enumerated().map { j, name in last.filter { $0 == name }.count > 1 ? grid.paths[j] : name }
    }

    /// A cell's label: its values, `·`-separated, "(base)" after the base cell's.
    func label(_ cell: Int) -> String {
        grid.values(cell).joined(separator: " · ") + (cell == 0 ? " (base)" : "")
    }

    var html: String {
        let scenarios = rows.filter { $0.cell == 0 }.map(\.summary.scenario).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let ordered = scenarios.contains("blended") ? ["blended"] + scenarios.filter { $0 != "blended" } : scenarios
        var page = HTMLPage.head(title: "\(study.name) — tradesim sweep", extraStyle: Self.extraStyle) + """
        <h1>\(esc(study.name)): sweep</h1>
        <p>\(esc(study.description))</p>
        <p class="muted">tradesim \(TradeSimVersion.string) · \(grid.cellCount) cells · \(configuration.paths) paths per scenario · seed \(configuration.seed) · money in \(esc(study.currency))</p>
        <p>Every cell is a whole run of the study with the values below, on the same random numbers (the same seed, scenarios and paths: common random numbers), so path i of one cell saw the prices and events path i of the base cell saw. A difference from the base cell is the mean of the per-path differences; its paired standard error is their standard deviation / √n, beside the √(se² + se_base²) two runs on independent seeds would have.</p>

        """
        page += gridSection()
        for s in ordered { page += heatMap(scenario: s) }
        page += tableSection(scenario: ordered.first ?? "")
        page += "<p class=\"muted\">sweep.csv beside this page holds every number shown here.</p>\n</body></html>\n"
        return page
    }

    func gridSection() -> String {
        var out = "<h2>The grid</h2><table><tr><th class=\"l\">varied path</th><th class=\"l\">values (the first is the base cell's)</th></tr>\n"
        for edits in grid.varies {
            out += "<tr><td class=\"l\">\(esc(edits[0].path))</td><td class=\"l\">\(esc(edits.map(\.valueText).joined(separator: ", ")))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// The decision variants and the portfolio, in report order, with their labels.
    func columns(scenario: String) -> [(decision: String, variant: String, label: String)] {
        rows.filter { $0.cell == 0 && $0.summary.scenario == scenario }.map {
            ($0.summary.decision, $0.summary.variant, $0.summary.variant.isEmpty ? $0.summary.decision : "\($0.summary.decision) / \($0.summary.variant)")
        }
    }

    func heatMap(scenario: String) -> String {
        let cols = columns(scenario: scenario)
        guard !cols.isEmpty else { return "" }
        let cellWidth = 104.0, rowHeight = 24.0
        let labels = (0..<grid.cellCount).map(label)
        let labelWidth = max(120, 16 + 6.6 * Double(min(HTMLReport.labelLimit, labels.map(\.count).max() ?? 0)))
        let headerDepth = 24 + 6.2 * sin(35 * Double.pi / 180) * Double(min(HTMLReport.labelLimit, cols.map(\.label.count).max() ?? 0))
        let top = headerDepth + 24
        var chart = SVGChart(width: labelWidth + cellWidth * Double(cols.count) + 24, height: top + rowHeight * Double(grid.cellCount) + 12,
                             x: 0...1, y: 0...1)
        var differences: [[SweepRow?]] = []
        for k in 0..<grid.cellCount {
            differences.append(cols.map { c in
                rows.first { $0.cell == k && $0.summary.scenario == scenario && $0.summary.decision == c.decision && $0.summary.variant == c.variant }
            })
        }
        let scale = differences.flatMap { $0.compactMap { $0?.difference?.mean.map(abs) } }.max() ?? 0
        chart.add("<text x=\"\(f(labelWidth - 8))\" y=\"\(f(top - 8))\" text-anchor=\"end\" class=\"title\">\(esc(shortNames.joined(separator: " · ")))</text>")
        for (j, c) in cols.enumerated() {
            let cx = labelWidth + cellWidth * (Double(j) + 0.5)
            chart.add("<text transform=\"translate(\(f(cx)) \(f(top - 6))) rotate(-35)\" class=\"tick\">\(esc(HTMLReport.clipped(c.label)))<title>\(esc(c.label))</title></text>")
        }
        for k in 0..<grid.cellCount {
            let y = top + rowHeight * Double(k)
            chart.add("<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + rowHeight / 2 + 4))\" text-anchor=\"end\" class=\"tick\">\(esc(HTMLReport.clipped(labels[k])))<title>\(esc(labels[k]))</title></text>")
            for (j, c) in cols.enumerated() {
                let x = labelWidth + cellWidth * Double(j)
                let row = differences[k][j]
                let d = row?.difference
                let fill = k == 0 ? "#eeeeee" : d?.mean.map { HTMLPage.fill($0, scale: scale) } ?? "#ffffff"
                let significant = k > 0 && (d?.isSignificant ?? false)
                let stroke = significant ? "stroke=\"#111\" stroke-width=\"2.5\"" : "stroke=\"#ccc\" stroke-width=\"1\""
                let text: String = k == 0 ? Self.shortMoney(row?.summary.pnl.mean) : Self.shortMoney(d?.mean, signed: true) + (significant ? " *" : "")
                let dark = k > 0 && scale > 0 && abs(d?.mean ?? 0) / scale > 0.6
                let tip = "\(labels[k]) · \(c.label): mean P&L \(HTMLPage.money(row?.summary.pnl.mean)); difference \(HTMLPage.money(d?.mean)) ± \(HTMLPage.money(d?.standardError)) paired (± \(HTMLPage.money(row?.independentStandardError)) independent)"
                chart.add("<rect x=\"\(f(x + 1))\" y=\"\(f(y + 1))\" width=\"\(f(cellWidth - 2))\" height=\"\(f(rowHeight - 2))\" fill=\"\(fill)\" \(stroke)><title>\(esc(tip))</title></rect>")
                chart.add("<text x=\"\(f(x + cellWidth / 2))\" y=\"\(f(y + rowHeight / 2 + 4))\" text-anchor=\"middle\" class=\"tick\"\(dark ? " style=\"fill:#fff\"" : "")>\(esc(text))</text>")
            }
        }
        let title = scenario == "blended" ? "blended (the scenarios by their weights)" : scenario
        return "<h2>Mean P&amp;L difference from the base cell: \(esc(title))</h2>"
            + "<p class=\"muted\">Each square: the cell's mean P&amp;L minus the base cell's (the grey row shows the base cell's mean P&amp;L), in \(esc(study.currency)); blue higher, red lower, the strongest colour ±\(esc(HTMLPage.money(scale))). Outlined and starred: |difference| &gt; 1.96 × its paired standard error (significant at 5%).</p>"
            + "<div class=\"chart\">\(chart.svg)</div>\n"
    }

    func tableSection(scenario: String) -> String {
        var out = "<h2>\(esc(scenario)): mean P&amp;L per cell, paired and independent standard errors</h2>"
            + "<table><tr><th class=\"l\">cell</th><th class=\"l\">decision</th><th>mean P&amp;L</th><th>±MC s.e.</th><th>difference</th><th>± paired s.e.</th><th>± independent s.e.</th><th>independent / paired</th><th>P(profit)</th><th>VaR95</th></tr>\n"
        for r in rows where r.summary.scenario == scenario {
            let s = r.summary
            let name = s.variant.isEmpty ? s.decision : "\(s.decision) / \(s.variant)"
            let d = r.difference
            let ratio: String = if let p = d?.standardError, p > 0, let i = r.independentStandardError { NumberText.fixed(i / p, digits: 1) + "×" } else { "—" }
            let cls = r.cell == 0 ? " class=\"base\"" : (d?.isSignificant ?? false) ? " class=\"sig\"" : ""
            out += "<tr><td class=\"l\">\(esc(label(r.cell)))</td><td class=\"l\">\(esc(name))</td><td>\(HTMLPage.money(s.pnl.mean))</td><td>\(HTMLPage.money(s.pnl.standardError))</td>"
                + "<td\(cls)>\(HTMLPage.money(d?.mean))</td><td>\(HTMLPage.money(d?.standardError))</td><td>\(HTMLPage.money(r.independentStandardError))</td><td>\(ratio)</td>"
                + "<td>\(HTMLPage.percent(s.pnl.probabilityPositive))</td><td>\(HTMLPage.money(s.pnl.var95))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// Money in a square: 1.2M, −40k, +3.5k (`signed`: a + on gains); "—" when undefined.
    static func shortMoney(_ v: Double?, signed: Bool = false) -> String {
        guard let v, v.isFinite else { return "—" }
        return (signed && v > 0 ? "+" : "") + SVGChart.shortMoney(v)
    }

    func f(_ v: Double) -> String { NumberText.fixed(v, digits: 1) }
}
