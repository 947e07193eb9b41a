/// The `report.html` of a what-if grid: one self-contained page (inline CSS and SVG, no
/// scripts): what the grid is, the positions valued, then per block (the portfolio first, then
/// each decision variant) one heat map per day — spot shocks across, IV shocks down (the
/// highest on top) — of the P&L from entry, blue gains and red losses on one scale per block,
/// each square printed with its P&L and the unshocked square outlined.
struct GridHTML {
    var study: Study
    var grid: WhatIfGrid

    func esc(_ s: String) -> String { SVGChart.escape(s) }
    func f(_ v: Double) -> String { NumberText.fixed(v, digits: 1) }

    /// A shock as a label: +5, −10, 0, +2.5.
    static func signed(_ x: Double) -> String {
        (x > 0 ? "+" : x < 0 ? "−" : "") + JSONText.wholeOrDecimal(abs(x))
    }

    /// The date of scenario day `day`; past the horizon, the study calendar's when the scenario
    /// starts on the study's start (a listed expiry after the horizon), else "day N".
    func date(_ day: Int) -> String {
        let dates = grid.scenario.dates
        if day < dates.count { return dates[day].description }
        guard dates.first == study.calendar.dates(through: 0).first, day <= 100_000 else { return "day \(day)" }
        return study.calendar.dates(through: day)[day].description
    }

    var html: String {
        let s = grid.shocks
        let scaling = s.betaScaled ? "× each underlying's beta" : "the same for every underlying"
        let response = s.termResponse == .flat
            ? "<b>flat</b>: every tenor takes the whole shock"
            : "<b>sqrt</b>: an option with τ trading days left takes the shock × min(\(JSONText.wholeOrDecimal(WhatIfShocks.maximumResponse)), √(\(WhatIfShocks.referenceTenorDays)/τ)) — a 1-month option all of it, a 4-month one half, short-dated vol moving most"
        var page = HTMLPage.head(title: "\(study.name) — tradesim grid") + """
        <h1>\(esc(study.name)): price × vol × date</h1>
        <p>\(esc(study.description))</p>
        <p class="muted">tradesim \(TradeSimVersion.string) · scenario \(esc(grid.scenario.name)) · spot shocks \(esc(s.spotPercent.map(Self.signed).joined(separator: ", ")))% · IV shocks \(esc(s.ivVolPoints.map(Self.signed).joined(separator: ", "))) vol points · days \(s.days.map(String.init).joined(separator: ", ")) after entry · money in \(esc(study.currency))</p>
        <p>Each decision variant's position as the engine enters it — on its entry day (day 0 for an entry on weakness) at the scenario's start prices, strikes, quantities and premiums by the engine's rules — held as entered (no stop, target or planned exit; no costs or carry), revalued t trading days after its entry with every underlying's price moved by the spot shock (\(scaling)) and the implied vol of every open option moved by the IV shock, added to its at-the-money IV for that day and its remaining tenor before the study's smile and spot–vol beta (\(response)). Open options are marked as the engine marks them (Black–Scholes–Merton mid at the scenario's IV for the day); options past expiry at their intrinsic value at the shocked price. A square shows the P&amp;L from entry; \(grid.portfolioMembers.isEmpty ? "the portfolio holds none of the variants that enter here" : "the portfolio adds the variants it holds (\(esc(grid.portfolioMembers.joined(separator: ", ")))), each on its own day t after its entry").</p>

        """
        if !grid.notEntered.isEmpty {
            page += "<p class=\"muted\">Not entered in \(esc(grid.scenario.name)), so not in the grid: \(esc(grid.notEntered.joined(separator: ", "))).</p>\n"
        }
        page += positionsSection()
        let ordered = grid.blocks.filter { $0.decision == "portfolio" } + grid.blocks.filter { $0.decision != "portfolio" }
        for b in ordered { page += blockSection(b) }
        page += "<p class=\"muted\">grid.csv beside this page holds every square with its value, delta_dollars and vega_per_vol_pt.</p>\n</body></html>\n"
        return page
    }

    func positionsSection() -> String {
        var out = "<h2>The positions</h2><table><tr><th class=\"l\">decision</th><th>entry</th><th class=\"l\">leg</th><th>strike</th><th>expiry</th><th>quantity</th><th>entry mark</th><th>start price</th></tr>\n"
        for b in grid.blocks where b.decision != "portfolio" {
            let entry = b.entryDay.map { "day \($0) (\(date($0)))" } ?? ""
            for (n, leg) in b.legs.enumerated() {
                let name = n == 0 ? "<td class=\"l\" rowspan=\"\(b.legs.count)\">\(esc(b.label))<br><span class=\"muted\">value \(HTMLPage.money(b.entryValue))\(b.premium != 0 ? ", premium \(HTMLPage.money(b.premium))" : "")</span></td><td rowspan=\"\(b.legs.count)\">\(esc(entry))</td>" : ""
                out += "<tr>\(name)<td class=\"l\">\(esc(leg.ticker)) \(leg.instrument)</td><td>\(leg.strike.map { NumberText.fixed($0, digits: 2) } ?? "")</td>"
                    + "<td>\(leg.expiryDay.map { esc(date($0)) } ?? "")</td><td>\(NumberText.fixed(leg.quantity, digits: 2))</td>"
                    + "<td>\(NumberText.fixed(leg.entryMark, digits: 2))</td><td>\(NumberText.fixed(leg.startPrice, digits: 2))</td></tr>\n"
            }
        }
        return out + "</table>\n"
    }

    func blockSection(_ b: WhatIfGrid.Block) -> String {
        let scale = b.cells.map { abs($0.pnl) }.max() ?? 0
        let entry = b.entryDay.map { "enters on day \($0) (\(date($0)))" } ?? "its variants enter on different days"
        var out = "<h2>\(esc(b.label))</h2><p class=\"muted\">P&amp;L from entry in \(esc(study.currency)) (value at entry \(HTMLPage.money(b.entryValue))); \(entry); blue gains, red losses, the strongest colour ±\(esc(HTMLPage.money(scale))); outlined: no shock.\(b.outcomeRescalesIV ? " On the paths an event's outcome also rescales the IV (not in the grid)." : "")</p><div class=\"charts\">\n"
        for (j, t) in grid.shocks.days.enumerated() {
            let when = grid.date(entryDay: b.entryDay, day: t).map { " (\($0))" } ?? ""
            out += "<div class=\"chart\"><h3>day \(t) after entry\(esc(when))</h3>\(heatMap(b, day: j, scale: scale))</div>\n"
        }
        return out + "</div>\n"
    }

    /// Spot shocks across, IV shocks down from the highest; each square its P&L.
    func heatMap(_ b: WhatIfGrid.Block, day j: Int, scale: Double) -> String {
        let spots = grid.shocks.spotPercent, vols = grid.shocks.ivVolPoints
        let cellWidth = 58.0, rowHeight = 24.0, left = 62.0, top = 40.0
        var chart = SVGChart(width: left + cellWidth * Double(spots.count) + 8, height: top + rowHeight * Double(vols.count) + 8, x: 0...1, y: 0...1)
        chart.add("<text x=\"\(f(left + cellWidth * Double(spots.count) / 2))\" y=\"12\" text-anchor=\"middle\" class=\"title\">spot shock (%)</text>")
        chart.add("<text transform=\"translate(12 \(f(top + rowHeight * Double(vols.count) / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"title\">IV shock (vol pts)</text>")
        for (s, x) in spots.enumerated() {
            chart.add("<text x=\"\(f(left + cellWidth * (Double(s) + 0.5)))\" y=\"\(f(top - 8))\" text-anchor=\"middle\" class=\"tick\">\(esc(Self.signed(x)))</text>")
        }
        for (row, v) in vols.indices.reversed().enumerated() {
            let y = top + rowHeight * Double(row)
            chart.add("<text x=\"\(f(left - 6))\" y=\"\(f(y + rowHeight / 2 + 4))\" text-anchor=\"end\" class=\"tick\">\(esc(Self.signed(vols[v])))</text>")
            for s in spots.indices {
                let c = b.cells[grid.index(day: j, spot: s, iv: v)]
                let x = left + cellWidth * Double(s)
                let unshocked = spots[s] == 0 && vols[v] == 0
                let stroke = unshocked ? "stroke=\"#111\" stroke-width=\"2\"" : "stroke=\"#fff\" stroke-width=\"1\""
                let dark = scale > 0 && abs(c.pnl) / scale > 0.6
                let tip = "spot \(Self.signed(spots[s]))%, IV \(Self.signed(vols[v])) vol pts: value \(HTMLPage.money(c.value)), P&L \(HTMLPage.money(c.pnl)), delta $ \(HTMLPage.money(c.deltaDollars)) per 100%, vega \(HTMLPage.money(c.vegaPerVolPoint)) per vol pt"
                chart.add("<rect x=\"\(f(x + 1))\" y=\"\(f(y + 1))\" width=\"\(f(cellWidth - 2))\" height=\"\(f(rowHeight - 2))\" fill=\"\(HTMLPage.fill(c.pnl, scale: scale))\" \(stroke)><title>\(esc(tip))</title></rect>")
                chart.add("<text x=\"\(f(x + cellWidth / 2))\" y=\"\(f(y + rowHeight / 2 + 4))\" text-anchor=\"middle\" class=\"tick\"\(dark ? " style=\"fill:#fff\"" : "")>\(esc(SweepHTML.shortMoney(c.pnl, signed: true)))</text>")
            }
        }
        return chart.svg
    }
}
