import Foundation
import Testing
@testable import TradeSim

/// `compare.csv`'s rows: a run compared with itself, a closed-form pair (a basket's notional
/// doubled), rows only one run has, and two summaries compared as independent runs.
@Suite("Compare table")
struct CompareTableTests {
    /// The sweep table's study (two Monte Carlo scenarios weighing 0.75 / 0.25, a basket with a
    /// stop and a protective put) with costs proportional to the shares traded (slippage in
    /// bps, commission per share, no minimum), so the basket's P&L is linear in its notional.
    static let study = SweepTableTests.study.replacingOccurrences(
        of: #""capital": 1000000, "decisions""#,
        with: #""capital": 1000000, "costs": {"slippageBps": 5, "commissionPerShare": 0.005}, "decisions""#)

    static let paths = 400

    static func run(_ edits: [String], seed: UInt64 = 7, text: String = study) throws -> [ScenarioOutcomes] {
        let study = try StudyDecoder.decode(Array(text.utf8), file: "s.json", edits: edits.map { try StudyEdit.parse($0).get() }).get()
        return Engine.run(study: study, scenarioIndices: Array(study.scenarios.indices),
                          configuration: RunConfiguration(paths: paths, seed: seed, threads: 2))
    }

    static func rows(_ a: [ScenarioOutcomes], _ b: [ScenarioOutcomes]) -> [CompareRow] {
        CompareTable.rows(a: a, b: b, bootstrap: .standard, threads: 2)
    }

    /// (a) A run against itself: every change is 0 and every standard error 0, exactly; the
    /// independent one is not 0; nothing is significant.
    @Test func aRunAgainstItselfChangesNothing() throws {
        let a = try Self.run([])
        let rows = Self.rows(a, try Self.run([]))
        #expect(rows.map { "\($0.scenario)/\($0.label)" } == [
            "calm/basket", "calm/hedge", "calm/portfolio", "storm/basket", "storm/hedge", "storm/portfolio",
            "blended/basket", "blended/hedge", "blended/portfolio"])
        for r in rows {
            for s in CompareStatistic.allCases {
                #expect(r.change(s) == 0, "\(r.scenario)/\(r.label) \(s)")
                #expect(r.standardError(s) == (s.hasStandardError ? 0 : nil), "\(r.scenario)/\(r.label) \(s)")
                #expect(r.isSignificant(s) == (s.hasStandardError ? false : nil))
            }
            #expect(r.independentStandardError! > 0)
        }
    }

    /// (b) The basket's notional doubled: its P&L doubles on every path (costs are per share),
    /// so each per-path difference bᵢ − aᵢ = 2aᵢ − aᵢ is aᵢ, and by hand:
    ///   mean change = mean(aᵢ) = A's mean_pnl, paired s.e. = sd(aᵢ)/√n = A's mc_stderr,
    ///   P(profit) change 0 with s.e. 0 (the sign of every path is kept),
    ///   each quantile, VaR and CVaR change = A's value (the statistic of 2a is twice a's);
    /// blended: the mean change is A's blended mean and its s.e. √(Σ w²·se_s²) = A's blended
    /// mc_stderr. The hedge is untouched: 0 everywhere.
    @Test func doubledNotionalChangesByWhatItHeld() throws {
        #expect(Self.study != SweepTableTests.study)
        let a = try Self.run([]), b = try Self.run(["playbook.decisions[basket].size.notional=200000"])
        for s in 0..<2 {
            let x = a[s].pnl(decision: "basket", variant: "")!, y = b[s].pnl(decision: "basket", variant: "")!
            #expect(zip(x, y).allSatisfy { 2 * $0 == $1 })
            #expect(x.contains { $0 > 0 } && x.contains { $0 < 0 })
        }
        let rows = Self.rows(a, b)
        for r in rows where r.decision == "basket" {
            let base = try #require(r.a)
            #expect(r.change(.meanPnL) == base.pnl.mean)
            if r.scenario == "blended" {
                #expect(abs(r.standardError(.meanPnL)! - base.pnl.standardError!) <= 1e-12 * base.pnl.standardError!)
            } else {
                #expect(r.standardError(.meanPnL) == base.pnl.standardError)
            }
            #expect(r.change(.probProfit) == 0 && r.standardError(.probProfit) == 0)
            for s in [CompareStatistic.p05, .p50, .p95, .var95, .cvar95] {
                #expect(r.change(s) == s.value(base), "\(r.scenario) \(s)")
                #expect(r.standardError(s)! > 0)
            }
            #expect(r.isSignificant(.meanPnL) == (abs(base.pnl.mean!) > 1.96 * base.pnl.standardError!))
            // The paired s.e. of the mean is A's alone; independent runs would add B's (twice A's).
            #expect(abs(r.independentStandardError! - 5.0.squareRoot() * base.pnl.standardError!) <= 1e-9 * r.independentStandardError!)
        }
        for r in rows where r.decision == "hedge" {
            #expect(CompareStatistic.allCases.allSatisfy { r.change($0) == 0 })
            #expect(CompareStatistic.allCases.filter(\.hasStandardError).allSatisfy { r.standardError($0) == 0 })
        }
    }

    /// Rows one run lacks: B has a third decision and calls its second scenario "storm-2".
    /// The extra decision's rows come before the portfolio with A empty; storm's rows are A's
    /// only, storm-2's B's only, after them; the blend compares values, but is not paired (its
    /// scenarios differ): no standard errors but the independent one.
    @Test func rowsOfOneRunAreKept() throws {
        let a = try Self.run([])
        let text = Self.study.replacingOccurrences(of: #""size": {"premiumBudget": 5000}}"#,
                                                   with: #""size": {"premiumBudget": 5000}}, {"id": "extra", "kind": "basket", "assets": {"LMT": 1}, "size": {"notional": 50000}}"#)
        #expect(text != Self.study)
        let b = try Self.run([#"scenarios[storm].name="storm-2""#], text: text)
        let rows = Self.rows(a, b)
        #expect(rows.map { "\($0.scenario)/\($0.label)/\($0.a == nil ? "-" : "a")\($0.b == nil ? "-" : "b")" } == [
            "calm/basket/ab", "calm/hedge/ab", "calm/extra/-b", "calm/portfolio/ab",
            "storm/basket/a-", "storm/hedge/a-", "storm/portfolio/a-",
            "storm-2/basket/-b", "storm-2/hedge/-b", "storm-2/extra/-b", "storm-2/portfolio/-b",
            "blended/basket/ab", "blended/hedge/ab", "blended/extra/-b", "blended/portfolio/ab"])
        for r in rows where r.a == nil || r.b == nil {
            #expect(r.standardErrors.allSatisfy { $0 == nil } && r.independentStandardError == nil)
            #expect(CompareStatistic.allCases.allSatisfy { r.change($0) == nil })
        }
        let blendedBasket = rows.first { $0.scenario == "blended" && $0.decision == "basket" }!
        #expect(blendedBasket.change(.meanPnL) != nil && blendedBasket.standardError(.meanPnL) == nil && blendedBasket.standardError(.p05) == nil)
        #expect(blendedBasket.independentStandardError != nil)
        // calm is paired still: its hedge and basket did not change.
        #expect(rows[0].change(.meanPnL) == 0 && rows[0].standardError(.meanPnL) == 0)
    }

    /// (d) Two summaries alone (report folders), here two runs on other seeds: the change of each
    /// statistic is B's value minus A's, the mean's standard error √(se_A² + se_B²) from their
    /// mc_stderr — worked out here — and no other has one.
    @Test func summariesAreComparedAsIndependentRuns() throws {
        let a = SummaryTable.allRows(try Self.run([], seed: 1), threads: 1)
        let b = SummaryTable.allRows(try Self.run([], seed: 2), threads: 1)
        let rows = CompareTable.rows(a: a, b: b)
        #expect(rows.count == a.count)
        for (r, (x, y)) in zip(rows, zip(a, b)) {
            #expect(r.scenario == x.scenario && r.decision == x.decision && r.variant == x.variant)
            #expect(r.change(.p95) == y.pnl.quantile(0.95)! - x.pnl.quantile(0.95)!)
            #expect(r.change(.meanReturn) == y.meanReturn! - x.meanReturn!)
            let se = (x.pnl.standardError! * x.pnl.standardError! + y.pnl.standardError! * y.pnl.standardError!).squareRoot()
            #expect(abs(r.standardError(.meanPnL)! - se) <= 1e-12 * se)
            #expect(r.independentStandardError == r.standardError(.meanPnL))
            #expect(CompareStatistic.allCases.filter { $0 != .meanPnL }.allSatisfy { r.standardError($0) == nil && r.isSignificant($0) == nil })
        }
    }

    /// The header: per statistic A, B, change, and where it has one the standard error and the
    /// flag; one line per row, empty cells for the side a row lacks.
    @Test func csvColumnsAndCells() throws {
        let a = try Self.run([])
        let rows = Self.rows(a, try Self.run(["playbook.decisions[basket].size.notional=200000"]))
        let csv = CompareTable.csv(rows)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        let header: [String] = [
            "scenario,decision,variant,paths_a,paths_b",
            "mean_pnl_a,mean_pnl_b,mean_pnl_change,mean_pnl_stderr,mean_pnl_stderr_independent,mean_pnl_significant",
            "prob_profit_a,prob_profit_b,prob_profit_change,prob_profit_stderr,prob_profit_significant",
            "mean_return_a,mean_return_b,mean_return_change",
            "p05_pnl_a,p05_pnl_b,p05_pnl_change,p05_pnl_stderr,p05_pnl_significant",
            "p50_pnl_a,p50_pnl_b,p50_pnl_change,p50_pnl_stderr,p50_pnl_significant",
            "p95_pnl_a,p95_pnl_b,p95_pnl_change,p95_pnl_stderr,p95_pnl_significant",
            "var95_a,var95_b,var95_change,var95_stderr,var95_significant",
            "cvar95_a,cvar95_b,cvar95_change,cvar95_stderr,cvar95_significant",
        ]
        #expect(String(lines[0]) == header.joined(separator: ","))
        #expect(lines.count == 1 + 9 + 1 && lines.last == "")
        let hedge = lines[2].split(separator: ",", omittingEmptySubsequences: false)
        #expect(hedge.count == CompareTable.columns.count)
        #expect(Array(hedge[0..<5]) == ["calm", "hedge", "", "400", "400"])
        #expect(hedge[7] == "0" && hedge[8] == "0" && hedge[10] == "false")
        let oneSided = CompareTable.csv([CompareTable.row((a: nil, b: rows[0].b), standardErrors: [])])
            .split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(Array(oneSided[0..<5]) == ["calm", "basket", "", "", "400"])
        #expect(oneSided[5] == "" && oneSided[6] != "" && oneSided[7] == "" && oneSided[10] == "")
    }
}
