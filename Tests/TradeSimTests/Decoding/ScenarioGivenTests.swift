import Testing
@testable import TradeSim

/// A scenario's `given` (issue 20): the world in which an event of the scenario defaults ends
/// in a named outcome (probability 1) or in a map of outcomes to probabilities, the event
/// otherwise as written once. It runs as the copy a user once wrote into the scenario's own
/// `events` would: every CSV the same, byte for byte.
@Suite("Scenario given an event's outcome")
struct ScenarioGivenTests {
    static let meeting = #"{"name": "meeting", "day": 15, "outcomes": [{"name": "status quo", "probability": 0.5, "moves": {"MP": 0.02}}, {"name": "hard line", "probability": 0.3, "moves": {"MP": 0.12, "LMT": -0.04}}, {"name": "export relief", "probability": 0.2, "moves": {"MP": -0.15}}], "noise": {"MP": 0.03}}"#

    static let playbook = #"{"capital": 1000000, "decisions": [{"id": "long-mp", "kind": "basket", "assets": ["MP"], "size": {"notional": 100000}, "exit": {"horizon": "1m"}}, {"id": "straddles", "kind": "eventStraddle", "underlyings": ["MP"], "event": "meeting", "daysBefore": 5, "strike": "atm", "expiry": "1m", "size": {"premiumBudget": 20000}, "exit": {"daysAfterEvent": 2}}]}"#

    /// Scenarios on line 4, after ` "scenarios": [`.
    static func study(_ scenarios: String, defaults: String = #"{"horizon": 40, "rate": 0.04, "events": [\#(meeting)]}"#) -> String {
        """
        {"name": "g", "start": "2026-01-05",
         "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.6}, {"ticker": "LMT", "spot": 400, "volatility": 0.25}],
         "scenarioDefaults": \(defaults),
         "scenarios": [\(scenarios)],
         "playbook": \(playbook)}
        """
    }

    static let linked = #"{"name": "base"}, {"name": "relief", "given": {"meeting": "export relief"}}, {"name": "mostly-hard", "given": {"meeting": {"hard line": 0.75, "status quo": 0.25}}}"#

    /// What the drafter wrote before `given`: the event copied into each scenario's own events,
    /// its outcomes reduced to the scenario's (the same order, the rest left out).
    static let copied = #"{"name": "base"}, {"name": "relief", "events": [{"name": "meeting", "day": 15, "outcomes": [{"name": "export relief", "probability": 1, "moves": {"MP": -0.15}}], "noise": {"MP": 0.03}}]}, {"name": "mostly-hard", "events": [{"name": "meeting", "day": 15, "outcomes": [{"name": "status quo", "probability": 0.25, "moves": {"MP": 0.02}}, {"name": "hard line", "probability": 0.75, "moves": {"MP": 0.12, "LMT": -0.04}}], "noise": {"MP": 0.03}}]}"#

    @Test func theEventWithTheGivenProbabilities() throws {
        let study = try StudyText.study(Self.study(Self.linked))
        let base = study.scenarios[0].events[0]
        #expect(base.outcomes.map(\.probability) == [0.5, 0.3, 0.2])
        for (s, probabilities) in [(1, [0.0, 0, 1]), (2, [0.25, 0.75, 0])] {
            let e = study.scenarios[s].events[0]
            #expect(e.outcomes.map(\.probability) == probabilities, "\(study.scenarios[s].name)")
            // Everything else as written once in scenarioDefaults.
            #expect(e.name == base.name && e.day == base.day && e.noiseVolatility == base.noiseVolatility && e.volPremium == base.volPremium)
            #expect(e.pricesOutcomeVariance && e.outcomes.map(\.name) == base.outcomes.map(\.name) && e.outcomes.map(\.logMoves) == base.outcomes.map(\.logMoves))
        }
        // A certain outcome draws it on every path.
        #expect([0.0, 0.3, 0.999999].map { study.scenarios[1].events[0].outcomeIndex(uniform: $0) } == [2, 2, 2])
    }

    /// The linked study and the copied one give the same CSV files (the blended scenario too);
    /// the linked scenarios differ from the base, so the comparison sees the links.
    @Test func runsAsTheCopiesDid() throws {
        let configuration = RunConfiguration(paths: 256, seed: 7, threads: 2, tracedPaths: 3)
        func csvs(_ text: String) throws -> [String: String] {
            let study = try StudyText.study(text)
            let outcomes = Engine.run(study: study, scenarioIndices: Array(study.scenarios.indices), configuration: configuration)
            let set = ReportSet(study: study, outcomes: outcomes, blend: true, configuration: configuration)
            return Dictionary(uniqueKeysWithValues: set.files.filter { $0.name.hasSuffix(".csv") }.map { ($0.name, $0.text) })
        }
        let linked = try csvs(Self.study(Self.linked)), copied = try csvs(Self.study(Self.copied))
        #expect(linked.count == 7)
        for (name, text) in linked { #expect(text == copied[name], "\(name)") }
        let rows = linked["summary.csv"]!.split(separator: "\n").filter { $0.contains(",long-mp,") }.map { $0.split(separator: ",")[5] }
        #expect(rows.count == 4 && Set(rows.prefix(3)).count == 3)
    }

    /// Problems, each with file:line:col, path, found and allowed. Columns counted with Python's
    /// `str.index` on line 4 (` "scenarios": [` + the scenarios).
    @Test(arguments: [
        (#"{"name": "a", "given": {"meting": "hard line"}}"#,
         #"test.json:4:40: scenarios[0].given.meting: found "meting", which is no event of the study; allowed: an event of this scenario ("meeting") (did you mean "meeting"?)"#),
        (#"{"name": "base"}, {"name": "a", "events": [{"name": "fomc", "day": 3, "outcomes": [{"name": "cut", "probability": 1}]}], "given": {"meeting": "hard line"}}"#,
         #"test.json:4:147: scenarios[1].given.meeting: found "meeting", an event of scenarioDefaults that this scenario's own "events" replace; allowed: an event of this scenario ("fomc")"#),
        (#"{"name": "a", "events": [{"name": "fomc", "day": 3, "outcomes": [{"name": "cut", "probability": 1}]}]}, {"name": "b", "given": {"fomc": "cut"}}"#,
         #"test.json:4:144: scenarios[1].given.fomc: found "fomc", an event of scenarios[0] only; allowed: an event of this scenario ("meeting")"#),
        (#"{"name": "a", "given": {"meeting": "hardline"}}"#,
         #"test.json:4:51: scenarios[0].given.meeting: found "hardline", which is no outcome of "meeting"; allowed: one of its outcomes ("status quo", "hard line", "export relief"), or a map of them to probabilities summing to 1"#),
        (#"{"name": "a", "given": {"meeting": {"hard line": 0.5, "relief": 0.5}}}"#,
         #"test.json:4:70: scenarios[0].given.meeting.relief: found "relief", which is no outcome of "meeting"; allowed: one of its outcomes ("status quo", "hard line", "export relief")"#),
        (#"{"name": "a", "given": {"meeting": {"hard line": 0.5, "status quo": 0.4}}}"#,
         #"test.json:4:51: scenarios[0].given.meeting: found probabilities summing to 0.9; allowed: probabilities summing to 1 (within 1e-9)"#),
        (#"{"name": "a", "given": {"meeting": {}}}"#,
         #"test.json:4:51: scenarios[0].given.meeting: found an empty object; allowed: at least one outcome of "meeting" with its probability"#),
        (#"{"name": "a", "given": {"meeting": {"hard line": 1.5}}}"#,
         #"test.json:4:65: scenarios[0].given.meeting.hard line: found 1.5; allowed: a number ≥ 0 and ≤ 1"#),
        (#"{"name": "a", "given": {"meeting": 1}}"#,
         #"test.json:4:51: scenarios[0].given.meeting: found 1; allowed: an outcome name of the event, or a map of its outcomes to probabilities summing to 1"#),
        (#"{"name": "a", "given": "meeting"}"#,
         #"test.json:4:39: scenarios[0].given: found a string "meeting"; allowed: an object { … }"#),
    ])
    func problems(_ scenarios: String, _ message: String) {
        #expect(StudyText.problems(Self.study(scenarios)) == [message])
    }

    /// Not in a scripted scenario (its events have no outcomes), not in scenarioDefaults (columns by Python, as above).
    @Test func onlyInMonteCarloScenariosOfTheirOwn() {
        let scripted = #"{"name": "a", "model": "scripted", "script": {"points": [{"day": 5, "change": {"MP": 0.1}}]}, "events": [{"name": "m", "day": 3}], "given": {"m": "x"}}"#
        #expect(StudyText.problems(Self.study(scripted)).contains(
            #"test.json:4:156: scenarios[0].given: found 'given' in a "scripted" scenario; allowed: 'given' only in "monteCarlo" scenarios"#))
        let inDefaults = #"{"horizon": 40, "events": [\#(Self.meeting)], "given": {"meeting": "hard line"}}"#
        #expect(StudyText.problems(Self.study(#"{"name": "a"}"#, defaults: inDefaults)) == [
            "test.json:3:337: scenarioDefaults.given: found 'given', which each scenario gives for itself; allowed: fields the scenarios share: horizon, rate, model, drifts, volatilities, correlation, jumps, regimes, events, impliedVol, antithetic, script, history",
        ])
    }
}
