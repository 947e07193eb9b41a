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
}
