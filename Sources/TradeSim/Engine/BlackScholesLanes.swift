/// Black–Scholes–Merton put values for many lanes at once: the engine's daily option mark.
///
///     P = K·e^{−rτ}·Φ(−d₂) − S·e^{−qτ}·Φ(−d₁),   d₂ = d₁ − σ√τ
///
/// Both Φ come from W. J. Cody's rational approximations of erfc ("Rational Chebyshev
/// approximations for the error function", Math. Comp. 23, 1969; netlib specfun CALERF), as in
/// `VectorMath.normalCDF`, with three savings that keep the accuracy:
///
/// - **One exponential per put.** Cody's erfc is e^{−d²/2}·R for |d| > 0.663. By the
///   Black–Scholes identity K·e^{−rτ}·φ(d₂) = S·e^{−qτ}·φ(d₁), the d₂ factor
///   K·e^{−rτ}·e^{−d₂²/2} equals S·e^{−qτ}·e^{−d₁²/2}, so e^{−d₁²/2} serves both (taken
///   at d₁² split exactly into hi + lo by a fused multiply-add, so its relative error stays at
///   rounding level in the tails). When e^{−d₁²/2} underflows and d₂ is moderate (σ√τ > 11),
///   the d₂ factor is taken directly.
/// - **One division per put.** Each term is kept as a fraction a/b and the put is
///   ½·(a₂·b₁ − a₁·b₂)/(b₁·b₂).
/// - **No division in the far tail.** Cody's |d| > 5.66 form in z = 1/y² is rewritten as
///   polynomials in s = y² with reversed coefficients.
///
/// Accuracy (tests, against the scalar `BlackScholes.price`): within 1e-12 relative (plus
/// 1e-300 absolute) over a grid of moneyness, tenors, vols, rates and dividends.
enum BlackScholesLanes {
    typealias V = SIMD8<Double>

    /// Put values for `count` lanes (a multiple of 8): `d1` = d₁, `sd` = σ√τ,
    /// `discountedStrike` = K·e^{−rτ}, `discountedSpot` = S·e^{−qτ}, all per lane.
    static func puts(d1: UnsafePointer<Double>, sd: UnsafePointer<Double>, discountedStrike: UnsafePointer<Double>,
                     discountedSpot: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, count: Int) {
        for c in 0..<(count / 8) {
            let j = 8 * c
            let value = put(d1: load(d1, j), sd: load(sd, j), discountedStrike: load(discountedStrike, j),
                            discountedSpot: load(discountedSpot, j))
            UnsafeMutableRawPointer(out + j).storeBytes(of: value, as: V.self)
        }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>, _ j: Int) -> V {
        UnsafeRawPointer(p + j).loadUnaligned(as: V.self)
    }

    /// One vector of put values (see the type's documentation).
    @inline(__always)
    static func put(d1: V, sd: V, discountedStrike kdr: V, discountedSpot sdq: V) -> V {
        let d2 = d1 - sd
        // e^{−d₁²/2} with d₁² = hi + lo exactly.
        let hi = d1 * d1
        let lo = (-hi).addingProduct(d1, d1)
        let g1 = VectorMath.exp(V(repeating: -0.5) * hi) * V(repeating: 1).addingProduct(V(repeating: -0.5), lo)
        let e1 = sdq * g1
        var e2 = e1
        // Underflowed e^{−d₁²/2} (d₁² > 1400) with a d₂ whose factor is still representable.
        let lost = (hi .> V(repeating: 1400)) .& (d2 * d2 .< V(repeating: 1400))
        if VectorMath.anyLane(lost) {
            let hi2 = d2 * d2
            let lo2 = (-hi2).addingProduct(d2, d2)
            let g2 = VectorMath.exp(V(repeating: -0.5) * hi2) * V(repeating: 1).addingProduct(V(repeating: -0.5), lo2)
            e2 = e2.replacing(with: kdr * g2, where: lost)
        }
        let (a1, b1) = scaledUpperTail(d1, scale: sdq, scaledGaussian: e1)
        let (a2, b2) = scaledUpperTail(d2, scale: kdr, scaledGaussian: e2)
        return V(repeating: 0.5) * (a2 * b1).addingProduct(-a1, b2) / (b1 * b2)
    }

    /// m·Φ(−d) = ½·a/b for a lane multiplier m, given e = m·e^{−d²/2}: Cody's erfc(y),
    /// y = |d|/√2, in its three regions (y ≤ 0.46875: 1 − y·P(y²)/Q(y²); y ≤ 4: e^{−y²}·P(y)/Q(y);
    /// beyond: e^{−y²}·(s·Q*(s)/√π − P*(s))/(y·s·Q*(s)) with s = y²), and Φ(−d) = 1 − ½·erfc(y)
    /// for d < 0. y is capped at 27, where e^{−y²} has long underflowed.
    @_transparent
    static func scaledUpperTail(_ d: V, scale m: V, scaledGaussian e: V) -> (V, V) {
        var y = d * V(repeating: 0.707_106_781_186_547_524_40)
        y = y.replacing(with: -y, where: y .< V(repeating: 0))
        y = y.replacing(with: V(repeating: 27), where: y .> V(repeating: 27))
        let s = y * y
        let small = y .<= V(repeating: 0.468_75)
        // Regions no lane needs are skipped (the lanes are paths: often all in one or two).
        var a = V(repeating: 0), b = V(repeating: 1)
        if !VectorMath.allLanes(small) {
            let pM = Self.horner9(y, (2.153_115_354_744_038_46e-8, 0.564_188_496_988_670_089, 8.883_149_794_388_375_94, 66.119_190_637_141_629_5, 298.635_138_197_400_131, 881.952_221_241_769_09, 1_712.047_612_634_070_58, 2_051.078_377_826_071_47, 1_230.339_354_797_997_25))
            let qM = Self.horner9(y, (1, 15.744_926_110_709_834_7, 117.693_950_891_312_499, 537.181_101_862_009_858, 1_621.389_574_566_690_19, 3_290.799_235_733_459_63, 4_362.619_090_143_247_16, 3_439.367_674_143_721_64, 1_230.339_354_803_749_42))
            a = e * pM
            b = qM
        }
        if VectorMath.anyLane(small) {
            let pS = Self.horner5(s, (0.185_777_706_184_603_153, 3.161_123_743_870_565_6, 113.864_154_151_050_156, 377.485_237_685_302_021, 3_209.377_589_138_469_47))
            let qS = Self.horner5(s, (1, 23.601_290_952_344_120_9, 244.024_637_934_444_173, 1_282.616_526_077_372_28, 2_844.236_833_439_170_62))
            a = a.replacing(with: m * qS.addingProduct(-y, pS), where: small)
            b = b.replacing(with: qS, where: small)
        }
        let large = y .> V(repeating: 4)
        if VectorMath.anyLane(large) {
            // Cody's P(z), Q(z) (z = 1/s) times s⁵: the coefficients in reverse order.
            let pL = Self.horner6(s, (6.587_491_615_298_378_03e-4, 0.016_083_785_148_742_276_6, 0.125_781_726_111_229_246, 0.360_344_899_949_804_439, 0.305_326_634_961_232_344, 0.016_315_387_137_302_097_8))
            let qL = Self.horner6(s, (2.335_204_976_268_691_85e-3, 0.060_518_341_312_441_319_1, 0.527_905_102_951_428_412, 1.872_952_849_923_460_47, 2.568_520_192_289_822_42, 1))
            let sq = s * qL
            a = a.replacing(with: e * (-pL).addingProduct(sq, V(repeating: 0.564_189_583_547_756_286_95)), where: large)
            b = b.replacing(with: y * sq, where: large)
        }
        // d < 0: m·Φ(−d) = m − ½·m·erfc(y) = ½·(2m·b − a)/b.
        a = a.replacing(with: (-a).addingProduct(V(repeating: 2) * m, b), where: d .< V(repeating: 0))
        return (a, b)
    }
    // Horner's rule with the coefficients as literals (highest degree first), so they stay
    // constants in the instruction stream: an array literal inside a branch is allocated at
    // run time.
    @inline(__always)
    static func horner5(_ x: V, _ c: (Double, Double, Double, Double, Double)) -> V {
        var p = V(repeating: c.0)
        p = V(repeating: c.1).addingProduct(p, x)
        p = V(repeating: c.2).addingProduct(p, x)
        p = V(repeating: c.3).addingProduct(p, x)
        return V(repeating: c.4).addingProduct(p, x)
    }

    @inline(__always)
    static func horner6(_ x: V, _ c: (Double, Double, Double, Double, Double, Double)) -> V {
        V(repeating: c.5).addingProduct(horner5(x, (c.0, c.1, c.2, c.3, c.4)), x)
    }

    @inline(__always)
    static func horner9(_ x: V, _ c: (Double, Double, Double, Double, Double, Double, Double, Double, Double)) -> V {
        var p = horner5(x, (c.0, c.1, c.2, c.3, c.4))
        p = V(repeating: c.5).addingProduct(p, x)
        p = V(repeating: c.6).addingProduct(p, x)
        p = V(repeating: c.7).addingProduct(p, x)
        return V(repeating: c.8).addingProduct(p, x)
    }
}
