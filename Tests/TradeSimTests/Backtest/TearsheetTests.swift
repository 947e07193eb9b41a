import Foundation
import Testing
@testable import TradeSim

/// The backtest tearsheet (equity.csv, monthly_returns.csv, tearsheet.csv, report.html) on a
/// hand-made history: Fixtures/tearsheet/prices.csv, 30 closes of A and B on the weekdays
/// 2025-03-03 … 2025-04-11 (21 in March, 9 in April), typed by hand.
///
/// The playbook: capital 10,000, no costs; "a" buys 100 A at the first close and holds to the
/// last; "b" buys 20 B at the first close and leaves after 10 days (at the 2025-03-17 close).
/// So by hand, with t = 0…29:
///   a: V_t = 10000 + 100·(A_t − 50)
///   b: V_t = 10000 + 20·(B_min(t,10) − 20)
///   portfolio: V_t = 10000 + 100·(A_t − 50) + 20·(B_min(t,10) − 20), starting value 10,000.
@Suite("Backtest tearsheet")
struct TearsheetTests {
    static let a: [Double] = [50, 51, 52, 50, 49, 51, 53, 54, 52, 50, 48, 47, 49, 52, 55, 56, 54, 55, 57, 58,
                              58.5, 57, 55, 56, 59, 60, 61, 60, 62, 63]
    static let b: [Double] = [20, 20.5, 21, 20, 19.5, 19, 19.5, 20, 21, 22, 21.5, 21, 20, 20.5, 21, 21.5, 22, 22.5, 23, 22,
                              21, 20.5, 20, 19.5, 20, 21, 21.5, 22, 22.5, 23]

    static func series() throws -> [PriceSeries] {
        try PriceTable.parse(Fixtures.text("tearsheet/prices.csv"), file: "prices.csv", ticker: nil).get().series
    }

    static func study() throws -> Study {
        try StudyText.study("""
            {"name": "ts", "start": "2025-03-03",
             "universe": [{"ticker": "A", "spot": 50, "volatility": 0.3}, {"ticker": "B", "spot": 20, "volatility": 0.3}],
             "scenarios": [{"name": "h", "model": "historical", "horizon": "all", "history": {"prices": "p"}}],
             "playbook": {"capital": 10000, "decisions": [
               {"id": "a", "kind": "basket", "assets": ["A"], "size": {"units": 100}},
               {"id": "b", "kind": "basket", "assets": ["B"], "size": {"units": 20}, "exit": {"horizon": 10}}]}}
            """, histories: ["p": try series()])
    }

    /// The backtest as the command line runs it: the plan's windows, run and combined, and the
    /// backtest's report set.
    static func backtest(every: Int? = nil) throws -> (outcomes: ScenarioOutcomes, files: [String: String], names: [String]) {
        let study = try study()
        let plan = BacktestPlan(template: study.scenarios[0], universe: study.universe, series: try series(),
                                pricesReference: "p", every: every)
        let runs = try plan.runs().get()
        var replay = study
        replay.scenarios = runs.scenarios
        let configuration = RunConfiguration(paths: 1, seed: 0, threads: 2, tracedPaths: 1)
        let each = Engine.runEach(study: replay, configuration: configuration)
        let combined = ScenarioOutcomes.combine(each, scenario: runs.scenarios[0])
        var reportConfiguration = configuration
        reportConfiguration.paths = each.count
        let set = ReportSet(backtest: replay, outcomes: combined, configuration: reportConfiguration)
        return (combined, Dictionary(uniqueKeysWithValues: set.files.map { ($0.name, $0.text) }), set.files.map(\.name))
    }

    /// A CSV without quoted fields as rows of column → text.
    static func rows(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells).map { ($0, $1) })
        }
    }

    // MARK: - equity.csv

    @Test func equityCSVByHand() throws {
        let (o, files, _) = try Self.backtest()
        // "b" left at the close of day 10 (2025-03-17), at B = 21.5.
        let bTrade = try #require(o.trades.first { $0.decisionID == "b" })
        #expect(bTrade.exitDate == CalendarDate(iso: "2025-03-17")! && bTrade.exitPrice == 21.5)

        let rows = Self.rows(try #require(files["equity.csv"]))
        #expect(files["equity.csv"]!.hasPrefix("date,decision,variant,day,equity,pnl,daily_pnl,daily_return,drawdown,drawdown_fraction\n"))
        #expect(rows.count == 3 * 30)
        let order: [String] = ["a", "b", "portfolio"].flatMap { Array(repeating: $0, count: 30) }
        #expect(rows.map { $0["decision"] ?? "" } == order)
        let dates = try Self.series()[0].dates
        let aValues: [Double] = Self.a.map { (x: Double) -> Double in 10000 + 100 * (x - 50) }
        let bValues: [Double] = (0..<30).map { (t: Int) -> Double in 10000 + 20 * (Self.b[min(t, 10)] - 20) }
        let portfolioValues: [Double] = (0..<30).map { (t: Int) -> Double in aValues[t] + bValues[t] - 10000 }
        let hand: [String: [Double]] = ["a": aValues, "b": bValues, "portfolio": portfolioValues]
        for (name, values) in hand {
            let block = rows.filter { $0["decision"] == name }
            var peak = 10000.0
            for t in 0..<30 {
                let r = block[t], previous = t == 0 ? 10000 : values[t - 1]
                peak = max(peak, values[t])
                #expect(r["date"] == dates[t].description && r["day"] == String(t) && r["variant"] == "")
                #expect(abs(r.double("equity") - values[t]) < 1e-9, "\(name) day \(t)")
                #expect(abs(r.double("pnl") - (values[t] - 10000)) < 1e-9)
                #expect(abs(r.double("daily_pnl") - (values[t] - previous)) < 1e-9, "\(name) day \(t)")
                #expect(abs(r.double("daily_return") - (values[t] - previous) / previous) < 1e-15)
                #expect(abs(r.double("drawdown") - (values[t] - peak)) < 1e-9, "\(name) day \(t)")
                #expect(abs(r.double("drawdown_fraction") - (values[t] / peak - 1)) < 1e-15)
            }
        }
        // Spot checks typed out: the portfolio's peak is 10,400 on 2025-03-12 (A 54, B 20), its
        // trough 9,730 on 2025-03-18 (A 47 after B left at 21.5: 10000 − 300 + 30): −670, −6.44%.
        let portfolio = rows.filter { $0["decision"] == "portfolio" }
        #expect(portfolio[7]["equity"] == "10400.0" && portfolio[11]["date"] == "2025-03-18")
        #expect(portfolio[11]["drawdown"] == "-670.0" && portfolio[11]["daily_pnl"] == "-100.0")
        #expect(abs(portfolio[11].double("drawdown_fraction") - (-670.0 / 10400)) < 1e-15)
        #expect(portfolio.map { $0.double("drawdown") }.min() == -670)
        #expect(portfolio[29]["pnl"] == "1330.0")   // 100·13 + 20·1.5
        // The portfolio's P&L and drawdown are the engine's, as summary.csv reports them.
        let summary = Self.rows(files["summary.csv"]!).first { $0["decision"] == "portfolio" }!
        #expect(summary.double("mean_pnl") == 1330 && summary.double("mean_max_drawdown") == 670)
    }

    /// A falling curve: the starting value counts in the peak, a value at 0 leaves the next
    /// return undefined, and then the metrics are undefined (empty cells, never NaN).
    @Test func curveEdgeCases() {
        let d = (0..<4).map { CalendarDate(iso: "2025-03-03")!.adding(days: $0) }
        let c = EquityCurve(decision: "x", variant: "", inPortfolio: true, dates: d, startValue: 100, values: [90, 95, 0, 10])
        #expect(c.dailyPnL == [-10, 5, -95, 10])
        #expect(c.dailyReturns.map { $0.map { ($0 * 1e12).rounded() / 1e12 } } == [-0.1, 0.055555555556, -1, nil])
        #expect(c.drawdown == [-10, -5, -100, -90])
        #expect(c.drawdownFraction == [-0.1, -0.05, -1, -0.9])
        #expect(c.definedReturns == nil && c.totalPnL == -90 && c.totalReturn == -0.9)
        let m = ReturnMetrics(returns: c.definedReturns ?? [])
        #expect(m.sharpeRatio == nil && m.maxDrawdown == nil && m.annualReturn == nil)
    }

    // MARK: - monthly_returns.csv

    /// Compounding by hand: January 1.01 × 0.98 × 1.03 − 1 = 0.019494, February 1.05 × 0.99 − 1 =
    /// 0.0395, the year 1.019494 × 1.0395 − 1 = 0.059764013.
    @Test func monthlyCompoundingByHand() {
        let dates = ["2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03", "2025-02-04"].map { CalendarDate(iso: $0)! }
        let p = PeriodReturn.monthsAndYears(dates: dates, returns: [0.01, -0.02, 0.03, 0.05, -0.01])
        #expect(p.map(\.year) == [2025, 2025, 2025] && p.map(\.month) == [1, 2, nil] && p.map(\.days) == [3, 2, 5])
        #expect(abs(p[0].value! - 0.019494) < 1e-15)
        #expect(abs(p[1].value! - 0.0395) < 1e-15)
        #expect(abs(p[2].value! - 0.059764013) < 1e-15)
        // An undefined return leaves its month and year undefined, not the other months.
        let q = PeriodReturn.monthsAndYears(dates: dates, returns: [0.01, -0.02, 0.03, nil, -0.01])
        #expect(abs(q[0].value! - 0.019494) < 1e-15 && q[1].value == nil && q[2].value == nil)
        // Across a year end: each year's total follows its last month.
        let y = PeriodReturn.monthsAndYears(dates: ["2024-12-31", "2025-01-02"].map { CalendarDate(iso: $0)! }, returns: [0.5, -0.5])
        #expect(y == [PeriodReturn(year: 2024, month: 12, value: 0.5, days: 1), PeriodReturn(year: 2024, month: nil, value: 0.5, days: 1),
                      PeriodReturn(year: 2025, month: 1, value: -0.5, days: 1), PeriodReturn(year: 2025, month: nil, value: -0.5, days: 1)])
    }

    /// The hand-made history's months: the portfolio ends March at 10,880 (A 58.5, B out at
    /// 21.5: 10000 + 850 + 30) and April at 11,330, so March +8.8%, April 11330/10880 − 1.
    @Test func monthlyReturnsCSV() throws {
        let (_, files, _) = try Self.backtest()
        let rows = Self.rows(try #require(files["monthly_returns.csv"]))
        #expect(files["monthly_returns.csv"]!.hasPrefix("decision,variant,year,month,return,days\n"))
        let portfolio = rows.filter { $0["decision"] == "portfolio" }
        #expect(portfolio.map { $0["month"]! } == ["3", "4", "total"] && portfolio.map { $0["days"]! } == ["21", "9", "30"])
        #expect(abs(portfolio[0].double("return") - 0.088) < 1e-14)
        #expect(abs(portfolio[1].double("return") - (11330.0 / 10880 - 1)) < 1e-14)
        #expect(abs(portfolio[2].double("return") - 0.133) < 1e-14)
        // empyrical's aggregate_returns on the same returns (Tests/References/tearsheet_empyrical.py).
        let reference = Dictionary(uniqueKeysWithValues: Fixtures.csvRows("tearsheet/empyrical.csv").map { ($0["metric"]!, $0.double("value")) })
        #expect(relativeError(portfolio[0].double("return"), reference["monthly_2025_3"]!) < 1e-12)
        #expect(relativeError(portfolio[1].double("return"), reference["monthly_2025_4"]!) < 1e-12)
        #expect(relativeError(portfolio[2].double("return"), reference["yearly_2025"]!) < 1e-12)
    }

    // MARK: - tearsheet.csv

    /// The metrics are `ReturnMetrics` of equity.csv's daily returns (the functions checked
    /// against empyrical in ReturnMetricsTests), and agree with empyrical run on the portfolio
    /// rebuilt by hand from the closes (Fixtures/tearsheet/empyrical.csv, written by
    /// Tests/References/tearsheet_empyrical.py: annual_return 1.854507857773151, sharpe_ratio
    /// 4.209647232988711, max_drawdown −0.06442307692307685, …).
    @Test func metricsAreTheReturnMetricsOfTheDailyReturns() throws {
        let (_, files, _) = try Self.backtest()
        let text = try #require(files["tearsheet.csv"])
        #expect(text.hasPrefix("decision,variant,in_portfolio,start_date,end_date,days,start_value,end_value,total_pnl,total_return,annual_return,annual_volatility,sharpe_ratio,sortino_ratio,max_drawdown,calmar_ratio,max_drawdown_duration\n"))
        let rows = Self.rows(text)
        #expect(rows.map { $0["decision"]! } == ["a", "b", "portfolio"])
        let equity = Self.rows(files["equity.csv"]!)
        for row in rows {
            let returns = equity.filter { $0["decision"] == row["decision"] }.map { $0.double("daily_return") }
            let m = ReturnMetrics(returns: returns)
            let pairs: [(String, Double?)] = [("annual_return", m.annualReturn), ("annual_volatility", m.annualVolatility),
                                              ("sharpe_ratio", m.sharpeRatio), ("sortino_ratio", m.sortinoRatio),
                                              ("max_drawdown", m.maxDrawdown), ("calmar_ratio", m.calmarRatio)]
            for (name, value) in pairs { #expect(row[name] == NumberText.csv(value), "\(row["decision"]!) \(name)") }
            #expect(row["max_drawdown_duration"] == m.maxDrawdownDuration.map(String.init))
            #expect(row["days"] == "30" && row["start_date"] == "2025-03-03" && row["end_date"] == "2025-04-11")
        }
        let p = rows[2]
        #expect(p["total_pnl"] == "1330.0" && abs(p.double("total_return") - 0.133) < 1e-15 && p["in_portfolio"] == "true")
        let reference = Dictionary(uniqueKeysWithValues: Fixtures.csvRows("tearsheet/empyrical.csv").map { ($0["metric"]!, $0.double("value")) })
        for name in ["annual_return", "annual_volatility", "sharpe_ratio", "sortino_ratio", "max_drawdown", "calmar_ratio"] {
            #expect(relativeError(p.double(name), reference[name]!) < 1e-12, "\(name): \(p[name]!) vs empyrical \(reference[name]!)")
        }
        #expect(abs(p.double("max_drawdown") - (-670.0 / 10400)) < 1e-15)
    }

    // MARK: - The report set and page

    /// A single window: the tearsheet files after thesis.csv, no Monte Carlo s.e., and a page
    /// with the tearsheet's charts and tables instead of the histograms and box plots.
    @Test func reportSetOfOneWindow() throws {
        let (_, files, names) = try Self.backtest()
        #expect(names == ["summary.csv", "thesis.csv", "tearsheet.csv", "equity.csv", "monthly_returns.csv", "equity_quantiles.csv",
                          "pnl_histogram.csv", "exits.csv", "first_passage.csv", "trades.csv", "report.html"])
        let html = try #require(files["report.html"])
        for part in ["<h3>Cumulative return</h3>", "<h3>Portfolio drawdown (underwater)</h3>", "<h3>Monthly returns</h3>",
                     "<h2>Trades</h2>", ">Sharpe<", "worst -6.4%"] {
            #expect(html.contains(part), "\(part)")
        }
        for part in ["±MC s.e.", "P&amp;L distributions", "Portfolio P&amp;L by scenario", "overlapping", "NaN", ">nan", "n/a"] {
            #expect(!html.contains(part), "\(part)")
        }
        // March +8.8% and April +4.1% in the heat map, green.
        #expect(html.contains("<td style=\"background:rgba(26,127,55,0.63)\">8.8%</td>"))
        #expect(html.contains(">4.1%</td>"))
    }

    /// With a run every 10th day the three windows (from days 0, 10, 20) overlap: the page says
    /// so and gives no standard error; summary.csv leaves mc_stderr empty; equity.csv holds
    /// the first window only.
    @Test func overlappingWindows() throws {
        let (o, files, _) = try Self.backtest(every: 10)
        #expect(o.paths == 3 && o.runStartDates.map(\.description) == ["2025-03-03", "2025-03-17", "2025-03-31"])
        let html = try #require(files["report.html"])
        #expect(html.contains("<h2>3 overlapping windows</h2>") && html.contains("no standard error is given"))
        #expect(!html.contains("s.e.") && !html.contains("±"))
        let summary = Self.rows(files["summary.csv"]!)
        #expect(summary.allSatisfy { $0["mc_stderr"] == "" && $0["paths"] == "3" })
        #expect(Self.rows(files["equity.csv"]!).count == 90)
        #expect(Self.rows(files["tearsheet.csv"]!).last!["total_pnl"] == "1330.0")
    }
}
