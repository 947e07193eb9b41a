/// The per-path results of one decision variant in one scenario (the only per-path data the
/// engine keeps; everything per day is streamed).
public struct VariantOutcomes: Sendable {
    public let decisionID: String
    public let variantName: String
    public let kind: DecisionKind
    public let inPortfolio: Bool
    /// P&L at exit (or at the scenario's end), costs and carry included, in money.
    public var pnl: [Double]
    /// P&L / basis at exit; NaN where undefined (never entered, or a zero basis).
    public var returns: [Double]
    /// Largest fall of the decision's P&L from its running peak, in money (≥ 0).
    public var maxDrawdown: [Double]
    /// Trading days from entry to exit (0 when never entered).
    public var holdingDays: [Int32]
    public var exitReason: [UInt8]
    /// Long-side return minus short-side return in basis points (pairs; NaN otherwise).
    public var relativeReturnBps: [Double]

    /// "decision" or "decision/variant" for messages.
    public var label: String { variantName.isEmpty ? decisionID : decisionID + "/" + variantName }
}

/// One leg of one trade on one path (a row of `trades.csv`).
///
/// Prices are before costs: the close for stock, the model mid (or intrinsic at expiry) for
/// options. `costs` holds everything the trade paid besides price moves: slippage against the
/// close, option half-spreads, commissions and borrow fees. `pnl` = quantity × (exit − entry)
/// − costs.
public struct TradeRecord: Sendable, Hashable {
    public var path: Int
    public var decisionID: String
    public var variantName: String
    public var leg: Int
    /// `stock`, or `put 95.0 2026-09-15` (type, strike, expiry date).
    public var instrument: String
    public var ticker: String
    public var quantity: Double
    public var entryDay: Int
    public var entryPrice: Double
    public var exitDay: Int
    public var exitPrice: Double
    public var costs: Double
    public var pnl: Double
    public var exitReason: ExitReason
}

/// Everything a run keeps about one scenario.
public struct ScenarioOutcomes: Sendable {
    public let scenario: Scenario
    public let scenarioIndex: Int
    public let paths: Int
    public var variants: [VariantOutcomes]
    /// Portfolio P&L (equity at the end − equity at the start), money.
    public var portfolioPnL: [Double]
    /// Portfolio max drawdown in money and as a fraction of the running peak.
    public var portfolioMaxDrawdown: [Double]
    public var portfolioMaxDrawdownFraction: [Double]
    /// Equity on day 0 (capital plus the holdings' value).
    public var startEquity: Double
    /// Portfolio equity per day for the first `equitySample` paths: `[day][path]`.
    public var equitySample: [[Double]]
    /// Every leg of every trade on the first `tracedPaths` paths, in path order.
    public var trades: [TradeRecord]
    /// Each variant's P&L per day on the traced paths: `[variant][path][day]`.
    public var dailyPnL: [[[Double]]]
}
