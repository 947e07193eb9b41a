/// The CSV files of a backtest's tearsheet (`Tearsheet`), for the first window: money in the
/// study currency, returns and drawdown fractions as decimals, numbers as the round-trip
/// decimal, undefined values as empty cells. Rows go series by series: each decision variant
/// in playbook order, then `portfolio`.
enum TearsheetTables {
    // MARK: - equity.csv

    /// `equity.csv`: one row per series and close — `date, decision, variant, day, equity, pnl,
    /// daily_pnl, daily_return, drawdown, drawdown_fraction` (`EquityCurve`: equity V_t, P&L
    /// V_t − V₋₁, daily P&L V_t − V_{t−1}, daily return on V_{t−1}, drawdown V_t − M_t in money
    /// and V_t/M_t − 1, both ≤ 0).
    static let equityColumns = ["date", "decision", "variant", "day", "equity", "pnl", "daily_pnl", "daily_return",
                                "drawdown", "drawdown_fraction"]

    static func equityCSV(_ t: Tearsheet) -> String {
        var out = equityColumns.joined(separator: ",") + "\n"
        for s in t.series {
            let c = s.curve
            let daily = c.dailyPnL, returns = c.dailyReturns, drawdown = c.drawdown, fraction = c.drawdownFraction
            let name = CSVField.escape(c.decision) + "," + CSVField.escape(c.variant) + ","
            for k in c.values.indices {
                out += c.dates[k].description + "," + name + String(k) + "," + NumberText.csv(c.values[k]) + ","
                    + NumberText.csv(c.values[k] - c.startValue) + "," + NumberText.csv(daily[k]) + ","
                    + NumberText.csv(returns[k]) + "," + NumberText.csv(drawdown[k]) + "," + NumberText.csv(fraction[k]) + "\n"
            }
        }
        return out
    }

    // MARK: - monthly_returns.csv

    /// `monthly_returns.csv`: one row per series and calendar month with returns — `decision,
    /// variant, year, month, return, days` (Π(1 + r) − 1 of the daily returns dated in the
    /// month, `PeriodReturn`; `days` the trading days it holds) — each year's total after its
    /// last month, with `month` = `total`.
    static let monthlyColumns = ["decision", "variant", "year", "month", "return", "days"]

    static func monthlyCSV(_ t: Tearsheet) -> String {
        var out = monthlyColumns.joined(separator: ",") + "\n"
        for s in t.series {
            let name = CSVField.escape(s.curve.decision) + "," + CSVField.escape(s.curve.variant) + ","
            for p in s.periods {
                out += name + String(p.year) + "," + (p.month.map(String.init) ?? "total") + ","
                    + NumberText.csv(p.value) + "," + String(p.days) + "\n"
            }
        }
        return out
    }

    // MARK: - tearsheet.csv

    /// `tearsheet.csv`: one row per series — `decision, variant, in_portfolio, start_date,
    /// end_date, days, start_value, end_value, total_pnl, total_return`, then the metrics of
    /// its `days` daily returns under empyrical's names (`ReturnMetrics`: 252 periods a year,
    /// risk-free 0) `annual_return, annual_volatility, sharpe_ratio, sortino_ratio,
    /// max_drawdown, calmar_ratio, max_drawdown_duration`.
    static let tearsheetColumns = ["decision", "variant", "in_portfolio", "start_date", "end_date", "days", "start_value",
                                   "end_value", "total_pnl", "total_return", "annual_return", "annual_volatility",
                                   "sharpe_ratio", "sortino_ratio", "max_drawdown", "calmar_ratio", "max_drawdown_duration"]

    static func tearsheetCSV(_ t: Tearsheet) -> String {
        var out = tearsheetColumns.joined(separator: ",") + "\n"
        for s in t.series {
            let c = s.curve, m = s.metrics
            let cells = [CSVField.escape(c.decision), CSVField.escape(c.variant), c.inPortfolio ? "true" : "false",
                         c.dates.first?.description ?? "", c.dates.last?.description ?? "", String(c.values.count),
                         NumberText.csv(c.startValue), NumberText.csv(c.values.last), NumberText.csv(c.totalPnL),
                         NumberText.csv(c.totalReturn), NumberText.csv(m.annualReturn), NumberText.csv(m.annualVolatility),
                         NumberText.csv(m.sharpeRatio), NumberText.csv(m.sortinoRatio), NumberText.csv(m.maxDrawdown),
                         NumberText.csv(m.calmarRatio), m.maxDrawdownDuration.map(String.init) ?? ""]
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }
}
