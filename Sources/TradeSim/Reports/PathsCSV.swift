/// The long-format CSV of simulated paths written by `tradesim paths`:
/// `scenario,path,day,date,ticker,price,iv`, one row per path, day (0…horizon) and asset, in
/// that order. `iv` is the model implied vol of an option with 21 trading days (about 30
/// calendar days) to expiry on that day (`ImpliedVolModel`). The paths come from
/// `PathSampler`; this only formats them.
package enum PathsCSV {
    package static let header = "scenario,path,day,date,ticker,price,iv\n"
    /// The option tenor behind the `iv` column, in trading days.
    package static let ivTenorDays = 21

    /// The rows of `paths` of `scenario`; `impliedVols` is `PathSampler.impliedVols(tenorDays:
    /// ivTenorDays)`, `[day][asset]`.
    package static func rows(_ paths: SampledPaths, scenario: Scenario, universe: Universe, impliedVols: [[Double]]) -> String {
        let days = paths.horizonDays, n = paths.assetCount
        // The IV column does not depend on the path: one text per day and asset.
        let iv = impliedVols.map { $0.map(NumberText.csv) }
        var out = ""
        out.reserveCapacity(paths.count * (days + 1) * n * 48)
        let dates = scenario.dates.map(\.description)
        for lane in 0..<paths.count {
            let prefix = scenario.name + "," + String(paths.firstPath + lane) + ","
            for d in 0...days {
                let dayPrefix = prefix + String(d) + "," + dates[d] + ","
                for i in 0..<n {
                    out += dayPrefix
                    out += universe.assets[i].ticker
                    out += ","
                    out += NumberText.csv(paths.price(path: lane, day: d, asset: i))
                    out += ","
                    out += iv[d][i]
                    out += "\n"
                }
            }
        }
        return out
    }
}
