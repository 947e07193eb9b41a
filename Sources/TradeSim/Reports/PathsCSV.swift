/// The long-format CSV of simulated paths written by `tradesim paths`:
/// `scenario,path,day,date,ticker,price,iv`, one row per path, day (0…horizon) and asset, in
/// that order. `iv` is the model implied vol of an option with 21 trading days (about 30
/// calendar days) to expiry on that day (`ImpliedVolModel`).
package enum PathsCSV {
    package static let header = "scenario,path,day,date,ticker,price,iv\n"
    /// The option tenor behind the `iv` column, in trading days.
    static let ivTenorDays = 21

    /// The rows of paths `firstPath ..< firstPath + lanes` of a scenario.
    package static func rows(kernel: ScenarioKernel, firstPath: Int, lanes: Int, seed: UInt64) -> String {
        let s = kernel.scenario
        let n = kernel.assetCount
        let days = kernel.horizonDays
        let universe = kernel.universe
        // The IV column does not depend on the path: one value per day and asset.
        var iv = [String](repeating: "", count: (days + 1) * n)
        for d in 0...days {
            for i in 0..<n {
                iv[d * n + i] = NumberText.csv(s.impliedVol(asset: i, day: d, tenorDays: ivTenorDays, universe: universe))
            }
        }
        var prices = [Double](repeating: 0, count: lanes * (days + 1) * n)
        var block = kernel.makeBlock(firstPath: firstPath, lanes: lanes, seed: seed)
        for d in 0...days {
            if d > 0 { kernel.advance(&block) }
            for i in 0..<n {
                for lane in 0..<lanes { prices[(lane * (days + 1) + d) * n + i] = block.price(asset: i, lane: lane) }
            }
        }
        var out = ""
        out.reserveCapacity(lanes * (days + 1) * n * 48)
        let dates = s.dates.map(\.description)
        for lane in 0..<lanes {
            let prefix = s.name + "," + String(firstPath + lane) + ","
            for d in 0...days {
                let dayPrefix = prefix + String(d) + "," + dates[d] + ","
                for i in 0..<n {
                    out += dayPrefix
                    out += universe.assets[i].ticker
                    out += ","
                    out += NumberText.csv(prices[(lane * (days + 1) + d) * n + i])
                    out += ","
                    out += iv[d * n + i]
                    out += "\n"
                }
            }
        }
        return out
    }
}
