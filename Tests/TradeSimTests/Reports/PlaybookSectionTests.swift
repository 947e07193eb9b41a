import Foundation
import Testing
@testable import TradeSim

/// report.html's playbook section reads the rules back from the lowered playbook: the first
/// card's decisions as its study file writes them (scenarios/rare-earths-us-china.json).
@Suite("report.html playbook section")
struct PlaybookSectionTests {
    @Test func firstCardRulesInWords() throws {
        let (study, outcomes) = try ReportTests.cardRun(paths: 20)
        let section = HTMLReport(study: study, outcomes: outcomes, summary: [], theses: [], histograms: [], bands: [],
                                 configuration: RunConfiguration(paths: 20, seed: 3)).playbookSection()
        for phrase in [
            // enabler-basket: MP 0.4, UUUU/USAR/REMX 0.2, $250k, an 8% drop from the running high within 1m, else at the end; +30%.
            "long MP 40%; long REMX 20%; long UUUU 20%; long USAR 20%", "notional 250,000 USD",
            "on weakness: a drop of 8.0% from its running high within 21 days, else at the window&#39;s end", "target +30.0%",
            // magnet-protection put spreads: 95% long, 85% short, 2q, $40k premium budget, an alternative;
            // the options American (stocks' default), said once.
            "long put on LMT at 95.0% of spot, 126 trading days; short put on LMT at 85.0% of spot, 126 trading days",
            "short put on GM at 85.0% of spot, 126 trading days; American options",
            "premium budget 40,000 USD", "(alternative, not in the portfolio)",
            // processing-pair: short XLI and ITA at half the notional each.
            "short XLI 50%; short ITA 50%",
            // meeting straddles: 5 days before the meeting, out 2 days after.
            "5 trading days before us-china-meeting", "2 days after us-china-meeting",
        ] {
            #expect(section.contains(phrase), "missing: \(phrase)")
        }
        #expect(section.contains("Go long a basket of non-China rare-earth enablers"), "the card's text")
    }

    /// The first card's put spreads sell American puts: the section adds their assignment risk,
    /// one row per sold leg with a column per scenario, each cell early_exercise.csv's fraction
    /// (`EarlyExerciseTable.row`, the same numbers).
    @Test func soldAmericanPutsAssignmentRisk() throws {
        let study = try repositoryStudy("rare-earths-us-china.json")
        var c = RunConfiguration(paths: 40, seed: 3, threads: 2, tracedPaths: 5)
        c.analysisPaths = 40
        let outcomes = Engine.run(study: study, scenarioIndices: Array(study.scenarios.indices), configuration: c)
        let section = HTMLReport(study: study, outcomes: outcomes, summary: [], theses: [], histograms: [], bands: [],
                                 configuration: c).playbookSection()
        #expect(section.contains("Sold American options: assignment risk"))
        let rows = section.components(separatedBy: "<tr>").filter { $0.contains("magnet-protection / put-spreads</td><td class=\"l\">short put on") }
        #expect(rows.count == 6, "the six 85 puts sold")
        let a = try #require(outcomes[0].analysis)
        let k = try #require(outcomes[0].variants.firstIndex { $0.variantName == "put-spreads" })
        let lmt = try #require(a.legs.first { $0.variantName == "put-spreads" && $0.ticker == "LMT" && $0.shortAmerican })
        let r = EarlyExerciseTable.row(lmt, variant: k, in: a)
        #expect(r.held == 40)
        #expect(section.contains("short put on LMT</td><td>\(HTMLPage.percent(r.fraction))"))
    }

    /// The concentration section's P&L correlation table: over 40 paths a full table (each
    /// decision's correlation with itself, 1.00, on the diagonal); over one path (a backtest's)
    /// no table, since one path has no correlation.
    @Test(arguments: [40, 1])
    func correlationTableOnlyWithSeveralPaths(paths: Int) throws {
        let study = try repositoryStudy("rare-earths-us-china.json")
        var c = RunConfiguration(paths: paths, seed: 3, threads: 2, tracedPaths: 1)
        c.analysisPaths = paths
        let outcomes = Engine.run(study: study, scenarioIndices: [0], configuration: c)
        let section = HTMLReport(study: study, outcomes: outcomes, summary: [], theses: [], histograms: [], bands: [],
                                 configuration: c).concentrationSection(Array(outcomes.enumerated()))
        #expect(section.contains("<h2>Concentration</h2>"))
        if paths > 1 {
            let row = try #require(section.components(separatedBy: "<tr>").first { $0.hasPrefix("<td class=\"l\">enabler-basket</td><td>") })
            #expect(row.hasPrefix("<td class=\"l\">enabler-basket</td><td>1.00</td>"), "\(row)")
        } else {
            #expect(!section.contains("P&amp;L correlation"))
        }
    }
}
