/// A what-if grid's report rendered as named texts: `grid.csv` (`GridTable`) and
/// `report.html` (`GridHTML`); `run.json` from `manifest(inputs:edits:timings:)`. The library
/// renders, the caller writes.
public struct GridReport: Sendable {
    public let study: Study
    public let grid: WhatIfGrid
    /// `grid.csv` and `report.html`, in that order.
    public let files: [(name: String, text: String)]

    public init(study: Study, grid: WhatIfGrid) {
        self.study = study
        self.grid = grid
        files = [("grid.csv", GridTable.csv(grid)), ("report.html", GridHTML(study: study, grid: grid).html)]
    }

    /// The grid's axes and rules as run.json states them.
    var gridJSON: String {
        let s = grid.shocks
        let response: String = switch s.termResponse {
        case .flat: "flat: every open option's ATM IV + v/100"
        case .sqrt: "sqrt: ATM IV + v/100 * min(\(JSONText.wholeOrDecimal(WhatIfShocks.maximumResponse)), sqrt(\(WhatIfShocks.referenceTenorDays)/tau)), tau = trading days to expiry"
        }
        return JSONText.object([
            ("spot_shocks_pct", JSONText.array(s.spotPercent.map(JSONText.wholeOrDecimal))),
            ("spot_scaling", JSONText.string(s.betaScaled ? "beta: S0 * (1 + beta * x/100), beta from the universe" : "uniform: S0 * (1 + x/100) for every underlying")),
            ("iv_shocks_vol_pts", JSONText.array(s.ivVolPoints.map(JSONText.wholeOrDecimal))),
            ("term_response", JSONText.string(response)),
            ("minimum_atm_iv", JSONText.number(WhatIfShocks.minimumATMVolatility)),
            ("days_after_entry", JSONText.array(s.days.map(String.init))),
            ("position", JSONText.string("each variant as the engine enters it on its entry day (day 0 for an entry on weakness) at the scenario's start prices, held as entered: no exits, costs or carry; portfolio = the sum of the variants it holds, each t days after its own entry")),
            ("valuation", JSONText.string("stock q*S; open options q * Black-Scholes-Merton mid (the engine's optionMid) at the shocked ATM IV of the day and remaining tenor, smile and spot-vol beta applied; expired options q * intrinsic at the shocked spot; pnl = value - value at entry")),
            ("greeks", JSONText.string("central differences of the cell's value: delta_dollars = [V(S(1+h)) - V(S(1-h))]/(2h), h = 1e-5, every underlying bumped (money per 1.00 move); vega_per_vol_pt = [V(v+0.001) - V(v-0.001)]/0.002 along the IV axis with its term response (money per vol point)")),
            ("portfolio", JSONText.array(grid.portfolioMembers.map(JSONText.string))),
            ("not_entered", JSONText.array(grid.notEntered.map(JSONText.string))),
        ])
    }

    /// The scenario as the grid used it: name, model, horizon, dates, implied-vol surface, events.
    var scenarioJSON: String {
        let s = grid.scenario
        let model: String = switch s.model { case .monteCarlo: "monteCarlo"; case .scripted: "scripted"; case .historical: "historical" }
        return JSONText.object([
            "name": JSONText.string(s.name), "model": JSONText.string(model), "horizon_days": String(s.horizonDays),
            "start": JSONText.string(s.dates.first!.description), "end": JSONText.string(s.dates.last!.description),
            "rate": JSONText.number(s.rate),
            "implied_vol": RunManifest.impliedVolJSON(s.impliedVol, universe: study.universe),
            "events": JSONText.array(s.events.map { RunManifest.eventJSON($0, universe: study.universe) }),
        ])
    }

    /// The text of `run.json`: tool, version, command `grid`, study, inputs with SHA-256, the
    /// `--set` edits, the scenario, the grid, the conventions, the outputs and timings.
    package func manifest(inputs: [RunInput], edits: [StudyEdit], timings: [(name: String, seconds: Double)]) -> String {
        var lines: [(String, String)] = [("tool", JSONText.string("tradesim")), ("version", JSONText.string(TradeSimVersion.string)),
                                         ("command", JSONText.string("grid")), ("study", JSONText.string(study.name)),
                                         ("inputs", "[\n" + inputs.map { "    " + $0.json }.joined(separator: ",\n") + "\n  ]")]
        if !edits.isEmpty { lines.append(("sets", RunManifest.editsJSON(edits))) }
        lines += [("scenario", scenarioJSON), ("grid", gridJSON),
                  ("conventions", "{\n" + RunManifest.conventions.map { "    \(JSONText.string($0.0)): \(JSONText.string($0.1))" }
                      .joined(separator: ",\n") + "\n  }"),
                  ("outputs", JSONText.array((files.map(\.name) + ["run.json"]).map(JSONText.string))),
                  ("timings_seconds", RunManifest.timingsJSON(timings))]
        return "{\n" + lines.map { "  \(JSONText.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}
