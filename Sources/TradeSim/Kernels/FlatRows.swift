/// Rows of different lengths (a row per day, per leg, …) stored in one array: row r is
/// `elements[range(r)]`. The engine's daily steps read these instead of nested arrays: reading
/// an inner array takes a reference to it, and with several threads counting references to the
/// same shared arrays every block and day, those counts cost ~10% of a run; an element read from
/// one flat array takes none.
struct FlatRows<Element: Sendable>: Sendable {
    /// Every row's elements, row after row.
    let elements: [Element]
    /// Row r starts at `starts[r]` and ends where row r + 1 starts.
    let starts: [Int]

    init(_ rows: [[Element]]) {
        elements = rows.flatMap { $0 }
        starts = rows.reduce(into: [0]) { $0.append($0.last! + $1.count) }
    }

    /// The positions of row r in `elements`.
    @inline(__always)
    func range(_ r: Int) -> Range<Int> { starts[r]..<starts[r + 1] }
}
