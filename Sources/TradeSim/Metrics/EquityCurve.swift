/// One equity curve of a backtest window: the value of a decision variant or of the portfolio
/// at each close, with its daily P&L, its daily returns and its drawdowns — the series a
/// tearsheet (pyfolio, quantstats) is built from.
///
/// - Portfolio: the engine's portfolio equity (capital + holdings at their closes + their
///   dividends + Σ P&L of the decisions it holds − financing); its value before the first close
///   is the run's starting equity (capital + holdings at the first close).
/// - Decision variant: the playbook's capital + the variant's P&L to date (costs and carry
///   included), as if the variant alone had been run with the playbook's capital, the rest
///   held as cash at no interest; its value before the first close is the capital.
///
/// With V₋₁ the value before the first close and V_t the value at close t (t = 0…T):
/// - daily P&L_t = V_t − V_{t−1} (day 0: the P&L of the first close, e.g. entry costs);
/// - daily return r_t = (V_t − V_{t−1}) / V_{t−1} (decimal; undefined when V_{t−1} ≤ 0), so
///   Π(1 + r_t) − 1 = V_T / V₋₁ − 1, the window's return on its starting value;
/// - running peak M_t = max(V₋₁, V₀, …, V_t) (the starting value counts, as empyrical's
///   max_drawdown prepends its start value);
/// - drawdown_t = V_t − M_t (money, ≤ 0) and V_t / M_t − 1 (decimal, ≤ 0; undefined when M_t ≤ 0).
public struct EquityCurve: Sendable {
    /// The decision's id, or `portfolio`.
    public var decision: String
    /// The variant's name ("" for a single variant and the portfolio).
    public var variant: String
    /// True for the portfolio and the variants it holds.
    public var inPortfolio: Bool
    /// The date of each close, t = 0…T.
    public var dates: [CalendarDate]
    /// V₋₁: the value before the first close, money.
    public var startValue: Double
    /// V_t: the value at each close, money.
    public var values: [Double]

    /// A curve from its starting value and its value at each close (`values.count == dates.count`).
    public init(decision: String, variant: String, inPortfolio: Bool, dates: [CalendarDate], startValue: Double, values: [Double]) {
        precondition(values.count == dates.count, "an equity curve needs one value per date")
        self.decision = decision
        self.variant = variant
        self.inPortfolio = inPortfolio
        self.dates = dates
        self.startValue = startValue
        self.values = values
    }

    /// "decision" or "decision / variant", for tables and legends.
    public var label: String { variant.isEmpty ? decision : decision + " / " + variant }

    /// V_t − V_{t−1}, money (day 0 against the starting value).
    public var dailyPnL: [Double] {
        values.indices.map { values[$0] - (($0 == 0) ? startValue : values[$0 - 1]) }
    }

    /// (V_t − V_{t−1}) / V_{t−1}, decimal; nil where the previous value is ≤ 0.
    public var dailyReturns: [Double?] {
        values.indices.map { t in
            let previous = t == 0 ? startValue : values[t - 1]
            return previous > 0 ? (values[t] - previous) / previous : nil
        }
    }

    /// The daily returns when every one is defined (what the return metrics need), else nil.
    public var definedReturns: [Double]? {
        let r = dailyReturns
        return r.contains { $0 == nil } ? nil : r.map { $0! }
    }

    /// M_t = max(V₋₁, V₀, …, V_t), money.
    public var runningPeak: [Double] {
        var peak = startValue
        return values.map { v in
            peak = max(peak, v)
            return peak
        }
    }

    /// V_t − M_t, money (≤ 0).
    public var drawdown: [Double] {
        zip(values, runningPeak).map { $0 - $1 }
    }

    /// V_t / M_t − 1, decimal (≤ 0); nil where the peak is ≤ 0.
    public var drawdownFraction: [Double?] {
        zip(values, runningPeak).map { v, m in m > 0 ? (v - m) / m : nil }
    }

    /// V_T − V₋₁: the window's P&L, money.
    public var totalPnL: Double { (values.last ?? startValue) - startValue }

    /// V_T / V₋₁ − 1: the window's return on its starting value (nil when that is ≤ 0).
    public var totalReturn: Double? { startValue > 0 ? totalPnL / startValue : nil }
}

extension EquityCurve {
    /// The curves of a backtest's first window (path 0 of `o`, which runs over the scenario's
    /// dates; the later windows of a rolling backtest start later): each decision variant in
    /// playbook order, then the portfolio. A variant's curve is `capital` + its P&L at each
    /// close (`ScenarioOutcomes.dailyPnL`), the portfolio's the engine's equity
    /// (`equitySample`) from `o.startEquity`. Empty when the run traced no path.
    public static func firstWindow(_ o: ScenarioOutcomes, capital: Double) -> [EquityCurve] {
        let dates = o.scenario.dates
        var out: [EquityCurve] = []
        for (k, v) in o.variants.enumerated() {
            guard let pnl = o.dailyPnL[k].first, pnl.count == dates.count else { continue }
            out.append(EquityCurve(decision: v.decisionID, variant: v.variantName, inPortfolio: v.inPortfolio,
                                   dates: dates, startValue: capital, values: pnl.map { capital + $0 }))
        }
        let equity = o.equitySample.compactMap(\.first)
        if !out.isEmpty && equity.count == dates.count {
            out.append(EquityCurve(decision: "portfolio", variant: "", inPortfolio: true,
                                   dates: dates, startValue: o.startEquity, values: equity))
        }
        return out
    }
}
