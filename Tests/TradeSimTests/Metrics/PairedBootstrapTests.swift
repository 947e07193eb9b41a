import Foundation
import Testing
@testable import TradeSim

/// The paired bootstrap of `tradesim compare`: its standard errors against the large-sample
/// theory of order statistics, the pairing (a change the runs share exactly has standard error
/// 0), the resampling itself, and its independence of the thread count.
@Suite("Paired bootstrap")
struct PairedBootstrapTests {
    /// n standard normals by Box–Muller from a seeded xoshiro256** (the inputs; the reference
    /// values below come from theory, not from this stream).
    static func normals(_ n: Int, seed: UInt64) -> [Double] {
        var g = Xoshiro256StarStar(seed: seed)
        var out: [Double] = []
        while out.count < n {
            let u = PathStream.uniform(g.next()), v = PathStream.uniform(g.next())
            let r = (-2 * log(u)).squareRoot()
            out += [r * cos(2 * Double.pi * v), r * sin(2 * Double.pi * v)]
        }
        return Array(out.prefix(n))
    }

    /// Large-sample standard errors of the statistics of n standard normals, per √n (Serfling
    /// 1980, §2.3.3: a p-quantile has sd √(p(1 − p)) / (φ(q_p)·√n); VaR95 is the 5% quantile's
    /// order statistic; CVaR at tail probability p has asymptotic variance
    /// (Var(X | X ≤ q) + (1 − p)(E[X | X ≤ q] − q)²) / (p·n), Brazauskas et al. 2008).
    /// With q = Φ⁻¹(0.05) = −1.6448536269514729, φ(q) = 0.10313564037537128:
    ///   p05, p95, VaR95: √(0.05 · 0.95) / 0.10313564037537128 = 2.1131875109690865;
    ///   p50: 0.5 / φ(0) = √(π/2) = 1.2533141373155001;
    ///   CVaR95: E[X | X ≤ q] = −φ(q)/0.05 = −2.0627128075074253, Var(X | X ≤ q) = 1 + q·E[X | X ≤ q]
    ///   − E[X | X ≤ q]² = 0.13807651653267872, so √((0.1380765 + 0.95 · 0.4178592²)/0.05) = 2.4655729418081557.
    /// (scipy.stats.norm gives the same digits; Tests run no Python.)
    static let theoryPerRootN: [PairedBootstrap.Statistic: Double] = [
        .p05: 2.1131875109690865, .p50: 1.2533141373155001, .p95: 2.1131875109690865,
        .var95: 2.1131875109690865, .cvar95: 2.4655729418081557,
    ]

    /// Mean and the standard error of the mean of `x`, written out.
    static func meanAndError(_ x: [Double]) -> (Double, Double) {
        let m = x.reduce(0, +) / Double(x.count)
        let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
        return (m, (v / Double(x.count)).squareRoot())
    }

    /// B = 2·A: every statistic of B is twice A's, so the change is A's own statistic and its
    /// bootstrap standard error must match the theory of A's statistic. Over 25 samples of
    /// 2,000 normals (one estimate scatters by about ±16%: the 200 resamples and the
    /// bootstrap's n^(−1/4) error), the mean ratio to the theory lies within 4 standard errors
    /// of that mean of 1, and within 10%.
    @Test func quantileChangeMatchesTheory() {
        let n = 2_000, samples = 25
        var ratios: [PairedBootstrap.Statistic: [Double]] = [:]
        for k in 0..<samples {
            let a = Self.normals(n, seed: UInt64(100 + k)), b = a.map { 2 * $0 }
            let se = PairedBootstrap.standard.standardErrors([PairedBootstrap.Part(stratum: 0, a: a, b: b)], threads: 2).parts[0]
            for s in PairedBootstrap.Statistic.allCases {
                ratios[s, default: []].append(se[s.rawValue]! / (Self.theoryPerRootN[s]! / Double(n).squareRoot()))
            }
        }
        for s in PairedBootstrap.Statistic.allCases {
            let (mean, error) = Self.meanAndError(ratios[s]!)
            #expect(abs(mean - 1) <= 4 * error, "\(s): mean ratio \(mean) ± \(error)")
            #expect(abs(mean - 1) <= 0.1, "\(s): mean ratio \(mean)")
        }
    }

    /// A blend of two scenarios drawn from the same normal, equal weights: the mixture is n = 2 ×
    /// 1,000 normals, so the stratified bootstrap's standard errors match the theory at 2,000.
    @Test func blendedChangeMatchesTheory() {
        let n = 1_000, samples = 16
        var ratios: [PairedBootstrap.Statistic: [Double]] = [:]
        for k in 0..<samples {
            let parts = (0..<2).map { s in
                let a = Self.normals(n, seed: UInt64(500 + 2 * k + s))
                return PairedBootstrap.Part(stratum: s, a: a, b: a.map { 2 * $0 })
            }
            let blend = PairedBootstrap.standard.standardErrors(parts, blend: ([0.5, 0.5], [0.5, 0.5]), threads: 2).blend!
            for s in PairedBootstrap.Statistic.allCases {
                ratios[s, default: []].append(blend[s.rawValue]! / (Self.theoryPerRootN[s]! / Double(2 * n).squareRoot()))
            }
        }
        for s in PairedBootstrap.Statistic.allCases {
            let (mean, error) = Self.meanAndError(ratios[s]!)
            #expect(abs(mean - 1) <= 4 * error, "\(s): mean ratio \(mean) ± \(error)")
            #expect(abs(mean - 1) <= 0.12, "\(s): mean ratio \(mean)")
        }
    }

    /// The pairing: B = A + 5 on every path changes every statistic by 5 in every resample (A's
    /// and B's resamples draw the same paths), so the standard error is 0 but for rounding —
    /// where resampling A and B apart would give √2 × a statistic's own standard error.
    /// Identical runs give exactly 0.
    @Test func aSharedChangeHasNoError() {
        let a = Self.normals(500, seed: 9)
        let shifted = PairedBootstrap.standard.standardErrors([PairedBootstrap.Part(stratum: 0, a: a, b: a.map { $0 + 5 })])
        for se in shifted.parts[0] { #expect(se! < 1e-12) }
        let same = PairedBootstrap.standard.standardErrors([PairedBootstrap.Part(stratum: 0, a: a, b: a),
                                                            PairedBootstrap.Part(stratum: 1, a: a, b: a)], blend: ([0.3, 0.7], [0.3, 0.7]))
        #expect(same.parts.allSatisfy { $0 == [0, 0, 0, 0, 0] })
        #expect(same.blend == [0, 0, 0, 0, 0])
    }

    /// A resample draws n paths (the counts add up to n), from every part of the range, and
    /// the sorted sample expanded by the counts is the resample sorted.
    @Test func resamplesAreWhatTheySay() {
        let x = Self.normals(37, seed: 4)
        let sorted = PairedBootstrap.SortedSample(x)
        var drawn = Set<Int>()
        for r in 0..<20 {
            let counts = PairedBootstrap.counts(seed: 1, stratum: 2, resample: r, paths: x.count)
            #expect(counts.reduce(0, +) == 37)
            for (i, c) in counts.enumerated() where c > 0 { drawn.insert(i) }
            var resample: [Double] = []
            for (i, c) in counts.enumerated() { resample += Array(repeating: x[i], count: Int(c)) }
            #expect(sorted.expanded(counts) == resample.sorted())
        }
        #expect(drawn.count == 37)
        // Another stratum or resample draws other paths.
        #expect(PairedBootstrap.counts(seed: 1, stratum: 2, resample: 0, paths: 37) != PairedBootstrap.counts(seed: 1, stratum: 3, resample: 0, paths: 37))
    }

    /// The statistics of a sorted resample are `PathStatistics`' of the same values.
    @Test func sortedStatisticsAreThePathStatistics() {
        for n in [1, 2, 19, 20, 21, 200] {
            let x = Self.normals(n, seed: UInt64(n))
            let s = PathStatistics(x)
            let sorted = x.sorted()
            #expect(PairedBootstrap.Statistic.p05.value(sorted: sorted) == s.quantile(0.05))
            #expect(PairedBootstrap.Statistic.p50.value(sorted: sorted) == s.quantile(0.5))
            #expect(PairedBootstrap.Statistic.p95.value(sorted: sorted) == s.quantile(0.95))
            #expect(PairedBootstrap.Statistic.var95.value(sorted: sorted) == s.valueAtRisk(0.95))
            #expect(PairedBootstrap.Statistic.cvar95.value(sorted: sorted) == s.conditionalValueAtRisk(0.95))
        }
    }

    /// The same standard errors on 1, 2 or 3 threads; fewer than two paths have none.
    @Test func threadsDoNotMatter() {
        let parts = (0..<3).map { s in
            let a = Self.normals(300, seed: UInt64(20 + s))
            return PairedBootstrap.Part(stratum: s, a: a, b: a.enumerated().map { $1 * 1.5 + Double($0 % 7) })
        }
        let weights = ([0.2, 0.3, 0.5], [0.25, 0.25, 0.5])
        let one = PairedBootstrap.standard.standardErrors(parts, blend: weights, threads: 1)
        #expect(PairedBootstrap.standard.standardErrors(parts, blend: weights, threads: 2) == one)
        #expect(PairedBootstrap.standard.standardErrors(parts, blend: weights, threads: 3) == one)
        #expect(one.parts.allSatisfy { $0.allSatisfy { ($0 ?? 0) > 0 } })
        let single = PairedBootstrap.standard.standardErrors([PairedBootstrap.Part(stratum: 0, a: [1], b: [2])], blend: ([1], [1]))
        #expect(single.parts == [[nil, nil, nil, nil, nil]] && single.blend == nil)
    }
}
