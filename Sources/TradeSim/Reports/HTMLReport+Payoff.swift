import Foundation

/// The report's payoff charts: per option decision variant, its P&L against each underlying's
/// move at the planned exit and at expiry, and the whole position under a parallel move
/// (`PayoffCurves`), in the first scenario.
extension HTMLReport {
    func payoffSection() -> String {
        let playbook = study.runPlaybook
        guard let scenario = outcomes.first?.scenario else { return "" }
        let optionVariants = playbook.variants.enumerated().filter { $0.element.hasOptions }
        guard !optionVariants.isEmpty else { return "" }
        // A backtest at a chain's quotes traded the quoted contracts: these curves are the
        // model's position, which the page says first.
        let quoted = outcomes.first?.atChainQuotes == true
            ? "<p><b>This backtest traded a chain's quoted contracts</b> (their strikes, expiries and fills: trades.csv); the charts below show instead the position the playbook's rules enter at model prices, for its shape.</p>" : ""
        var out = """
        <h2>P&amp;L of the option decisions at the planned exit and at expiry</h2>
        \(quoted)<p class="muted">In scenario \(esc(scenario.name)): the position the engine enters on the decision's entry day (day 0 for an entry on weakness) at the scenario's start prices — strikes, quantities and premiums at the model mid by the engine's rules — valued against the move of each underlying (x: % from its start price; y: P&amp;L in \(esc(currency)), before costs and carry).
        <b>Solid</b>: on the planned exit day, the first of the last option's expiry, entry + exit.horizon, the exit.daysAfterEvent day and the scenario's end (a stop or a target depends on the path and is not drawn); options still open are valued as the engine marks them, Black–Scholes–Merton (American legs: their American value) at the scenario's implied vol for that day and their remaining tenor (without an event outcome's IV rescaling).
        <b>Dashed</b>: at expiry, every option at its intrinsic value. One chart per underlying (only that underlying moves); with several, the whole position assumes they all move by the same % (a parallel move). Dotted verticals: strikes.</p>

        """
        for (index, v) in optionVariants {
            let name = v.name.isEmpty ? v.decisionID : "\(v.decisionID) / \(v.name)"
            guard let curves = PayoffCurves(study: study, playbook: playbook, variant: index, scenario: scenario) else {
                out += "<h3>\(esc(name))</h3><p class=\"muted\">Not entered in \(esc(scenario.name)) (its event is not scheduled, or a premium budget cannot size a net credit).</p>\n"
                continue
            }
            let dates = scenario.dates
            func date(_ d: Int) -> String { d < dates.count ? " (\(dates[d]))" : "" }
            let premiumWord = curves.premium >= 0 ? "premium paid" : "premium received"
            out += "<h3>\(esc(name))</h3><p class=\"muted\">Entry day \(curves.entryDay)\(date(curves.entryDay)); planned exit day \(curves.exitDay)\(date(curves.exitDay)) by the \(curves.exitRule.rawValue); last expiry day \(curves.lastExpiry)\(date(curves.lastExpiry)); \(premiumWord) \(esc(fmtMoney(abs(curves.premium))))\(curves.outcomeRescalesIV ? "; on the paths an event's outcome also rescales the IV (not drawn)" : "").</p><div class=\"charts\">\n"
            let exitLabel = "exit, day \(curves.exitDay)"
            for c in curves.perUnderlying {
                let ticker = study.universe.assets[c.asset].ticker
                let strikes = v.legs.indices.compactMap { k -> Double? in
                    guard v.legs[k].asset == c.asset, v.legs[k].isOption else { return nil }
                    return curves.strikes[k].map { $0 / c.startPrice - 1 }
                }
                out += payoffChart(title: "\(ticker) alone", xTitle: "\(ticker) move from \(NumberText.fixed(c.startPrice, digits: 2)) (%)",
                                   moves: curves.moves, atExit: c.atExit, atExpiry: c.atExpiry, exitLabel: exitLabel, strikes: strikes)
            }
            if curves.perUnderlying.count > 1 {
                out += payoffChart(title: "Whole position (all \(curves.perUnderlying.count) move by the same %)",
                                   xTitle: "move of every underlying (%), parallel", moves: curves.moves,
                                   atExit: curves.wholeAtExit, atExpiry: curves.wholeAtExpiry, exitLabel: exitLabel, strikes: [])
            }
            out += "</div>\n"
        }
        return out
    }

    /// One P&L chart: solid at the exit, dashed at expiry, a zero line, dotted strikes
    /// (`strikes` as moves, decimals).
    func payoffChart(title: String, xTitle: String, moves: [Double], atExit: [Double], atExpiry: [Double], exitLabel: String,
                     strikes: [Double]) -> String {
        let all = atExit + atExpiry
        let lo = min(all.min() ?? 0, 0), hi = max(all.max() ?? 1, 0)
        let pad = max(1, (hi - lo) * 0.08)
        let xs = moves.map { $0 * 100 }
        var chart = SVGChart(width: 340, height: 260, x: (xs.first ?? -50)...(xs.last ?? 50), y: (lo - pad)...(hi + pad + (hi - lo) * 0.08))
        chart.margin.top = 28
        chart.margin.left = 64
        chart.axes(xTitle: xTitle, yTitle: "P&L (\(currency))", xLabel: { SVGChart.trim($0) }, yLabel: SVGChart.shortMoney)
        chart.add("<line x1=\"\(f(chart.plotLeft))\" x2=\"\(f(chart.plotRight))\" y1=\"\(f(chart.y(0)))\" y2=\"\(f(chart.y(0)))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>")
        for k in strikes where k * 100 > chart.xDomain.lowerBound && k * 100 < chart.xDomain.upperBound {
            chart.add("<line x1=\"\(f(chart.x(k * 100)))\" x2=\"\(f(chart.x(k * 100)))\" y1=\"\(f(chart.plotTop))\" y2=\"\(f(chart.plotBottom))\" stroke=\"#bbb\" stroke-dasharray=\"2 3\"/>")
        }
        chart.add("<path d=\"\(chart.path(zip(xs, atExpiry).map { ($0, $1) }))\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>")
        chart.add("<path d=\"\(chart.path(zip(xs, atExit).map { ($0, $1) }))\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>")
        chart.legend([(exitLabel, "#1f77b4"), ("expiry", "#d62728")])
        return "<div class=\"chart\"><h3>\(esc(title))</h3>\(chart.svg)</div>\n"
    }
}
