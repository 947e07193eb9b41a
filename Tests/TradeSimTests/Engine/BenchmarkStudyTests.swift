import Foundation
import Testing
@testable import TradeSim

/// `scenarios/benchmark.json` is shared/bench/WORKLOAD.md expressed as a study.
@Suite("Benchmark study")
struct BenchmarkStudyTests {
    /// WORKLOAD.md §2/§8: the day-0 put-spread premiums A3 = 39,990.017772, A4 = 33,001.764205
    /// (10,000 × [P(95) − P(80)], σ = 0.30 and 0.25, τ = 0.5, r = 4%), to 1e-6.
    @Test func dayZeroPutSpreadPremiums() throws {
        let study = try repositoryStudy("benchmark.json")
        let o = runTraced(study)[0]
        let legs = o.trades.filter { $0.decisionID == "putspread" }
        #expect(legs.map(\.ticker) == ["A3", "A3", "A4", "A4"])
        // Expiry day 126 = 2026-06-30 (numpy.busday_offset("2026-01-05", 126)).
        #expect(legs.map { $0.instrument.text } == ["put 95.0 2026-06-30", "put 80.0 2026-06-30", "put 95.0 2026-06-30", "put 80.0 2026-06-30"])
        let a3 = legs[0].quantity * legs[0].entryPrice + legs[1].quantity * legs[1].entryPrice
        let a4 = legs[2].quantity * legs[2].entryPrice + legs[3].quantity * legs[3].entryPrice
        #expect(abs(a3 - 39_990.017772) < 1e-6)
        #expect(abs(a4 - 33_001.764205) < 1e-6)
        // Straddle: bought on day 25 at the money, expiring on day 35 (settled at intrinsic).
        let straddle = o.trades.filter { $0.decisionID == "straddle" }
        #expect(straddle.map(\.entryDay) == [25, 25] && straddle.map(\.exitDay) == [35, 35])
        #expect(straddle.map(\.exitReason) == [.expiry, .expiry])
        #expect(straddle.map(\.quantity) == [5000, 5000])
    }

    /// Per-decision mean P&L within 4 standard errors of WORKLOAD.md §8's closed forms
    /// (lognormal mixtures over the four jump outcomes; compare.py's analytic_means): basket
    /// 33,739.1, put spread 20,322.1, pair 5,158.4, straddle 43,676.8, total 102,896.3.
    /// 10,000 paths, seed 42.
    @Test func meansMatchTheClosedForms() throws {
        let study = try repositoryStudy("benchmark.json")
        let o = Engine.run(study: study, scenarioIndices: [0], configuration: RunConfiguration(paths: 10_000, seed: 42, threads: 2))[0]
        let expected = ["basket": 33_739.1, "putspread": 20_322.1, "pair": 5_158.4, "straddle": 43_676.8]
        for v in o.variants {
            let s = PathStatistics(v.pnl)
            let z = (s.mean! - expected[v.decisionID]!) / s.standardError!
            #expect(abs(z) < 4, "\(v.decisionID): mean \(s.mean!) vs \(expected[v.decisionID]!), z \(z)")
        }
        let total = PathStatistics(o.portfolioPnL)
        #expect(abs((total.mean! - 102_896.3) / total.standardError!) < 4)
        // Equity starts at 2,000,000 and per-decision P&L adds up to the portfolio's.
        #expect(o.startEquity == 2_000_000)
        for p in 0..<100 {
            let sum = o.variants.reduce(0) { $0 + $1.pnl[p] }
            #expect(abs(sum - o.portfolioPnL[p]) < 1e-6)
        }
    }

    /// The engine prices an asset only on days a step can read it: the basket, put spread and
    /// pair assets (A1–A5) every day; the straddle's A6 only from its entry (day 25) to its
    /// expiry (day 35), on which it settles. The engine fills the other prices with NaN, so a
    /// read of one would show as NaN in the outcomes, which the other tests rule out.
    @Test func pricesOnlyWhatTheDayReads() throws {
        let study = try repositoryStudy("benchmark.json")
        let scenario = study.scenarios[0], playbook = study.playbook!
        let start = Array(repeating: 100.0, count: study.universe.assets.count)
        let programs = playbook.variants.enumerated().map {
            DecisionProgram(variant: $1, index: $0, scenario: scenario, universe: study.universe, startPrices: start)
        }
        let priced = BlockRunner.pricedAssets(programs: programs, playbook: playbook, assets: 6, horizon: scenario.horizonDays)
        #expect(priced.count == 127)
        for d in 0...126 {
            #expect(priced[d] == ((25...35).contains(d) ? [0, 1, 2, 3, 4, 5] : [0, 1, 2, 3, 4]), "day \(d): \(priced[d])")
        }
        // A holding is priced every day, whatever the decisions.
        var held = playbook
        held.holdings = [Holding(asset: 5, quantity: 10)]
        let withHolding = BlockRunner.pricedAssets(programs: programs, playbook: held, assets: 6, horizon: scenario.horizonDays)
        #expect(withHolding.allSatisfy { $0 == [0, 1, 2, 3, 4, 5] })
    }

    #if DEBUG
    /// The check behind the engine's unfilled result buffers: in a debug build (the tests') a
    /// fresh buffer set is not "all written", and becomes so only when its last slot is.
    @Test func unwrittenSlotsAreFound() {
        let b = OutcomeBuffers(range: 0..<100, variants: 1, keepReturns: [true], keepRelative: [false], days: 3, sampleEnd: 50, tracedEnd: 2)
        defer {
            for buffer in [b.pnl[0], b.returns[0]!, b.returnSums[0], b.portfolioPnL, b.dailyPnL] + b.equitySample { buffer.deallocate() }
            b.returnCounts[0].deallocate(); b.maxDrawdown[0].deallocate(); b.portfolioDrawdown.deallocate()
            b.holdingDays[0].deallocate(); b.exitReason[0].deallocate()
        }
        #expect(!b.allWritten())
        for buffer in [b.pnl[0], b.returns[0]!, b.returnSums[0], b.portfolioPnL, b.dailyPnL] + b.equitySample { buffer.update(repeating: 1) }
        b.returnCounts[0].update(repeating: 1); b.maxDrawdown[0].update(repeating: 0); b.portfolioDrawdown.update(repeating: 0)
        b.holdingDays[0].update(repeating: 0); b.exitReason[0].update(repeating: 1)
        b.equitySample[3][49] = -.infinity
        #expect(b.allWritten())
        // One slot left as it was allocated is found.
        b.exitReason[0][99] = OutcomeBuffers.unwritten
        #expect(!b.allWritten())
    }
    #endif
}
