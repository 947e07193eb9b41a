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
        let e = Self.worst(points, { VectorMath.exp($0) }, Foundation.exp) { a, b in
            b >= Double.leastNormalMagnitude ? abs(a - b) / b : abs(a - b) / Double.leastNonzeroMagnitude * 1e-16
        }
        #expect(e < 4.5e-16, "worst relative error \(e)")
        let huge = VectorMath.exp(V(repeating: 710))
        #expect(huge[0] == .infinity)
        #expect(VectorMath.exp(V(repeating: -800))[0] == 0)
        print("vector exp: worst relative error \(e)")
        // The put kernel's form for x ≤ 0 gives the same bits there.
        let negative = points.filter { $0 <= 0 } + [-800, -1e6]
        for c in 0..<(negative.count / 8) {
            let x = V(negative[(8 * c)..<(8 * c + 8)])
            #expect(VectorMath.exp(x, nonPositive: true) == VectorMath.exp(x))
        }
    }

    @Test func logWithinTwoUlps() {
        var points = Self.grid(1e-3, 10, 100_003)
        for k in -1000...1000 { points.append(pow(10, Double(k) * 0.3)) }
        points += [1, 2, 0.5, Double.leastNormalMagnitude, 1e300, 1.0000000000000002]
        let e = Self.worst(points, VectorMath.log, Foundation.log) { a, b in abs(a - b) / max(abs(b), 1e-300) < 1 ? abs(a - b) / max(abs(b), Double.ulpOfOne) : .infinity }
        #expect(e < 4.5e-16, "worst error \(e)")
        print("vector log: worst relative error \(e)")
    }

    /// Box–Muller against the transform of the same uniforms in 80-bit arithmetic (on x86-64;
    /// elsewhere in Double with a looser bound): z₁ = ρ·cos 2πu₂, z₂ = ρ·sin 2πu₂,
    /// ρ = √(−2 ln u₁). Uniforms from the generator, plus the extremes 2⁻⁵³ and 1 − 2⁻⁵³ and
    /// every quarter-turn boundary.
    @Test func boxMullerMatchesTheTransform() {
        var g = SplitMix64(seed: 11)
        var u1 = (0..<100_000).map { _ in PathStream.uniform(g.next()) }
        var u2 = (0..<100_000).map { _ in PathStream.uniform(g.next()) }
        let special = [PathStream.uniform(0), PathStream.uniform(.max), 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875]
        for a in special { for b in special { u1.append(a); u2.append(b) } }
        while u1.count % 8 != 0 { u1.append(0.5); u2.append(0.5) }
        var worst = 0.0, sumSquares = 0.0
        for start in stride(from: 0, to: u1.count, by: 8) {
            let (z1, z2) = VectorMath.boxMuller(V(u1[start..<start + 8]), V(u2[start..<start + 8]))
            for k in 0..<8 {
                let (r1, r2) = Self.exactBoxMuller(u1[start + k], u2[start + k])
                worst = max(worst, abs(z1[k] - r1) / max(1, abs(r1)), abs(z2[k] - r2) / max(1, abs(r2)))
                sumSquares += z1[k] * z1[k] + z2[k] * z2[k]
            }
        }
        #if arch(x86_64)
        #expect(worst < 2e-15, "worst error \(worst)")
        #else
        #expect(worst < 1e-14, "worst error \(worst)")
        #endif
        // A sanity check on the distribution: E z² = 1 (200k values, sd of the mean of z² is √(2/n) = 0.0032).
        let meanSquare = sumSquares / Double(2 * u1.count)
        #expect(abs(meanSquare - 1) < 4 * (2.0 / Double(2 * u1.count)).squareRoot(), "E z² = \(meanSquare)")
        print("vector Box–Muller: worst error \(worst) (relative above |z| = 1, absolute below)")
    }

    static func exactBoxMuller(_ u1: Double, _ u2: Double) -> (Double, Double) {
        #if arch(x86_64)
        let rho = (-2 * Foundation.log(Float80(u1))).squareRoot()
        let theta = 2 * Float80.pi * Float80(u2)
        return (Double(rho * Foundation.cos(theta)), Double(rho * Foundation.sin(theta)))
        #else
        let rho = (-2 * Foundation.log(u1)).squareRoot()
        return (rho * Foundation.cos(2 * .pi * u2), rho * Foundation.sin(2 * .pi * u2))
        #endif
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
    /// The vector root is IEEE 754's correctly rounded root, as the scalar one: equal bit for bit.
    @Test func sqrtIsCorrectlyRounded() {
        var points = Self.grid(0, 4, 100_003)
        for k in -300...300 { points.append(pow(10, Double(k))) }
        points += [Double.leastNormalMagnitude, Double.leastNonzeroMagnitude, 2, 0.5, 1e-300, 36.5, 1 - 0x1p-53, 0]
        let e = Self.worst(points, VectorMath.sqrt, { $0.squareRoot() }) { a, b in a.bitPattern == b.bitPattern ? 0 : 1 }
        #expect(e == 0)
    }
}
