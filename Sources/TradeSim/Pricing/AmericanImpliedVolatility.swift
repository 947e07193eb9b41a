import Foundation

/// The volatility σ ≥ 0 at which `AmericanOption.price` equals a given American option price.
///
/// The American price is continuous and non-decreasing in σ (the value is convex in the spot,
/// so more variance never lowers it), from its value at σ = 0 — exercise at the best date of a
/// deterministic path, at least the intrinsic value — towards a supremum as σ → ∞:
///
///     put:  K·max(1, e^{−rT})      call:  S·max(1, e^{−qT})
///
/// (with infinite variance the spot is at 0, or the call's payoff at S, at once; holding to
/// expiry is worth more only when the rate, or for a call the yield, is negative). A price
/// outside [lower, upper) has no volatility (`priceBounds`).
///
/// Method: bracketed root finding on f(σ) = price(σ) − target. The bracket starts at
/// [0, σ_E] with σ_E the European implied volatility of the same price (the American price is
/// at least the European one, so price(σ_E) ≥ target), or, when the price is beyond the
/// European bound, at [0, 1] doubled until price(σ) ≥ target (up to σ = 100). Then the
/// Illinois variant of regula falsi (Dowell & Jarratt, BIT 11, 1971), with a bisection step
/// whenever three steps have not halved the bracket: every iterate stays inside the
/// bracket, so the solve cannot diverge, and it converges superlinearly. Stops when the bracket
/// is below 1e-13·σ or f vanishes; every price uses the same fixed scheme, so the price is a
/// smooth function of σ and the root is found to about 1e-12 relative where vega is not tiny.
public enum AmericanImpliedVolatility {
    /// The largest volatility searched.
    public static let maximumVolatility = 100.0

    /// σ with `AmericanOption.price` = `price`, or nil: the price is not finite, below the
    /// σ = 0 value, at or above the σ → ∞ bound (or needs σ > 100), or the option has expired.
    /// A price equal to the σ = 0 value returns 0.
    public static func solve(price target: Double, _ o: BlackScholesInputs,
                             scheme: AmericanPricingScheme = .accurate) -> Double? {
        guard target.isFinite, o.years > 0 else { return nil }
        var inputs = o
        func value(_ sigma: Double) -> Double {
            inputs.volatility = sigma
            return AmericanOption.price(inputs, scheme: scheme)
        }
        let (lower, upper) = priceBounds(o)
        guard target >= lower, target < upper else { return nil }
        if target == lower { return 0 }

        var lo = 0.0, fLo = lower - target
        var hi: Double, fHi: Double
        if let european = ImpliedVolatility.solve(price: target, o), european > 0 {
            hi = european
            fHi = value(hi) - target
        } else {
            hi = 1
            fHi = value(hi) - target
        }
        while fHi < 0 {
            if hi >= maximumVolatility { return nil }
            lo = hi; fLo = fHi
            hi = Swift.min(2 * hi, maximumVolatility)
            fHi = value(hi) - target
        }
        if fHi == 0 { return hi }

        // Illinois regula falsi on [lo, hi] with f(lo) < 0 ≤ f(hi); every third step bisects
        // if the last three did not halve the bracket.
        var side = 0
        var widthBefore = hi - lo
        for step in 1...200 {
            var sigma = (lo * fHi - hi * fLo) / (fHi - fLo)
            if step % 3 == 0 {
                if hi - lo > 0.5 * widthBefore { sigma = 0.5 * (lo + hi) }
                widthBefore = hi - lo
            }
            if !(sigma > lo && sigma < hi) { sigma = 0.5 * (lo + hi) }
            let f = value(sigma) - target
            if f == 0 { return sigma }
            if f < 0 {
                lo = sigma; fLo = f
                if side == -1 { fHi *= 0.5 }
                side = -1
            } else {
                hi = sigma; fHi = f
                if side == 1 { fLo *= 0.5 }
                side = 1
            }
            if hi - lo <= 1e-13 * hi { break }
        }
        return 0.5 * (lo + hi)
    }

    /// The prices some volatility gives: from the σ = 0 value (included) up to the σ → ∞
    /// bound (excluded), K·max(1, e^{−rT}) for a put and S·max(1, e^{−qT}) for a call.
    public static func priceBounds(_ o: BlackScholesInputs) -> (lower: Double, upper: Double) {
        var deterministic = o
        deterministic.volatility = 0
        let lower = AmericanOption.price(deterministic)
        let upper = o.type == .put ? o.strike * Swift.max(1, exp(-o.rate * o.years))
                                   : o.spot * Swift.max(1, exp(-o.dividendYield * o.years))
        return (lower, upper)
    }
}
