/// A distribution given by values with probability weights: a scenario's paths (equal weights)
/// or the probability blend of several scenarios (each path of scenario s weighs w_s/n_s).
///
/// The quantile generalises type 7 to weights: with the values sorted and S_i the cumulative
/// weight before value i, value i sits at P_i = S_i / S_n (so P_1 = 0, P_n = 1), and Q(p)
/// interpolates linearly between the P_i. With equal weights P_i = (i − 1)/(n − 1): type 7.
/// VaR and CVaR at level α take the worst 1 − α of the weight: VaR is minus the value at which
/// the cumulative weight from below first reaches 1 − α, CVaR minus the weighted mean of that
/// tail (the last value counted only in part). With equal weights and (1 − α)·n whole, these
/// are the k-th worst value and the mean of the k worst (PathStatistics).
public struct WeightedSample: Sendable {
    /// The finite values, ascending.
    public let values: [Double]
    /// Each value's weight (> 0).
    public let weights: [Double]
    private let positions: [Double]
    /// Σ weights.
    public let totalWeight: Double

    /// Finite values only; weights must be ≥ 0. Equal values keep their order in `pairs` (the
    /// sort is stable), which decides the positions within a run of equal values.
    public init(_ pairs: [(value: Double, weight: Double)]) {
        let sorted = pairs.filter { $0.value.isFinite && $0.weight > 0 }.sorted { $0.value < $1.value }
        self.init(ascending: sorted.map(\.value), weights: sorted.map(\.weight))
    }

    /// Values already in ascending order, each with its weight (> 0).
    init(ascending values: [Double], weights: [Double]) {
        self.values = values
        self.weights = weights
        var cumulative = 0.0
        var p: [Double] = []
        p.reserveCapacity(values.count)
        for w in weights {
            p.append(cumulative)
            cumulative += w
        }
        totalWeight = cumulative
        let last = (weights.last ?? 0)
        let span = cumulative - last
        positions = span > 0 ? p.map { $0 / span } : p.map { _ in 0 }
    }

    /// The mixture of samples with the given weights (normalised to sum to 1).
    public init(mixture parts: [(values: [Double], weight: Double)]) {
        var pairs: [(value: Double, weight: Double)] = []
        for (part, w) in zip(parts, Self.valueWeights(parts.map { ($0.values.count { $0.isFinite }, $0.weight) })) {
            for v in part.values where v.isFinite { pairs.append((v, w)) }
        }
        self.init(pairs)
    }

    /// The same mixture from parts whose values are finite and already ascending (a bootstrap
    /// resample, `PairedBootstrap`): merged instead of sorted, equal values in part order as the
    /// stable sort of `init(mixture:)` leaves them, so the two give the same sample.
    init(mixtureOfAscending parts: [(values: [Double], weight: Double)]) {
        let w = Self.valueWeights(parts.map { ($0.values.count, $0.weight) })
        var values: [Double] = [], weights: [Double] = []
        for (part, weight) in zip(parts, w) where !part.values.isEmpty && weight > 0 {
            (values, weights) = Self.merge(values, weights, part.values, weight)
        }
        self.init(ascending: values, weights: weights)
    }

    /// Two ascending runs merged, the first's values first among equal ones; each value of `y`
    /// weighs `weight`.
    private static func merge(_ x: [Double], _ xWeights: [Double], _ y: [Double], _ weight: Double) -> ([Double], [Double]) {
        let n = x.count + y.count
        var weights: [Double] = []
        let values = [Double](unsafeUninitializedCapacity: n) { out, written in
            weights = [Double](unsafeUninitializedCapacity: n) { outWeights, writtenWeights in
                x.withUnsafeBufferPointer { a in
                    xWeights.withUnsafeBufferPointer { aw in
                        y.withUnsafeBufferPointer { b in
                            var i = 0, j = 0
                            for k in 0..<n {
                                if j == b.count || (i < a.count && a[i] <= b[j]) {
                                    out[k] = a[i]
                                    outWeights[k] = aw[i]
                                    i += 1
                                } else {
                                    out[k] = b[j]
                                    outWeights[k] = weight
                                    j += 1
                                }
                            }
                        }
                    }
                }
                writtenWeights = n
            }
            written = n
        }
        return (values, weights)
    }

    /// The weight of each value of each part of a mixture: w_s / Σw / n_s (n_s its finite
    /// values; 0 for an empty part or a zero total).
    private static func valueWeights(_ parts: [(count: Int, weight: Double)]) -> [Double] {
        let total = parts.reduce(0) { $0 + $1.weight }
        return parts.map { $0.count > 0 && total > 0 ? $0.weight / total / Double($0.count) : 0 }
    }

    /// No values.
    public var isEmpty: Bool { values.isEmpty }

    /// Σ wᵢ·xᵢ / Σ wᵢ (nil when empty).
    public var mean: Double? {
        guard totalWeight > 0 else { return nil }
        var s = 0.0
        for (v, w) in zip(values, weights) { s += v * w }
        return s / totalWeight
    }

    /// The mixture's standard deviation (weighted, population form).
    public var standardDeviation: Double? {
        guard let m = mean, values.count > 1 else { return nil }
        var s = 0.0
        for (v, w) in zip(values, weights) { s += w * (v - m) * (v - m) }
        return (s / totalWeight).squareRoot()
    }

    /// The weighted type-7 quantile Q(p) above (nil when empty).
    public func quantile(_ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        if values.count == 1 || p <= 0 { return values[0] }
        if p >= 1 { return values[values.count - 1] }
        // First position ≥ p.
        var lo = 0, hi = positions.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if positions[mid] < p { lo = mid + 1 } else { hi = mid }
        }
        if lo == 0 { return values[0] }
        let p0 = positions[lo - 1], p1 = positions[lo]
        let f = p1 > p0 ? (p - p0) / (p1 - p0) : 1
        return values[lo - 1] + f * (values[lo] - values[lo - 1])
    }

    /// P(value > 0).
    public var probabilityPositive: Double? {
        guard totalWeight > 0 else { return nil }
        var s = 0.0
        for (v, w) in zip(values, weights) where v > 0 { s += w }
        return s / totalWeight
    }

    /// VaR at `level` as a positive loss (nil when empty).
    public func valueAtRisk(_ level: Double) -> Double? { tail(level)?.var }
    /// CVaR at `level` as a positive loss (nil when empty).
    public func conditionalValueAtRisk(_ level: Double) -> Double? { tail(level)?.cvar }

    private func tail(_ level: Double) -> (var: Double, cvar: Double)? {
        guard totalWeight > 0 else { return nil }
        let mass = (1 - level) * totalWeight
        var taken = 0.0, sum = 0.0
        for (v, w) in zip(values, weights) {
            // 1e-12 relative slack: equal weights that add up to the tail mass in floating point.
            let take = min(w, mass - taken)
            sum += take * v
            taken += take
            if taken >= mass * (1 - 1e-12) { return (-v, -sum / taken) }
        }
        return (-values[values.count - 1], -sum / max(taken, 1e-300))
    }
}
