import Foundation
import Testing
@testable import TradeSim

@Suite("Normal distribution")
struct NormalDistributionTests {
    /// Φ against 50-digit mpmath values (Tests/References/mpmath_normal.py), x from −38 to 8
    /// and random points in [−37, 37]: relative error ≤ 1e-14 in both tails.
    @Test func cdfMatchesMpmath() {
        var worst = 0.0
        var count = 0
        for row in Fixtures.csvRows("normal_quantiles.csv") where !(row["x"] ?? "").isEmpty {
            let x = row.double("x"), expected = row.double("cdf_at_x")
            guard expected > 0 else { continue }  // below the smallest double
            let e = relativeError(NormalDistribution.cdf(x), expected)
            worst = max(worst, e)
            count += 1
            #expect(e <= 1e-14, "Φ(\(x)) = \(NormalDistribution.cdf(x)), mpmath \(expected)")
        }
        #expect(count >= 100)
        print("Φ: \(count) points, worst relative error \(worst)")
    }

    /// Φ⁻¹ (AS 241) against 50-digit mpmath quantiles for p from 1e-300 to 1 − 1e-16:
    /// relative error ≤ 1e-15 (≈ 5 ulp).
    @Test func quantileMatchesMpmath() {
        var worst = 0.0
        var count = 0
        for row in Fixtures.csvRows("normal_quantiles.csv") where !(row["p"] ?? "").isEmpty {
            let p = row.double("p"), expected = row.double("quantile")
            guard let q = NormalDistribution.inverseCDF(p) else { Issue.record("nil at \(p)"); continue }
            let e = relativeError(q, expected, floor: 1e-300)
            worst = max(worst, e)
            count += 1
            #expect(e <= 1e-15, "Φ⁻¹(\(p)) = \(q), mpmath \(expected)")
        }
        #expect(count >= 100)
        print("Φ⁻¹: \(count) points, worst relative error \(worst)")
    }

    @Test func tailsUseErfcNotOneMinus() {
        // 1 − Φ(9) is 1.1285884059538405e-19 (mpmath, 50 digits); computing it as 1 − Φ(9) in
        // double gives 0. Values below are mpmath 50-digit results rounded to double.
        #expect(relativeError(NormalDistribution.survival(9), 1.1285884059538405e-19) < 1e-14)
        #expect(NormalDistribution.cdf(-38) > 0)
        #expect(relativeError(NormalDistribution.cdf(-9), 1.1285884059538405e-19) < 1e-14)
    }

    @Test func quantileDomain() {
        #expect(NormalDistribution.inverseCDF(0) == -.infinity)
        #expect(NormalDistribution.inverseCDF(1) == .infinity)
        #expect(NormalDistribution.inverseCDF(-0.1) == nil)
        #expect(NormalDistribution.inverseCDF(1.1) == nil)
        #expect(NormalDistribution.inverseCDF(.nan) == nil)
        #expect(NormalDistribution.inverseCDF(0.5) == 0)
        // Symmetry, and the survival form for tiny upper tails.
        // (p and 1 − p both exact doubles, in the central and the tail region)
        #expect(NormalDistribution.inverseCDF(0.125)! == -NormalDistribution.inverseCDF(0.875)!)
        #expect(NormalDistribution.inverseCDF(1.0 / 64)! == -NormalDistribution.inverseCDF(63.0 / 64)!)
        #expect(relativeError(NormalDistribution.inverseSurvival(1e-20)!, 9.262340089798407) < 1e-15)
    }

    /// The density: φ(0) = 1/√(2π), φ(1) = e^{−½}/√(2π), symmetric.
    @Test func density() {
        #expect(NormalDistribution.pdf(0) == 0.3989422804014327)
        #expect(relativeError(NormalDistribution.pdf(1), 0.24197072451914334) < 1e-15)
        #expect(NormalDistribution.pdf(-2.5) == NormalDistribution.pdf(2.5))
    }
}
