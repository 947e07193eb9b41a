import Foundation

/// Destination buffers for per-path results, shared by the threads of a run; every block
/// writes only its own paths' slots. One allocation per variant and kind, so that each can
/// be handed over as an array and freed at once (`takeArray`): the run never holds a result
/// twice. `relative` exists only for pairs (the only decisions it is defined for).
struct OutcomeBuffers: @unchecked Sendable {
    let paths: Int
    let variants: Int
    let pnl: [UnsafeMutableBufferPointer<Double>]          // [variant][path]
    let returns: [UnsafeMutableBufferPointer<Double>]
    let maxDrawdown: [UnsafeMutableBufferPointer<Double>]
    let holdingDays: [UnsafeMutableBufferPointer<Int32>]
    let exitReason: [UnsafeMutableBufferPointer<UInt8>]
    let relative: [UnsafeMutableBufferPointer<Double>?]
    let portfolioPnL: UnsafeMutableBufferPointer<Double>
    let portfolioDrawdown: UnsafeMutableBufferPointer<Double>
    let portfolioDrawdownFraction: UnsafeMutableBufferPointer<Double>
    let equitySample: UnsafeMutableBufferPointer<Double> // [day * samplePaths + path]
    let samplePaths: Int
    let dailyPnL: UnsafeMutableBufferPointer<Double>     // [(variant * tracedPaths + path) * (days + 1) + day]
    let tracedPaths: Int
    let days: Int

    init(paths: Int, variants: Int, pairs: [Bool], days: Int, samplePaths: Int, tracedPaths: Int) {
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
        returns = (0..<variants).map { _ in make(paths, 0) }
        maxDrawdown = (0..<variants).map { _ in make(paths, 0) }
        holdingDays = (0..<variants).map { _ in make(paths, 0) }
        exitReason = (0..<variants).map { _ in make(paths, 0) }
        relative = (0..<variants).map { pairs[$0] ? make(paths, .nan) : nil }
        portfolioPnL = make(paths, 0)
        portfolioDrawdown = make(paths, 0)
        portfolioDrawdownFraction = make(paths, 0)
        equitySample = make((days + 1) * samplePaths, 0)
        dailyPnL = make(variants * tracedPaths * (days + 1), 0)
    }

    /// The first `count` values of `buffer` as an array; the buffer is freed.
    static func takeArray<T>(_ buffer: UnsafeMutableBufferPointer<T>, count: Int) -> [T] {
        defer { buffer.deallocate() }
        return Array(buffer[0..<count])
    }

    /// Frees what `takeArray` has not taken: the per-day buffers.
    func deallocateDaily() {
        equitySample.deallocate(); dailyPnL.deallocate()
    }
}
