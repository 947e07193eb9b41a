import Foundation

/// Li's QD+ approximation of the American put's early-exercise boundary, the starting point of
/// the fixed-point iteration (Li, "Analytical approximations for the critical stock prices of
/// American options: a performance comparison", Review of Derivatives Research 13, 2010, eq. 23;
/// Andersen, Lake & Offengenden 2016 §5.1 use it the same way).
///
/// For a put of strike K = 1 with time to maturity τ, h = 1 − e^{−rτ}, α = 2r/σ², β = 2(r − q)/σ²,
/// A = α/h (→ 2/(σ²τ) as r → 0), D = (β − 1)² + 4A and λ = (−(β − 1) − √D)/2, the critical
/// price S* solves
///
///     S·(1 − e^{−qτ}·Φ(−d₁(S))) + (λ + c₀(S))·(K − S − p(S)) = 0,
///     c₀(S) = e^{−rτ}·(A − A²/D)/√D − (2/σ²)·Θ(S)/(√D·(K − S − p(S))),
///
/// where p is the European put and Θ = r·K·e^{−rτ}Φ(−d₂) − q·S·e^{−qτ}Φ(−d₁) − σ·S·e^{−qτ}φ(d₁)/(2√τ)
/// its time decay. (The form with A keeps r = 0 finite: α·λ′(h) = A²/√D; and c₀·(K − S − p) is
/// expanded, so S where p = K − S needs no division.) Solved by Newton's method with the exact
/// derivative (∂Θ/∂S = e^{−qτ}·[(q − r)·φ(d₁)/(σ√τ) − q·Φ(−d₁) − σφ(d₁)/(2√τ) + d₁φ(d₁)/(2τ)]),
/// inside a bracket (0, X] that every evaluation narrows, bisecting when a step leaves it.
/// Accuracy: about 1% of the boundary, which the fixed-point iterations then remove.
enum QDPlusBoundary {
    /// S* for a unit strike, searched below `limit` (the boundary's value X at τ = 0), from `start`.
    static func put(rate r: Double, dividendYield q: Double, volatility sigma: Double, years tau: Double,
                    limit: Double, start: Double) -> Double {
        let sigma2 = sigma * sigma
        let rootTau = tau.squareRoot()
        let sd = sigma * rootTau
        let dr = exp(-r * tau), dq = exp(-q * tau)
        let a = r == 0 ? 2 / (sigma2 * tau) : 2 * r / (sigma2 * -expm1(-r * tau))
        let beta = 2 * (r - q) / sigma2
        let disc = (beta - 1) * (beta - 1) + 4 * a
        let rootDisc = disc.squareRoot()
        let lambda = 0.5 * (-(beta - 1) - rootDisc)
        let cFixed = dr * (a - a * a / disc) / rootDisc
        // f is increasing in S: it is negative below the root and positive above, up to X.
        var lo = 0.0, hi = limit
        var s = Swift.min(Swift.max(start, 1e-3 * limit), limit)
        for _ in 0..<60 {
            let d1 = (log(s) + (r - q) * tau) / sd + 0.5 * sd
            let d2 = d1 - sd
            let nd1 = NormalDistribution.cdf(-d1), nd2 = NormalDistribution.cdf(-d2)
            let pdf1 = NormalDistribution.pdf(d1)
            let gap = 1 - s - (dr * nd2 - s * dq * nd1)
            let theta = r * dr * nd2 - q * s * dq * nd1 - 0.5 * sigma * s * dq * pdf1 / rootTau
            let thetaSlope = dq * (-r * pdf1 / sd - q * nd1 + q * pdf1 / sd - 0.5 * sigma * pdf1 / rootTau
                                   + 0.5 * d1 * pdf1 / tau)
            // c₀·gap written out, so that gap = 0 needs no division.
            let f = s * (1 - dq * nd1) + (lambda + cFixed) * gap - (2 / sigma2) * theta / rootDisc
            let slope = 1 - dq * nd1 + dq * pdf1 / sd + (lambda + cFixed) * (-1 + dq * nd1)
                - (2 / sigma2) * thetaSlope / rootDisc
            if f > 0 { hi = s } else { lo = s }
            var next = s - f / slope
            if !(next > lo && next < hi) || !next.isFinite {
                next = lo > 0 ? (lo * hi).squareRoot() : 0.5 * hi
            }
            if abs(next - s) <= 1e-12 * s { return next }
            s = next
        }
        return s
    }
}
