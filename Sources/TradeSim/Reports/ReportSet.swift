/// A run's report set rendered as named texts (DESIGN §5): `summary.csv`, `thesis.csv`,
/// `equity_quantiles.csv`, `pnl_histogram.csv`, `exits.csv`, `first_passage.csv`,
/// `trades.csv` and `report.html`, in that order (a backtest's adds its tearsheet:
/// `init(backtest:outcomes:configuration:)`); `run.json` comes last from
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
    /// A backtest's tearsheet (its first window; nil for a Monte Carlo run).
    public let tearsheet: Tearsheet?
    /// Every file but run.json: its name and its text, in report order.
    public let files: [(name: String, text: String)]

    /// A file's name and how to render its text.
    typealias Renderer = (name: String, render: @Sendable () -> String)

    /// Renders the set. `blend`: add the probability-blended scenario (a run over scenarios;
    /// not a backtest's replays).
    public init(study: Study, outcomes: [ScenarioOutcomes], blend: Bool, configuration: RunConfiguration) {
        let tables = ReportTables(outcomes, blend: blend, threads: configuration.threads)
        let summary = tables.summary, histograms = tables.histograms, bands = tables.bands
        let theses = ThesisTable.rows(outcomes, playbook: study.runPlaybook)
        let html: Renderer = ("report.html", { HTMLReport(study: study, outcomes: outcomes, summary: summary, theses: theses,
                                                          histograms: histograms, bands: bands, configuration: configuration).html })
        self.init(study: study, outcomes: outcomes, configuration: configuration, summary: summary,
                  renderers: Self.distributionRenderers(study: study, outcomes: outcomes, tables: tables, theses: theses) + [html])
    }

    /// A backtest's set (`outcomes`: its windows combined, `ScenarioOutcomes.combine`, or its one
    /// run): the files of a run — `summary.csv` without `mc_stderr` (the windows of a rolling
    /// backtest overlap: they are not independent draws) — with the tearsheet of the first
    /// window, `tearsheet.csv`, `equity.csv` and `monthly_returns.csv`, after `thesis.csv`, and
    /// the backtest's own report.html (`BacktestHTML`).
    public init(backtest study: Study, outcomes o: ScenarioOutcomes, configuration: RunConfiguration) {
        let outcomes = [o]
        var tables = ReportTables(outcomes, blend: false, threads: configuration.threads)
        for k in tables.summary.indices { tables.summary[k].pnl.standardError = nil }
        let summary = tables.summary
        let theses = ThesisTable.rows(outcomes, playbook: study.runPlaybook)
        let tearsheet = Tearsheet(o, capital: study.runPlaybook.capital)
        var renderers = Self.distributionRenderers(study: study, outcomes: outcomes, tables: tables, theses: theses)
        let tearsheetFiles: [Renderer] = [("tearsheet.csv", { TearsheetTables.tearsheetCSV(tearsheet) }),
                                          ("equity.csv", { TearsheetTables.equityCSV(tearsheet) }),
                                          ("monthly_returns.csv", { TearsheetTables.monthlyCSV(tearsheet) })]
        renderers.insert(contentsOf: tearsheetFiles, at: 2)
        renderers.append(("report.html", { BacktestHTML(study: study, outcomes: o, summary: summary, theses: theses,
                                                        tearsheet: tearsheet, configuration: configuration).html }))
        self.init(study: study, outcomes: outcomes, configuration: configuration, summary: summary, tearsheet: tearsheet,
                  renderers: renderers)
    }

    /// The CSV files every set has, in report order: summary, thesis, equity quantiles, P&L
    /// histograms, exits, first passage, trades; then, when the run kept a position analysis
    /// (`RunConfiguration.analysisPaths`), attribution, exposure, P&L by date, trade totals, early exercise and concentration.
    static func distributionRenderers(study: Study, outcomes: [ScenarioOutcomes], tables: ReportTables,
                                      theses: [ThesisTable.Row]) -> [Renderer] {
        let summary = tables.summary, histograms = tables.histograms, bands = tables.bands
        let files: [Renderer] = [
            ("summary.csv", { SummaryTable.csv(summary) }),
            ("thesis.csv", { ThesisTable.csv(theses) }),
            ("equity_quantiles.csv", { EquityQuantilesTable.csv(bands) }),
            ("pnl_histogram.csv", { HistogramTable.csv(outcomes, series: histograms) }),
            ("exits.csv", { ExitsTable.csv(outcomes) }),
            ("first_passage.csv", { FirstPassageTable.csv(outcomes) }),
            ("trades.csv", { [multiplier = TradesTable.multipliers(study)] in TradesTable.csv(outcomes, multiplier: multiplier) }),
        ]
        guard outcomes.contains(where: { $0.analysis != nil }) else { return files }
        let analysis: [Renderer] = [
            ("attribution.csv", { AttributionTable.csv(outcomes) }),
            ("exposure.csv", { ExposureTable.csv(outcomes) }),
            ("pnl_by_date.csv", { PnLByDateTable.csv(outcomes) }),
            ("trade_totals.csv", { TradeTotalsTable.csv(outcomes) }),
            ("early_exercise.csv", { EarlyExerciseTable.csv(outcomes) }),
            ("concentration.csv", { [universe = study.universe] in ConcentrationTable.csv(outcomes, universe: universe) }),
        ]
        return files + analysis
    }

    /// Renders `renderers` side by side; the last (report.html, the longest) is started first.
    private init(study: Study, outcomes: [ScenarioOutcomes], configuration: RunConfiguration, summary: [SummaryRow],
                 tearsheet: Tearsheet? = nil, renderers: [Renderer]) {
        let n = renderers.count
        let rendered = Parallel.map(count: n, threads: configuration.threads) { renderers[($0 + n - 1) % n].render() }
        self.study = study
        self.outcomes = outcomes
        self.configuration = configuration
        self.summary = summary
        self.tearsheet = tearsheet
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
