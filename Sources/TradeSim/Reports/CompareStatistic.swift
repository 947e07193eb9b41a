/// A statistic `tradesim compare` compares between two runs, as `summary.csv` states it (its
/// column names, units and definitions).
public enum CompareStatistic: String, CaseIterable, Sendable {
    /// Mean final P&L, money.
    case meanPnL = "mean_pnl"
    /// P(P&L > 0), 0–1.
    case probProfit = "prob_profit"
    /// Mean return over the entered paths (portfolio: mean P&L / starting equity), decimal.
    case meanReturn = "mean_return"
    /// P&L quantiles (type 7; blended: of the mixture), money.
    case p05 = "p05_pnl", p50 = "p50_pnl", p95 = "p95_pnl"
    /// VaR and CVaR at 95% as positive losses, money.
    case var95, cvar95

    /// The column prefix in `compare.csv` (summary.csv's column).
    public var column: String { rawValue }

    /// Its place in `allCases` (and in `CompareRow.standardErrors`).
    var index: Int { Self.allCases.firstIndex(of: self)! }

    /// The statistic of a summary row (nil when undefined).
    public func value(_ r: SummaryRow) -> Double? {
        switch self {
        case .meanPnL: r.pnl.mean
        case .probProfit: r.pnl.probabilityPositive
        case .meanReturn: r.meanReturn
        case .p05: r.pnl.quantile(0.05)
        case .p50: r.pnl.quantile(0.5)
        case .p95: r.pnl.quantile(0.95)
        case .var95: r.pnl.var95
        case .cvar95: r.pnl.cvar95
        }
    }

    /// A higher value is better for the trader (VaR and CVaR are losses: lower is better).
    public var higherIsBetter: Bool { self != .var95 && self != .cvar95 }

    /// `compare.csv` gives its change a standard error: all but `mean_return` (a run keeps no
    /// per-path returns by default, and summary.csv no standard error of it).
    public var hasStandardError: Bool { self != .meanReturn }

    /// The statistic the paired bootstrap resamples (the order statistics).
    var bootstrapped: PairedBootstrap.Statistic? {
        switch self {
        case .p05: .p05
        case .p50: .p50
        case .p95: .p95
        case .var95: .var95
        case .cvar95: .cvar95
        case .meanPnL, .probProfit, .meanReturn: nil
        }
    }

    /// How people read it: "mean P&L", "P(profit)", …
    public var label: String {
        switch self {
        case .meanPnL: "mean P&L"
        case .probProfit: "P(profit)"
        case .meanReturn: "mean return"
        case .p05: "p05"
        case .p50: "p50"
        case .p95: "p95"
        case .var95: "VaR95"
        case .cvar95: "CVaR95"
        }
    }

    /// Money (true), or a fraction / decimal return shown as a percentage.
    var isMoney: Bool { self != .probProfit && self != .meanReturn }
}
