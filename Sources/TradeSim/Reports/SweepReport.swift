/// A sweep's report rendered as named texts: `sweep.csv` (`SweepTable`) and `report.html`
/// (`SweepHTML`); `run.json` from `manifest(inputs:edits:timings:)`, with the scenarios as the
/// base cell ran them and the grid under `sweep`. The library renders, the caller writes.
public struct SweepReport: Sendable {
    /// The study as the base cell ran it.
    public let study: Study
    /// The grid swept.
    public let grid: SweepGrid
    /// Every cell's rows, cell by cell.
    public let rows: [SweepRow]
    /// The base cell's outcomes (run.json lists its scenarios).
    public let baseOutcomes: [ScenarioOutcomes]
    /// The configuration every cell ran with.
    public let configuration: RunConfiguration
    /// `sweep.csv` and `report.html`, in that order.
    public let files: [(name: String, text: String)]

    public init(study: Study, grid: SweepGrid, rows: [SweepRow], baseOutcomes: [ScenarioOutcomes], configuration: RunConfiguration) {
        self.study = study
        self.grid = grid
        self.rows = rows
        self.baseOutcomes = baseOutcomes
        self.configuration = configuration
        files = [("sweep.csv", SweepTable.csv(paths: grid.paths, rows: rows)),
                 ("report.html", SweepHTML(study: study, grid: grid, rows: rows, configuration: configuration).html)]
    }

    /// The grid as run.json states it: the base cell, the number of cells, each varied path
    /// with its values, and how differences are computed.
    var sweepJSON: String {
        JSONText.object([
            ("base_cell", "0"), ("cells", String(grid.cellCount)),
            ("order", JSONText.string("cartesian product, the first varied path changing slowest; cell 0 takes each path's first value")),
            ("varies", "[\n" + grid.varies.map { edits in
                "    " + JSONText.object([("path", JSONText.string(edits[0].path)), ("values", JSONText.array(edits.map(\.valueText)))])
            }.joined(separator: ",\n") + "\n  ]"),
            ("difference", JSONText.string("mean of per-path differences from the base cell on common random numbers; paired se = sd(d)/sqrt(n); independent se = sqrt(se^2 + se_base^2); blended: sqrt(sum w^2 se^2)")),
        ])
    }

    /// The text of `run.json`: as a run's (`RunManifest`), command `sweep`, with the `--set`
    /// edits every cell shares, the grid, and `files` and run.json as outputs.
    package func manifest(inputs: [RunInput], edits: [StudyEdit], timings: [(name: String, seconds: Double)]) -> String {
        var m = RunManifest(command: "sweep", study: study, inputs: inputs, configuration: configuration, outcomes: baseOutcomes,
                            outputs: files.map(\.name) + ["run.json"], timings: timings)
        m.edits = edits
        m.extra = [("sweep", sweepJSON)]
        return m.json
    }
}
