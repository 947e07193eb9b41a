import Testing
@testable import TradeSim

@Suite("Path distributions and mixtures")
struct WeightedSampleTests {
    /// Equal weights reproduce type-7 quantiles (numpy 2.4 default: np.quantile([3,1,4,1,5,9,2,6], p)
    /// = 1.0, 1.75, 3.5, 5.25, 7.95 for p = 0.05, 0.25, 0.5, 0.75, 0.95) and the k-worst VaR.
    @Test func equalWeightsAreType7() {
        let x: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
        let w = WeightedSample(x.map { ($0, 1.0) })
        let s = PathStatistics(x)
        for (p, numpy) in zip([0.05, 0.25, 0.5, 0.75, 0.95], [1.0, 1.75, 3.5, 5.25, 7.95]) {
            #expect(abs(w.quantile(p)! - numpy) < 1e-12)
            #expect(abs(s.quantile(p)! - numpy) < 1e-12)
        }
        // 20 values, α = 0.95: k = 1; α = 0.9: k = 2 (the WORKLOAD.md §4 definition).
        let y = (1...20).map { Double($0) - 10 }
        let ps = PathStatistics(y), ws = WeightedSample(y.map { ($0, 1.0) })
        #expect(ps.valueAtRisk(0.95) == 9 && ps.conditionalValueAtRisk(0.95) == 9)
        #expect(ps.valueAtRisk(0.9) == 8 && ps.conditionalValueAtRisk(0.9) == 8.5)
        #expect(ws.valueAtRisk(0.9) == 8 && ws.conditionalValueAtRisk(0.9) == 8.5)
        #expect(ps.tailCount(0.95) == 1)
        #expect(PathStatistics(Array(repeating: 1.0, count: 100_000)).tailCount(0.95) == 5000)
        #expect(ps.probabilityPositive == 0.5)
    }

    /// A 0.75/0.25 mixture of {0, 10} and {100}: weights 0.375, 0.375, 0.25; mean 0.75·5 +
    /// 0.25·100 = 28.75; P(x > 0) = 0.375 + 0.25; positions S_{i−1}/(1 − 0.25) = 0, 0.5, 1 for the
    /// values 0, 10, 100, so Q(0.3) = 0.3/0.5·10 = 6 and Q(0.8) = 10 + 0.3/0.5·90 = 64.
    @Test func mixtureByHand() {
        let m = WeightedSample(mixture: [([0, 10], 3), ([100], 1)])
        #expect(abs(m.mean! - 28.75) < 1e-12)
        #expect(abs(m.probabilityPositive! - 0.625) < 1e-12)
        #expect(abs(m.quantile(0.3)! - 6) < 1e-12)
        #expect(abs(m.quantile(0.8)! - 64) < 1e-12)
        // Variance Σ w (x − μ)² = 0.375·28.75² + 0.375·18.75² + 0.25·71.25².
        let v = 0.375 * 28.75 * 28.75 + 0.375 * 18.75 * 18.75 + 0.25 * 71.25 * 71.25
        #expect(abs(m.standardDeviation! - v.squareRoot()) < 1e-9)
        // The worst 10% of the weight is all in the value 0 (weight 0.375): VaR = CVaR = −0.
        #expect(m.valueAtRisk(0.9) == 0 && m.conditionalValueAtRisk(0.9) == 0)
        // The worst 50%: 0.375 at 0 and 0.125 at 10 → CVaR = −(0.125·10)/0.5 = −2.5.
        #expect(abs(m.conditionalValueAtRisk(0.5)! + 2.5) < 1e-12)
        #expect(m.valueAtRisk(0.5) == -10)
    }

    /// Merging sorted parts (the bootstrap's resampled blend) gives the sample the stable sort
    /// of `init(mixture:)` gives — the same values, weights and positions, so the same
    /// statistics — here with ties inside and across parts (a decision that never entered made
    /// 0 on many paths), an empty part and one of weight 0.
    @Test func mergedMixtureIsTheSortedOne() {
        let parts: [(values: [Double], weight: Double)] = [
            ([-3, 0, 0, 0, 2, 2, 7], 0.45), ([], 0.1), ([-3, 0, 0, 1, 2, 9, 9, 9], 0.3), ([0, 0, 4], 0.15), ([-1, 5], 0)]
        let merged = WeightedSample(mixtureOfAscending: parts), sorted = WeightedSample(mixture: parts)
        #expect(merged.values == sorted.values)
        #expect(merged.weights == sorted.weights)
        for p in stride(from: 0.0, through: 1.0, by: 0.01) { #expect(merged.quantile(p) == sorted.quantile(p)) }
        for level in [0.5, 0.9, 0.95, 0.99] {
            #expect(merged.valueAtRisk(level) == sorted.valueAtRisk(level))
            #expect(merged.conditionalValueAtRisk(level) == sorted.conditionalValueAtRisk(level))
        }
    }

    @Test func undefinedIsNil() {
        let e = PathStatistics([])
        #expect(e.mean == nil && e.quantile(0.5) == nil && e.valueAtRisk(0.95) == nil)
        #expect(PathStatistics([1]).standardDeviation == nil)
        #expect(PathStatistics([.nan, 2, 4]).mean == 3)
    }
}
