import Foundation

/// Destination buffers for per-path results, shared by the threads of a run; every block
/// writes only its own paths' slots. One allocation per variant and kind, so that each can
/// be handed over as an array and freed at once (`takeArray`): the run never holds a result
/// twice. Per-path returns and pair spreads are kept only where asked for (`keep`); the
/// summary needs only their mean, from sums over chunks of `VariantOutcomes.chunkPaths` paths, each summed in
/// path order and the chunks in order (blocks hold whole chunks), so it depends neither on
/// threads nor on block sizes. Drawdowns are kept in single precision.
///
/// The engine writes every slot (each block its paths' values, chunk sums, equity rows and
/// traced days), so release builds leave the buffers unfilled: their pages are first touched
/// by the simulation's threads, in parallel, rather than by one thread before it (10 ms of
/// page faults at 100k paths). Debug builds fill them with the byte `unwritten`, and the engine
/// asserts `allWritten()` after every run, so the test suite checks the claim on every study
/// it runs.
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
    /// Per analysis path (global paths below `analysisEnd`), asset and day: the close, and the
    /// factor on the asset's ATM IV from the event outcomes drawn so far (`PathBlock.ivScale`):
    /// `[(path * assets + asset) * (days + 1) + day]`.
    let pathPrices: UnsafeMutableBufferPointer<Double>
    let pathIVScale: UnsafeMutableBufferPointer<Double>
    /// Per variant, analysis path and day: the variant's P&L at the close,
    /// `[(variant * analysisPaths + path) * (days + 1) + day]`.
    let pathPnL: UnsafeMutableBufferPointer<Double>
    let analysisEnd: Int
    let analysisPaths: Int
    let assets: Int
    let days: Int

    var chunks: Int { VariantOutcomes.chunks(paths: paths) }

    init(range: Range<Int>, variants: Int, keepReturns: [Bool], keepRelative: [Bool], days: Int, sampleEnd: Int, tracedEnd: Int,
         analysisEnd: Int = 0, assets: Int = 0) {
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
        self.analysisEnd = analysisEnd
        let analysisPaths = max(0, min(range.upperBound, analysisEnd) - range.lowerBound)
        self.analysisPaths = analysisPaths
        self.assets = assets
        func make<T: BitwiseCopyable>(_ n: Int) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(n, 1))
            #if DEBUG
            memset(b.baseAddress!, Int32(Self.unwritten), b.count * MemoryLayout<T>.stride)
            #endif
            return b
        }
        pnl = (0..<variants).map { _ in make(paths) }
        let chunks = VariantOutcomes.chunks(paths: paths)
        returns = (0..<variants).map { keepReturns[$0] ? make(paths) : nil }
        returnSums = (0..<variants).map { _ in make(chunks) }
        returnCounts = (0..<variants).map { _ in make(chunks) }
        maxDrawdown = (0..<variants).map { _ in make(paths) }
        holdingDays = (0..<variants).map { _ in make(paths) }
        exitReason = (0..<variants).map { _ in make(paths) }
        relative = (0..<variants).map { keepRelative[$0] ? make(paths) : nil }
        portfolioPnL = make(paths)
        portfolioDrawdown = make(paths)
        equitySample = (0...days).map { _ in make(samplePaths) }
        dailyPnL = make(variants * tracedPaths * (days + 1))
        pathPrices = make(analysisPaths * assets * (days + 1))
        pathIVScale = make(analysisPaths * assets * (days + 1))
        pathPnL = make(variants * analysisPaths * (days + 1))
    }

    /// The byte debug builds fill the buffers with: no value the engine writes is made of it
    /// (as a Double about −2.6e225, a Float −3.7e28, an Int32 −286,331,154, an exit reason 238).
    static let unwritten: UInt8 = 0xEE

    /// True when no slot still holds the `unwritten` fill (meaningful in debug builds only,
    /// where the buffers start filled).
    func allWritten() -> Bool {
        func written<T>(_ b: UnsafeMutableBufferPointer<T>, _ n: Int) -> Bool {
            let size = MemoryLayout<T>.stride
            let raw = UnsafeRawBufferPointer(start: b.baseAddress, count: n * size)
            return !(0..<n).contains { i in (0..<size).allSatisfy { raw[i * size + $0] == Self.unwritten } }
        }
        for k in 0..<variants {
            guard written(pnl[k], paths), returns[k].map({ written($0, paths) }) ?? true,
                  written(returnSums[k], chunks), written(returnCounts[k], chunks), written(maxDrawdown[k], paths),
                  written(holdingDays[k], paths), written(exitReason[k], paths),
                  relative[k].map({ written($0, paths) }) ?? true else { return false }
        }
        return written(portfolioPnL, paths) && written(portfolioDrawdown, paths)
            && equitySample.allSatisfy { written($0, samplePaths) } && written(dailyPnL, variants * tracedPaths * (days + 1))
            && written(pathIVScale, analysisPaths * assets * (days + 1)) && written(pathPnL, variants * analysisPaths * (days + 1))
    }

    /// The first `count` values of `buffer` as an array; the buffer is freed.
    static func takeArray<T>(_ buffer: UnsafeMutableBufferPointer<T>, count: Int) -> [T] {
        defer { buffer.deallocate() }
        return Array(buffer[0..<count])
    }

    /// Frees what `takeArray` has not taken: the traced daily P&L and the analysis paths' prices.
    func deallocateRest() {
        dailyPnL.deallocate()
        pathPrices.deallocate()
        pathIVScale.deallocate()
        pathPnL.deallocate()
    }
}
