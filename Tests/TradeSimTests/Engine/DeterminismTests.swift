import Foundation
import Testing
@testable import TradeSim

/// The same inputs and seed give the same numbers whatever the thread count and block size.
@Suite("Determinism")
struct DeterminismTests {
    /// The first card's study (three scenarios, theses on returns and spreads), 700 paths, in
    /// blocks of 64, 256 and 1000 (rounded up to 1024) lanes on 1 and 2 threads: summary,
    /// thesis, exits and histogram CSV byte for byte the same.
    @Test func reportsDoNotDependOnThreadsOrBlockSize() throws {
        let study = try repositoryStudy("rare-earths-us-china.json")
        func reports(threads: Int, lanes: Int) -> String {
            let c = RunConfiguration(paths: 700, seed: 5, threads: threads, lanesPerBlock: lanes, tracedPaths: 3)
            let o = Engine.run(study: study, scenarioIndices: Array(study.scenarios.indices), configuration: c)
            let summary = o.flatMap { SummaryTable.rows($0, threads: threads) } + SummaryTable.blendedRows(o)
            return SummaryTable.csv(summary) + ThesisTable.csv(ThesisTable.rows(o, playbook: study.playbook!))
                + ExitsTable.csv(o) + HistogramTable.csv(o, series: HistogramTable.series(o)) + TradesTable.csv(o)
        }
        let reference = reports(threads: 1, lanes: 256)
        #expect(reference.contains("supply-risk-elevated"))
        for (threads, lanes) in [(2, 256), (1, 64), (2, 64), (2, 1000)] {
            #expect(reports(threads: threads, lanes: lanes) == reference, "\(threads) threads, \(lanes) lanes per block")
        }
    }
}
