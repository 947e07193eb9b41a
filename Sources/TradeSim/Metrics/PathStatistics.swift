/// Statistics of a Monte Carlo distribution (one value per path), as DESIGN §3 defines them.
///
/// - mean; standard deviation with n − 1; Monte Carlo standard error sd/√n;
/// - quantiles by linear interpolation between order statistics (Hyndman & Fan type 7,
///   numpy's default): h = (n − 1)·p, q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎);
/// - probability of profit P(x > 0);
/// - VaR and CVaR at level α of a P&L as positive losses: with k = ⌈(1 − α)·n⌉,
///   VaR = −x₍k₎ (the k-th worst) and CVaR = −(x₍1₎ + … + x₍k₎)/k (shared/bench/WORKLOAD.md §4).
/// Undefined values (an empty sample; the sd of one value) are nil. The order statistics of
/// the report's quantiles and tails are found at construction by selection (no full sort);
/// any other quantile asked for later costs one more selection.
public struct PathStatistics: Sendable {
    /// The number of finite values.
    public let count: Int
    /// The mean (nil when empty).
    public let mean: Double?
    /// The sample standard deviation, n − 1 (nil under two values).
    public let standardDeviation: Double?
    /// The finite values (in the order the construction's selection left them).
    private let values: [Double]
    /// Rank → value for the ranks found at construction; tail count k → sum of the k smallest.
    private let selected: [Int: Double]
    private let tailSums: [Int: Double]

    /// The quantile levels reports show (p05 … p95).
    public static let reportLevels = [0.05, 0.25, 0.5, 0.75, 0.95]
    /// The VaR/CVaR levels reports show (95%, 99%).
    public static let reportTails = [0.95, 0.99]

    /// Statistics of the finite values of `values` (NaN marks "undefined on this path").
    /// `levels` and `tails` name the quantiles and VaR levels to find now. The selection
    /// works in the array itself when the caller hands over its only copy (a temporary), so a
    /// million paths cost one array, not two.
    public init(_ values: consuming [Double], levels: [Double] = PathStatistics.reportLevels,
                tails: [Double] = PathStatistics.reportTails) {
        var work = values
        if !work.allSatisfy(\.isFinite) { work = work.filter(\.isFinite) }
        let finite = work
        count = finite.count
        guard count > 0 else {
            self.values = []
            mean = nil
            standardDeviation = nil
            selected = [:]
            tailSums = [:]
            return
        }
        // Sums in path order so shards and threads agree bit for bit.
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
        let n = count
        var ranks: [Int] = []
        for p in levels {
            let h = Double(n - 1) * p
            let lo = Int(h.rounded(.down))
            ranks += [lo, min(lo + 1, n - 1)]
        }
        let tailCounts = tails.map { Self.tailCount($0, n) }
        ranks += tailCounts.map { $0 - 1 }
        _ = consume finite
        OrderStatistics.select(&work, ranks: ranks)
        var found: [Int: Double] = [:]
        for r in ranks { found[r] = work[r] }
        selected = found
        var sums: [Int: Double] = [:]
        for k in tailCounts where sums[k] == nil { sums[k] = Self.ascendingSum(work[0..<k]) }
        tailSums = sums
        self.values = work
    }

    /// The Monte Carlo standard error of the mean, sd/√n.
    public var standardError: Double? {
        standardDeviation.map { $0 / Double(count).squareRoot() }
    }

    /// The value of 0-based rank r.
    private func value(rank r: Int) -> Double {
        if let v = selected[r] { return v }
        var work = values
        OrderStatistics.select(&work, ranks: [r])
        return work[r]
    }

    /// Type-7 quantile, p in [0, 1].
    public func quantile(_ p: Double) -> Double? {
        guard count > 0 else { return nil }
        let h = Double(count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, count - 1)
        let a = value(rank: lo), b = value(rank: hi)
        return a + (h - Double(lo)) * (b - a)
    }

    /// Type-7 quantile of values already sorted ascending.
    public static func quantile(sorted x: [Double], _ p: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        let h = Double(x.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    /// VaR at `level` of values already sorted ascending, as `valueAtRisk(_:)` computes it for
    /// the same values: −x₍k₎, k = ⌈(1 − level)·n⌉ (nil when empty).
    static func valueAtRisk(sorted x: [Double], _ level: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        return -x[tailCount(level, x.count) - 1]
    }

    /// CVaR at `level` of values already sorted ascending, as `conditionalValueAtRisk(_:)`
    /// computes it for the same values: −(x₍1₎ + … + x₍k₎)/k, added smallest first (nil when
    /// empty).
    static func conditionalValueAtRisk(sorted x: [Double], _ level: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        let k = tailCount(level, x.count)
        var sum = 0.0
        for v in x[0..<k] { sum += v }
        return -sum / Double(k)
    }

    /// P(x > 0).
    public var probabilityPositive: Double? {
        guard count > 0 else { return nil }
        var positive = 0
        for x in values where x > 0 { positive += 1 }
        return Double(positive) / Double(count)
    }

    /// k = ⌈(1 − level)·n⌉ in [1, n]; the 1e-9 absorbs the rounding of 1 − level
    /// (1 − 0.95 = 0.050000000000000044, and 100000 × that must give 5000, not 5001).
    public func tailCount(_ level: Double) -> Int { Self.tailCount(level, count) }

    static func tailCount(_ level: Double, _ n: Int) -> Int {
        min(n, max(1, Int((Double(n) * (1 - level) - 1e-9).rounded(.up))))
    }

    /// VaR at confidence `level` (0.95, 0.99) as a positive loss.
    public func valueAtRisk(_ level: Double) -> Double? {
        guard count > 0 else { return nil }
        return -value(rank: tailCount(level) - 1)
    }

    /// CVaR (expected shortfall) at confidence `level` as a positive loss.
    public func conditionalValueAtRisk(_ level: Double) -> Double? {
        guard count > 0 else { return nil }
        let k = tailCount(level)
        if let s = tailSums[k] { return -s / Double(k) }
        var work = values
        OrderStatistics.select(&work, ranks: [k - 1])
        return -Self.ascendingSum(work[0..<k]) / Double(k)
    }

    /// The sum of the k smallest values (which selection leaves in no particular order), added
    /// smallest first, so the result depends on the values alone.
    private static func ascendingSum(_ smallest: ArraySlice<Double>) -> Double {
        var sum = 0.0
        for x in smallest.sorted() { sum += x }
        return sum
    }
}
