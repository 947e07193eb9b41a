import Foundation

/// Destination buffers for per-path results, shared by the threads of a run; every block
/// writes only its own paths' slots.
struct OutcomeBuffers: @unchecked Sendable {
    let paths: Int
    let variants: Int
    let pnl: UnsafeMutableBufferPointer<Double>          // [variant * paths + path]
    let returns: UnsafeMutableBufferPointer<Double>
    let maxDrawdown: UnsafeMutableBufferPointer<Double>
    let holdingDays: UnsafeMutableBufferPointer<Int32>
    let exitReason: UnsafeMutableBufferPointer<UInt8>
    let relative: UnsafeMutableBufferPointer<Double>
    let portfolioPnL: UnsafeMutableBufferPointer<Double>
    let portfolioDrawdown: UnsafeMutableBufferPointer<Double>
    let portfolioDrawdownFraction: UnsafeMutableBufferPointer<Double>
    let equitySample: UnsafeMutableBufferPointer<Double> // [day * samplePaths + path]
    let samplePaths: Int
    let dailyPnL: UnsafeMutableBufferPointer<Double>     // [(variant * tracedPaths + path) * (days + 1) + day]
    let tracedPaths: Int
    let days: Int

    init(paths: Int, variants: Int, days: Int, samplePaths: Int, tracedPaths: Int) {
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
        pnl = make(paths * variants, 0)
        returns = make(paths * variants, 0)
        maxDrawdown = make(paths * variants, 0)
        holdingDays = make(paths * variants, 0)
        exitReason = make(paths * variants, 0)
        relative = make(paths * variants, 0)
        portfolioPnL = make(paths, 0)
        portfolioDrawdown = make(paths, 0)
        portfolioDrawdownFraction = make(paths, 0)
        equitySample = make((days + 1) * samplePaths, 0)
        dailyPnL = make(variants * tracedPaths * (days + 1), 0)
    }

    func deallocate() {
        pnl.deallocate(); returns.deallocate(); maxDrawdown.deallocate(); holdingDays.deallocate()
        exitReason.deallocate(); relative.deallocate(); portfolioPnL.deallocate(); portfolioDrawdown.deallocate()
        portfolioDrawdownFraction.deallocate(); equitySample.deallocate(); dailyPnL.deallocate()
    }
}
