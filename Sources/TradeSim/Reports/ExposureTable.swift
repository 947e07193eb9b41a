/// `exposure.csv`: the book's exposure at each close (`PositionAnalysis.Measure`) on the run's
/// analysis paths — `scenario, day, date, scope, measure, mean, p05, p50, p95`: one row per
/// scenario, trading day (0 … horizon), scope (each ticker the book holds, then `book`) and
/// measure (the book has no `net_shares`: shares of different names do not add). Money is
/// rounded to cents and shares to hundredths; statistics are over the sample paths, a path
/// holding nothing counting 0.
enum ExposureTable {
    static let columns = ["scenario", "day", "date", "scope", "measure", "mean", "p05", "p50", "p95"]

    static func csv(_ all: [ScenarioOutcomes]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for o in all {
            guard let a = o.analysis, a.paths > 0 else { continue }
            let scenario = CSVField.escape(o.scenario.name)
            for (day, scopes) in a.exposure.enumerated() {
                let date = o.datesAreShared && day < o.scenario.dates.count ? o.scenario.dates[day].description : ""
                for (s, measures) in scopes.enumerated() {
                    for m in PositionAnalysis.Measure.allCases {
                        guard let x = measures[m.rawValue] else { continue }
                        out += [scenario, String(day), date, CSVField.escape(a.scopes[s]), m.column,
                                cents(x.mean), cents(x.p05), cents(x.p50), cents(x.p95)].joined(separator: ",") + "\n"
                    }
                }
            }
        }
        return out
    }

    /// x rounded to 0.01 as a round-trip decimal.
    static func cents(_ x: Double) -> String {
        NumberText.csv((x * 100).rounded() / 100)
    }
}
