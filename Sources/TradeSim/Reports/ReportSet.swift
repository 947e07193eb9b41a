/// A run's report set rendered as named texts (DESIGN §5): `summary.csv`, `thesis.csv`,
/// `equity_quantiles.csv`, `pnl_histogram.csv`, `exits.csv`, `first_passage.csv`,
/// `trades.csv` and `report.html`, in that order; `run.json` comes last from
/// `manifest(command:inputs:timings:)`, once the caller has timed the rendering. The library
/// renders, the caller writes (the command line into a staging folder, renamed when complete).
///
/// The texts are rendered side by side on up to `configuration.threads` threads; they do not
/// depend on the thread count.
public struct ReportSet: Sendable {
    /// The study run (it must have a playbook).
    public let study: Study
    /// What the run kept, one per scenario run.
    public let outcomes: [ScenarioOutcomes]
    /// The run's configuration (shown in report.html and run.json).
    public let configuration: RunConfiguration
    /// The rows of `summary.csv` (the blended rows after the scenarios' when blended).
    public let summary: [SummaryRow]
    /// Every file but run.json: its name and its text, in report order.
    public let files: [(name: String, text: String)]

    /// Renders the set. `blend`: add the probability-blended scenario (a run over scenarios;
    /// not a backtest's replays).
    public init(study: Study, outcomes: [ScenarioOutcomes], blend: Bool, configuration: RunConfiguration) {
        let tables = ReportTables(outcomes, blend: blend, threads: configuration.threads)
        let summary = tables.summary, histograms = tables.histograms, bands = tables.bands
        let theses = ThesisTable.rows(outcomes, playbook: study.runPlaybook)
        let renderers: [(name: String, render: @Sendable () -> String)] = [
            ("summary.csv", { SummaryTable.csv(summary) }),
            ("thesis.csv", { ThesisTable.csv(theses) }),
            ("equity_quantiles.csv", { EquityQuantilesTable.csv(bands) }),
            ("pnl_histogram.csv", { HistogramTable.csv(outcomes, series: histograms) }),
            ("exits.csv", { ExitsTable.csv(outcomes) }),
            ("first_passage.csv", { FirstPassageTable.csv(outcomes) }),
            ("trades.csv", { [multiplier = TradesTable.multipliers(study)] in TradesTable.csv(outcomes, multiplier: multiplier) }),
            ("report.html", { HTMLReport(study: study, outcomes: outcomes, summary: summary, theses: theses,
                                         histograms: histograms, bands: bands, configuration: configuration).html }),
        ]
        // report.html (the longest) is started first.
        let n = renderers.count
        let rendered = Parallel.map(count: n, threads: configuration.threads) { renderers[($0 + n - 1) % n].render() }
        self.study = study
        self.outcomes = outcomes
        self.configuration = configuration
        self.summary = summary
        files = (0..<n).map { (renderers[$0].name, rendered[($0 + 1) % n]) }
    }

    /// The text of `run.json` for this set: the command that ran, the inputs read (with their
    /// SHA-256), the `--set` edits, the configuration, `files` and run.json itself as outputs,
    /// and `timings`.
    package func manifest(command: String, inputs: [RunInput], edits: [StudyEdit] = [],
                          timings: [(name: String, seconds: Double)]) -> String {
        var m = RunManifest(command: command, study: study, inputs: inputs, configuration: configuration, outcomes: outcomes,
                            outputs: files.map(\.name) + ["run.json"], timings: timings)
        m.edits = edits
        return m.json
    }
}
