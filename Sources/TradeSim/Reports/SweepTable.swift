/// One row of `sweep.csv`: a cell's statistics for one scenario (or `blended`) and decision
/// variant (or `portfolio`), and its difference from the base cell.
public struct SweepRow: Sendable {
    /// The cell's number (0: the base cell).
    public var cell: Int
    /// The cell's value of each varied path, as compact JSON.
    public var values: [String]
    /// The statistics, as `summary.csv` computes them for this run.
    public var summary: SummaryRow
    /// mean(this − base) over paired paths and its standard error (nil when the base cell has
    /// no row with the same scenario, paths, decision and variant).
    public var difference: PairedDifference?
    /// √(se² + se_base²): the standard error of the difference had the two runs used
    /// independent seeds.
    public var independentStandardError: Double?
}

/// `sweep.csv`: per cell, the rows of `summary.csv` (each scenario's decision variants and
/// portfolio, then the blended scenario) with a subset of its columns, and the difference of
/// the mean P&L from the base cell on common random numbers (`PairedDifference`).
///
/// Columns: `cell`, one column per varied path (headed by the path, values as compact JSON:
/// `null`, `0.1`, `"atm"`), then `scenario, decision, variant, paths, mean_pnl, mc_stderr,
/// p05_pnl, p50_pnl, p95_pnl, prob_profit, var95, cvar95, mean_return` (as in `summary.csv`),
/// then `diff_mean_pnl, diff_stderr_paired, diff_stderr_independent`.
public enum SweepTable {
    /// The columns after the varied paths'.
    public static let statisticColumns = ["scenario", "decision", "variant", "paths", "mean_pnl", "mc_stderr", "p05_pnl",
                                          "p50_pnl", "p95_pnl", "prob_profit", "var95", "cvar95", "mean_return",
                                          "diff_mean_pnl", "diff_stderr_paired", "diff_stderr_independent"]

    /// The header: `cell`, the varied paths, the statistics.
    public static func columns(paths: [String]) -> [String] { ["cell"] + paths + statisticColumns }

    /// The base cell: its outcomes (every path's P&L, paired with each cell's) and its rows.
    public struct Base: Sendable {
        let outcomes: [ScenarioOutcomes]
        let rows: [SummaryRow]

        /// The base cell's run (computed on up to `threads` threads).
        public init(outcomes: [ScenarioOutcomes], threads: Int) {
            self.outcomes = outcomes
            rows = SummaryTable.allRows(outcomes, threads: threads)
        }

        func row(scenario: String, decision: String, variant: String) -> SummaryRow? {
            rows.first { $0.scenario == scenario && $0.decision == decision && $0.variant == variant }
        }
    }

    /// The paired difference of one scenario's row from the base run's: the base scenario of
    /// the same name and path count, the same decision and variant.
    static func difference(_ o: ScenarioOutcomes, _ base: Base, decision: String, variant: String) -> PairedDifference? {
        guard let b = base.outcomes.first(where: { $0.scenario.name == o.scenario.name }), b.paths == o.paths,
              let x = o.pnl(decision: decision, variant: variant), let y = b.pnl(decision: decision, variant: variant)
        else { return nil }
        return PairedDifference(x, minus: y)
    }

    /// Cell `cell`'s rows: its run `outcomes` against `base`.
    public static func rows(cell: Int, values: [String], outcomes: [ScenarioOutcomes], base: Base, threads: Int) -> [SweepRow] {
        func row(_ r: SummaryRow, _ d: PairedDifference?) -> SweepRow {
            let baseRow = base.row(scenario: r.scenario, decision: r.decision, variant: r.variant)
            let independent = d == nil ? nil : PairedDifference.independentStandardError(r.pnl.standardError, baseRow?.pnl.standardError)
            return SweepRow(cell: cell, values: values, summary: r, difference: d, independentStandardError: independent)
        }
        var out: [SweepRow] = []
        // Each scenario's rows, and their differences (row k of every scenario is the same
        // variant, as in the blended rows).
        var differences: [[PairedDifference?]] = []
        for o in outcomes {
            let rows = SummaryTable.rows(o, threads: threads)
            let d = rows.map { difference(o, base, decision: $0.decision, variant: $0.variant) }
            differences.append(d)
            out += zip(rows, d).map(row)
        }
        // The blend of the scenarios' paired differences, with the blend's weights.
        let total = outcomes.reduce(0) { $0 + $1.scenario.weight }
        for (k, r) in SummaryTable.blendedRows(outcomes).enumerated() {
            let parts = differences.indices.compactMap { s in differences[s][k].map { ($0, outcomes[s].scenario.weight / total) } }
            out.append(row(r, parts.count == outcomes.count ? PairedDifference(blending: parts) : nil))
        }
        return out
    }

    /// The CSV text: the header, then one line per row.
    public static func csv(paths: [String], rows: [SweepRow]) -> String {
        var out = columns(paths: paths).map(CSVField.escape).joined(separator: ",") + "\n"
        for r in rows {
            let s = r.summary
            let cells = [String(r.cell)] + r.values.map(CSVField.escape)
                + [CSVField.escape(s.scenario), CSVField.escape(s.decision), CSVField.escape(s.variant), String(s.paths),
                   NumberText.csv(s.pnl.mean), NumberText.csv(s.pnl.standardError), NumberText.csv(s.pnl.quantile(0.05)),
                   NumberText.csv(s.pnl.quantile(0.5)), NumberText.csv(s.pnl.quantile(0.95)),
                   NumberText.csv(s.pnl.probabilityPositive), NumberText.csv(s.pnl.var95), NumberText.csv(s.pnl.cvar95),
                   NumberText.csv(s.meanReturn), NumberText.csv(r.difference?.mean), NumberText.csv(r.difference?.standardError),
                   NumberText.csv(r.independentStandardError)]
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }
}
