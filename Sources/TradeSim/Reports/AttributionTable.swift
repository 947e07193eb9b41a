/// `attribution.csv`: each decision variant's P&L split into its sources (`PositionAnalysis`)
/// on the run's analysis paths — `scenario, decision, variant, leg, instrument, ticker,
/// statistic, paths, traded_paths`, then one column per part (`delta, gamma, vega, theta,
/// event_jump, carry, costs, residual`) and `pnl`, money.
///
/// Per variant: one row per leg (`leg` its index, `instrument` stock, call or put) and one for
/// the whole variant (`leg` = `all`, the legs' sums per path), each for `statistic` = mean, p05,
/// p50 and p95 over the `paths` sample paths (a path where the leg held nothing counts 0;
/// `traded_paths` held it). The parts of a mean row add up to its `pnl`; a quantile is each
/// column's own (the p05 of delta and the p05 of vega are different paths), so quantile rows
/// do not add up.
enum AttributionTable {
    static let columns = ["scenario", "decision", "variant", "leg", "instrument", "ticker", "statistic", "paths", "traded_paths"]
        + PositionAnalysis.Part.allCases.map(\.column) + ["pnl"]

    static func csv(_ all: [ScenarioOutcomes]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for o in all {
            guard let a = o.analysis, a.paths > 0 else { continue }
            var start = 0
            while start < a.legs.count {
                let first = a.legs[start]
                var end = start
                while end < a.legs.count && a.legs[end].decisionID == first.decisionID && a.legs[end].variantName == first.variantName { end += 1 }
                let legs = Array(a.legs[start..<end])
                for leg in legs {
                    rows(&out, o, leg, label: String(leg.leg), instrument: leg.instrument, ticker: leg.ticker, parts: leg.parts,
                         pnl: leg.pnl, traded: leg.traded, paths: a.paths)
                }
                if legs.count > 1 {
                    let parts = PositionAnalysis.Part.allCases.map { part in
                        (0..<a.paths).map { p in legs.reduce(0.0) { $0 + $1.parts[part.rawValue][p] } }
                    }
                    let pnl = (0..<a.paths).map { p in legs.reduce(0.0) { $0 + $1.pnl[p] } }
                    let traded = (0..<a.paths).filter { p in legs.contains { $0.held[p] } }.count
                    rows(&out, o, first, label: "all", instrument: "", ticker: "", parts: parts, pnl: pnl, traded: traded, paths: a.paths)
                }
                start = end
            }
        }
        return out
    }

    private static func rows(_ out: inout String, _ o: ScenarioOutcomes, _ leg: PositionAnalysis.LegAttribution, label: String,
                             instrument: String, ticker: String, parts: [[Double]], pnl: [Double], traded: Int, paths: Int) {
        let stats = parts.map { PositionAnalysis.Stats($0) } + [PositionAnalysis.Stats(pnl)]
        for (name, pick) in [("mean", \PositionAnalysis.Stats.mean), ("p05", \.p05), ("p50", \.p50), ("p95", \.p95)] {
            out += ([CSVField.escape(o.scenario.name), CSVField.escape(leg.decisionID), CSVField.escape(leg.variantName), label,
                     instrument, CSVField.escape(ticker), name, String(paths), String(traded)]
                    + stats.map { NumberText.csv($0[keyPath: pick]) }).joined(separator: ",") + "\n"
        }
    }
}
