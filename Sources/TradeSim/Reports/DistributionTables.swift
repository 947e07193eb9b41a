/// `equity_quantiles.csv`: the portfolio equity's distribution per day —
/// `scenario, day, date, p05, p25, p50, p75, p95` (money), from the equity paths kept
/// (the first `equitySamplePaths` paths of each scenario; `sample_paths` is appended). The
/// `blended` rows mix the scenarios by weight over the days they share (date empty when their
/// dates differ, or when the paths are runs from different start dates).
enum EquityQuantilesTable {
    static let columns = ["scenario", "day", "date", "p05", "p25", "p50", "p75", "p95", "sample_paths"]

    /// The quantile bands of one scenario (or the blend): per day, p05…p95 and the sample size.
    struct Bands: Sendable {
        var scenario: String
        var dates: [String]
        var quantiles: [[Double?]]
        var samples: [Int]
    }

    /// Every scenario's bands, then the blend's; days computed in parallel.
    static func bands(_ all: [ScenarioOutcomes], threads: Int = 1) -> [Bands] {
        let blended = hasBlend(all)
        let quantiles = all.map { o in Parallel.map(count: o.equitySample.count, threads: threads) { day(o, $0) } }
        let mixed = blended ? Parallel.map(count: blendDays(all), threads: threads) { blendedDay(all, $0) } : []
        return assemble(all, quantiles: quantiles, blended: mixed)
    }

    /// Whether the report has a `blended` band (more than one scenario, some weight).
    static func hasBlend(_ all: [ScenarioOutcomes]) -> Bool {
        all.count > 1 && all.reduce(0) { $0 + $1.scenario.weight } > 0
    }

    /// Days the scenarios' samples share.
    static func blendDays(_ all: [ScenarioOutcomes]) -> Int {
        all.map { $0.equitySample.count }.min() ?? 0
    }

    /// p05…p95 of a scenario's equity on day d.
    static func day(_ o: ScenarioOutcomes, _ d: Int) -> [Double?] {
        let s = PathStatistics(o.equitySample[d], tails: [])
        return DistributionSummary.levels.map { s.quantile($0) }
    }

    /// p05…p95 of the scenarios' mixture on day d.
    static func blendedDay(_ all: [ScenarioOutcomes], _ d: Int) -> [Double?] {
        let mix = WeightedSample(mixture: all.map { ($0.equitySample[d], $0.scenario.weight) })
        return DistributionSummary.levels.map { mix.quantile($0) }
    }

    /// The bands from their days' quantiles (`quantiles[scenario][day]`; `blended` empty when
    /// there is no blend).
    static func assemble(_ all: [ScenarioOutcomes], quantiles: [[[Double?]]], blended: [[Double?]]) -> [Bands] {
        var out = all.enumerated().map { k, o -> Bands in
            let dates = o.equitySample.indices.map { d in
                o.datesAreShared && d < o.scenario.dates.count ? o.scenario.dates[d].description : ""
            }
            return Bands(scenario: o.scenario.name, dates: dates, quantiles: quantiles[k], samples: o.equitySample.map(\.count))
        }
        if hasBlend(all) {
            let days = blendDays(all)
            let dates = (0..<days).map { d -> String in
                let set = Set(all.map { $0.scenario.dates[d] })
                return set.count == 1 && all.allSatisfy(\.datesAreShared) ? set.first!.description : ""
            }
            out.append(Bands(scenario: "blended", dates: dates, quantiles: blended,
                             samples: (0..<days).map { d in all.reduce(0) { $0 + $1.equitySample[d].count } }))
        }
        return out
    }

    static func csv(_ bands: [Bands]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for b in bands {
            for d in b.quantiles.indices {
                out += b.scenario + "," + String(d) + "," + b.dates[d] + ","
                    + b.quantiles[d].map(NumberText.csv).joined(separator: ",") + "," + String(b.samples[d]) + "\n"
            }
        }
        return out
    }
}

/// `pnl_histogram.csv`: `scenario, decision, bin_low, bin_high, count` (then `variant`): final
/// P&L of each decision variant and the portfolio in 40 equal bins spanning that decision's
/// central range over all scenarios (pooled 0.5% to 99.5% quantiles, so scenarios compare bin for
/// bin and a few extreme paths do not flatten the rest). A bin holds low ≤ x < high; the first
/// bin also counts every path below its low and the last every path at or above its high.
enum HistogramTable {
    static let columns = ["scenario", "decision", "bin_low", "bin_high", "count", "variant"]
    static let bins = 40

    struct Series: Sendable {
        var decision: String
        var variant: String
        var edges: [Double]
        /// counts[scenario][bin]
        var counts: [[Int]]
    }

    /// One series per decision variant and one for the portfolio (computed in parallel).
    static func series(_ all: [ScenarioOutcomes], threads: Int = 1) -> [Series] {
        guard let first = all.first else { return [] }
        return Parallel.map(count: first.variants.count + 1, threads: threads) { series(all, $0) }
    }

    /// Series k: variant k's P&L, or the portfolio's for k = variants.count.
    static func series(_ all: [ScenarioOutcomes], _ k: Int) -> Series {
        let first = all[0], variants = first.variants.count
        let decision = k < variants ? first.variants[k].decisionID : "portfolio"
        let variant = k < variants ? first.variants[k].variantName : ""
        let samples = all.map { k < variants ? $0.variants[k].pnl : $0.portfolioPnL }
        let pooled = PathStatistics(samples.flatMap { $0 }, levels: [0.005, 0.995], tails: [])
        let lo = pooled.quantile(0.005) ?? 0
        var hi = pooled.quantile(0.995) ?? 0
        if hi <= lo { hi = lo + max(1, abs(lo) * 1e-6) }
        let width = (hi - lo) / Double(bins)
        let edges = (0...bins).map { $0 == bins ? hi : lo + Double($0) * width }
        let counts = samples.map { values -> [Int] in
            var c = [Int](repeating: 0, count: bins)
            for x in values where x.isFinite {
                let b = ((x - lo) / width).rounded(.down)
                c[b < 0 ? 0 : (b >= Double(bins) ? bins - 1 : Int(b))] += 1
            }
            return c
        }
        return Series(decision: decision, variant: variant, edges: edges, counts: counts)
    }

    static func csv(_ all: [ScenarioOutcomes], series: [Series]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for (s, o) in all.enumerated() {
            for h in series {
                for b in 0..<bins {
                    out += "\(o.scenario.name),\(h.decision),\(NumberText.csv(h.edges[b])),\(NumberText.csv(h.edges[b + 1])),\(h.counts[s][b]),\(h.variant)\n"
                }
            }
        }
        return out
    }
}

/// `exits.csv`: how decisions ended — `scenario, decision, variant, reason, count, fraction,
/// mean_pnl, mean_holding_days` for each reason (`target`, `stop`, `horizon`, `expiry`,
/// `event`, then `assigned` for a variant whose sold American options are assigned, then
/// `never_entered`), every reason listed (count 0 included).
enum ExitsTable {
    static let columns = ["scenario", "decision", "variant", "reason", "count", "fraction", "mean_pnl", "mean_holding_days"]
    static let order: [ExitReason] = [.target, .stop, .horizon, .expiry, .event, .assigned, .neverEntered]

    /// The reasons listed for `v`: `order`, without `assigned` where no leg can be assigned.
    static func reasons(_ v: VariantOutcomes) -> [ExitReason] {
        v.mayBeAssigned ? order : order.filter { $0 != .assigned }
    }

    static func csv(_ all: [ScenarioOutcomes]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for o in all {
            for v in o.variants {
                let tally = Tally(v)
                for reason in reasons(v) {
                    let r = Int(reason.rawValue)
                    let count = tally.count[r]
                    let meanPnL = tally.finiteCount[r] > 0 ? tally.finitePnL[r] / Double(tally.finiteCount[r]) : nil
                    let holding = count == 0 || reason == .neverEntered ? nil : Double(tally.holdingDays[r]) / Double(count)
                    out += [o.scenario.name, v.decisionID, v.variantName, reason.label, String(count),
                            NumberText.csv(Double(count) / Double(o.paths)), NumberText.csv(meanPnL), NumberText.csv(holding)]
                        .joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }

    /// Per exit reason (indexed by its raw value): paths, the sum and count of their finite
    /// P&Ls (added in path order) and the sum of their holding days — one pass over the paths.
    ///
    /// The pass keeps one accumulator lane per reason and adds to every lane at each path: the
    /// path's values to its reason's lane and exactly +0 to the others (one fused multiply-add
    /// by a one-hot vector). Adding +0 leaves a sum's bits as they are (no sum that starts at +0
    /// becomes −0), so each reason's P&L sum is the same double as adding its paths one by one;
    /// counts and day sums stay exact integers in doubles (below 2⁵³).
    struct Tally {
        var count: [Int], finiteCount: [Int], finitePnL: [Double], holdingDays: [Int]

        init(_ v: VariantOutcomes) {
            typealias V = SIMD8<Double>
            let slots = Int(ExitsTable.order.map(\.rawValue).max() ?? 0) + 1
            precondition(slots <= 8, "one accumulator lane per exit reason")
            // oneHot[r] has a 1 in lane r; oneHot[8] (reasons outside the table) is all zero.
            var oneHot = [V](repeating: V(), count: 9)
            for r in 0..<slots { oneHot[r][r] = 1 }
            var paths = V(), finitePaths = V(), pnlSums = V(), days = V()
            oneHot.withUnsafeBufferPointer { hot in
                v.exitReason.withUnsafeBufferPointer { reasons in
                    v.holdingDays.withUnsafeBufferPointer { holding in
                        v.pnl.withUnsafeBufferPointer { pnl in
                            for p in 0..<reasons.count {
                                let lane = hot[min(Int(reasons[p]), 8)]
                                let x = pnl[p], finite = x.isFinite
                                paths += lane
                                days = days.addingProduct(lane, V(repeating: Double(holding[p])))
                                finitePaths = finitePaths.addingProduct(lane, V(repeating: finite ? 1 : 0))
                                pnlSums = pnlSums.addingProduct(lane, V(repeating: finite ? x : 0))
                            }
                        }
                    }
                }
            }
            count = (0..<slots).map { Int(paths[$0]) }
            finiteCount = (0..<slots).map { Int(finitePaths[$0]) }
            finitePnL = (0..<slots).map { pnlSums[$0] }
            holdingDays = (0..<slots).map { Int(days[$0]) }
        }
    }
}

/// `first_passage.csv`: for decisions with a take-profit or stop-loss, the probability of
/// having reached the target (and the stop) within d trading days of entry, for d = 1…horizon —
/// `scenario, decision, variant, day, prob_target_by_day, prob_stop_by_day` — over the paths
/// where the decision entered; the distribution of time to target is the first column's increments.
enum FirstPassageTable {
    static let columns = ["scenario", "decision", "variant", "day", "prob_target_by_day", "prob_stop_by_day"]

    static func csv(_ all: [ScenarioOutcomes]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for o in all {
            for v in o.variants {
                let entered = SummaryTable.entered(v)
                let hasLevels = v.exitReason.contains(ExitReason.target.rawValue) || v.exitReason.contains(ExitReason.stop.rawValue)
                guard hasLevels, entered.count > 0 else { continue }
                var targetByDay = [Int](repeating: 0, count: o.scenario.horizonDays + 1)
                var stopByDay = targetByDay
                for p in v.exitReason.indices where v.exitReason[p] != ExitReason.neverEntered.rawValue {
                    let d = Int(v.holdingDays[p])
                    if v.exitReason[p] == ExitReason.target.rawValue { targetByDay[d] += 1 }
                    if v.exitReason[p] == ExitReason.stop.rawValue { stopByDay[d] += 1 }
                }
                var t = 0, s = 0
                for d in 1...max(1, o.scenario.horizonDays) {
                    t += targetByDay[d]
                    s += stopByDay[d]
                    out += "\(o.scenario.name),\(v.decisionID),\(v.variantName),\(d),"
                        + NumberText.csv(Double(t) / Double(entered.count)) + "," + NumberText.csv(Double(s) / Double(entered.count)) + "\n"
                }
            }
        }
        return out
    }
}
