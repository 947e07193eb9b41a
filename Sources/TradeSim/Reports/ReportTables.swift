/// The numbers behind a report set — summary rows, P&L histogram series and equity bands —
/// computed together in one pool of threads: every row, series and band day is one piece of
/// work, handed out largest first, so no thread waits for the others between tables. Each
/// piece computes what `SummaryTable.rows`, `HistogramTable.series` and
/// `EquityQuantilesTable.bands` compute, so the numbers do not depend on the thread count.
struct ReportTables: Sendable {
    var summary: [SummaryRow]
    var histograms: [HistogramTable.Series]
    var bands: [EquityQuantilesTable.Bands]

    /// `blend`: append the probability-blended summary rows (`SummaryTable.blendedRows`).
    init(_ all: [ScenarioOutcomes], blend: Bool, threads: Int) {
        enum Piece: Sendable {
            case blendedRows, row(scenario: Int, k: Int), series(Int), day(scenario: Int, day: Int), blendedDay(Int)
        }
        enum Result: Sendable {
            case rows([SummaryRow]), row(SummaryRow), series(HistogramTable.Series), day([Double?])
        }
        // Largest first: the blended rows (a mixture of every scenario's paths), the rows and
        // series (each over every path), then the band days (each over the equity sample).
        var pieces: [Piece] = []
        if blend && all.count > 1 { pieces.append(.blendedRows) }
        for (s, o) in all.enumerated() { pieces += (0...o.variants.count).map { .row(scenario: s, k: $0) } }
        if let first = all.first { pieces += (0...first.variants.count).map { .series($0) } }
        for (s, o) in all.enumerated() { pieces += o.equitySample.indices.map { .day(scenario: s, day: $0) } }
        if EquityQuantilesTable.hasBlend(all) { pieces += (0..<EquityQuantilesTable.blendDays(all)).map { .blendedDay($0) } }
        let work = pieces
        let results = Parallel.map(count: work.count, threads: threads) { i -> Result in
            switch work[i] {
            case .blendedRows: .rows(SummaryTable.blendedRows(all))
            case let .row(s, k): .row(SummaryTable.row(all[s], k))
            case let .series(k): .series(HistogramTable.series(all, k))
            case let .day(s, d): .day(EquityQuantilesTable.day(all[s], d))
            case let .blendedDay(d): .day(EquityQuantilesTable.blendedDay(all, d))
            }
        }
        var rows: [SummaryRow] = [], blended: [SummaryRow] = [], series: [HistogramTable.Series] = []
        var days = all.map { _ in [[Double?]]() }, mixed: [[Double?]] = []
        for (piece, result) in zip(work, results) {
            switch (piece, result) {
            case let (.blendedRows, .rows(r)): blended = r
            case let (.row, .row(r)): rows.append(r)
            case let (.series, .series(h)): series.append(h)
            case let (.day(s, _), .day(q)): days[s].append(q)
            case let (.blendedDay, .day(q)): mixed.append(q)
            default: preconditionFailure("a report piece came back as another kind")
            }
        }
        summary = rows + blended
        histograms = series
        bands = EquityQuantilesTable.assemble(all, quantiles: days, blended: mixed)
    }
}
