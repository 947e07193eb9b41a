/// The cells of a sweep: every combination of the values of each varied path (the cartesian
/// product), as study edits. The first varied path changes slowest; cell 0 — every path at its
/// first value — is the base cell the others are compared with.
///
/// Cell k's value of path j is `values[j][(k / stride_j) % count_j]`, with stride_j the
/// product of the counts of the paths after j.
public struct SweepGrid: Sendable {
    /// The most cells a sweep runs: each cell is a whole run of the study.
    public static let maximumCells = 256

    /// Per varied path, one edit per value, in the order given (all with the same path).
    public let varies: [[StudyEdit]]

    /// A grid of `varies` (each non-empty).
    public init(_ varies: [[StudyEdit]]) {
        precondition(varies.allSatisfy { !$0.isEmpty }, "a varied path needs a value")
        self.varies = varies
    }

    /// The varied paths, as given.
    public var paths: [String] { varies.map { $0[0].path } }

    /// The number of cells, ∏ count_j (saturating: a product past `Int.max` is `Int.max`).
    public var cellCount: Int {
        varies.reduce(1) { n, values in
            let (p, overflow) = n.multipliedReportingOverflow(by: values.count)
            return overflow ? Int.max : p
        }
    }

    /// The position of each path's value in cell `k`.
    public func valueIndices(_ k: Int) -> [Int] {
        var stride = 1
        var out = [Int](repeating: 0, count: varies.count)
        for j in varies.indices.reversed() {
            out[j] = (k / stride) % varies[j].count
            stride *= varies[j].count
        }
        return out
    }

    /// The edits of cell `k`, one per varied path.
    public func edits(_ k: Int) -> [StudyEdit] {
        zip(varies, valueIndices(k)).map { $0[$1] }
    }

    /// The values of cell `k` as compact JSON (`null`, `0.1`, `{"moneyness": 0.8}`).
    public func values(_ k: Int) -> [String] { edits(k).map(\.valueText) }
}
