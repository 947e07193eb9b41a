import Foundation

/// Risk/return metrics of a series of periodic simple returns, with empyrical's definitions
/// (empyrical-reloaded 0.7.1, `empyrical/stats.py`; checked to 1e-9 against it in the tests).
/// N returns, A = 252 periods a year, rf the risk-free return per period, sd with n − 1:
///
/// - annual_return = Π(1 + r)^(A/N) − 1 (geometric)
/// - annual_volatility = sd(r)·√A
/// - sharpe_ratio = mean(r − rf) / sd(r − rf) · √A
/// - downside_risk = √(mean(min(r − T, 0)²))·√A over all N observations (T per period)
/// - sortino_ratio = mean(r − T)·A / downside_risk
/// - max_drawdown = min_t (C_t − M_t)/M_t on C₀ = 1, C_t = Π(1 + r), M the running max from C₀
/// - calmar_ratio = annual_return / |max_drawdown| (nil when max_drawdown = 0)
/// - omega_ratio = Σ(d > 0)/−Σ(d < 0), d = r − rf − ((1 + R)^(1/A) − 1), R an annual required return
/// - tail_ratio = |Q(0.95)| / |Q(0.05)|, Q type 7 (numpy's percentile)
/// - stability_of_timeseries = R² of the least-squares line through cumsum(ln(1 + r)) against 0…N−1
/// - value_at_risk = Q(0.05) (a return: negative for a loss)
/// - conditional_value_at_risk = mean of the k + 1 smallest returns, k = ⌊(N − 1)·0.05⌋
/// - skew = m₃/m₂^1.5, kurtosis = m₄/m₂² − 3 (population moments: scipy's bias=True, Fisher)
/// - var95_gaussian = μ + sd·Φ⁻¹(0.05), cvar95_gaussian = μ − sd·φ(Φ⁻¹(0.05))/0.05 (normal model;
///   labelled as such, not empyrical's)
/// - max_drawdown_duration = the longest stretch, in periods, from a running peak of C (C₀ counts)
///   to the first period back at or above it, or to the end when it never recovers.
///
/// Undefined values (too few returns, a zero denominator, a result beyond the range of a
/// double) are nil, never NaN or ∞.
public struct ReturnMetrics: Sendable {
    /// A = 252 periods a year.
    public static let periodsPerYear = 252.0

    /// Π(1 + r)^(A/N) − 1.
    public var annualReturn: Double?
    /// sd(r)·√A.
    public var annualVolatility: Double?
    /// mean(r − rf) / sd(r − rf) · √A.
    public var sharpeRatio: Double?
    /// mean(r − T)·A / downside risk.
    public var sortinoRatio: Double?
    /// √(mean(min(r − T, 0)²))·√A.
    public var downsideRisk: Double?
    /// The worst fall of the compounded curve from its running peak (≤ 0, a fraction).
    public var maxDrawdown: Double?
    /// The longest drawdown, in periods.
    public var maxDrawdownDuration: Int?
    /// Annual return / |max drawdown|.
    public var calmarRatio: Double?
    /// Gains over losses beyond the required return.
    public var omegaRatio: Double?
    /// |Q(0.95)| / |Q(0.05)|.
    public var tailRatio: Double?
    /// R² of the line through the cumulative log returns.
    public var stability: Double?
    /// Historical VaR: Q(0.05), a return (negative for a loss).
    public var valueAtRisk: Double?
    /// Historical CVaR: the mean of the k + 1 smallest returns, k = ⌊(N − 1)·0.05⌋.
    public var conditionalValueAtRisk: Double?
    /// m₃/m₂^1.5 (population moments).
    public var skew: Double?
    /// Excess kurtosis m₄/m₂² − 3 (population moments).
    public var kurtosis: Double?
    /// Gaussian VaR at 95%: μ + sd·Φ⁻¹(0.05).
    public var gaussianVaR95: Double?
    /// Gaussian CVaR at 95%: μ − sd·φ(Φ⁻¹(0.05))/0.05.
    public var gaussianCVaR95: Double?

    /// `riskFree` and `requiredReturn` (sortino's T) per period; `omegaRequiredReturn` annual.
    public init(returns r: [Double], riskFree: Double = 0, requiredReturn: Double = 0, omegaRequiredReturn: Double = 0) {
        let n = r.count
        let a = Self.periodsPerYear
        guard n > 0 else { return }
        annualReturn = Self.annualReturn(r)
        let sd = Self.standardDeviation(r)
        annualVolatility = sd.map { $0 * a.squareRoot() }
        sharpeRatio = Self.sharpe(r, riskFree: riskFree)
        let dr = Self.downsideRisk(r, threshold: requiredReturn)
        downsideRisk = dr
        if let dr, dr > 0 { sortinoRatio = Self.mean(r.map { $0 - requiredReturn }) * a / dr }
        let (mdd, duration) = Self.drawdown(r)
        maxDrawdown = mdd
        maxDrawdownDuration = duration
        if let ar = annualReturn, mdd < 0 { calmarRatio = ar / abs(mdd) }
        omegaRatio = Self.omega(r, riskFree: riskFree, requiredReturn: omegaRequiredReturn)
        let sorted = r.sorted()
        if let q95 = PathStatistics.quantile(sorted: sorted, 0.95), let q05 = PathStatistics.quantile(sorted: sorted, 0.05), q05 != 0 {
            tailRatio = abs(q95) / abs(q05)
        }
        stability = Self.stability(r)
        valueAtRisk = PathStatistics.quantile(sorted: sorted, 0.05)
        let k = Int(Double(n - 1) * 0.05)
        conditionalValueAtRisk = Self.mean(Array(sorted[0...k]))
        let m = Self.mean(r)
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for x in r {
            let d = x - m
            m2 += d * d
            m3 += d * d * d
            m4 += d * d * d * d
        }
        m2 /= Double(n); m3 /= Double(n); m4 /= Double(n)
        if m2 > 0 {
            skew = m3 / pow(m2, 1.5)
            kurtosis = m4 / (m2 * m2) - 3
        }
        if let sd {
            let z = NormalDistribution.quantile(0.05)
            gaussianVaR95 = m + sd * z
            gaussianCVaR95 = m - sd * NormalDistribution.pdf(z) / 0.05
        }
        // A value beyond the doubles (returns of 10¹¹ compounding past 1.8e308) is undefined
        // here, not ∞: reports never show an infinity.
        for path in [\Self.annualReturn, \.annualVolatility, \.sharpeRatio, \.sortinoRatio, \.downsideRisk,
                     \.maxDrawdown, \.calmarRatio, \.omegaRatio, \.tailRatio, \.stability, \.valueAtRisk,
                     \.conditionalValueAtRisk, \.skew, \.kurtosis, \.gaussianVaR95, \.gaussianCVaR95]
        where self[keyPath: path].map({ !$0.isFinite }) ?? false {
            self[keyPath: path] = nil
        }
    }

    // MARK: - Pieces

    static func mean(_ x: [Double]) -> Double {
        var s = 0.0
        for v in x { s += v }
        return s / Double(x.count)
    }

    /// Sample standard deviation (n − 1); nil for fewer than 2 values.
    static func standardDeviation(_ x: [Double]) -> Double? {
        guard x.count > 1 else { return nil }
        let m = mean(x)
        var s = 0.0
        for v in x { s += (v - m) * (v - m) }
        return (s / Double(x.count - 1)).squareRoot()
    }

    static func annualReturn(_ r: [Double]) -> Double? {
        var growth = 1.0
        for x in r { growth *= 1 + x }
        guard growth > 0 else { return growth == 0 ? -1 : nil }
        return pow(growth, periodsPerYear / Double(r.count)) - 1
    }

    static func sharpe(_ r: [Double], riskFree: Double) -> Double? {
        let excess = r.map { $0 - riskFree }
        guard let sd = standardDeviation(excess), sd > 0 else { return nil }
        return mean(excess) / sd * periodsPerYear.squareRoot()
    }

    static func downsideRisk(_ r: [Double], threshold: Double) -> Double? {
        guard !r.isEmpty else { return nil }
        var s = 0.0
        for x in r {
            let d = min(x - threshold, 0)
            s += d * d
        }
        return (s / Double(r.count)).squareRoot() * periodsPerYear.squareRoot()
    }

    /// Max drawdown (≤ 0) and its longest duration in periods.
    static func drawdown(_ r: [Double]) -> (Double, Int) {
        var curve = [1.0]
        curve.reserveCapacity(r.count + 1)
        for x in r { curve.append(curve[curve.count - 1] * (1 + x)) }
        var peak = curve[0], worst = 0.0
        for c in curve {
            peak = max(peak, c)
            worst = min(worst, (c - peak) / peak)
        }
        // Duration: from a running peak to the first point back at or above it (a drawdown
        // needs at least one point below the peak); an unrecovered one runs to the end.
        var longest = 0
        var peakIndex = 0
        var peakValue = curve[0]
        for t in 1..<curve.count where curve[t] >= peakValue {
            if t - peakIndex > 1 { longest = max(longest, t - peakIndex) }
            peakIndex = t
            peakValue = curve[t]
        }
        if peakIndex < curve.count - 1 { longest = max(longest, curve.count - 1 - peakIndex) }
        return (worst, longest)
    }

    static func omega(_ r: [Double], riskFree: Double, requiredReturn: Double) -> Double? {
        guard r.count > 1, requiredReturn > -1 else { return nil }
        let threshold = requiredReturn == 0 ? 0 : pow(1 + requiredReturn, 1 / periodsPerYear) - 1
        var up = 0.0, down = 0.0
        for x in r {
            let d = x - riskFree - threshold
            if d > 0 { up += d } else if d < 0 { down -= d }
        }
        return down > 0 ? up / down : nil
    }

    static func stability(_ r: [Double]) -> Double? {
        let n = r.count
        guard n > 2 else { return nil }
        var y = [Double]()
        y.reserveCapacity(n)
        var c = 0.0
        for x in r { c += log1p(x); y.append(c) }
        let xMean = Double(n - 1) / 2
        let yMean = mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (i, v) in y.enumerated() {
            let dx = Double(i) - xMean, dy = v - yMean
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy * sxy / (sxx * syy)
    }
}
