/// What a run will need, estimated from the study and the configuration before it starts, so
/// that a run that cannot fit is refused at once with the figures (rather than after minutes,
/// or by the system killing it).
///
/// Memory: the engine keeps, per scenario and path, each variant's final P&L (8 bytes),
/// drawdown (4), holding days (4) and exit reason (1), the return and pair spread where a
/// thesis tests them (8 each), and the portfolio's P&L and drawdown (12); per scenario the
/// equity sample (`equitySamplePaths` × (horizon + 1) × 8) and the traced paths' daily P&L
/// (variants × traced × (horizon + 1) × 8) and a flag per day and asset. The report phase works on copies of one table at
/// a time, and the blended scenario weighs every scenario's values (16 bytes a path and
/// variant). The estimate is the kept bytes × 1.5 plus 32 MiB for the program: measured peaks
/// lie below it (benchmark study at 10⁶ paths: estimate 154 MiB, peak 120 MiB).
package struct RunEstimate: Sendable, Equatable {
    /// Estimated peak memory, in bytes.
    package var bytes: Int
    /// Paths simulated in all (deterministic scenarios count one).
    package var paths: Int
    /// Paths × trading days, summed over the scenarios: the work.
    package var pathDays: Int

    /// The estimate for running `scenarioIndices` of `study` (which has a playbook, as for
    /// `Engine.run`) under `c`.
    package init(study: Study, scenarioIndices: [Int], configuration c: RunConfiguration) {
        let variants = study.runPlaybook.variants
        var kept = 0.0, paths = 0, pathDays = 0
        for index in scenarioIndices {
            let scenario = study.scenarios[index]
            let all = scenario.pathCount(requested: c.paths)
            let n = c.shard.map { $0.pathRange(paths: all).count } ?? all
            let days = scenario.horizonDays + 1
            var perPath = 12.0
            for v in variants {
                perPath += 17
                if c.keepPathReturns || v.theses.contains(where: { $0.metric == .return }) { perPath += 8 }
                if v.kind == .pair { perPath += 8 }
            }
            perPath += 16 * Double(variants.count + 1)  // the blended scenario's weighted values
            kept += Double(n) * perPath
            kept += Double(min(n, c.equitySamplePaths)) * Double(days) * 8
            kept += Double(variants.count * min(n, c.tracedPaths) * days) * 8
            kept += Double(days * study.universe.count)  // which assets are priced on which day
            paths += n
            pathDays += n * scenario.horizonDays
        }
        let estimate = kept * 1.5 + Double(32 << 20)
        bytes = estimate < Double(Int.max) ? Int(estimate) : Int.max
        self.paths = paths
        self.pathDays = pathDays
    }
}
