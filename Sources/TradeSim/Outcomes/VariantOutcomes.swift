/// The per-path results of one decision variant in one scenario (the only per-path data the
/// engine keeps; everything per day is streamed).
public struct VariantOutcomes: Sendable {
    /// The decision's id.
    public let decisionID: String
    /// The variant's name ("" for a single variant).
    public let variantName: String
    /// The decision's kind.
    public let kind: DecisionKind
    /// True for the variant the portfolio holds.
    public let inPortfolio: Bool
    /// P&L at exit (or at the scenario's end), costs and carry included, in money.
    public var pnl: [Double]
    /// P&L / basis at exit per path, NaN where undefined (never entered, or a zero basis);
    /// kept only where a thesis tests the return (or `RunConfiguration.keepPathReturns`),
    /// empty otherwise.
    public var returns: [Double]
    /// Sums and counts of the finite returns per chunk of `chunkPaths` paths (global path
    /// indices c·64 ..< (c + 1)·64), each summed in path order.
    public var returnChunkSums: [Double]
    /// The count of finite returns per chunk (see `returnChunkSums`).
    public var returnChunkCounts: [Int]
    /// Sum of the finite returns (the chunks' sums added in chunk order: the same for any
    /// threads, block size or split into shards) and their count.
    public var returnSum: Double { returnChunkSums.reduce(0, +) }
    /// The count of finite returns (the chunks' counts added).
    public var returnCount: Int { returnChunkCounts.reduce(0, +) }
    /// Largest fall of the decision's P&L from its running peak, in money (≥ 0), in single
    /// precision (relative 6e-8: the memory a path costs matters at millions of paths).
    public var maxDrawdown: [Float]
    /// Trading days from entry to exit (0 when never entered).
    public var holdingDays: [Int32]
    /// `ExitReason` raw value per path.
    public var exitReason: [UInt8]
    /// The variant sells an American option its exit rules assign (`DecisionVariant.mayBeAssigned`):
    /// `assigned` is one of its exit reasons.
    public var mayBeAssigned = false
    /// Long-side return minus short-side return in basis points, per path, for pairs whose
    /// theses test it (or `keepPathReturns`; NaN where the pair never entered); empty otherwise.
    public var relativeReturnBps: [Double]

    /// Paths per chunk of the return sums: blocks of a run and slices of a shard are whole
    /// chunks, so the sums (and the mean return from them) do not depend on threads, blocks or
    /// shards.
    public static let chunkPaths = 64

    /// The chunks of `paths` paths: ⌈paths / 64⌉.
    public static func chunks(paths: Int) -> Int { (paths + chunkPaths - 1) / chunkPaths }

    /// "decision" or "decision/variant" for messages.
    public var label: String { variantName.isEmpty ? decisionID : decisionID + "/" + variantName }
}
