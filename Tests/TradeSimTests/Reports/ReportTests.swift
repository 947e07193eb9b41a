import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import TradeSim

@Suite("Report set")
struct ReportTests {
    static func cardRun(paths: Int = 200) throws -> (Study, [ScenarioOutcomes]) {
        let study = try repositoryStudy("rare-earths-us-china.json")
        let outcomes = Engine.run(study: study, scenarioIndices: Array(study.scenarios.indices),
                                  configuration: RunConfiguration(paths: paths, seed: 3, threads: 2, tracedPaths: 5))
        return (study, outcomes)
    }

    /// Money in the page: grouped whole units, and past 10¹⁵ (where Int conversion used to trap
    /// from 2⁶³) the round-trip decimal.
    @Test func moneyTextAtEveryScale() throws {
        let (study, outcomes) = try Self.cardRun(paths: 20)
        let page = HTMLReport(study: study, outcomes: outcomes, summary: [], theses: [], histograms: [], bands: [],
                              configuration: RunConfiguration(paths: 20, seed: 3))
        #expect(page.fmtMoney(-1234567.4) == "−1,234,567")
        #expect(page.fmtMoney(999_999_999_999_999) == "999,999,999,999,999")
        #expect(page.fmtMoney(9.3e18) == "9.3e+18")
        #expect(page.fmtMoney(-1e300) == "−1e+300")
        #expect(page.fmtMoney(.infinity) == "—")
    }

    /// Every SVG in report.html parses as XML; text from the inputs is escaped.
    @Test func htmlIsSelfContainedAndSVGParses() throws {
        var (study, outcomes) = try Self.cardRun()
        study.description = "<script>alert('x')</script> & \"quotes\""
        let summary = outcomes.flatMap { SummaryTable.rows($0) } + SummaryTable.blendedRows(outcomes)
        let html = HTMLReport(study: study, outcomes: outcomes, summary: summary,
                              theses: ThesisTable.rows(outcomes, playbook: study.playbook!),
                              histograms: HistogramTable.series(outcomes), bands: EquityQuantilesTable.bands(outcomes),
                              configuration: RunConfiguration(paths: 200, seed: 3)).html
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        #expect(!html.lowercased().contains("nan"))
        var svgs = 0
        var rest = html[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            let svg = String(rest[start.lowerBound..<end.upperBound])
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "SVG \(svgs) does not parse: \(String(describing: parser.parserError))")
            svgs += 1
            rest = rest[end.upperBound...]
        }
        // Scenario box plot, decision bars, 3 fan charts, 7 histograms, and the payoff charts:
        // puts and put spreads on 6 underlyings each and the straddles on 2, each with its
        // whole-position chart: (6 + 1) + (6 + 1) + (2 + 1).
        #expect(svgs == 2 + 3 + 7 + 17)
    }

    /// The pooled computation (every row, series and band day one piece of work) puts each
    /// piece where the table-by-table functions do: the same CSV text, on 1 and 3 threads, with
    /// the blend (three scenarios) and without it (one).
    @Test func pooledTablesMatchTheTableFunctions() throws {
        let (_, outcomes) = try Self.cardRun()
        for all in [outcomes, [outcomes[1]]] {
            let summary = all.flatMap { SummaryTable.rows($0) } + SummaryTable.blendedRows(all)
            let series = HistogramTable.series(all)
            let expected = [SummaryTable.csv(summary), HistogramTable.csv(all, series: series),
                            EquityQuantilesTable.csv(EquityQuantilesTable.bands(all))]
            for threads in [1, 3] {
                let tables = ReportTables(all, blend: true, threads: threads)
                let got = [SummaryTable.csv(tables.summary), HistogramTable.csv(all, series: tables.histograms),
                           EquityQuantilesTable.csv(tables.bands)]
                #expect(got == expected, "\(all.count) scenarios, \(threads) threads")
            }
            #expect(ReportTables(all, blend: false, threads: 2).summary.count == all.count * (all[0].variants.count + 1))
        }
    }

    /// The exit tally (one pass, one accumulator lane per reason) gives what adding the paths
    /// one by one gives, bit for bit: counts, holding days, and the P&L sums in path order —
    /// with a NaN, an infinity and a −0 P&L among the paths (left out of the sums, or adding
    /// nothing).
    @Test func exitTallyMatchesPathByPathSums() throws {
        let (_, outcomes) = try Self.cardRun()
        for o in outcomes {
            for var v in o.variants {
                v.pnl[3] = .nan
                v.pnl[7] = -.infinity
                v.pnl[11] = -0.0
                let slots = ExitReason.allCases.count
                var count = [Int](repeating: 0, count: slots), finite = count, days = count
                var sums = [Double](repeating: 0, count: slots)
                for p in v.pnl.indices {
                    let r = Int(v.exitReason[p])
                    count[r] += 1
                    days[r] += Int(v.holdingDays[p])
                    if v.pnl[p].isFinite { sums[r] += v.pnl[p]; finite[r] += 1 }
                }
                let tally = ExitsTable.Tally(v)
                #expect(tally.count == count && tally.finiteCount == finite && tally.holdingDays == days)
                #expect(tally.finitePnL.map(\.bitPattern) == sums.map(\.bitPattern), "\(v.decisionID)")
            }
        }
    }

    /// The blended rows mix the scenarios: the blended mean is the weighted mean of the
    /// scenario means (weights 0.45/0.30/0.25), not of any other statistic.
    @Test func blendedMeanIsTheWeightedMean() throws {
        let (_, outcomes) = try Self.cardRun()
        let rows = outcomes.flatMap { SummaryTable.rows($0) }
        let blended = SummaryTable.blendedRows(outcomes)
        let weights = [0.45, 0.30, 0.25]
        for b in blended {
            let means = outcomes.map { o in rows.first { $0.scenario == o.scenario.name && $0.decision == b.decision && $0.variant == b.variant }!.pnl.mean! }
            let expected = zip(weights, means).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(b.pnl.mean! - expected) <= 1e-9 * max(1, abs(expected)), "\(b.decision) \(b.variant)")
        }
        #expect(blended.count == rows.count / 3)
    }

    /// Thesis rows: a claim tied to one scenario appears once; prob_claim_met is the share of
    /// entered paths whose metric lies in the band, counted here from the outcomes directly.
    @Test func thesisProbabilitiesCountPaths() throws {
        let (study, outcomes) = try Self.cardRun()
        let rows = ThesisTable.rows(outcomes, playbook: study.playbook!)
        #expect(rows.count == 6)
        let upside = rows[0]
        #expect(upside.scenario == "supply-risk-elevated" && upside.thesis.test == .atLeast)
        let basket = outcomes[0].variants[0]
        let met = basket.returns.filter { $0 >= 0.2 }.count
        #expect(upside.probability == Double(met) / Double(outcomes[0].paths))
        let csv = ThesisTable.csv(rows)
        #expect(csv.hasPrefix("decision,claim,card_low,card_high,scenario,simulated_p50,prob_claim_met,variant,metric,test,entered_paths,test_words,status\n"))
        #expect(csv.contains("enabler-basket,target 20-30% upside if policy headlines keep supply risk elevated,0.2,0.3,supply-risk-elevated,"))
    }

    @Test func csvFieldsAreQuotedWhenNeeded() {
        #expect(CSVField.escape("plain") == "plain")
        #expect(CSVField.escape("a, b") == "\"a, b\"")
        #expect(CSVField.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }
}
