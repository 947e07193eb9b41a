import Testing
@testable import TradeSim

/// The report set as named texts: the files of DESIGN §5 in order, the same on any thread
/// count, and run.json listing them.
@Suite("Report set texts")
struct ReportSetTests {
    @Test func theFilesInOrderWhateverTheThreads() throws {
        let (study, outcomes) = try ReportTests.cardRun(paths: 200)
        var configuration = RunConfiguration(paths: 200, seed: 3, threads: 1, tracedPaths: 5)
        let one = ReportSet(study: study, outcomes: outcomes, blend: true, configuration: configuration)
        configuration.threads = 3
        let three = ReportSet(study: study, outcomes: outcomes, blend: true, configuration: configuration)
        #expect(one.files.map(\.name) == ["summary.csv", "thesis.csv", "equity_quantiles.csv", "pnl_histogram.csv",
                                          "exits.csv", "first_passage.csv", "trades.csv", "report.html"])
        // report.html shows the thread count; every CSV is the same.
        for (a, b) in zip(one.files, three.files) where a.name.hasSuffix(".csv") { #expect(a.text == b.text, "\(a.name)") }
        #expect(one.files[0].text.hasPrefix("scenario,decision,variant,paths,entered_fraction,mean_pnl,stdev_pnl,mc_stderr,"))
        // Three scenarios × (variants + portfolio), then the blended scenario's rows.
        let rowsPerScenario = study.playbook!.variants.count + 1
        #expect(one.summary.count == 4 * rowsPerScenario)
        #expect(one.summary.last?.scenario == "blended" && one.summary.last?.decision == "portfolio")
        let manifest = one.manifest(command: "run", inputs: [], timings: [])
        #expect(manifest.contains(#""outputs": ["summary.csv", "thesis.csv", "equity_quantiles.csv", "pnl_histogram.csv", "exits.csv", "first_passage.csv", "trades.csv", "report.html", "run.json"]"#))
    }
}
