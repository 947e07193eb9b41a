/// A table for people on the console: each column as wide as its widest cell, the columns in
/// `left` left-aligned (padded after, but the last), the others right-aligned, two spaces
/// between columns, one line per row.
enum ConsoleTable {
    static func render(_ rows: [[String]], left: Set<Int>) -> String {
        guard let first = rows.first else { return "" }
        let widths = first.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        var out = ""
        for row in rows {
            out += row.enumerated().map { c, cell in
                left.contains(c) ? (c == row.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0))
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ") + "\n"
        }
        return out
    }
}
