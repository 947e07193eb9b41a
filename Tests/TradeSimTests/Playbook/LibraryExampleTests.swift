import Testing
import TradeSim  // (not @testable: the example uses the public API only)

/// The README's "Using the library" example, as it is printed there (between the markers),
/// compiled and run: a study's universe and scenario from JSON text, its playbook built in
/// Swift, a run, and the summary table.
@Suite("Library example")
struct LibraryExampleTests {
    @Test func readmeExampleRuns() throws {
        // README example begins
        let text = """
            {"name": "example", "start": "2026-08-03",
             "universe": [{"ticker": "MP", "spot": 41.37, "volatility": 0.72, "tags": ["enabler"]},
                          {"ticker": "LMT", "spot": 582.74, "volatility": 0.31, "tags": ["defense"]}],
             "scenarios": [{"name": "base", "horizon": "6m", "rate": 0.04,
                            "events": [{"name": "meeting", "date": "2026-09-15", "outcomes": [
                              {"name": "relief", "probability": 0.4, "moves": {"enabler": -0.12}},
                              {"name": "hard line", "probability": 0.6, "moves": {"enabler": 0.10}}]}]}]}
            """
        var study = try StudyDecoder.decode(Array(text.utf8), file: "example.json").get()

        let straddle = DecisionSpec(
            id: "meeting-straddle",
            .eventStraddle(underlyings: ["MP"], event: "meeting", daysBefore: 5, strike: .moneyness(1), expiry: .tenorDays(21)),
            size: .premiumBudget(20_000),
            exits: ExitRules(afterEvent: (event: "meeting", days: 2)))
        let protection = DecisionSpec(
            id: "defense-puts",
            .protection(underlyings: ["defense"], .putSpread(long: .moneyness(0.95), short: .moneyness(0.85)),
                        expiry: .tenorDays(126)),
            size: .premiumBudget(40_000))
        study.playbook = try Playbook(capital: 1_000_000, decisions: [straddle, protection], universe: study.universe)

        let outcomes = Engine.run(study: study, scenarioIndices: [0], configuration: RunConfiguration(paths: 2_000, seed: 1))
        let summary = SummaryTable.csv(outcomes.flatMap { SummaryTable.rows($0, threads: 1) })
        // README example ends
        let rows = summary.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.dropFirst().map { "\($0[1])" } == ["meeting-straddle", "defense-puts", "portfolio"])
        #expect(rows[1][3] == "2000" && rows[1][4] == "1.0", "the straddle enters on every path")
    }
}
