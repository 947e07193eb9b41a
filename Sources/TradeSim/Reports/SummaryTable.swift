/// `summary.csv`: one row per scenario × decision × variant, then the portfolio.
///
/// Columns (DESIGN §5; more may be appended, never reordered): money in the study currency,
/// returns as decimals, drawdowns in money, holding in trading days. P&L statistics are over
/// every path (a decision that never entered made 0); `mean_return` and `mean_holding_days`
/// are over the paths where it entered.
public struct SummaryRow: Sendable {
    public var scenario: String
    public var decision: String
    public var variant: String
    public var paths: Int
    public var enteredFraction: Double?
    public var pnl: PathStatistics
    public var meanReturn: Double?
    public var maxDrawdown: PathStatistics
    public var meanHoldingDays: Double?

    public static let columns = ["scenario", "decision", "variant", "paths", "entered_fraction", "mean_pnl", "stdev_pnl",
                                 "mc_stderr", "p05_pnl", "p25_pnl", "p50_pnl", "p75_pnl", "p95_pnl", "prob_profit",
                                 "var95", "cvar95", "var99", "cvar99", "mean_return", "mean_max_drawdown",
                                 "p95_max_drawdown", "mean_holding_days"]

    public var cells: [String] {
        [scenario, decision, variant, String(paths), NumberText.csv(enteredFraction), NumberText.csv(pnl.mean),
         NumberText.csv(pnl.standardDeviation), NumberText.csv(pnl.standardError), NumberText.csv(pnl.quantile(0.05)),
         NumberText.csv(pnl.quantile(0.25)), NumberText.csv(pnl.quantile(0.5)), NumberText.csv(pnl.quantile(0.75)),
         NumberText.csv(pnl.quantile(0.95)), NumberText.csv(pnl.probabilityPositive), NumberText.csv(pnl.valueAtRisk(0.95)),
         NumberText.csv(pnl.conditionalValueAtRisk(0.95)), NumberText.csv(pnl.valueAtRisk(0.99)),
         NumberText.csv(pnl.conditionalValueAtRisk(0.99)), NumberText.csv(meanReturn), NumberText.csv(maxDrawdown.mean),
         NumberText.csv(maxDrawdown.quantile(0.95)), NumberText.csv(meanHoldingDays)]
    }
}

public enum SummaryTable {
    /// The rows of one scenario: each decision variant in playbook order, then `portfolio`.
    public static func rows(_ o: ScenarioOutcomes) -> [SummaryRow] {
        var rows: [SummaryRow] = []
        for v in o.variants {
            let entered = v.exitReason.indices.filter { v.exitReason[$0] != ExitReason.neverEntered.rawValue }
            let returns = PathStatistics(entered.map { v.returns[$0] })
            let holding = entered.isEmpty ? nil : Double(entered.reduce(0) { $0 + Int(v.holdingDays[$1]) }) / Double(entered.count)
            rows.append(SummaryRow(scenario: o.scenario.name, decision: v.decisionID, variant: v.variantName, paths: o.paths,
                                   enteredFraction: Double(entered.count) / Double(o.paths), pnl: PathStatistics(v.pnl),
                                   meanReturn: returns.mean, maxDrawdown: PathStatistics(v.maxDrawdown), meanHoldingDays: holding))
        }
        let portfolioReturns = PathStatistics(o.portfolioPnL.map { $0 / o.startEquity })
        rows.append(SummaryRow(scenario: o.scenario.name, decision: "portfolio", variant: "", paths: o.paths,
                               enteredFraction: nil, pnl: PathStatistics(o.portfolioPnL), meanReturn: portfolioReturns.mean,
                               maxDrawdown: PathStatistics(o.portfolioMaxDrawdown), meanHoldingDays: Double(o.scenario.horizonDays)))
        return rows
    }

    public static func csv(_ rows: [SummaryRow]) -> String {
        var out = SummaryRow.columns.joined(separator: ",") + "\n"
        for r in rows { out += r.cells.joined(separator: ",") + "\n" }
        return out
    }
}
