/// `pnl_by_date.csv`: each decision variant's P&L at every close on the run's analysis paths —
/// `scenario, decision, variant, day, date, mean, p05, p50, p95, paths` (money): the engine's
/// daily P&L (cash + the day's marks; 0 before entry, the realized P&L after exit), statistics
/// over the `paths` sample paths.
enum PnLByDateTable {
    static let columns = ["scenario", "decision", "variant", "day", "date", "mean", "p05", "p50", "p95", "paths"]

    static func csv(_ all: [ScenarioOutcomes]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for o in all {
            guard let a = o.analysis, a.paths > 0 else { continue }
            for (k, v) in o.variants.enumerated() {
                for (day, x) in a.pnlByDay[k].enumerated() {
                    let date = o.datesAreShared && day < o.scenario.dates.count ? o.scenario.dates[day].description : ""
                    out += [CSVField.escape(o.scenario.name), CSVField.escape(v.decisionID), CSVField.escape(v.variantName), String(day),
                            date, NumberText.csv(x.mean), NumberText.csv(x.p05), NumberText.csv(x.p50), NumberText.csv(x.p95),
                            String(a.paths)].joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }
}
