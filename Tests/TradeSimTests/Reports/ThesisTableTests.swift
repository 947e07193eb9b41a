import Foundation
import Testing
@testable import TradeSim

/// Theses as a reader checks them: the test in words, a claim tied to a scenario the run left
/// out reported as n/a (never a probability of 0), and a pair's relative return measured on the
/// position as held (its hedge ratio included), each against values worked out by hand.
@Suite("Thesis table")
struct ThesisTableTests {
    @Test(arguments: [
        (Thesis(claim: "", metric: .return, low: 0.2, high: 0.3, test: .atLeast), "return at exit ≥ 20%"),
        (Thesis(claim: "", metric: .return, low: -0.15, high: -0.1, test: .atLeast), "return at exit ≥ −15%"),
        (Thesis(claim: "", metric: .return, low: -0.15, high: -0.1, test: .within), "−15% ≤ return at exit ≤ −10%"),
        (Thesis(claim: "", metric: .relativeReturnBps, low: 200, high: 400, test: .atLeast),
         "relative return at exit (the pair as held) ≥ 200 bps"),
        (Thesis(claim: "", metric: .pnl, low: nil, high: 5000, test: .atMost), "P&L at exit ≤ 5000"),
        (Thesis(claim: "", metric: .return, low: 0.125, high: nil, test: .within), "return at exit ≥ 12.5%"),
    ])
    func testsReadInWords(thesis: Thesis, words: String) {
        #expect(thesis.words == words)
    }

    /// A pair of MP (20, beta 1.5) against LMT (400, beta 0.5), $10,000 long. Beta-neutral, the
    /// short is h = 1.5/0.5 = 3 × the long: 75 LMT short against 500 MP. MP +10% and LMT +5% by
    /// day 5: as held, r_L − h·r_S = 10% − 3 × 5% = −5% = −500 bps (the P&L's price part:
    /// 500 × 2 − 75 × 20 = −500 on $10,000). Dollar-neutral (h = 1): +500 bps.
    @Test func aPairsRelativeReturnIsThePositionAsHeld() throws {
        let study = try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.5, "beta": 1.5},
                          {"ticker": "LMT", "spot": 400, "volatility": 0.25, "beta": 0.5}],
             "scenarios": [{"name": "s", "horizon": 5, "model": "scripted",
                            "script": {"interpolation": "step", "points": [{"day": 5, "change": {"MP": 0.10, "LMT": 0.05}}]}}],
             "playbook": {"capital": 1000000, "decisions": [
               {"id": "pair", "kind": "pair", "long": ["MP"], "short": ["LMT"], "size": {"notional": 10000},
                "variants": [{"name": "beta", "neutral": "beta"}, {"name": "dollar", "neutral": "dollar"}]}]}}
            """)
        let o = runTraced(study)[0]
        let beta = PathOutcome(o, decision: "pair", variant: "beta"), dollar = PathOutcome(o, decision: "pair", variant: "dollar")
        #expect(beta.trades.map(\.quantity) == [500, -75], "\(beta.trades.map(\.quantity))")
        #expect(abs(beta.relativeBps - -500) < 1e-9, "beta-neutral \(beta.relativeBps)")
        #expect(abs(beta.pnl - -500) < 1e-9)
        #expect(abs(dollar.relativeBps - 500) < 1e-9, "dollar-neutral \(dollar.relativeBps)")
    }

    /// A claim tied to a scenario the run left out (`--scenario`): a row marked n/a with empty
    /// numbers; the scenarios run are checked as before.
    @Test func aClaimTiedToAScenarioNotRunIsNotApplicable() throws {
        let study = try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "A", "spot": 100, "volatility": 0.3}],
             "scenarios": [{"name": "up", "horizon": 5, "model": "scripted", "script": {"points": [{"day": 5, "change": {"A": 0.1}}]}},
                           {"name": "down", "horizon": 5, "model": "scripted", "script": {"points": [{"day": 5, "change": {"A": -0.1}}]}}],
             "playbook": {"capital": 100000, "decisions": [
               {"id": "b", "kind": "basket", "assets": ["A"], "size": {"units": 10},
                "theses": [{"claim": "up 5%+", "metric": "return", "low": 0.05, "test": "atLeast", "scenarios": ["up", "down"]}]}]}}
            """)
        let onlyUp = Engine.run(study: study, scenarioIndices: [0], configuration: RunConfiguration(paths: 1, seed: 1))
        let rows = ThesisTable.rows(onlyUp, playbook: study.runPlaybook)
        #expect(rows.map(\.scenario) == ["up", "down"])
        #expect(rows[0].probability == 1 && rows[0].status.isEmpty)
        #expect(rows[1].probability == nil && rows[1].median == nil && rows[1].enteredPaths == 0 && rows[1].status == "n/a: scenario not run")
        let csv = ThesisTable.csv(rows).split(separator: "\n")
        #expect(csv[0].hasSuffix(",entered_paths,test_words,status"))
        #expect(csv[2] == "b,up 5%+,0.05,,down,,,,return,atLeast,0,return at exit ≥ 5%,n/a: scenario not run")
    }
}
