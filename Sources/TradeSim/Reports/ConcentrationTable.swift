/// `concentration.csv`: how much of the book is one bet — `scenario, table, row, column, value`
/// in four tables, over the in-portfolio decision variants (labelled `decision` or
/// `decision/variant`):
///
/// - `entry_delta_dollars`: row a ticker, column a variant (and `total`): the variant's delta
///   dollars in the ticker at its entry close (Σ q·Δ·S), the mean over the analysis paths on
///   which it entered (`PositionAnalysis.entryDeltaDollars`) — the names several decisions load.
/// - `pnl_correlation`: row and column variants: the Pearson correlation of their P&L over all
///   paths (empty where one never varies).
/// - `variance_share`: row a variant, column `share`: Cov(Pᵢ, B)/Var(B) with B = Σ Pⱼ the sum of
///   the in-portfolio variants' P&L (holdings and financing left out), so the shares add to 1.
/// - `component_cvar95`: row a variant, column `cvar95`: −mean(Pᵢ) over the paths in B's worst
///   5%, adding to B's CVaR95 (row `book`), money, and column `share` their fraction of it
///   (`PnLConcentration`).
enum ConcentrationTable {
    static let columns = ["scenario", "table", "row", "column", "value"]

    static func csv(_ all: [ScenarioOutcomes], universe: Universe) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for o in all {
            let scenario = CSVField.escape(o.scenario.name)
            func line(_ table: String, _ row: String, _ column: String, _ value: Double?) {
                out += [scenario, table, CSVField.escape(row), CSVField.escape(column), NumberText.csv(value)].joined(separator: ",") + "\n"
            }
            let book = o.variants.indices.filter { o.variants[$0].inPortfolio }
            let label = { (k: Int) -> String in o.variants[k].label }
            if let a = o.analysis, a.paths > 0 {
                for asset in universe.assets.indices {
                    let byVariant = book.map { a.entryDeltaDollars[$0][asset] }
                    guard byVariant.contains(where: { $0 != 0 }) else { continue }
                    let ticker = universe.assets[asset].ticker
                    for (j, k) in book.enumerated() where byVariant[j] != 0 { line("entry_delta_dollars", ticker, label(k), byVariant[j]) }
                    line("entry_delta_dollars", ticker, "total", byVariant.reduce(0, +))
                }
            }
            guard o.paths > 1, !book.isEmpty else { continue }
            let c = PnLConcentration(book.map { o.variants[$0].pnl })
            for i in book.indices {
                for j in book.indices { line("pnl_correlation", label(book[i]), label(book[j]), c.correlation[i][j]) }
            }
            for i in book.indices { line("variance_share", label(book[i]), "share", c.varianceShare[i]) }
            for i in book.indices {
                line("component_cvar95", label(book[i]), "cvar95", c.componentCVaR95[i])
                line("component_cvar95", label(book[i]), "share", c.cvar95 != 0 ? c.componentCVaR95[i] / c.cvar95 : nil)
            }
            line("component_cvar95", "book", "cvar95", c.cvar95)
        }
        return out
    }
}
