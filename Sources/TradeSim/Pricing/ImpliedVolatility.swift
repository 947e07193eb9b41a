import Foundation

/// Black–Scholes–Merton implied volatility: the σ ≥ 0 at which `BlackScholes.price` equals a
/// given option price.
///
/// Method. The price is moved to the undiscounted out-of-the-money option by put–call parity
/// and normalised by √(F·K), so that with x = −|ln(F/K)| and s = σ√T
///
///     b(s) = e^{x/2}·N(x/s + s/2) − e^{−x/2}·N(x/s − s/2),   0 < b < e^{x/2},   b′(s) = e^{x/2}·φ(x/s + s/2)
///
/// (Jäckel, "Let's Be Rational", Wilmott 2015, §2). The root is found by Newton's method
/// inside a bracket that every evaluation narrows, with bisection whenever a step leaves it.
/// Newton runs on ln b(s) while b(s) is below the inflection value b(√(2|x|)) (where b is
/// exponentially small and a plain Newton step crawls), and on ln(e^{x/2} − b(s)) near the
/// upper bound, where the complement e^{x/2}·N(−x/s − s/2) + e^{−x/2}·N(x/s − s/2) is computed
/// without cancellation. At the money the start is exact: s = −2·Φ⁻¹((1 − b)/2).
///
/// Returns `nil` when no volatility reproduces the price: the price is below the discounted
/// forward intrinsic value, at or above the upper bound (S·e^{−qT} for a call, K·e^{−rT} for a
/// put), not finite, or the option has expired (T = 0). A price exactly at the lower bound
/// returns 0. Accuracy: about 1e-14 relative in σ wherever the price determines σ that well
/// (the error is at most a few ulps of the price divided by vega).
public enum ImpliedVolatility {
    /// The annual volatility σ at which Black–Scholes–Merton gives `price`, or nil (see above).
    public static func solve(type: OptionType, price: Double, spot: Double, strike: Double,
                             rate: Double, dividendYield: Double = 0, years: Double) -> Double? {
        guard price.isFinite, price >= 0, spot.isFinite, spot > 0, strike.isFinite, strike > 0,
              rate.isFinite, dividendYield.isFinite, years.isFinite, years > 0 else { return nil }
        let discount = exp(-rate * years)
        let forward = spot * exp((rate - dividendYield) * years)
        let undiscounted = price / discount
        guard undiscounted.isFinite, forward.isFinite, forward > 0 else { return nil }
        let w = type.sign
        let intrinsic = Swift.max(w * (forward - strike), 0)
        let upper = type == .call ? forward : strike
        if undiscounted >= upper { return nil }
        if undiscounted < intrinsic { return nil }
        let otm = undiscounted - intrinsic
        // Within rounding of the bound, σ = 0 is the answer (no information is left about σ).
        if otm <= 4 * undiscounted.ulp { return 0 }
        let x = -abs(log(forward / strike))
        let beta = otm / (forward * strike).squareRoot()
        guard let s = solveNormalised(beta: beta, x: x) else { return nil }
        return s / years.squareRoot()
    }

    /// The no-arbitrage range of a European option's price, the prices some volatility gives:
    /// from the discounted intrinsic value e^{−rT}·max(w·(F − K), 0) (σ = 0) up to, but not
    /// including, e^{−rT}·F = S·e^{−qT} for a call or e^{−rT}·K for a put (σ → ∞), with
    /// F = S·e^{(r−q)T} and w = +1 for a call, −1 for a put (Hull, *Options, Futures and Other
    /// Derivatives*, ch. 11). `solve` returns nil exactly for prices outside it (and for T = 0).
    /// Computed as S·e^{−qT} and K·e^{−rT} (the same values as e^{−rT}·F and e^{−rT}·K, up to
    /// rounding).
    public static func priceBounds(_ o: BlackScholesInputs) -> (lower: Double, upper: Double) {
        let share = o.spot * exp(-o.dividendYield * o.years), cash = o.strike * exp(-o.rate * o.years)
        let intrinsic = Swift.max(o.type.sign * (share - cash), 0)
        return (intrinsic, o.type == .call ? share : cash)
    }

    /// Convenience overload taking the market inputs of a valuation (its `volatility` ignored).
    public static func solve(price: Double, _ o: BlackScholesInputs) -> Double? {
        solve(type: o.type, price: price, spot: o.spot, strike: o.strike, rate: o.rate,
              dividendYield: o.dividendYield, years: o.years)
    }

    // MARK: - Normalised Black

    /// b(x, s) for x ≤ 0 (out of the money or at the money).
    static func normalisedPrice(x: Double, s: Double) -> Double {
        let h = x / s
        let v = exp(0.5 * x) * NormalDistribution.cdf(h + 0.5 * s)
            - exp(-0.5 * x) * NormalDistribution.cdf(h - 0.5 * s)
        return Swift.max(v, 0)
    }

    /// e^{x/2} − b(x, s), computed without cancellation.
    static func normalisedComplement(x: Double, s: Double) -> Double {
        let h = x / s
        return exp(0.5 * x) * NormalDistribution.cdf(-h - 0.5 * s)
            + exp(-0.5 * x) * NormalDistribution.cdf(h - 0.5 * s)
    }

    /// b′(s) = e^{x/2}·φ(x/s + s/2) = exp(−½(x²/s² + s²/4))/√(2π): the e^{±x/2} factors
    /// cancel, and this form cannot overflow.
    static func normalisedVega(x: Double, s: Double) -> Double {
        let h = x / s
        return NormalDistribution.inverseSqrtTwoPi * exp(-0.5 * (h * h + 0.25 * s * s))
    }

    /// Solves b(x, s) = beta for s > 0; nil when beta ≥ e^{x/2} (no finite s).
    static func solveNormalised(beta: Double, x: Double) -> Double? {
        let bMax = exp(0.5 * x)
        if !(beta < bMax) { return nil }
        let gap = bMax - beta

        // Bracket: b(lo) < beta < b(hi). b is increasing in s.
        var lo = 0.0
        var hi = Double.infinity
        var s: Double
        if x == 0 {
            s = -2 * NormalDistribution.quantile(0.5 * (1 - beta))
        } else {
            s = (2 * abs(x)).squareRoot()
        }
        if !(s > 0) || !s.isFinite { s = 1 }
        let bInflection = normalisedPrice(x: x, s: (2 * abs(x)).squareRoot())

        for _ in 0..<200 {
            let b = normalisedPrice(x: x, s: s)
            let complement = normalisedComplement(x: x, s: s)
            let vega = normalisedVega(x: x, s: s)
            // Narrow the bracket with this evaluation. Near the upper bound compare complements.
            let upperRegime = beta > 0.5 * bMax
            if upperRegime ? complement == gap : b == beta { return s }
            let below = upperRegime ? complement > gap : b < beta
            if below { lo = Swift.max(lo, s) } else { hi = Swift.min(hi, s) }

            var step: Double
            if vega > 0 && vega.isFinite {
                if beta < bInflection, b > 0 {
                    step = -(log(b) - log(beta)) * b / vega
                } else if upperRegime, complement > 0 {
                    step = (log(complement) - log(gap)) * complement / vega
                } else {
                    step = -(b - beta) / vega
                }
            } else {
                step = .nan
            }
            var next = s + step
            if !(next > lo && next < hi) || !next.isFinite {
                // Bisect the bracket (geometrically when it is wide and positive).
                if hi.isInfinite {
                    next = Swift.max(2 * s, 1)
                } else if lo > 0 && hi / lo > 4 {
                    next = (lo * hi).squareRoot()
                } else {
                    next = 0.5 * (lo + hi)
                }
            }
            if abs(next - s) <= 2e-16 * s { return next }
            if hi.isFinite && hi - lo <= 4e-16 * hi { return 0.5 * (lo + hi) }
            s = next
        }
        return s
    }
}
