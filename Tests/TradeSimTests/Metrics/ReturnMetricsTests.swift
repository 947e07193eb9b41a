import Foundation
import Testing
@testable import TradeSim

/// Return metrics against empyrical-reloaded 0.7.1 (and scipy for skew/kurtosis and the
/// Gaussian VaR) on five series — normal, fat-tailed, a crash, no losing day, short — generated
/// by Tests/References/empyrical_metrics.py. Every metric to 1e-9 relative; values empyrical
/// leaves undefined (NaN, ±inf) are nil here.
@Suite("Return metrics vs empyrical")
struct ReturnMetricsTests {
    static func returns(_ series: String) -> [Double] {
        Fixtures.csvRows("series/\(series).csv").map { $0.double("return") }
    }

    static func value(_ m: ReturnMetrics, _ metric: String) -> Double? {
        switch metric {
        case "annual_return": m.annualReturn
        case "annual_volatility": m.annualVolatility
        case "sharpe_ratio": m.sharpeRatio
        case "sortino_ratio": m.sortinoRatio
        case "downside_risk": m.downsideRisk
        case "max_drawdown": m.maxDrawdown
        case "calmar_ratio": m.calmarRatio
        case "omega_ratio": m.omegaRatio
        case "tail_ratio": m.tailRatio
        case "stability_of_timeseries": m.stability
        case "value_at_risk": m.valueAtRisk
        case "conditional_value_at_risk": m.conditionalValueAtRisk
        case "skew": m.skew
        case "kurtosis": m.kurtosis
        case "var95_gaussian": m.gaussianVaR95
        case "cvar95_gaussian": m.gaussianCVaR95
        case "max_drawdown_duration": m.maxDrawdownDuration.map(Double.init)
        default: nil
        }
    }

    @Test(arguments: ["normal", "fat_tailed", "crash", "no_losing_day", "short"])
    func matchesEmpyrical(_ series: String) {
        let r = Self.returns(series)
        #expect(r.count >= 12)
        let plain = ReturnMetrics(returns: r)
        let withRiskFree = ReturnMetrics(returns: r, riskFree: 0.0001)
        let withRequired = ReturnMetrics(returns: r, requiredReturn: 0.0002, omegaRequiredReturn: 0.05)
        var checked = 0
        var worst = 0.0
        for row in Fixtures.csvRows("empyrical_metrics.csv") where row["series"] == series {
            let metric = row["metric"]!
            let got: Double?
            switch metric {
            case "sharpe_ratio_rf": got = withRiskFree.sharpeRatio
            case "omega_ratio_req": got = withRequired.omegaRatio
            case "sortino_ratio_req": got = withRequired.sortinoRatio
            default: got = Self.value(plain, metric)
            }
            let expected = row["value"] ?? ""
            if expected.isEmpty {
                #expect(got == nil, "\(series) \(metric): \(String(describing: got)) where empyrical is undefined")
            } else {
                let e = Double(expected)!
                let error = relativeError(got ?? .nan, e, floor: 1e-12)
                worst = max(worst, error)
                #expect(error <= 1e-9, "\(series) \(metric): \(String(describing: got)) vs \(e)")
            }
            checked += 1
        }
        #expect(checked == 20)
        print("empyrical \(series): 20 metrics, worst relative error \(worst)")
    }

    /// Hand-computable cases: a 10% fall then recovery in three steps.
    @Test func drawdownByHand() {
        let m = ReturnMetrics(returns: [0.10, -0.10, 0.05, 0.06, -0.01])
        // Curve 1, 1.1, 0.99, 1.0395, 1.10187, 1.0908513: peak 1.1 at t=1, back above at t=4.
        #expect(abs(m.maxDrawdown! - (0.99 / 1.1 - 1)) < 1e-15)
        #expect(m.maxDrawdownDuration == 3)
        #expect(ReturnMetrics(returns: [0.01, 0.02]).maxDrawdownDuration == 0)
        #expect(ReturnMetrics(returns: [-0.01, 0.005]).maxDrawdownDuration == 2)
    }

    /// Found by the CSV fuzzer: a price series jumping from 18 to 2e12 compounds past the
    /// largest double over a year; the annual return (and the Calmar ratio) are then
    /// undefined (nil, shown as n/a or null), never ∞.
    @Test func overflowingMetricsAreUndefined() {
        let prices = [17.54, 16.96, 16.9599990844726589, 17.99542236328, 1_999_389_648_438]
        let returns = (1..<prices.count).map { prices[$0] / prices[$0 - 1] - 1 }
        let m = ReturnMetrics(returns: returns)
        #expect(m.annualReturn == nil && m.calmarRatio == nil)
        #expect(m.annualVolatility != nil && m.annualVolatility!.isFinite)
        #expect(m.maxDrawdown != nil)
    }
}
