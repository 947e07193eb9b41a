/// Black–Scholes–Merton put values for many lanes at once: the engine's daily option mark.
///
///     P = K·e^{−rτ}·Φ(−d₂) − S·e^{−qτ}·Φ(−d₁),   d₂ = d₁ − σ√τ
///
/// Both Φ come from erfc(y), y = |d|/√2: for y ≤ 4 as e^{−y²}·R(y) with one rational R(y) of
/// degree 8/8 approximating the scaled function e^{y²}·erfc(y) on [0, 4], fitted for tradesim
/// (`Tests/References/fit_erfcx.py`: Lawson-reweighted least squares on 400 Chebyshev nodes in
/// 50-digit arithmetic with mpmath; relative error 1.2e-17 on 20,001 points of [0, 4], every
/// coefficient positive so Horner's rule has no cancellation for y ≥ 0); beyond 4, W. J. Cody's
/// asymptotic form ("Rational Chebyshev approximations for the error function", Math. Comp. 23,
/// 1969; netlib specfun CALERF). One rational for all of [0, 4] replaces Cody's two (below and
/// above 0.46875): a vector of paths whose |d| straddle 0.66 needs one evaluation, not two.
/// Three more savings keep the accuracy:
///
/// - **One exponential per put.** Cody's erfc is e^{−d²/2}·R for |d| > 0.663. By the
///   Black–Scholes identity K·e^{−rτ}·φ(d₂) = S·e^{−qτ}·φ(d₁), the d₂ factor
///   K·e^{−rτ}·e^{−d₂²/2} equals S·e^{−qτ}·e^{−d₁²/2}, so e^{−d₁²/2} serves both (taken
///   at d₁² split exactly into hi + lo by a fused multiply-add, so its relative error stays at
///   rounding level in the tails). When e^{−d₁²/2} underflows and d₂ is moderate (σ√τ > 11),
///   the d₂ factor is taken directly.
/// - **One division per put.** Each term is kept as a fraction a/b and the put is
///   (a₂·b₁ − a₁·b₂)/(b₁·b₂).
/// - **No division in the far tail.** Cody's |d| > 5.66 form in z = 1/y² is rewritten as
///   polynomials in s = y² with reversed coefficients.
///
/// Accuracy (tests, against the scalar `BlackScholes.price`): within 2.2e-12 relative over a
/// grid of 5,760 cases of moneyness, tenors, vols, rates and dividends; the tail m·Φ(−d) within
/// 3e-15 of the scalar Φ for d in [−8, 8].
enum BlackScholesLanes {
    typealias V = SIMD8<Double>

    /// One vector of put values (see the type's documentation).
    @_transparent
    static func put(d1: V, sd: V, discountedStrike kdr: V, discountedSpot sdq: V) -> V {
        let d2 = d1 - sd
        // e^{−d₁²/2} with d₁² = hi + lo exactly.
        let hi = d1 * d1
        let lo = (-hi).addingProduct(d1, d1)
        let g1 = VectorMath.exp(V(repeating: -0.5) * hi, nonPositive: true) * V(repeating: 1).addingProduct(V(repeating: -0.5), lo)
        let e1 = sdq * g1
        var e2 = e1
        // Underflowed e^{−d₁²/2} (d₁² > 1400) with a d₂ whose factor is still representable.
        let far = hi .> V(repeating: 1400)
        if VectorMath.anyLane(far) {
            let hi2 = d2 * d2
            let lost = far .& (hi2 .< V(repeating: 1400))
            let lo2 = (-hi2).addingProduct(d2, d2)
            let g2 = VectorMath.exp(V(repeating: -0.5) * hi2, nonPositive: true) * V(repeating: 1).addingProduct(V(repeating: -0.5), lo2)
            e2 = e2.replacing(with: kdr * g2, where: lost)
        }
        let (a1, b1) = scaledUpperTail(d1, scale: sdq, scaledGaussian: e1)
        let (a2, b2) = scaledUpperTail(d2, scale: kdr, scaledGaussian: e2)
        return (a2 * b1).addingProduct(-a1, b2) / (b1 * b2)
    }

    /// m·Φ(−d) = a/b for a lane multiplier m, given e = m·e^{−d²/2}: erfc(y), y = |d|/√2, as
    /// e^{−y²}·P(y)/Q(y) for y ≤ 4 (the fitted rational, see the type) and Cody's
    /// e^{−y²}·(s·Q*(s)/√π − P*(s))/(y·s·Q*(s)) with s = y² beyond, and Φ(−d) = 1 − ½·erfc(y)
    /// for d < 0. The ½ of Φ = ½·erfc is folded into the denominators, whose coefficients are
    /// doubled (exactly: a power of two), so b = 2·Q. y is capped at 27, where e^{−y²} has long
    /// underflowed.
    @_transparent
    static func scaledUpperTail(_ d: V, scale m: V, scaledGaussian e: V) -> (V, V) {
        var y = d * V(repeating: 0.707_106_781_186_547_524_40)
        y = y.replacing(with: -y, where: y .< V(repeating: 0))
        y = y.replacing(with: V(repeating: 27), where: y .> V(repeating: 27))
        let s = y * y
        // y ≤ 4: erfc(y) = e^{−y²}·R(y) with one rational R ≈ e^{y²}·erfc(y) for the whole
        // range (no separate small-argument form, so no vector needs two).
        var a = V(repeating: 0), b = V(repeating: 1)
        let large = y .> V(repeating: 4)
        if !VectorMath.allLanes(large) {
            a = e * Self.horner9(y, (4.5559434215962445e-11, 0.000344477102465392, 0.005764054441130981, 0.04503364895608093, 0.2118803357749199, 0.6484474318939479, 1.3004646746141204, 1.6065518398263396, 1.0))
            b = Self.horner9(y, (2 * 0.0006105734809821173, 2 * 0.010216437801032964, 2 * 0.08012653973065686, 2 * 0.38064394032650417,
                                 2 * 1.1890483173829665, 2 * 2.4870295924504418, 2 * 3.3865038462684667, 2 * 2.7349310069218484, 2 * 1.0))
        }
        if VectorMath.anyLane(large) {
            // Cody's P(z), Q(z) (z = 1/s) times s⁵: the coefficients in reverse order (Q's doubled).
            let pL = Self.horner6(s, (6.587_491_615_298_378_03e-4, 0.016_083_785_148_742_276_6, 0.125_781_726_111_229_246, 0.360_344_899_949_804_439, 0.305_326_634_961_232_344, 0.016_315_387_137_302_097_8))
            let qL = Self.horner6(s, (2 * 2.335_204_976_268_691_85e-3, 2 * 0.060_518_341_312_441_319_1, 2 * 0.527_905_102_951_428_412,
                                      2 * 1.872_952_849_923_460_47, 2 * 2.568_520_192_289_822_42, 2 * 1))
            let sq = s * qL
            a = a.replacing(with: e * (-pL).addingProduct(sq, V(repeating: 0.5 * 0.564_189_583_547_756_286_95)), where: large)
            b = b.replacing(with: y * sq, where: large)
        }
        // d < 0: m·Φ(−d) = m − ½·m·erfc(y) = (m·b − a)/b.
        a = a.replacing(with: (-a).addingProduct(m, b), where: d .< V(repeating: 0))
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
