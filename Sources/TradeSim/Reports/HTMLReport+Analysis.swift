/// The report's position-analysis sections (`PositionAnalysis`): the book's exposure over
/// time, where each decision's P&L came from, and how concentrated the book is.
extension HTMLReport {
    /// Nothing when the run kept no analysis.
    func analysisSections() -> String {
        let analysed = outcomes.enumerated().filter { $0.element.analysis.map { $0.paths > 0 } ?? false }
        guard !analysed.isEmpty else { return "" }
        return exposureSection(analysed) + pnlByDateSection(analysed) + attributionSection(analysed) + concentrationSection(analysed)
    }

    /// Per scenario: the book's delta and beta-weighted delta dollars, and its vega per vol
    /// point, by day (median, band p05–p95).
    func exposureSection(_ analysed: [(offset: Int, element: ScenarioOutcomes)]) -> String {
        let paths = analysed[0].element.analysis!.paths
        var out = "<h2>Exposure over time</h2><p class=\"muted\">The book's positions (in-portfolio decisions and holdings) valued again at each close on \(paths == 1 ? "the one path" : "the first \(paths) paths"): delta dollars Σ q·Δ·S, beta-weighted Σ β·q·Δ·S (each asset's <code>beta</code>), vega per vol point Σ q·ν/100. Median line, band p05–p95 over the paths. Per name and for gamma, theta, market value and margin: exposure.csv.</p><div class=\"charts\">\n"
        for (k, o) in analysed {
            let a = o.analysis!
            let book = a.scopes.count - 1
            func series(_ m: PositionAnalysis.Measure) -> [PositionAnalysis.Stats] { a.exposure.map { $0[book][m.rawValue]! } }
            let dates = o.scenario.dates.map(\.description)
            let days = a.exposure.count
            func chart(_ measures: [(PositionAnalysis.Measure, String, String)], title: String, yTitle: String) -> String {
                let all = measures.flatMap { series($0.0) }
                let lo = min(0, all.map(\.p05).min() ?? 0), hi = max(0, all.map(\.p95).max() ?? 1)
                let pad = max(1, (hi - lo) * 0.05)
                var c = SVGChart(width: 540, height: 280, x: 0...Double(max(1, days - 1)), y: (lo - pad)...(hi + pad))
                c.axes(xTitle: o.datesAreShared ? "date (trading day)" : "trading days from the start", yTitle: yTitle,
                       xLabel: { d in let i = Int(d); return o.datesAreShared && i < dates.count ? dates[i] : String(i) },
                       yLabel: SVGChart.shortMoney, xTicks: SVGChart.niceTicks(0...Double(max(1, days - 1)), count: 4))
                for (m, _, color) in measures {
                    let s = series(m)
                    let p05 = s.enumerated().map { (Double($0), $1.p05) }, p95 = s.enumerated().map { (Double($0), $1.p95) }
                    c.add("<path d=\"\(c.path(p05 + p95.reversed())) Z\" fill=\"\(color)\" fill-opacity=\"0.15\"/>")
                    c.add("<path d=\"\(c.path(s.enumerated().map { (Double($0), $1.p50) }))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>")
                }
                c.add("<line x1=\"\(f(c.plotLeft))\" x2=\"\(f(c.plotRight))\" y1=\"\(f(c.y(0)))\" y2=\"\(f(c.y(0)))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>")
                c.legend(measures.map { ($0.1, $0.2) })
                return "<div class=\"chart\"><h3>\(esc(o.scenario.name)): \(esc(title))</h3>\(c.svg)</div>\n"
            }
            out += chart([(.deltaDollars, "delta $", color(k)), (.betaDeltaDollars, "beta-weighted delta $", "#444444")],
                         title: "book delta", yTitle: "money (\(currency))")
            out += chart([(.vegaPerVolPoint, "vega per vol point", color(k))], title: "book vega", yTitle: "money per vol point")
        }
        return out + "</div>\n"
    }

    /// Per variant: its P&L at each close, median and p05–p95 per scenario.
    func pnlByDateSection(_ analysed: [(offset: Int, element: ScenarioOutcomes)]) -> String {
        let first = analysed[0].element
        var out = "<h2>P&amp;L by date</h2><p class=\"muted\">Each decision's P&amp;L at every close (cash plus the day's marks; 0 before entry, the realized P&amp;L after exit) on \(first.analysis!.paths == 1 ? "the one path" : "the first \(first.analysis!.paths) paths"): median line and p05–p95 band per scenario (pnl_by_date.csv).</p><div class=\"charts\">\n"
        let dates = first.scenario.dates.map(\.description)
        for (k, v) in first.variants.enumerated() {
            let all = analysed.flatMap { $0.element.analysis!.pnlByDay[k] }
            let lo = min(0, all.map(\.p05).min() ?? 0), hi = max(0, all.map(\.p95).max() ?? 1)
            let pad = max(1, (hi - lo) * 0.05)
            let days = first.analysis!.pnlByDay[k].count
            var c = SVGChart(width: 540, height: 280, x: 0...Double(max(1, days - 1)), y: (lo - pad)...(hi + pad))
            c.axes(xTitle: first.datesAreShared ? "date (trading day)" : "trading days from the start", yTitle: "P&L (\(currency))",
                   xLabel: { d in let i = Int(d); return first.datesAreShared && i < dates.count ? dates[i] : String(i) },
                   yLabel: SVGChart.shortMoney, xTicks: SVGChart.niceTicks(0...Double(max(1, days - 1)), count: 4))
            for (s, o) in analysed {
                let series = o.analysis!.pnlByDay[k]
                let p05 = series.enumerated().map { (Double($0), $1.p05) }, p95 = series.enumerated().map { (Double($0), $1.p95) }
                c.add("<path d=\"\(c.path(p05 + p95.reversed())) Z\" fill=\"\(color(s))\" fill-opacity=\"0.1\"/>")
                c.add("<path d=\"\(c.path(series.enumerated().map { (Double($0), $1.p50) }))\" fill=\"none\" stroke=\"\(color(s))\" stroke-width=\"2\"/>")
            }
            c.add("<line x1=\"\(f(c.plotLeft))\" x2=\"\(f(c.plotRight))\" y1=\"\(f(c.y(0)))\" y2=\"\(f(c.y(0)))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>")
            c.legend(analysed.map { ($0.element.scenario.name, color($0.offset)) })
            let title = v.variantName.isEmpty ? v.decisionID : "\(v.decisionID) / \(v.variantName)"
            out += "<div class=\"chart\"><h3>\(esc(title))</h3>\(c.svg)</div>\n"
        }
        return out + "</div>\n"
    }

    /// Per scenario and variant: the mean of each part of the P&L.
    func attributionSection(_ analysed: [(offset: Int, element: ScenarioOutcomes)]) -> String {
        let parts = PositionAnalysis.Part.allCases
        var out = "<h2>Where the P&amp;L came from</h2><p class=\"muted\">Each decision's final P&amp;L split into daily Taylor terms from the previous close's Greeks, summed: delta, gamma, vega (the change of the leg's own IV\(outcomes.first?.atChainQuotes == true ? ": a quoted leg's, from its quotes" : "")), theta (one trading day), the whole move on a scheduled event's day (event jump), carry (dividends, borrow), costs and the residual (higher orders). Means over the analysis paths (a path without a trade counts 0); per leg and quantiles: attribution.csv.</p>\n"
        for (_, o) in analysed {
            let a = o.analysis!
            out += "<h3>\(esc(o.scenario.name))</h3><table><tr><th class=\"l\">decision</th>"
                + parts.map { "<th>\($0.column.replacingOccurrences(of: "_", with: " "))</th>" }.joined() + "<th>P&amp;L</th></tr>\n"
            var start = 0
            while start < a.legs.count {
                var end = start
                while end < a.legs.count && a.legs[end].decisionID == a.legs[start].decisionID
                        && a.legs[end].variantName == a.legs[start].variantName { end += 1 }
                let legs = a.legs[start..<end]
                func mean(_ values: (PositionAnalysis.LegAttribution) -> [Double]) -> Double {
                    legs.reduce(0.0) { $0 + values($1).reduce(0, +) } / Double(a.paths)
                }
                let first = a.legs[start]
                let name = first.variantName.isEmpty ? first.decisionID : "\(first.decisionID) / \(first.variantName)"
                out += "<tr><td class=\"l\">\(esc(name))</td>" + parts.map { p in "<td>\(fmtMoney(mean { $0.parts[p.rawValue] }))</td>" }.joined()
                    + "<td><b>\(fmtMoney(mean { $0.pnl }))</b></td></tr>\n"
                start = end
            }
            out += "</table>\n"
        }
        return out
    }

    /// Per scenario: the delta dollars each in-portfolio decision puts on each name at entry,
    /// and the correlation of the decisions' P&L.
    func concentrationSection(_ analysed: [(offset: Int, element: ScenarioOutcomes)]) -> String {
        var out = "<h2>Concentration</h2><p class=\"muted\">Delta dollars each decision holds in each name at its entry close (mean over the analysis paths on which it entered), and, when the run has more than one path, the correlation of the decisions' final P&amp;L over all of them. Variance shares and component CVaR: concentration.csv.</p>\n"
        for (_, o) in analysed {
            let a = o.analysis!
            let book = o.variants.indices.filter { o.variants[$0].inPortfolio }
            let label = { (k: Int) -> String in
                let v = o.variants[k]
                return v.variantName.isEmpty ? v.decisionID : "\(v.decisionID) / \(v.variantName)"
            }
            out += "<h3>\(esc(o.scenario.name))</h3><table><tr><th class=\"l\">name</th>" + book.map { "<th>\(esc(label($0)))</th>" }.joined()
                + "<th>total</th></tr>\n"
            for asset in study.universe.assets.indices {
                let row = book.map { a.entryDeltaDollars[$0][asset] }
                guard row.contains(where: { $0 != 0 }) else { continue }
                out += "<tr><td class=\"l\">\(esc(study.universe.assets[asset].ticker))</td>"
                    + row.map { "<td>\($0 == 0 ? "" : fmtMoney($0))</td>" }.joined() + "<td><b>\(fmtMoney(row.reduce(0, +)))</b></td></tr>\n"
            }
            out += "</table>\n"
            // One path (a backtest) has no correlation: no empty table (concentration.csv has none either).
            guard o.paths > 1 else { continue }
            out += "<table><tr><th class=\"l\">P&amp;L correlation</th>" + book.map { "<th>\(esc(label($0)))</th>" }.joined() + "</tr>\n"
            let c = PnLConcentration(book.map { o.variants[$0].pnl })
            for i in book.indices {
                out += "<tr><td class=\"l\">\(esc(label(book[i])))</td>"
                    + book.indices.map { "<td>\(c.correlation[i][$0].map { NumberText.fixed($0, digits: 2) } ?? "")</td>" }.joined() + "</tr>\n"
            }
            out += "</table>\n"
        }
        return out
    }
}
