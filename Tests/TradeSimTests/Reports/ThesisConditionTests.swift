import Foundation
import Testing
@testable import TradeSim

/// A thesis `given` an event's outcome (issue 17: "a claim tied to a condition that never
/// happened is n/a, not 0"): checked only in the scenarios where the condition is certain,
/// n/a with the reason elsewhere. Each scenario's verdict below is read by hand from the
/// study text.
@Suite("Thesis conditions")
struct ThesisConditionTests {
    /// Five scripted worlds of A (100) moving +10% or −10% by day 5, each stating (or not) what
    /// the meeting "m" ended in; a long of 10 A and a claim "up 5%+ if the meeting brings
    /// relief". Scripted paths are certain: where it is checked the return is exactly ±10%.
    static let scripted = """
        {"name": "t", "start": "2026-03-02",
         "universe": [{"ticker": "A", "spot": 100, "volatility": 0.3}],
         "scenarios": [
           {"name": "relief", "horizon": 5, "model": "scripted", "script": {"points": [{"day": 5, "change": {"A": 0.1}}]},
            "events": [{"name": "m", "day": 3, "outcome": "relief"}]},
           {"name": "relief-fell", "horizon": 5, "model": "scripted", "script": {"points": [{"day": 5, "change": {"A": -0.1}}]},
            "events": [{"name": "m", "day": 3, "outcome": "relief"}]},
           {"name": "hard-line", "horizon": 5, "model": "scripted", "script": {"points": [{"day": 5, "change": {"A": -0.1}}]},
            "events": [{"name": "m", "day": 3, "outcome": "hard line"}]},
           {"name": "unstated", "horizon": 5, "model": "scripted", "script": {"points": [{"day": 5, "change": {"A": 0.1}}]},
            "events": [{"name": "m", "day": 3}]},
           {"name": "no-meeting", "horizon": 5, "model": "scripted", "script": {"points": [{"day": 5, "change": {"A": 0.1}}]}}],
         "playbook": {"capital": 100000, "decisions": [
           {"id": "b", "kind": "basket", "assets": ["A"], "size": {"units": 10}, "costs": {"commissionPerShare": 0, "minimumCommission": 0, "slippageBps": 0},
            "theses": [{"claim": "up 5%+ if the meeting brings relief", "metric": "return", "low": 0.05, "test": "atLeast",
                        "given": {"m": "relief"}}]}]}}
        """

    @Test("Scripted and historical worlds: checked where the stated outcome is the claim's, n/a otherwise")
    func statedOutcomes() throws {
        let study = try StudyText.study(Self.scripted)
        let rows = ThesisTable.rows(runTraced(study), playbook: study.runPlaybook)
        #expect(rows.map(\.scenario) == ["relief", "relief-fell", "hard-line", "unstated", "no-meeting", "blended"])
        // Checked: relief (+10%: met), relief-fell (−10%: not met); the blend of those two
        // (weights 1 and 1): P = 0.5.
        #expect(rows[0].probability == 1 && rows[0].status.isEmpty && rows[0].enteredPaths == 1)
        #expect(rows[1].probability == 0 && rows[1].status.isEmpty)
        #expect(rows[5].probability == 0.5 && rows[5].enteredPaths == 2)
        #expect(rows[2].status == #"n/a: m was "hard line", not "relief" (the claim's condition)"#)
        #expect(rows[3].status == #"n/a: this scenario does not state which outcome m had (its event's outcome); the claim is given "relief""#)
        #expect(rows[4].status == #"n/a: no m in this scenario (the claim is given m = "relief")"#)
        for r in rows[2...4] { #expect(r.probability == nil && r.median == nil && r.enteredPaths == 0) }
        let csv = ThesisTable.csv(rows).split(separator: "\n").map(String.init)
        #expect(csv[3] == #"b,up 5%+ if the meeting brings relief,0.05,,hard-line,,,,return,atLeast,0,"return at exit ≥ 5%, given m = relief","n/a: m was ""hard line"", not ""relief"" (the claim's condition)""#)
    }

    /// Monte Carlo worlds: "given" (probability 1) is checked; the other outcome given, or an
    /// event whose outcome is drawn on 25% of paths, is n/a.
    @Test("Monte Carlo worlds: checked where the outcome is certain")
    func drawnOutcomes() throws {
        let event = #""events": [{"name": "m", "day": 3, "outcomes": [{"name": "relief", "probability": 0.25, "moves": {"A": 0.1}}, {"name": "hard line", "probability": 0.75, "moves": {"A": -0.1}}]}]"#
        let study = try StudyText.study("""
            {"name": "t", "start": "2026-03-02",
             "universe": [{"ticker": "A", "spot": 100, "volatility": 0.3}],
             "scenarioDefaults": {"horizon": 5, \(event)},
             "scenarios": [{"name": "g-relief", "given": {"m": "relief"}}, {"name": "g-hard", "given": {"m": "hard line"}}, {"name": "drawn"}],
             "playbook": {"capital": 100000, "decisions": [
               {"id": "b", "kind": "basket", "assets": ["A"], "size": {"units": 10},
                "theses": [{"claim": "up if relief", "metric": "return", "low": 0.0, "test": "atLeast", "given": {"m": "relief"}}]}]}}
            """)
        let rows = ThesisTable.rows(runTraced(study, paths: 64, seed: 3), playbook: study.runPlaybook)
        #expect(rows.map(\.scenario) == ["g-relief", "g-hard", "drawn"], "no blend: one world is checked")
        #expect(rows[0].status.isEmpty && rows[0].enteredPaths == 64 && rows[0].probability != nil)
        #expect(rows[1].status == #"n/a: m is never "relief" in this scenario (the claim's condition)"#)
        #expect(rows[2].status == #"n/a: m is "relief" on 25% of this scenario's paths; the claim is checked in a scenario given it (scenario given)"#)
    }

    @Test("Bad conditions and stated outcomes: a clear problem each")
    func badInput() {
        func problems(_ text: String) -> [String] { StudyText.problems(text) }
        let unknownEvent = Self.scripted.replacingOccurrences(of: #""given": {"m": "relief"}"#, with: #""given": {"meeting": "relief"}"#)
        #expect(problems(unknownEvent).count == 1)
        #expect(problems(unknownEvent).first?.contains(#"playbook.decisions[0].theses[0].given.meeting: found "meeting", which is no event of the study; allowed: an event of the study's scenarios ("m")"#) == true,
                "\(problems(unknownEvent))")
        let notAString = Self.scripted.replacingOccurrences(of: #""given": {"m": "relief"}"#, with: #""given": {"m": 1}"#)
        #expect(problems(notAString).first?.contains(#"theses[0].given.m: found 1; allowed: the name of one of "m"'s outcomes"#) == true,
                "\(problems(notAString))")
        let mc = """
            {"name": "t", "start": "2026-03-02", "universe": [{"ticker": "A", "spot": 100, "volatility": 0.3}],
             "scenarios": [{"name": "s", "horizon": 5, "events": [{"name": "m", "day": 3, "outcome": "relief",
               "outcomes": [{"name": "relief", "probability": 1}]}]}],
             "playbook": {"capital": 100000, "decisions": [{"id": "b", "kind": "basket", "assets": ["A"], "size": {"units": 10},
               "theses": [{"claim": "c", "low": 0, "test": "atLeast", "given": {"m": "truce"}}]}]}}
            """
        let found = problems(mc)
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.contains(#"scenarios[0].events[0].outcome: found a stated outcome in a Monte Carlo scenario; allowed: outcome only in a scripted or historical scenario"#) })
        #expect(found.contains { $0.contains(#"theses[0].given.m: found "truce"; allowed: an outcome of "m" ("relief")"#) })
    }
}
