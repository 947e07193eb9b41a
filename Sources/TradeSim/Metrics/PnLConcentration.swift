/// How the P&L of several positions P₁…P_m over the same n paths makes up their sum
/// B = Σ Pᵢ: correlations, variance shares and component CVaR.
///
/// - `correlation[i][j]`: Pearson's, Cov(Pᵢ, Pⱼ)/(sᵢ·sⱼ) (nil where a position never varies).
/// - `varianceShare[i]`: Cov(Pᵢ, B)/Var(B), adding to 1 (nil when B never varies).
/// - `componentCVaR95[i]`: −mean(Pᵢ) over B's worst 5% — the k = ⌈0.05·n⌉ paths with the
///   lowest B, ties by path order (`PathStatistics.tailCount`); they add to `cvar95`, B's
///   CVaR95 on those paths (Tasche 2000's Euler allocation of expected shortfall).
struct PnLConcentration {
    var correlation: [[Double?]]
    var varianceShare: [Double?]
    var componentCVaR95: [Double]
    var cvar95: Double

    /// `pnl[i][path]`, every row with the same n ≥ 2 paths.
    init(_ pnl: [[Double]]) {
        let m = pnl.count, n = pnl.first?.count ?? 0
        let means = pnl.map { $0.reduce(0, +) / Double(max(1, n)) }
        var total = [Double](repeating: 0, count: n)
        for x in pnl { for p in 0..<n { total[p] += x[p] } }
        let totalMean = total.reduce(0, +) / Double(max(1, n))
        func covariance(_ x: [Double], _ mx: Double, _ y: [Double], _ my: Double) -> Double {
            var s = 0.0
            for p in 0..<n { s += (x[p] - mx) * (y[p] - my) }
            return s / Double(max(1, n - 1))
        }
        let variances = (0..<m).map { covariance(pnl[$0], means[$0], pnl[$0], means[$0]) }
        correlation = (0..<m).map { i in
            (0..<m).map { j in
                variances[i] > 0 && variances[j] > 0
                    ? covariance(pnl[i], means[i], pnl[j], means[j]) / (variances[i] * variances[j]).squareRoot() : nil
            }
        }
        let totalVariance = covariance(total, totalMean, total, totalMean)
        varianceShare = (0..<m).map { totalVariance > 0 ? covariance(pnl[$0], means[$0], total, totalMean) / totalVariance : nil }
        let k = max(1, PathStatistics.tailCount(0.95, n))
        // B's k lowest paths (ties by path order), in that order: the k-th lowest value by
        // selection, the paths below it and the first ones at it, then a sort of those k only.
        var ordered = total
        OrderStatistics.select(&ordered, ranks: [k - 1])
        let cut = ordered[k - 1]
        var tail = (0..<n).filter { total[$0] < cut }
        tail += (0..<n).lazy.filter { total[$0] == cut }.prefix(k - tail.count)
        tail.sort { total[$0] != total[$1] ? total[$0] < total[$1] : $0 < $1 }
        cvar95 = -tail.reduce(0.0) { $0 + total[$1] } / Double(k)
        componentCVaR95 = (0..<m).map { i in -tail.reduce(0.0) { $0 + pnl[i][$1] } / Double(k) }
    }
}
