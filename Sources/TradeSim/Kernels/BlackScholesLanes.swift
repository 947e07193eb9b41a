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
///   at −d₁²/2 split exactly into hi + lo by a fused multiply-add, lo added to the exponential's
///   reduced argument, so its relative error stays at rounding level in the tails). When
///   e^{−d₁²/2} underflows and d₂ is moderate (σ√τ > 11), the d₂ factor is taken directly.
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
        // e^{−d₁²/2} with −d₁²/2 = hi + lo exactly: h = −d₁/2 (exact), hi = h·d₁ rounded, lo
        // its rounding error by a fused multiply-add.
        let h = V(repeating: -0.5) * d1
        let hi = h * d1
        let lo = (-hi).addingProduct(h, d1)
        let e1 = sdq * VectorMath.exp(hi, low: lo, nonPositive: true)
        var e2 = e1
        // Underflowed e^{−d₁²/2} (d₁²/2 > 700) with a d₂ whose factor is still representable.
        let far = hi .< V(repeating: -700)
        if VectorMath.anyLane(far) {
            let h2 = V(repeating: -0.5) * d2
            let hi2 = h2 * d2
            let lost = far .& (hi2 .> V(repeating: -700))
            let lo2 = (-hi2).addingProduct(h2, d2)
            e2 = e2.replacing(with: kdr * VectorMath.exp(hi2, low: lo2, nonPositive: true), where: lost)
        }
        let (a1, b1) = scaledUpperTail(d1, scale: sdq, scaledGaussian: e1)
        let (a2, b2) = scaledUpperTail(d2, scale: kdr, scaledGaussian: e2)
        return (a2 * b1).addingProduct(-a1, b2) / (b1 * b2)
    }

    /// The put and the call, each floored at 0 — the values the daily marks and the entries
    /// price: the put by `put`, the call by put–call parity C = P + S·e^{−qτ} − K·e^{−rτ}.
    @_transparent
    static func putAndCall(d1: V, sd: V, discountedStrike kdr: V, discountedSpot sdq: V) -> (put: V, call: V) {
        let put = Self.put(d1: d1, sd: sd, discountedStrike: kdr, discountedSpot: sdq)
        let call = put + sdq - kdr
        return (put.replacing(with: 0, where: put .< 0), call.replacing(with: 0, where: call .< 0))
    }

    /// m·Φ(−d) = a/b for a lane multiplier m, given e = m·e^{−d²/2}: erfc(y), y = |d|/√2, as
    /// e^{−y²}·P(y)/Q(y) for y ≤ 4 (the fitted rational, see the type) and Cody's
    /// e^{−y²}·(s·Q*(s)/√π − P*(s))/(y·s·Q*(s)) with s = y² beyond, and Φ(−d) = 1 − ½·erfc(y)
    /// for d < 0. The rational is evaluated in x = |d| itself: its coefficients of degree k are
    /// the fitted ones times 2^{−k/2}, each rounded once from 50-digit arithmetic
    /// (`Tests/References/fit_erfcx.py`; relative error 7.0e-17 on [0, 4√2] in exact
    /// arithmetic, against 6.1e-17 for the rounded coefficients in y), which saves the product
    /// |d|·(1/√2). The ½ of Φ = ½·erfc is folded into the denominators, whose coefficients are
    /// doubled (exactly: a power of two), so b = 2·Q. x is capped at 38 (y ≈ 27), where
    /// e^{−y²} has long underflowed.
    @_transparent
    static func scaledUpperTail(_ d: V, scale m: V, scaledGaussian e: V) -> (V, V) {
        var x = d.replacing(with: -d, where: d .< V(repeating: 0))
        x = x.replacing(with: V(repeating: 38), where: x .> V(repeating: 38))
        // y ≤ 4 (x ≤ 4√2): erfc(y) = e^{−y²}·R(y) with one rational R ≈ e^{y²}·erfc(y) for the
        // whole range (no separate small-argument form, so no vector needs two).
        var a = V(repeating: 0), b = V(repeating: 1)
        let large = x .> V(repeating: 5.656_854_249_492_380_195_2)
        if !VectorMath.allLanes(large) {
            a = e * Self.horner9(x, (2.847464638497653e-12, 3.044776188959648e-05, 0.0007205068051413726, 0.007960899639604828,
                                     0.05297008394372998, 0.22926078816760626, 0.6502323373070602, 1.136003700268929, 1.0))
            b = Self.horner9(x, (2 * 3.816084256138233e-05, 2 * 0.0009030140560851236, 2 * 0.010015817466332108, 2 * 0.06728897785560967,
                                 2 * 0.2972620793457416, 2 * 0.8792977449166615, 2 * 1.6932519231342333, 2 * 1.9338882610717916, 2 * 1.0))
        }
        if VectorMath.anyLane(large) {
            let y = x * V(repeating: 0.707_106_781_186_547_524_40), s = y * y
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
