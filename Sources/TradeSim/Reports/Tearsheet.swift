/// What a backtest's tearsheet shows, computed once for `equity.csv`, `monthly_returns.csv`,
/// `tearsheet.csv` and the backtest's report.html: the first window's equity curves (each
/// decision variant, then the portfolio), their daily-return metrics (`ReturnMetrics`:
/// empyrical's definitions, 252 periods a year, risk-free 0) and their monthly and yearly
/// compounded returns (`PeriodReturn`), and the start date of every window.
public struct Tearsheet: Sendable {
    /// One curve with what is derived from it.
    public struct Series: Sendable {
        /// The curve (`EquityCurve.firstWindow`).
        public var curve: EquityCurve
        /// The metrics of its daily returns; every value nil when a return is undefined (a
        /// value at or below 0 before some close).
        public var metrics: ReturnMetrics
        /// Its returns per calendar month, each year's total after its last month.
        public var periods: [PeriodReturn]
        /// How the variant's position ended in the window (nil for the portfolio).
        public var exitReason: ExitReason?
        /// Trading days the variant held its position (nil for the portfolio; 0 when never entered).
        public var holdingDays: Int?
    }

    /// Each decision variant in playbook order, then the portfolio.
    public var series: [Series]
    /// The first date of each window (one unless the backtest started every N-th day).
    public var windowStarts: [CalendarDate]

    /// The tearsheet of a backtest's outcomes (`ScenarioOutcomes.combine` of its windows, or
    /// one run); `capital` is the playbook's, the base of the decisions' curves.
    public init(_ o: ScenarioOutcomes, capital: Double) {
        let curves = EquityCurve.firstWindow(o, capital: capital)
        series = curves.enumerated().map { k, curve in
            let variant = curve.decision == "portfolio" ? nil : o.variants[k]
            return Series(curve: curve, metrics: ReturnMetrics(returns: curve.definedReturns ?? []),
                          periods: PeriodReturn.monthsAndYears(dates: curve.dates, returns: curve.dailyReturns),
                          exitReason: variant.flatMap { $0.exitReason.first.flatMap(ExitReason.init(rawValue:)) },
                          holdingDays: variant.flatMap { $0.holdingDays.first.map(Int.init) })
        }
        windowStarts = o.runStartDates.isEmpty ? Array(o.scenario.dates.prefix(1)) : o.runStartDates
    }

    /// The portfolio's series (the last), if the run traced its equity.
    public var portfolio: Series? { series.last.flatMap { $0.curve.decision == "portfolio" ? $0 : nil } }
}
