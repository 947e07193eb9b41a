import Testing
@testable import TradeSim

/// Bad playbooks: exact messages (columns counted independently with Python's str.index on
/// the same line, as in StudyDecoderErrorTests).
@Suite("Playbook validation messages")
struct PlaybookDecoderErrorTests {
    static func problems(_ decisions: String, holdings: String = "") -> [String] {
        StudyText.problems("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.6, "tags": ["enabler"]}, {"ticker": "LMT", "spot": 400, "volatility": 0.25}],
             "scenarios": [{"name": "s", "horizon": 20, "events": [{"name": "m", "day": 4, "outcomes": [{"name": "x", "probability": 1}]}]}],
             "playbook": {"capital": 1000\(holdings), "decisions": [
            \(decisions)]}}
            """)
    }

    @Test func unknownKindAndTicker() {
        #expect(Self.problems(#"{"id": "a", "kind": "bask", "size": {"units": 1}}"#) ==
                ["test.json:5:21: playbook.decisions[0].kind: found \"bask\"; allowed: one of \"basket\", \"protection\", \"pair\", \"eventStraddle\", \"eventStrangle\", \"collar\", \"legs\""])
        #expect(Self.problems(#"{"id": "a", "kind": "basket", "assets": {"TSLA": 1}, "size": {"notional": 100}}"#) ==
                ["test.json:5:42: playbook.decisions[0].assets.TSLA: found \"TSLA\", which is no ticker or tag; allowed: a ticker (MP, LMT), a tag (enabler) or \"*\""])
    }

    @Test func fieldOfAnotherKind() {
        #expect(Self.problems(#"{"id": "a", "kind": "basket", "assets": ["MP"], "strike": "atm", "size": {"notional": 100}}"#) ==
                ["test.json:5:49: playbook.decisions[0].strike: found unknown field 'strike'; allowed: id, kind, description, variants, size, entry, exit, costs, theses, assets, side"])
    }

    @Test func optionExpiringBeforeEntry() {
        #expect(Self.problems(#"{"id": "a", "kind": "eventStraddle", "underlyings": ["MP"], "event": "m", "daysBefore": 3, "expiry": {"daysAfterEvent": -3}, "size": {"units": 1}}"#) ==
                ["test.json:5:102: playbook.decisions[0].expiry: found an option expiring on day 1 in scenario \"s\", on or before its entry on day 1; allowed: an expiry after the entry day"])
    }

    @Test func eventNoScenarioSchedules() {
        #expect(Self.problems(#"{"id": "a", "kind": "eventStraddle", "underlyings": ["MP"], "event": "summit", "expiry": "10d", "size": {"units": 1}}"#) ==
                ["test.json:5:70: playbook.decisions[0].event: found event \"summit\", which no scenario schedules; allowed: the name of an event in a scenario (m)"])
    }

    @Test func impossibleSizes() {
        #expect(Self.problems(#"{"id": "a", "kind": "basket", "assets": ["MP"], "size": {"premiumBudget": 100}}"#) ==
                ["test.json:5:75: playbook.decisions[0].size.premiumBudget: found a premium budget for a basket; allowed: notional or units (a basket has no options)"])
        #expect(Self.problems(#"{"id": "a", "kind": "protection", "underlyings": ["LMT"], "expiry": "3m", "size": {"hedgeRatio": 1}}"#) ==
                ["test.json:5:83: playbook.decisions[0].size: found a hedge ratio on LMT, which the playbook does not hold; allowed: holdings of every underlying (playbook.holdings) for a hedge ratio, or another size"])
        #expect(Self.problems(#"{"id": "a", "kind": "basket", "assets": ["MP"], "size": {"notional": 100, "units": 3}}"#) ==
                ["test.json:5:57: playbook.decisions[0].size: found notional and units; allowed: exactly one of notional (money), units, premiumBudget (money), hedgeRatio"])
    }

    @Test func duplicateIDsAndVariantNames() {
        let d = #"{"id": "a", "kind": "basket", "assets": ["MP"], "size": {"notional": 100}}"#
        #expect(Self.problems(d + ",\n" + d) == ["test.json:6:1: playbook.decisions[1].id: found \"a\" a second time; allowed: a decision id used once"])
        #expect(Self.problems(#"{"id": "p", "kind": "protection", "underlyings": ["LMT"], "expiry": "3m", "size": {"units": 1}, "variants": [{"name": "v"}, {"name": "v"}]}"#) ==
                ["test.json:5:134: playbook.decisions[0].variants[1].name: found \"v\" a second time; allowed: distinct variant names"])
    }

    @Test func thesisOnAnUnknownScenario() {
        #expect(Self.problems(#"{"id": "a", "kind": "basket", "assets": ["MP"], "size": {"notional": 100}, "theses": [{"claim": "up", "low": 0.2, "scenarios": ["boom"]}]}"#) ==
                ["test.json:5:129: playbook.decisions[0].theses[0].scenarios[0]: found \"boom\"; allowed: a scenario of the study (s)"])
    }
}
