import Foundation

/// The early-exercise boundary of an American put with unit strike under Black–Scholes–Merton,
/// solved by the Andersen–Lake–Offengenden fixed-point method, and the put prices it gives.
///
/// Setting. Rate r, dividend yield q, volatility σ, maturity T, strike K = 1 (prices scale with K).
/// The put is exercised when the spot is at or below B(τ), τ the time to maturity. This type
/// covers the single-boundary case, r > 0 (any q), and r = 0 with q < 0; `AmericanOption` routes
/// the other (r, q) cases. At τ = 0 the boundary starts at X = min(1, r/q) (X = 1 when q ≤ 0).
///
/// Representation (Kim 1990; Andersen, Lake & Offengenden 2016, eq. 2.3): for S > B(T)
///
///     V(S) = p(S) + ∫₀ᵀ [ r·e^{−rs}·Φ(−d₋(s, S/B(T−s))) − q·S·e^{−qs}·Φ(−d₊(s, S/B(T−s))) ] ds,
///     d±(s, z) = (ln z + (r − q)·s)/(σ√s) ± σ√s/2,
///
/// p the European put; V = 1 − S at or below the boundary.
///
/// Boundary equation FP-B′ (ALO eq. 4.3 with 4.7–4.8): B(τ) = N(τ, B)/D(τ, B) with, writing
/// d± for d±(s, B(τ)/B(τ − s)) inside the integrals,
///
///     N = e^{−rτ}·φ(d₋(τ, B(τ)))/(σ√τ) + r·∫₀^τ e^{−rs}·φ(d₋)/(σ√s) ds
///     D = e^{−qτ}·[φ(d₊(τ, B(τ)))/(σ√τ) + Φ(d₊(τ, B(τ)))] + q·∫₀^τ e^{−qs}·[Φ(d₊) + φ(d₊)/(σ√s)] ds
///
/// (the smooth-pasting condition, with e^{−rτ}φ(d₋(τ, B)) = B·e^{−qτ}φ(d₊(τ, B)) added to both
/// sides; the integrands use e^{−rs}φ(d₋) = e^{−qs}φ(d₊)·B(τ)/B(τ − s), one exponential fewer).
///
/// Discretisation (ALO §4–5): B is carried as H(√τ) = ln(B(τ)/X)², smooth in √τ, interpolated by
/// a Chebyshev polynomial of degree n in z = 2√(τ/T) − 1 (H = 0 at τ = 0). The integrals over
/// s ∈ (0, τ) use s = τ·sin²θ with an l-point Gauss–Legendre rule in θ ∈ (0, π/2) (see
/// `AmericanPricingScheme`), which removes the square-root behaviour at both ends. Start: Li's QD+ boundary; then m iterations, all nodes updated together, the first
/// a Jacobi–Newton step B ← B − (f(B) − B)/(f′(B) − 1) with f′ from the terms outside the
/// integrals, the rest plain B ← f(B). The premium integral uses the same substitution with a p-point rule. Every count is fixed (no adaptive stopping), so the price is a
/// smooth function of the inputs and finite differences of it are clean.
struct AmericanPutBoundary: Sendable {
    /// The boundary equation iterated (ALO §4.2): FP-B, the smooth-pasting form above (fast,
    /// with a Jacobi–Newton first step), or FP-A, Kim's value-matching form
    ///
    ///     B(τ) = [e^{−rτ}·Φ(d₋(τ, B(τ))) + r·∫₀^τ e^{−rs}·Φ(d₋) ds] / [e^{−qτ}·Φ(d₊(τ, B(τ))) + q·∫₀^τ e^{−qs}·Φ(d₊) ds]
    ///
    /// whose integrands are bounded by 1. FP-B's integrands carry φ(d)/(σ√s), which grows without
    /// bound as σ falls or r/σ² rises; there its iteration can drift away from the fixed point
    /// (e.g. σ = 0.01, or r = 1 with σ = 0.25), while FP-A still converges, more slowly.
    enum Equation: Sendable { case a, b }


    let rate: Double
    let dividendYield: Double
    let volatility: Double
    let years: Double
    let scheme: AmericanPricingScheme
    /// X = B(0⁺) for a unit strike.
    let limit: Double
    /// H at the Chebyshev nodes zⱼ, j = 0…n−1 (z₀ = 1 is τ = T; H = 0 at the omitted zₙ = −1).
    let nodeValues: [Double]
    /// The largest relative change of the boundary at a node in the last iteration: about 1e-12
    /// when the iteration has settled; large when it has not (see `Equation`).
    let lastChange: Double

    /// Solves the boundary. Preconditions: σ > 0, T > 0, and r > 0 or (r = 0 and q < 0).
    init(rate r: Double, dividendYield q: Double, volatility sigma: Double, years: Double,
         scheme: AmericanPricingScheme, equation: Equation = .b) {
        precondition(sigma > 0 && years > 0 && (r > 0 || (r == 0 && q < 0)),
                     "single-boundary American put needs σ > 0, T > 0 and r > 0 (or r = 0 with q < 0)")
        rate = r
        dividendYield = q
        volatility = sigma
        self.years = years
        self.scheme = scheme
        let x = (q > r) ? r / q : 1
        limit = x
        let n = scheme.chebyshevDegree
        let lnX = log(x)

        // Start: QD+ at each node, from short maturities to long (each solve starts at the last).
        var h = [Double](repeating: 0, count: n)
        var previous = x
        for i in stride(from: n - 1, through: 0, by: -1) {
            let b = QDPlusBoundary.put(rate: r, dividendYield: q, volatility: sigma,
                                       years: years * scheme.nodeTimeFraction[i], limit: x, start: previous)
            let logRatio = Swift.min(log(b) - lnX, 0)
            h[i] = logRatio.isFinite ? logRatio * logRatio : 0
            if b.isFinite && b > 0 { previous = b }
        }

        // Per (node, quadrature point): quantities that do not change between iterations.
        let l = scheme.fixedPointPoints
        let densityWeights = scheme.fixedPointDensityWeight, weights = scheme.fixedPointWeight
        var stdDev = [Double](repeating: 0, count: n * l)     // σ√s
        var drift = [Double](repeating: 0, count: n * l)      // (r − q)·s
        var dividendDiscount = [Double](repeating: 0, count: n * l)  // e^{−qs}
        var rateDiscount = [Double](repeating: 0, count: n * l)      // e^{−rs}
        for i in 0..<n {
            let tau = years * scheme.nodeTimeFraction[i]
            for k in 0..<l {
                let s = tau * scheme.fixedPointLagFraction[k]
                stdDev[i * l + k] = sigma * s.squareRoot()
                drift[i * l + k] = (r - q) * s
                dividendDiscount[i * l + k] = exp(-q * s)
                rateDiscount[i * l + k] = exp(-r * s)
            }
        }

        var previousB = [Double](repeating: 0, count: n), previousF = previousB
        var sampled = [Double](repeating: 0, count: n * l)
        var next = h
        var change = 0.0
        for iteration in 0..<scheme.iterations {
            change = 0
            // √H at every quadrature point of every node: one matrix–vector product.
            scheme.fixedPointBasis.withUnsafeBufferPointer { basis in
                for row in 0..<(n * l) {
                    var sum = 0.0
                    let base = row * n
                    for j in 0..<n { sum += basis[base + j] * h[j] }
                    sampled[row] = Swift.max(sum, 0).squareRoot()
                }
            }
            for i in 0..<n {
                let tau = years * scheme.nodeTimeFraction[i]
                let rootTau = tau.squareRoot()
                let v = sigma * rootTau
                let rootH = h[i].squareRoot()
                let b = x * exp(-rootH)
                // Integrals over s = τ·sin²θ (see AmericanPricingScheme): ds/(σ√s) and ds weights.
                var integralN = 0.0, integralD = 0.0
                for k in 0..<l {
                    let idx = i * l + k
                    let sd = stdDev[idx]
                    let logRatio = sampled[idx] - rootH            // ln(B(τ)/B(τ − s))
                    let dPlus = (logRatio + drift[idx]) / sd + 0.5 * sd
                    let density = NormalDistribution.pdf(dPlus) * dividendDiscount[idx]
                    let wDensity = densityWeights[k] * rootTau / sigma
                    integralN += wDensity * density * exp(logRatio)
                    integralD += weights[k] * tau * dividendDiscount[idx] * NormalDistribution.cdf(dPlus) + wDensity * density
                }
                let dPlus = (log(b) + (r - q) * tau) / v + 0.5 * v
                let dqTau = exp(-q * tau)
                let density = NormalDistribution.pdf(dPlus)
                let cdfPlus = NormalDistribution.cdf(dPlus)
                let numerator = dqTau * b * density / v + r * integralN
                let denominator = dqTau * (density / v + cdfPlus) + q * integralD
                var plain = numerator / denominator
                if equation == .a {
                    var integralA = 0.0, integralB = 0.0
                    for k in 0..<l {
                        let idx = i * l + k
                        let sd = stdDev[idx]
                        let dPlusS = (sampled[idx] - rootH + drift[idx]) / sd + 0.5 * sd
                        integralA += weights[k] * rateDiscount[idx] * NormalDistribution.cdf(dPlusS - sd)
                        integralB += weights[k] * dividendDiscount[idx] * NormalDistribution.cdf(dPlusS)
                    }
                    plain = (exp(-r * tau) * NormalDistribution.cdf(dPlus - v) + r * tau * integralA)
                        / (dqTau * cdfPlus + q * tau * integralB)
                }
                var updated = plain
                if equation == .a {
                    // Plain iteration: FP-A is a contraction where FP-B is not.
                } else if iteration == 0 {
                    // Jacobi–Newton: f′(B) from the terms outside the integrals, with
                    // ∂φ(d)/∂B = −d·φ(d)/(B·v) and e^{−rτ}φ(d₋) = B·e^{−qτ}φ(d₊).
                    let dMinus = dPlus - v
                    let numeratorSlope = -dqTau * density * dMinus / (v * v)
                    let denominatorSlope = dqTau * density * (1 - dPlus / v) / (b * v)
                    let slope = (numeratorSlope * denominator - numerator * denominatorSlope) / (denominator * denominator)
                    updated = b - (plain - b) / (slope - 1)
                } else if iteration >= 2, abs(b - previousB[i]) > 1e-14 * b {
                    // Secant on this node: the slope of f seen over the last two iterates.
                    let slope = Swift.min(Swift.max((plain - previousF[i]) / (b - previousB[i]), -5), 0.8)
                    updated = b + (plain - b) / (1 - slope)
                }
                previousB[i] = b
                previousF[i] = plain
                if !(updated.isFinite && updated > 0) { updated = b }
                change = Swift.max(change, abs(Swift.min(updated, x) - b) / b)
                let logRatio = Swift.min(log(updated) - lnX, 0)
                next[i] = logRatio * logRatio
            }
            h = next
        }
        nodeValues = h
        lastChange = change
    }

    // MARK: - The boundary

    /// B(τ) for a unit strike, 0 ≤ τ ≤ T (the Chebyshev interpolant; X at τ = 0).
    func criticalPrice(yearsToMaturity tau: Double) -> Double {
        let z = 2 * (Swift.min(Swift.max(tau, 0), years) / years).squareRoot() - 1
        let row = scheme.chebyshev.basisRow(at: z)
        var sum = 0.0
        for j in 0..<nodeValues.count { sum += row[j] * nodeValues[j] }
        return limit * exp(-Swift.max(sum, 0).squareRoot())
    }

    /// B(T): at or below this spot (unit strike) the put is exercised now.
    var criticalPriceNow: Double { limit * exp(-nodeValues[0].squareRoot()) }

    // MARK: - Prices

    /// Price, ∂V/∂S and ∂²V/∂S² of the put with unit strike at spot `x`, with the boundary held
    /// fixed (it does not depend on the spot, so these are the exact derivatives of the
    /// representation). At or below B(T): 1 − x, −1, 0.
    ///
    /// The premium's derivatives, with d₊ = d₊(s, x/B(T − s)) and e^{−rs}φ(d₋) = x·e^{−qs}φ(d₊)/B:
    ///
    ///     ∂/∂x  = ∫ e^{−qs}·[ −(r/B − q)·φ(d₊)/(σ√s) − q·Φ(−d₊) ] ds
    ///     ∂²/∂x² = ∫ e^{−qs}·[ (r/B − q)·d₊·φ(d₊)/(x·σ²s) + q·φ(d₊)/(x·σ√s) ] ds
    func valuation(spot x: Double) -> (price: Double, delta: Double, gamma: Double) {
        if x <= criticalPriceNow { return (1 - x, -1, 0) }
        let r = rate, q = dividendYield, sigma = volatility, t = years
        let european = BlackScholes.valuation(BlackScholesInputs(
            type: .put, spot: x, strike: 1, volatility: sigma, rate: r, dividendYield: q, years: t))
        let n = scheme.chebyshevDegree
        let lnX = log(limit), lnx = log(x)
        var premium = 0.0, delta = 0.0, gamma = 0.0
        let weights = scheme.premiumWeight
        scheme.premiumBasis.withUnsafeBufferPointer { basis in
            for k in 0..<weights.count {
                var hu = 0.0
                for j in 0..<n { hu += basis[k * n + j] * nodeValues[j] }
                let lnB = lnX - Swift.max(hu, 0).squareRoot()
                let s = t * scheme.premiumLagFraction[k]
                let sd = sigma * s.squareRoot()
                let dPlus = (lnx - lnB + (r - q) * s) / sd + 0.5 * sd
                let dMinus = dPlus - sd
                let dq = exp(-q * s), dr = exp(-r * s)
                let w = weights[k] * t
                let cdfPlus = NormalDistribution.cdf(-dPlus)
                premium += w * (r * dr * NormalDistribution.cdf(-dMinus) - q * x * dq * cdfPlus)
                let density = NormalDistribution.pdf(dPlus) * dq
                let carry = r * exp(-lnB) - q
                delta += w * (-carry * density / sd - q * dq * cdfPlus)
                gamma += w * (carry * dPlus * density / (x * sd * sd) + q * density / (x * sd))
            }
        }
        let price = Swift.max(european.price + premium, 1 - x)
        return (price, european.delta + delta, european.gamma + gamma)
    }
}
