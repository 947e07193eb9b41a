import Foundation
import Testing
@testable import TradeSim

/// The vector kernels against the scalar functions over their whole range.
@Suite("Vector math")
struct VectorMathTests {
    typealias V = VectorMath.V

    /// Checks `f` against `g` on `points`, eight at a time; returns the worst error measured
    /// by `error`.
    static func worst(_ points: [Double], _ f: (V) -> V, _ g: (Double) -> Double, error: (Double, Double) -> Double) -> Double {
        var worst = 0.0
        for start in stride(from: 0, to: points.count - 7, by: 8) {
            let v = f(V(points[start..<start + 8]))
            for k in 0..<8 { worst = max(worst, error(v[k], g(points[start + k]))) }
        }
        return worst
    }

    static func grid(_ lo: Double, _ hi: Double, _ n: Int) -> [Double] {
        (0..<n).map { lo + (hi - lo) * Double($0) / Double(n - 1) }
    }

    @Test func expWithinTwoUlps() {
        let points = Self.grid(-745, 709.7, 200_003) + Self.grid(-1, 1, 10_003) + [0, 1e-300, -1e-300]
        // Relative for normal results; subnormal ones carry fewer bits, so there: absolute,
        // in units of the smallest subnormal.
        let e = Self.worst(points, VectorMath.exp, Foundation.exp) { a, b in
            b >= Double.leastNormalMagnitude ? abs(a - b) / b : abs(a - b) / Double.leastNonzeroMagnitude * 1e-16
        }
        #expect(e < 4.5e-16, "worst relative error \(e)")
        let huge = VectorMath.exp(V(repeating: 710))
        #expect(huge[0] == .infinity)
        #expect(VectorMath.exp(V(repeating: -800))[0] == 0)
        print("vector exp: worst relative error \(e)")
    }

    @Test func logWithinTwoUlps() {
        var points = Self.grid(1e-3, 10, 100_003)
        for k in -1000...1000 { points.append(pow(10, Double(k) * 0.3)) }
        points += [1, 2, 0.5, Double.leastNormalMagnitude, 1e300, 1.0000000000000002]
        let e = Self.worst(points, VectorMath.log, Foundation.log) { a, b in abs(a - b) / max(abs(b), 1e-300) < 1 ? abs(a - b) / max(abs(b), Double.ulpOfOne) : .infinity }
        #expect(e < 4.5e-16, "worst error \(e)")
        print("vector log: worst relative error \(e)")
    }

    /// Φ against the scalar `NormalDistribution.cdf` (itself checked against 50-digit mpmath):
    /// 1e-14 relative for x from −37 to 9, 1e-15 absolute everywhere.
    @Test func normalCDF() {
        let points = Self.grid(-37, 9, 400_003) + Self.grid(-1, 1, 10_003)
        let rel = Self.worst(points, VectorMath.normalCDF, NormalDistribution.cdf) { a, b in abs(a - b) / b }
        let absolute = Self.worst(points, VectorMath.normalCDF, NormalDistribution.cdf) { a, b in abs(a - b) }
        #expect(rel < 1e-14, "worst relative error \(rel)")
        #expect(absolute < 1e-15)
        print("vector Φ: worst relative error \(rel), absolute \(absolute)")
    }

    /// Φ⁻¹ against the scalar AS 241 on the uniforms the generator produces (odd multiples of
    /// 2⁻⁵³) and a log-spaced sweep of the tails.
    @Test func normalQuantile() {
        var g = SplitMix64(seed: 7)
        var points = (0..<200_000).map { _ in PathStream.uniform(g.next()) }
        for k in 0..<2000 { let p = pow(10, -15 * Double(k) / 2000); points += [p, 1 - p] }
        points += [PathStream.uniform(0), PathStream.uniform(.max), 0.5, 0.075, 0.925]
        let e = Self.worst(points, VectorMath.normalQuantile, NormalDistribution.quantile) { a, b in abs(a - b) / max(abs(b), 1e-300) }
        #expect(e < 1e-15, "worst relative error \(e)")
        print("vector Φ⁻¹: worst relative error \(e)")
    }

    @Test func uniformIsBitForBitTheScalarOne() {
        var g = SplitMix64(seed: 3)
        for _ in 0..<1000 {
            let x = (0..<8).map { _ in g.next() }
            let v = VectorMath.uniform(SIMD8<UInt64>(x))
            for k in 0..<8 { #expect(v[k] == PathStream.uniform(x[k])) }
        }
    }
}

extension VectorMathTests {
    @Test func sqrtWithinOneUlp() {
        var points = Self.grid(0, 4, 100_003)
        for k in -300...300 { points.append(pow(10, Double(k))) }
        points += [Double.leastNormalMagnitude, 2, 0.5, 1e-300, 36.5, 1 - 0x1p-53]
        let e = Self.worst(points, VectorMath.sqrt, { $0.squareRoot() }) { a, b in b == 0 ? a : abs(a - b) / b }
        #expect(e <= 2.3e-16, "worst relative error \(e)")
        print("vector sqrt: worst relative error \(e)")
    }
}
