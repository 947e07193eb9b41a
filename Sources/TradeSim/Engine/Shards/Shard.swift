/// Slice `index` of `count` of a run's paths (`tradesim run --shard i/n`, i from 0).
///
/// A scenario's paths are cut into chunks of 64 (`VariantOutcomes.chunkPaths`); shard i runs
/// chunks ⌊i·C/n⌋ ..< ⌊(i+1)·C/n⌋ of the C chunks. The slices are disjoint, cover every path,
/// and begin on chunk boundaries, so every number a report needs (per-path finals, and the
/// return sums, which are per chunk) comes out of the shards exactly as out of one run.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// The shard's index, 0 ..< `count`.
    public let index: Int
    /// How many shards the run is cut into.
    public let count: Int

    /// The most shards a run may be cut into (`--shard`, and what a partial result may claim).
    public static let maximumCount = 1_000_000

    /// nil unless 0 ≤ index < count ≤ `maximumCount`.
    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Self.maximumCount, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// "i/n" with 0 ≤ i < n, as typed after `--shard`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: i, count: n)
    }

    /// "i/n", as `--shard` takes it.
    public var description: String { "\(index)/\(count)" }

    /// The global path indices this shard runs out of `paths` (0 ≤ paths < 2⁶³ − 64). The
    /// products i·C are taken at double width: a path count read from a partial result gives
    /// a range, never an overflow.
    public func pathRange(paths: Int) -> Range<Int> {
        let chunk = VariantOutcomes.chunkPaths
        let chunks = (paths + chunk - 1) / chunk
        func boundary(_ i: Int) -> Int {
            count.dividingFullWidth(i.multipliedFullWidth(by: chunks)).quotient
        }
        let first = boundary(index), end = boundary(index + 1)
        return min(first * chunk, paths)..<min(end * chunk, paths)
    }
}
