import Foundation

/// Destination buffers for per-path results, shared by the threads of a run; every block
/// writes only its own paths' slots. One allocation per variant and kind, so that each can
/// be handed over as an array and freed at once (`takeArray`): the run never holds a result
/// twice. Per-path returns and pair spreads are kept only where asked for (`keep`); the
/// summary needs only their mean, from sums over chunks of `chunkPaths` paths, each summed in
/// path order and the chunks in order (blocks hold whole chunks), so it depends neither on
/// threads nor on block sizes. Drawdowns are kept in single precision.
struct OutcomeBuffers: @unchecked Sendable {
    /// The global index of the first path held (a shard's slice starts later than 0); every
    /// buffer is indexed by path − firstPath. Equity and traced rows are kept for the global
    /// paths below `sampleEnd` and `tracedEnd`.
    let firstPath: Int
    let sampleEnd: Int
    let tracedEnd: Int
    let paths: Int
    let variants: Int
    let pnl: [UnsafeMutableBufferPointer<Double>]          // [variant][path]
    let returns: [UnsafeMutableBufferPointer<Double>?]
    let returnSums: [UnsafeMutableBufferPointer<Double>]  // [variant][chunk]
    let returnCounts: [UnsafeMutableBufferPointer<Int>]
    let maxDrawdown: [UnsafeMutableBufferPointer<Float>]
    let holdingDays: [UnsafeMutableBufferPointer<Int32>]
    let exitReason: [UnsafeMutableBufferPointer<UInt8>]
    let relative: [UnsafeMutableBufferPointer<Double>?]
    let portfolioPnL: UnsafeMutableBufferPointer<Double>
    let portfolioDrawdown: UnsafeMutableBufferPointer<Float>
    let equitySample: [UnsafeMutableBufferPointer<Double>] // [day][path]
    let samplePaths: Int
    let dailyPnL: UnsafeMutableBufferPointer<Double>     // [(variant * tracedPaths + path) * (days + 1) + day]
    let tracedPaths: Int
    let days: Int

    /// Paths per chunk of the return sums; blocks and shards are whole chunks.
    static let chunkPaths = 64
    var chunks: Int { (paths + Self.chunkPaths - 1) / Self.chunkPaths }

    init(range: Range<Int>, variants: Int, keepReturns: [Bool], keepRelative: [Bool], days: Int, sampleEnd: Int, tracedEnd: Int) {
        firstPath = range.lowerBound
        self.sampleEnd = sampleEnd
        self.tracedEnd = tracedEnd
        let paths = range.count
        let samplePaths = max(0, min(range.upperBound, sampleEnd) - range.lowerBound)
        let tracedPaths = max(0, min(range.upperBound, tracedEnd) - range.lowerBound)
        self.paths = paths
        self.variants = variants
        self.samplePaths = samplePaths
        self.tracedPaths = tracedPaths
        self.days = days
        func make<T>(_ n: Int, _ v: T) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(n, 1))
            b.initialize(repeating: v)
            return b
        }
        pnl = (0..<variants).map { _ in make(paths, 0) }
        let chunks = (paths + Self.chunkPaths - 1) / Self.chunkPaths
        returns = (0..<variants).map { keepReturns[$0] ? make(paths, .nan) : nil }
        returnSums = (0..<variants).map { _ in make(chunks, 0) }
        returnCounts = (0..<variants).map { _ in make(chunks, 0) }
        maxDrawdown = (0..<variants).map { _ in make(paths, 0) }
        holdingDays = (0..<variants).map { _ in make(paths, 0) }
        exitReason = (0..<variants).map { _ in make(paths, 0) }
        relative = (0..<variants).map { keepRelative[$0] ? make(paths, .nan) : nil }
        portfolioPnL = make(paths, 0)
        portfolioDrawdown = make(paths, 0)
        equitySample = (0...days).map { _ in make(samplePaths, 0) }
        dailyPnL = make(variants * tracedPaths * (days + 1), 0)
    }

    /// The first `count` values of `buffer` as an array; the buffer is freed.
    static func takeArray<T>(_ buffer: UnsafeMutableBufferPointer<T>, count: Int) -> [T] {
        defer { buffer.deallocate() }
        return Array(buffer[0..<count])
    }

    /// Frees what `takeArray` has not taken: the traced daily P&L.
    func deallocateRest() {
        dailyPnL.deallocate()
    }
}
