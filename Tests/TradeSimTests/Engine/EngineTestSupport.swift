import Foundation
@testable import TradeSim

/// Runs a study's playbook with every path traced (trades and daily P&L recorded).
func runTraced(_ study: Study, paths: Int = 1, seed: UInt64 = 1) -> [ScenarioOutcomes] {
    Engine.run(study: study, scenarioIndices: Array(study.scenarios.indices),
               configuration: RunConfiguration(paths: paths, seed: seed, threads: 1, tracedPaths: paths, keepPathReturns: true))
}

/// A variant's outcome on path 0.
struct PathOutcome {
    var pnl: Double
    var returnValue: Double
    var exitReason: ExitReason
    var holdingDays: Int
    var relativeBps: Double
    var trades: [TradeRecord]
    var daily: [Double]

    init(_ o: ScenarioOutcomes, decision: String, variant: String = "") {
        let k = o.variants.firstIndex { $0.decisionID == decision && $0.variantName == variant }!
        let v = o.variants[k]
        pnl = v.pnl[0]
        returnValue = v.returns[0]
        exitReason = ExitReason(rawValue: v.exitReason[0])!
        holdingDays = Int(v.holdingDays[0])
        relativeBps = v.relativeReturnBps.first ?? .nan
        trades = o.trades.filter { $0.path == 0 && $0.decisionID == decision && $0.variantName == variant }
        daily = o.dailyPnL[k][0]
    }
}

/// |a − b| ≤ 1e-9 · max(1, |b|): "exact to 1e-9" for money amounts.
func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
