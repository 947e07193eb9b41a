/// Draws a scenario's price paths exactly as the engine sees them, for callers that want the
/// paths themselves (`tradesim paths`, a chart of a few paths).
///
/// Path p of a scenario is a function of (seed, scenario index, p) only: its random stream is
/// keyed by them (`PathStream`), so any slice of paths, drawn in any order or block size,
/// gives the same prices as a run.
public struct PathSampler: Sendable {
    let kernel: ScenarioKernel

    /// A sampler of `scenario`, the study's scenario number `scenarioIndex` (part of every
    /// path's random key), over `universe`.
    public init(scenario: Scenario, scenarioIndex: Int, universe: Universe) {
        kernel = ScenarioKernel(scenario: scenario, scenarioIndex: scenarioIndex, universe: universe)
    }

    /// The scenario sampled.
    public var scenario: Scenario { kernel.scenario }

    /// Paths `firstPath ..< firstPath + count` (count ≥ 1) on days 0…horizon.
    public func paths(firstPath: Int, count: Int, seed: UInt64) -> SampledPaths {
        precondition(count >= 1, "at least one path")
        let days = kernel.horizonDays, n = kernel.assetCount
        var prices = [Double](repeating: 0, count: count * (days + 1) * n)
        var block = kernel.makeBlock(firstPath: firstPath, lanes: count, seed: seed)
        for d in 0...days {
            if d > 0 { kernel.advance(&block) }
            for i in 0..<n {
                for lane in 0..<count { prices[(lane * (days + 1) + d) * n + i] = block.price(asset: i, lane: lane) }
            }
        }
        return SampledPaths(firstPath: firstPath, count: count, horizonDays: days, assetCount: n, prices: prices)
    }

    /// The model implied vol of an option with `tenorDays` trading days to expiry, per day
    /// (0…horizon) and asset: `[day][asset]` (`Scenario.impliedVol`; the same on every path).
    public func impliedVols(tenorDays: Int) -> [[Double]] {
        (0...kernel.horizonDays).map { d in
            (0..<kernel.assetCount).map { kernel.scenario.impliedVol(asset: $0, day: d, tenorDays: tenorDays, universe: kernel.universe) }
        }
    }
}

/// Prices of consecutive paths of one scenario, per path, day (0…horizon) and asset.
public struct SampledPaths: Sendable {
    /// Global index of the first path.
    public let firstPath: Int
    /// The number of paths.
    public let count: Int
    /// The last day (days 0…horizonDays).
    public let horizonDays: Int
    /// The number of assets (universe order).
    public let assetCount: Int
    /// `prices[(path × (horizonDays + 1) + day) × assetCount + asset]`, path counted from `firstPath`.
    let prices: [Double]

    /// The price of asset `asset` on `day` on path `firstPath + path`, in price units.
    public func price(path: Int, day: Int, asset: Int) -> Double {
        prices[(path * (horizonDays + 1) + day) * assetCount + asset]
    }
}
