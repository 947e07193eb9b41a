import Foundation
import Testing
@testable import TradeSim

/// `sweep.csv`'s rows on a small study run twice (a basket's stop at 10% and 20%), checked
/// against the per-path P&L of the two runs worked by hand; and the common random numbers the
/// pairing rests on.
@Suite("Sweep table")
struct SweepTableTests {
    /// Two Monte Carlo scenarios (weights 0.75 / 0.25), a basket with a stop and an untouched
    /// protective put.
    static let study = """
        {"name": "t", "start": "2026-01-05",
         "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.6, "tags": ["enabler"]},
                      {"ticker": "LMT", "spot": 450, "volatility": 0.25}],
         "scenarios": [{"name": "calm", "horizon": 40, "weight": 0.75},
                       {"name": "storm", "horizon": 40, "weight": 0.25, "drifts": {"MP": -0.4},
                        "jumps": [{"assets": ["MP"], "intensity": 6, "meanLogJump": -0.05, "logJumpVolatility": 0.1}]}],
         "playbook": {"capital": 1000000, "decisions": [
           {"id": "basket", "kind": "basket", "assets": {"MP": 1}, "size": {"notional": 100000},
            "exit": {"stopLoss": 0.1}},
           {"id": "hedge", "kind": "protection", "underlyings": ["LMT"], "strike": {"moneyness": 0.95},
            "expiry": "2m", "size": {"premiumBudget": 5000}}]}}
        """

    static let paths = 12

    static func run(_ edits: [String]) throws -> [ScenarioOutcomes] {
        let study = try StudyDecoder.decode(Array(study.utf8), file: "s.json", edits: edits.map { try StudyEdit.parse($0).get() }).get()
        return Engine.run(study: study, scenarioIndices: [0, 1], configuration: RunConfiguration(paths: paths, seed: 7, threads: 2))
    }

    static func pnl(_ o: ScenarioOutcomes, _ decision: String) -> [Double] {
        decision == "portfolio" ? o.portfolioPnL : o.variants.first { $0.decisionID == decision }!.pnl
    }

    /// Mean and sample standard deviation, written out.
    static func meanSD(_ x: [Double]) -> (Double, Double) {
        var s = 0.0
        for v in x { s += v }
        let m = s / Double(x.count)
        var q = 0.0
        for v in x { q += (v - m) * (v - m) }
        return (m, (q / Double(x.count - 1)).squareRoot())
    }

    static func near(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    @Test func pairedStandardErrorByHand() throws {
        let base = try Self.run([])
        let cell = try Self.run(["playbook.decisions[basket].exit.stopLoss=0.2"])
        let rows = SweepTable.rows(cell: 1, values: ["0.2"], outcomes: cell, base: SweepTable.Base(outcomes: base, threads: 1), threads: 1)
        // 2 scenarios × (2 decisions + portfolio), then blended × 3.
        #expect(rows.map { "\($0.summary.scenario)/\($0.summary.decision)" } == [
            "calm/basket", "calm/hedge", "calm/portfolio", "storm/basket", "storm/hedge", "storm/portfolio",
            "blended/basket", "blended/hedge", "blended/portfolio"])
        let n = Double(Self.paths)
        var blendMean = 0.0, blendVariance = 0.0, blendSEa = 0.0, blendSEb = 0.0
        for (s, w) in [(0, 0.75), (1, 0.25)] {
            let a = Self.pnl(cell[s], "basket"), b = Self.pnl(base[s], "basket")
            let (m, sd) = Self.meanSD(zip(a, b).map { $0 - $1 })
            let row = rows[3 * s]
            #expect(Self.near(row.difference?.mean, m))
            #expect(Self.near(row.difference?.standardError, sd / n.squareRoot()))
            let seA = Self.meanSD(a).1 / n.squareRoot(), seB = Self.meanSD(b).1 / n.squareRoot()
            #expect(Self.near(row.independentStandardError, (seA * seA + seB * seB).squareRoot()))
            #expect(Self.near(row.summary.pnl.mean, Self.meanSD(a).0))
            // The stop matters on some paths (the pairing has something to show) …
            #expect(sd > 0)
            // … and pairing removes the shared noise.
            #expect(sd / n.squareRoot() < row.independentStandardError!)
            blendMean += w * m
            blendVariance += w * w * sd * sd / n
            blendSEa += w * w * seA * seA
            blendSEb += w * w * seB * seB
        }
        #expect(Self.near(rows[6].difference?.mean, blendMean))
        #expect(Self.near(rows[6].difference?.standardError, blendVariance.squareRoot()))
        #expect(Self.near(rows[6].independentStandardError, (blendSEa + blendSEb).squareRoot()))
        // The portfolio holds both: its difference is the basket's, path by path.
        #expect(Self.near(rows[2].difference?.mean, rows[0].difference!.mean!))
    }

    /// Common random numbers: the untouched put makes the same P&L on every path, so its
    /// difference is 0 with standard error 0, exactly; the same cell run twice differs by
    /// nothing anywhere.
    @Test func commonRandomNumbers() throws {
        let base = try Self.run([])
        let cell = try Self.run(["playbook.decisions[basket].exit.stopLoss=0.2"])
        for s in 0..<2 { #expect(Self.pnl(cell[s], "hedge") == Self.pnl(base[s], "hedge")) }
        let rows = SweepTable.rows(cell: 1, values: ["0.2"], outcomes: cell, base: SweepTable.Base(outcomes: base, threads: 1), threads: 1)
        for r in rows where r.summary.decision == "hedge" {
            #expect(r.difference == PairedDifference(mean: 0, standardError: 0))
            #expect(r.independentStandardError! > 0)
        }
        let again = SweepTable.rows(cell: 1, values: ["0.1"], outcomes: try Self.run([]), base: SweepTable.Base(outcomes: base, threads: 1), threads: 1)
        #expect(again.allSatisfy { $0.difference == PairedDifference(mean: 0, standardError: 0) })
    }

    /// A scenario's volatility changes the prices, not the draws: with Z the path's sum of
    /// normals, log S_T = c(σ) + σ·√Δt·Z (plus the jumps, here none), so (log S_T,i − log S_T,0)/σ
    /// is the same for every path i at σ = 0.6 and σ = 0.3.
    @Test func volatilityKeepsTheDraws() throws {
        func finals(_ edits: [String]) throws -> [Double] {
            let study = try StudyDecoder.decode(Array(Self.study.utf8), file: "s.json", edits: edits.map { try StudyEdit.parse($0).get() }).get()
            let kernel = ScenarioKernel(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
            return finalPrices(kernel, paths: 16, seed: 3).map { log($0[0]) }
        }
        let a = try finals([]), b = try finals(["universe[MP].volatility=0.3"])
        for i in 1..<16 {
            #expect(abs((a[i] - a[0]) / 0.6 - (b[i] - b[0]) / 0.3) < 1e-9)
        }
        #expect(a != b)
    }

    @Test func csvHeaderAndCells() throws {
        let base = try Self.run([])
        let rows = SweepTable.rows(cell: 0, values: ["null", #""a,b""#], outcomes: base, base: SweepTable.Base(outcomes: base, threads: 1), threads: 1)
        let csv = SweepTable.csv(paths: ["x.stopLoss", #"y["a,b"]"#], rows: rows)
        let lines = csv.split(separator: "\n")
        #expect(lines[0] == #"cell,x.stopLoss,"y[""a,b""]",scenario,decision,variant,paths,mean_pnl,mc_stderr,p05_pnl,p50_pnl,p95_pnl,prob_profit,var95,cvar95,mean_return,diff_mean_pnl,diff_stderr_paired,diff_stderr_independent"#)
        #expect(lines[1].hasPrefix(#"0,null,"""a,b""",calm,basket,,12,"#))
        #expect(lines[1].hasSuffix(",0,0," + NumberText.csv(rows[0].independentStandardError)))
        #expect(lines.count == 1 + 9)
    }
}
