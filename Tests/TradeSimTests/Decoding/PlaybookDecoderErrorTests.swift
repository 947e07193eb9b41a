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

    /// An explicit leg's option expiring before the entry is located at that leg's expiry.
    @Test func explicitLegExpiringBeforeEntry() {
        #expect(Self.problems(#"{"id": "a", "kind": "legs", "legs": [{"ticker": "MP", "type": "stock", "quantity": 1}, {"ticker": "MP", "type": "call", "quantity": 1, "expiry": {"daysAfterEvent": -2, "event": "m"}}], "size": {"units": 1}, "entry": {"day": 3}}"#) ==
                ["test.json:5:146: playbook.decisions[0].legs[1].expiry: found an option expiring on day 2 in scenario \"s\", on or before its entry on day 3; allowed: an expiry after the entry day"])
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

    /// A hedge ratio over several unheld underlyings: one problem each, in universe order
    /// (MP before LMT, though the decision names LMT first).
    @Test func hedgeRatioOnUnheldUnderlyingsInUniverseOrder() {
        #expect(Self.problems(#"{"id": "a", "kind": "protection", "underlyings": ["LMT", "MP"], "expiry": "3m", "size": {"hedgeRatio": 1}}"#) ==
                ["test.json:5:89: playbook.decisions[0].size: found a hedge ratio on MP, which the playbook does not hold; allowed: holdings of every underlying (playbook.holdings) for a hedge ratio, or another size",
                 "test.json:5:89: playbook.decisions[0].size: found a hedge ratio on LMT, which the playbook does not hold; allowed: holdings of every underlying (playbook.holdings) for a hedge ratio, or another size"])
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

    // MARK: - Inverted composites (issue 15): strikes in price, moneyness, mixed and delta forms

    static func spread(_ strike: String, _ lower: String, underlyings: String = #"["MP"]"#) -> String {
        #"{"id": "p", "kind": "protection", "underlyings": "# + underlyings + #", "structure": "putSpread", "strike": "# + strike
            + #", "lowerStrike": "# + lower + #", "expiry": "3m", "size": {"units": 1}}"#
    }

    @Test func invertedPutSpreads() {
        let allowed = "allowed: a lower strike below the long put's"
        let atSpot = " (a moneyness is compared at each underlying's spot in the universe)"
        #expect(Self.problems(Self.spread(#"{"price": 15}"#, #"{"price": 18}"#)) ==
                ["test.json:5:124: playbook.decisions[0].lowerStrike: found price 18, not below the long put's 15; " + allowed])
        // Mixed forms, at MP's spot 20: 0.9 × 20 = 18 < 19; 0.8 × 20 = 16 > 15.
        #expect(Self.problems(Self.spread(#"{"moneyness": 0.9}"#, #"{"price": 19}"#)) ==
                ["test.json:5:129: playbook.decisions[0].lowerStrike: found price 19, not below the long put's moneyness 0.9 (18 at MP's spot 20); " + allowed + atSpot])
        #expect(Self.problems(Self.spread(#"{"price": 15}"#, #"{"moneyness": 0.8}"#)) ==
                ["test.json:5:124: playbook.decisions[0].lowerStrike: found moneyness 0.8 (16 at MP's spot 20), not below the long put's price 15; " + allowed + atSpot])
        // Each underlying at its own spot: fine on MP (16 < 300), inverted on LMT (320 ≥ 300).
        #expect(Self.problems(Self.spread(#"{"price": 300}"#, #"{"moneyness": 0.8}"#, underlyings: #"["MP", "LMT"]"#)) ==
                ["test.json:5:132: playbook.decisions[0].lowerStrike: found moneyness 0.8 (320 at LMT's spot 400), not below the long put's price 300; " + allowed + atSpot])
        // Two put deltas: the lower strike has the smaller |delta|.
        #expect(Self.problems(Self.spread(#"{"delta": -0.3}"#, #"{"delta": -0.4}"#)) ==
                ["test.json:5:126: playbook.decisions[0].lowerStrike: found delta -0.4, not below the long put's -0.3 (a put's strike rises with |delta|); " + allowed])
        // In order, equal-free: accepted; a delta against a price cannot be told before entry.
        #expect(Self.problems(Self.spread(#"{"price": 300}"#, #"{"moneyness": 0.5}"#, underlyings: #"["MP", "LMT"]"#)) == [])
        #expect(Self.problems(Self.spread(#"{"delta": -0.4}"#, #"{"delta": -0.2}"#)) == [])
        #expect(Self.problems(Self.spread(#"{"delta": -0.3}"#, #"{"price": 19}"#)) == [])
    }

    @Test func invertedCollarsAndStrangles() {
        #expect(Self.problems(#"{"id": "c", "kind": "collar", "underlyings": ["MP"], "putStrike": {"price": 25}, "callStrike": {"price": 22}, "expiry": "3m", "size": {"units": 1}}"#) ==
                ["test.json:5:67: playbook.decisions[0].putStrike: found price 25, above the call's 22; allowed: a put strike at or below the call strike"])
        // Only the call given: the message starts from it (the put is the default moneyness 0.9).
        #expect(Self.problems(#"{"id": "c", "kind": "collar", "underlyings": ["MP"], "callStrike": {"moneyness": 0.85}, "expiry": "3m", "size": {"units": 1}}"#) ==
                ["test.json:5:68: playbook.decisions[0].callStrike: found moneyness 0.85, below the put's 0.9; allowed: a call strike at or above the put strike"])
        #expect(Self.problems(#"{"id": "s", "kind": "eventStrangle", "underlyings": ["MP"], "event": "m", "daysBefore": 2, "putStrike": {"moneyness": 1.2}, "callStrike": {"price": 22}, "expiry": {"daysAfterEvent": 2}, "size": {"units": 1}}"#) ==
                ["test.json:5:105: playbook.decisions[0].putStrike: found moneyness 1.2 (24 at MP's spot 20), above the call's price 22; allowed: a put strike at or below the call strike (a moneyness is compared at each underlying's spot in the universe)"])
        // Equal strikes are no inversion (a strangle at one strike is a straddle).
        #expect(Self.problems(#"{"id": "c", "kind": "collar", "underlyings": ["MP"], "putStrike": {"price": 22}, "callStrike": {"price": 22}, "expiry": "3m", "size": {"units": 1}}"#) == [])
    }
}
