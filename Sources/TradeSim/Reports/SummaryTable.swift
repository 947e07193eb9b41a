/// The distribution numbers of one summary row.
public struct DistributionSummary: Sendable {
    /// Mean P&L, in money.
    public var mean: Double?
    /// Standard deviation of the P&L.
    public var standardDeviation: Double?
    /// Monte Carlo standard error of the mean.
    public var standardError: Double?
    /// p05, p25, p50, p75, p95.
    public var quantiles: [Double?]
    /// P(P&L > 0).
    public var probabilityPositive: Double?
    /// VaR at 95%, a positive loss.
    public var var95: Double?
    /// CVaR at 95%, a positive loss.
    public var cvar95: Double?
    /// VaR at 99%, a positive loss.
    public var var99: Double?
    /// CVaR at 99%, a positive loss.
    public var cvar99: Double?

    /// The quantile levels of `quantiles`.
    public static let levels = [0.05, 0.25, 0.5, 0.75, 0.95]

    /// The numbers of one scenario's distribution.
    public init(_ s: PathStatistics) {
        mean = s.mean
        standardDeviation = s.standardDeviation
        standardError = s.standardError
        quantiles = Self.levels.map { s.quantile($0) }
        probabilityPositive = s.probabilityPositive
        var95 = s.valueAtRisk(0.95)
        cvar95 = s.conditionalValueAtRisk(0.95)
        var99 = s.valueAtRisk(0.99)
        cvar99 = s.conditionalValueAtRisk(0.99)
    }

    /// A mixture; `standardError` is √(Σ w_s²·se_s²) over its parts (passed in).
    public init(_ w: WeightedSample, standardError: Double?) {
        mean = w.mean
        standardDeviation = w.standardDeviation
        self.standardError = standardError
        quantiles = Self.levels.map { w.quantile($0) }
        probabilityPositive = w.probabilityPositive
        var95 = w.valueAtRisk(0.95)
        cvar95 = w.conditionalValueAtRisk(0.95)
        var99 = w.valueAtRisk(0.99)
        cvar99 = w.conditionalValueAtRisk(0.99)
    }

    /// The quantile at one of `levels` (nil for another level).
    public func quantile(_ p: Double) -> Double? {
        Self.levels.firstIndex(of: p).flatMap { quantiles[$0] }
    }
}

/// `summary.csv`: one row per scenario × decision × variant, then the portfolio; after the
/// scenarios, the probability-`blended` scenario (the mixture of the scenarios' distributions
/// by their weights — not an average of their statistics).
///
/// Columns (DESIGN §5; more may be appended, never reordered): money in the study currency,
/// returns as decimals, drawdowns in money, holding in trading days. P&L statistics are over
/// every path (a decision that never entered made 0); `mean_return` and `mean_holding_days`
/// are over the paths where it entered.
public struct SummaryRow: Sendable {
    /// The scenario's name, or `blended`.
    public var scenario: String
    /// The decision's id, or `portfolio`.
    public var decision: String
    /// The variant's name ("" for a single variant).
    public var variant: String
    /// Paths run.
    public var paths: Int
    /// Fraction of paths on which it entered.
    public var enteredFraction: Double?
    /// The P&L distribution over every path.
    public var pnl: DistributionSummary
    /// Mean return over the entered paths.
    public var meanReturn: Double?
    /// Mean max drawdown, in money.
    public var meanMaxDrawdown: Double?
    /// 95th percentile of the max drawdown, in money.
    public var p95MaxDrawdown: Double?
    /// Mean trading days held, over the entered paths.
    public var meanHoldingDays: Double?

    /// The CSV header, in column order.
    public static let columns = ["scenario", "decision", "variant", "paths", "entered_fraction", "mean_pnl", "stdev_pnl",
                                 "mc_stderr", "p05_pnl", "p25_pnl", "p50_pnl", "p75_pnl", "p95_pnl", "prob_profit",
                                 "var95", "cvar95", "var99", "cvar99", "mean_return", "mean_max_drawdown",
                                 "p95_max_drawdown", "mean_holding_days"]

    /// The row's CSV cells, in `columns` order (empty for an undefined number).
    public var cells: [String] {
        [scenario, decision, variant, String(paths), NumberText.csv(enteredFraction), NumberText.csv(pnl.mean),
         NumberText.csv(pnl.standardDeviation), NumberText.csv(pnl.standardError)]
            + pnl.quantiles.map(NumberText.csv)
            + [NumberText.csv(pnl.probabilityPositive), NumberText.csv(pnl.var95), NumberText.csv(pnl.cvar95),
               NumberText.csv(pnl.var99), NumberText.csv(pnl.cvar99), NumberText.csv(meanReturn),
               NumberText.csv(meanMaxDrawdown), NumberText.csv(p95MaxDrawdown), NumberText.csv(meanHoldingDays)]
    }
}

/// Builds and writes `summary.csv` rows.
public enum SummaryTable {
    /// How many paths of a variant entered, and their total holding days.
    static func entered(_ v: VariantOutcomes) -> (count: Int, holdingDays: Int) {
        let tally = ExitsTable.Tally(v), never = Int(ExitReason.neverEntered.rawValue)
        var count = 0, holding = 0
        for r in tally.count.indices where r != never {
            count += tally.count[r]
            holding += tally.holdingDays[r]
        }
        return (count, holding)
    }

    /// Mean of the finite returns, from the engine's sums.
    static func meanReturn(_ v: VariantOutcomes) -> Double? {
        v.returnCount > 0 ? v.returnSum / Double(v.returnCount) : nil
    }

    /// The rows of one scenario: each decision variant in playbook order, then `portfolio`
    /// (computed on up to `threads` threads; the rows do not depend on it).
    public static func rows(_ o: ScenarioOutcomes, threads: Int = 1) -> [SummaryRow] {
        Parallel.map(count: o.variants.count + 1, threads: threads) { row(o, $0) }
    }

    /// Row k of a scenario: variant k, or the portfolio for k = variants.count. One
    /// million-value copy is alive at a time: each statistic is reduced to its numbers before
    /// the next is built.
    static func row(_ o: ScenarioOutcomes, _ k: Int) -> SummaryRow {
        func drawdownNumbers(_ d: [Float]) -> (mean: Double?, p95: Double?) {
            let s = PathStatistics(d.map(Double.init), levels: [0.95], tails: [])
            return (s.mean, s.quantile(0.95))
        }
        guard k < o.variants.count else {
            let drawdown = drawdownNumbers(o.portfolioMaxDrawdown)
            let pnl = DistributionSummary(PathStatistics(o.portfolioPnL))
            return SummaryRow(scenario: o.scenario.name, decision: "portfolio", variant: "", paths: o.paths,
                              enteredFraction: nil, pnl: pnl,
                              meanReturn: pnl.mean.map { $0 / o.startEquity }, meanMaxDrawdown: drawdown.mean,
                              p95MaxDrawdown: drawdown.p95, meanHoldingDays: Double(o.scenario.horizonDays))
        }
        let v = o.variants[k]
        let entered = entered(v)
        let drawdown = drawdownNumbers(v.maxDrawdown)
        let pnl = DistributionSummary(PathStatistics(v.pnl))
        return SummaryRow(scenario: o.scenario.name, decision: v.decisionID, variant: v.variantName, paths: o.paths,
                          enteredFraction: Double(entered.count) / Double(o.paths),
                          pnl: pnl, meanReturn: meanReturn(v),
                          meanMaxDrawdown: drawdown.mean, p95MaxDrawdown: drawdown.p95,
                          meanHoldingDays: entered.count > 0 ? Double(entered.holdingDays) / Double(entered.count) : nil)
    }

    /// A run's rows as `summary.csv` has them: each scenario's, then the blended ones.
    public static func allRows(_ outcomes: [ScenarioOutcomes], threads: Int) -> [SummaryRow] {
        outcomes.flatMap { rows($0, threads: threads) } + blendedRows(outcomes)
    }

    /// The blended scenario's rows: each variant and the portfolio as the mixture of the
    /// scenarios' distributions with the scenarios' weights (normalised over those run).
    public static func blendedRows(_ all: [ScenarioOutcomes]) -> [SummaryRow] {
        let totalWeight = all.reduce(0) { $0 + $1.scenario.weight }
        guard all.count > 1, totalWeight > 0 else { return [] }
        let w = all.map { $0.scenario.weight / totalWeight }
        func mixture(_ pick: (ScenarioOutcomes) -> [Double]) -> WeightedSample {
            WeightedSample(mixture: all.enumerated().map { (pick($1), w[$0]) })
        }
        func blendedSE(_ pick: (ScenarioOutcomes) -> [Double]) -> Double? {
            var s = 0.0
            for (k, o) in all.enumerated() {
                guard let se = PathStatistics(pick(o), levels: [], tails: []).standardError else { continue }
                s += w[k] * w[k] * se * se
            }
            return s.squareRoot()
        }
        var rows: [SummaryRow] = []
        let paths = all.reduce(0) { $0 + $1.paths }
        for (k, v) in all[0].variants.enumerated() {
            let pnl = mixture { $0.variants[k].pnl }
            let drawdown = mixture { $0.variants[k].maxDrawdown.map(Double.init) }
            // Entered share, and return and holding over entered paths, as mixtures.
            var entered = 0.0, returnSum = 0.0, returnWeight = 0.0, holdingSum = 0.0
            for (s, o) in all.enumerated() {
                let (count, holding) = Self.entered(o.variants[k])
                let e = Double(count) / Double(o.paths)
                entered += w[s] * e
                if let m = meanReturn(o.variants[k]) { returnSum += w[s] * e * m; returnWeight += w[s] * e }
                if count > 0 { holdingSum += w[s] * e * Double(holding) / Double(count) }
            }
            rows.append(SummaryRow(scenario: "blended", decision: v.decisionID, variant: v.variantName, paths: paths,
                                   enteredFraction: entered,
                                   pnl: DistributionSummary(pnl, standardError: blendedSE { $0.variants[k].pnl }),
                                   meanReturn: returnWeight > 0 ? returnSum / returnWeight : nil,
                                   meanMaxDrawdown: drawdown.mean, p95MaxDrawdown: drawdown.quantile(0.95),
                                   meanHoldingDays: entered > 0 ? holdingSum / entered : nil))
        }
        let pnl = mixture { $0.portfolioPnL }
        let drawdown = mixture { $0.portfolioMaxDrawdown.map(Double.init) }
        var meanReturn = 0.0
        for (s, o) in all.enumerated() { meanReturn += w[s] * (PathStatistics(o.portfolioPnL, levels: [], tails: []).mean ?? 0) / o.startEquity }
        var holding = 0.0
        for (s, o) in all.enumerated() { holding += w[s] * Double(o.scenario.horizonDays) }
        rows.append(SummaryRow(scenario: "blended", decision: "portfolio", variant: "", paths: paths, enteredFraction: nil,
                               pnl: DistributionSummary(pnl, standardError: blendedSE { $0.portfolioPnL }),
                               meanReturn: meanReturn, meanMaxDrawdown: drawdown.mean, p95MaxDrawdown: drawdown.quantile(0.95),
                               meanHoldingDays: holding))
        return rows
    }

    /// The CSV text: the header, then one line per row.
    public static func csv(_ rows: [SummaryRow]) -> String {
        var out = SummaryRow.columns.joined(separator: ",") + "\n"
        for r in rows { out += r.cells.joined(separator: ",") + "\n" }
        return out
    }
}
