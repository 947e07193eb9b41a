import Foundation
import TradeSim

/// Renders the report set of a run or backtest and writes it atomically into its folder.
enum ReportSetWriter {
    /// Writes every file; returns the summary rows (for the printed table).
    static func write(command: String, study: Study, outcomes: [ScenarioOutcomes], blend: Bool,
                      configuration: RunConfiguration, inputs: [RunInput], folder: ReportFolder,
                      clock: inout Stopwatch, timings: [(name: String, seconds: Double)]) throws -> [SummaryRow] {
        let tables = ReportTables(outcomes, blend: blend, threads: configuration.threads)
        let summary = tables.summary, histograms = tables.histograms, bands = tables.bands
        let theses = ThesisTable.rows(outcomes, playbook: study.playbook!)
        // The files are rendered side by side, report.html (the longest) first.
        let renderers: [(name: String, render: @Sendable () -> String)] = [
            ("summary.csv", { SummaryTable.csv(summary) }),
            ("thesis.csv", { ThesisTable.csv(theses) }),
            ("equity_quantiles.csv", { EquityQuantilesTable.csv(bands) }),
            ("pnl_histogram.csv", { HistogramTable.csv(outcomes, series: histograms) }),
            ("exits.csv", { ExitsTable.csv(outcomes) }),
            ("first_passage.csv", { FirstPassageTable.csv(outcomes) }),
            ("trades.csv", { TradesTable.csv(outcomes) }),
            ("report.html", { HTMLReport(study: study, outcomes: outcomes, summary: summary, theses: theses,
                                         histograms: histograms, bands: bands, configuration: configuration).html }),
        ]
        let n = renderers.count
        let rendered = Parallel.map(count: n, threads: configuration.threads) { renderers[($0 + n - 1) % n].render() }  // the page first
        let texts = (0..<n).map { rendered[($0 + 1) % n] }
        var files = zip(renderers.map(\.name), texts).map { ($0, $1) }
        let reportSeconds = clock.lap()
        let manifest = RunManifest(command: command, study: study, inputs: inputs, configuration: configuration,
                                   outcomes: outcomes, outputs: files.map(\.0) + ["run.json"],
                                   timings: timings + [("report", reportSeconds), ("total", clock.total)])
        files.append(("run.json", manifest.json))
        do {
            for (name, text) in files { try folder.write(name, text) }
            try folder.commit()
        } catch {
            folder.abandon()
            throw error
        }
        Interrupts.clear()
        return summary
    }
}
