/// Statistics of a Monte Carlo distribution (one value per path), as DESIGN §3 defines them.
///
/// - mean; standard deviation with n − 1; Monte Carlo standard error sd/√n;
/// - quantiles by linear interpolation between order statistics (Hyndman & Fan type 7,
///   numpy's default): h = (n − 1)·p, q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎);
/// - probability of profit P(x > 0);
/// - VaR and CVaR at level α of a P&L as positive losses: with k = ⌈(1 − α)·n⌉,
///   VaR = −x₍k₎ (the k-th worst) and CVaR = −(x₍1₎ + … + x₍k₎)/k (shared/bench/WORKLOAD.md §4).
/// Undefined values (an empty sample; the sd of one value) are nil.
public struct PathStatistics: Sendable {
    public let count: Int
    public let mean: Double?
    public let standardDeviation: Double?
    /// The values in ascending order.
    public let sorted: [Double]

    /// Statistics of the finite values of `values` (NaN marks "undefined on this path").
    public init(_ values: [Double]) {
        let finite = values.filter { $0.isFinite }
        sorted = finite.sorted()
        count = finite.count
        guard count > 0 else {
            mean = nil
            standardDeviation = nil
            return
        }
        // Sums in path order (not sorted order) so shards and threads agree bit for bit.
        var sum = 0.0
        for x in finite { sum += x }
        let m = sum / Double(count)
        mean = m
        if count > 1 {
            var squares = 0.0
            for x in finite { squares += (x - m) * (x - m) }
            standardDeviation = (squares / Double(count - 1)).squareRoot()
        } else {
            standardDeviation = nil
        }
    }

    public var standardError: Double? {
        standardDeviation.map { $0 / Double(count).squareRoot() }
    }

    /// Type-7 quantile, p in [0, 1].
    public func quantile(_ p: Double) -> Double? {
        Self.quantile(sorted: sorted, p)
    }

    public static func quantile(sorted x: [Double], _ p: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        let h = Double(x.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    /// P(x > 0).
    public var probabilityPositive: Double? {
        guard count > 0 else { return nil }
        let firstPositive = sorted.firstIndex { $0 > 0 } ?? count
        return Double(count - firstPositive) / Double(count)
    }

    /// k = ⌈(1 − level)·n⌉ in [1, n]; the 1e-9 absorbs the rounding of 1 − level
    /// (1 − 0.95 = 0.050000000000000044, and 100000 × that must give 5000, not 5001).
    public func tailCount(_ level: Double) -> Int {
        min(count, max(1, Int((Double(count) * (1 - level) - 1e-9).rounded(.up))))
    }

    /// VaR at confidence `level` (0.95, 0.99) as a positive loss.
    public func valueAtRisk(_ level: Double) -> Double? {
        guard count > 0 else { return nil }
        return -sorted[tailCount(level) - 1]
    }

    /// CVaR (expected shortfall) at confidence `level` as a positive loss.
    public func conditionalValueAtRisk(_ level: Double) -> Double? {
        guard count > 0 else { return nil }
        let k = tailCount(level)
        var sum = 0.0
        for i in 0..<k { sum += sorted[i] }
        return -sum / Double(k)
    }
}
