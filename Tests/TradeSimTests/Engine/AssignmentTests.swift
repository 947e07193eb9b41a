import Foundation
import Testing
@testable import TradeSim

/// Sold American options assigned when their holder's early exercise is optimal
/// (`"exit": {"assignment": "assign"}`, `ExitRules.Assignment`): the leg closes at its intrinsic
/// value at the first close at or beyond the exercise boundary — on the scripted LMT path of
/// `AmericanMarkTests`, the close at which LMT is at or below the put's critical spot
/// S*(K, τ) (`AmericanOption.criticalSpot`, computed here), and on Monte Carlo paths the close
/// the default `"hold"` flags in `early_exercise.csv`.
@Suite("Assignment of sold American options")
struct AssignmentTests {
    /// The first close (day 0 … 19) at which LMT on the scripted path is at or below the
    /// critical spot of a put struck at `strike` expiring on day 40 (q 1%, r 5%, IV 25%).
    static func boundaryDay(strike: Double) -> Int? {
        (0..<20).first { d in
            let critical = AmericanOption.criticalSpot(BlackScholesInputs(type: .put, spot: AmericanMarkTests.lmt(d), strike: strike,
                                                                          volatility: 0.25, rate: 0.05, dividendYield: 0.01,
                                                                          years: Double(40 - d) / 252))
            return critical.map { AmericanMarkTests.lmt(d) <= $0 } ?? false
        }
    }

    static func decisions(assignment: String) -> String {
        """
        {"id": "naked", "kind": "legs", "size": {"units": 100}, "exit": {"assignment": "\(assignment)"},
         "legs": [{"ticker": "LMT", "type": "put", "quantity": -1, "strike": "atm", "expiry": 40}]},
        {"id": "spread", "kind": "legs", "size": {"units": 100}, "exit": {"assignment": "\(assignment)"},
         "legs": [{"ticker": "LMT", "type": "put", "quantity": 1, "strike": {"moneyness": 1.1}, "expiry": 40},
                  {"ticker": "LMT", "type": "put", "quantity": -1, "strike": "atm", "expiry": 40}]}
        """
    }

    /// A naked short ATM put is assigned on the boundary's day e: its trade exits at
    /// K − S_e = 400 − LMT(e) with reason `assigned`, and the decision — holding nothing after
    /// it — exits that close with reason `assigned`, its P&L flat from then on. In a put spread
    /// only the sold put is assigned; the bought 440 put is held to the scenario's end (day 20,
    /// reason `horizon`) at its American value. Each decision's P&L is the sum of its trades'.
    /// Under `"hold"` nothing is assigned and the same day e is flagged.
    @Test func assignedOnTheFirstCloseBeyondTheBoundary() throws {
        let e = try #require(Self.boundaryDay(strike: 400))
        #expect(e > 0 && e < 20, "the script crosses the ATM put's boundary while it is held (day \(e))")
        let assigned = runTraced(try AmericanMarkTests.study(exercise: "american", scenario: AmericanMarkTests.path,
                                                             decisions: Self.decisions(assignment: "assign")))[0]
        let naked = PathOutcome(assigned, decision: "naked")
        let put = try #require(naked.trades.first)
        #expect(put.exitReason == .assigned && put.exitDay == e)
        #expect(put.exitPrice == 400 - AmericanMarkTests.lmt(e), "assigned at intrinsic: \(put.exitPrice)")
        #expect(naked.exitReason == .assigned && naked.holdingDays == e)
        #expect(close(naked.pnl, put.pnl))
        for d in e...20 { #expect(naked.daily[d] == naked.daily[e], "flat after the assignment (day \(d))") }

        let spread = PathOutcome(assigned, decision: "spread")
        let sold = try #require(spread.trades.first { $0.quantity < 0 }), bought = try #require(spread.trades.first { $0.quantity > 0 })
        #expect(sold.exitReason == .assigned && sold.exitDay == e && sold.exitPrice == 400 - AmericanMarkTests.lmt(e))
        #expect(bought.exitReason == .horizon && bought.exitDay == 20)
        let longValue = AmericanMarkTests.american(.put, spot: 330, strike: 440, days: 20, vol: 0.25, q: 0.01)
        #expect(abs(bought.exitPrice - longValue) <= 1e-6 * 440, "the bought put at its American value: \(bought.exitPrice) vs \(longValue)")
        #expect(spread.exitReason == .horizon && spread.holdingDays == 20)
        #expect(close(spread.pnl, sold.pnl + bought.pnl))

        // Held instead: no assignment, the same close flagged, the sold put held to day 20.
        let study = try AmericanMarkTests.study(exercise: "american", scenario: AmericanMarkTests.path,
                                                decisions: Self.decisions(assignment: "hold"))
        var c = RunConfiguration(paths: 1, seed: 7, threads: 1, lanesPerBlock: 64, tracedPaths: 1, keepPathReturns: true)
        c.analysisPaths = 1
        let held = Engine.run(study: study, scenarioIndices: [0], configuration: c)[0]
        for id in ["naked", "spread"] {
            let r = PathOutcome(held, decision: id)
            #expect(r.trades.allSatisfy { $0.exitReason == .horizon && $0.exitDay == 20 }, "\(id) held")
            let leg = try #require(held.analysis?.legs.first { $0.decisionID == id && $0.shortAmerican })
            #expect(leg.earlyExerciseDay == [e], "\(id) flagged on \(leg.earlyExerciseDay), assigned on \(e)")
        }
    }

    /// On 512 Monte Carlo paths (MP, IV 50%, a falling drift so that many puts go deep in the
    /// money), the same seed run under `"hold"` (every path analysed) and `"assign"`: on each
    /// path the sold put is assigned exactly when the held run flags it, on the flagged close,
    /// at intrinsic (K − S from the close, read off a one-share probe's P&L); exits.csv lists `assigned` for the assigning variant only, with the count of
    /// paths whose naked put was assigned.
    @Test func assignedOnEveryPathWhereTheHeldRunFlagsIt() throws {
        func study(_ assignment: String) throws -> Study {
            try StudyText.study("""
                {"name": "t", "start": "2026-01-05",
                 "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.5, "drift": -0.6}],
                 "scenarios": [{"name": "s", "horizon": 60, "rate": 0.05, "impliedVol": {"baseMultiple": 1}, "model": "monteCarlo"}],
                 "playbook": {"capital": 1000000, "decisions": [
                   {"id": "naked", "kind": "legs", "size": {"units": 100}, "exit": {"assignment": "\(assignment)"}, "entry": {"day": 2},
                    "legs": [{"ticker": "MP", "type": "put", "quantity": -1, "strike": {"moneyness": 0.95}, "expiry": 50}]},
                   {"id": "probe", "kind": "basket", "assets": {"MP": 1}, "size": {"units": 1}}]}}
                """)
        }
        let paths = 512
        var c = RunConfiguration(paths: paths, seed: 11, threads: 2, lanesPerBlock: 64, tracedPaths: paths)
        c.analysisPaths = paths
        let held = Engine.run(study: try study("hold"), scenarioIndices: [0], configuration: c)[0]
        let assigned = Engine.run(study: try study("assign"), scenarioIndices: [0], configuration: c)[0]
        let flags = try #require(held.analysis?.legs.first { $0.shortAmerican }).earlyExerciseDay
        let probeIndex = try #require(assigned.variants.firstIndex { $0.decisionID == "probe" })
        #expect(flags.count == paths)
        var count = 0
        for path in 0..<paths {
            let t = try #require(assigned.trades.first { $0.path == path && $0.decisionID == "naked" })
            if flags[path] >= 0 {
                count += 1
                #expect(t.exitReason == .assigned && t.exitDay == flags[path], "path \(path): \(t.exitReason) on \(t.exitDay), flagged \(flags[path])")
                guard case let .option(_, strike, _) = t.instrument else { Issue.record("not an option"); continue }
                // MP's close that day from the probe's P&L: S_d = S_0 + P&L_d − P&L_0.
                let probe = try #require(assigned.trades.first { $0.path == path && $0.decisionID == "probe" })
                let daily = assigned.dailyPnL[probeIndex][path]
                let spot = probe.entryPrice + daily[t.exitDay] - daily[0]
                #expect(abs(t.exitPrice - (strike - spot)) <= 1e-9 * strike, "path \(path): assigned at \(t.exitPrice), intrinsic \(strike - spot)")
            } else {
                #expect(t.exitReason != .assigned, "path \(path): never optimal, never assigned")
            }
        }
        #expect(count >= 50 && count <= paths - 50, "a test that can fail both ways: \(count) of \(paths) assigned")
        let heldRows = ExitsTable.csv([held]), assignedRows = ExitsTable.csv([assigned])
        #expect(!heldRows.contains(",assigned,"))
        #expect(assignedRows.contains("s,naked,,assigned,\(count),"), "\(assignedRows)")
    }

    /// The decoder: an unknown rule, and "assign" on a decision that sells no option.
    @Test func assignmentRulesAreChecked() throws {
        func problem(_ decision: String) -> String {
            let text = """
                {"name": "t", "start": "2026-01-05",
                 "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.5}],
                 "scenarios": [{"name": "s", "horizon": 60, "rate": 0.05, "model": "monteCarlo"}],
                 "playbook": {"capital": 1000000, "decisions": [\(decision)]}}
                """
            do { _ = try StudyText.study(text); return "" } catch { return "\(error)" }
        }
        let unknown = problem(#"{"id": "p", "kind": "protection", "underlyings": ["MP"], "expiry": 20, "size": {"units": 1}, "exit": {"assignment": "early"}}"#)
        #expect(unknown.contains("exit.assignment") && unknown.contains(#"one of "hold", "assign""#), "\(unknown)")
        let basket = problem(#"{"id": "b", "kind": "basket", "assets": {"MP": 1}, "size": {"units": 1}, "exit": {"assignment": "assign"}}"#)
        #expect(basket.contains("exit.assignment") && basket.contains("sells no option"), "\(basket)")
        #expect(problem(#"{"id": "p", "kind": "protection", "underlyings": ["MP"], "expiry": 20, "size": {"units": 1}, "exit": {"assignment": "hold"}}"#) == "")
        // A decision's exit over its variants: fine when one of them sells an option (the first
        // card's puts and put spreads), an error when none does, as on a variant's own exit.
        let spreads = #"{"id": "p", "kind": "protection", "underlyings": ["MP"], "expiry": 20, "size": {"units": 1}, "exit": {"assignment": "assign"}, "variants": [{"name": "puts", "structure": "put"}, {"name": "spreads", "structure": "putSpread", "lowerStrike": {"moneyness": 0.85}}]}"#
        #expect(problem(spreads) == "")
        let longOnly = spreads.replacingOccurrences(of: #""structure": "putSpread", "lowerStrike": {"moneyness": 0.85}"#, with: #""structure": "put", "strike": {"moneyness": 0.9}"#)
        let none = problem(longOnly)
        #expect(none.contains("playbook.decisions[0].exit.assignment") && none.contains("sells no option"), "\(none)")
        let own = problem(#"{"id": "p", "kind": "protection", "underlyings": ["MP"], "expiry": 20, "size": {"units": 1}, "variants": [{"name": "puts", "structure": "put", "exit": {"assignment": "assign"}}, {"name": "spreads", "structure": "putSpread", "lowerStrike": {"moneyness": 0.85}}]}"#)
        #expect(own.contains("variants[0].exit.assignment") && own.contains("sells no option"), "\(own)")
    }
}
