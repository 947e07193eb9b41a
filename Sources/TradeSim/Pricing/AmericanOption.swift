import Foundation

/// American calls and puts under Black–Scholes–Merton with a continuous dividend yield
/// (Andersen, Lake & Offengenden, "High-performance American option pricing", J. Comput.
/// Finance 20(1), 2016; Kim, "The analytic valuation of American options", Rev. Financ.
/// Stud. 3(4), 1990).
///
/// Method by regime (`AmericanExerciseRegime`, for a put with rate r and yield q):
/// - `singleBoundary` (r > 0, or r = 0 with q < 0): the Andersen–Lake–Offengenden fixed-point
///   solve of the exercise boundary and its premium integral (`AmericanPutBoundary`), with the
///   `AmericanPricingScheme` given (`.accurate` by default);
/// - `neverEarly` (r ≤ 0 and q ≥ r): the European price, exactly (`BlackScholes`);
/// - `doubleBoundary` (q < r < 0): a Crank–Nicolson finite-difference solve with Richardson
///   extrapolation (`AmericanFiniteDifference`), slow (about 2 s) and accurate to about 6e-6.
///
/// Calls are priced as puts by McDonald & Schroder's symmetry, C(S, K, r, q, σ, T) =
/// P(K, S, q, r, σ, T) ("A parity result for American options", J. Comput. Finance 1(3), 1998),
/// so a call with q = 0 and r ≥ 0 is the European call. With σ√T = 0 the value is the best
/// deterministic exercise, max over t ∈ [0, T] of e^{−rt}·max(ω·(S·e^{(r−q)t} − K), 0).
///
/// Greeks (units as `OptionValuation`): delta and gamma are analytic (the derivatives of the
/// premium integral, whose boundary does not depend on the spot; for a call through the
/// symmetry and the homogeneity of the price in (S, K)); theta follows from the Black–Scholes
/// equation, which the price satisfies wherever holding is optimal: θ = −∂V/∂T =
/// r·V − (r − q)·S·Δ − ½σ²S²·Γ (0 where exercising now is optimal); vega, rho and dividend rho
/// are central finite differences of the price, boundary re-solved, with steps 1e-4·σ, 1e-5 and
/// 1e-5 (one-sided at σ = 0). Every count in the scheme is fixed, so the price is smooth in its
/// inputs and these differences carry about 1e-8 relative error.
public enum AmericanOption {
    /// The American option's price.
    public static func price(_ o: BlackScholesInputs, scheme: AmericanPricingScheme = .accurate) -> Double {
        precondition(o.domainViolation == nil, o.domainViolation ?? "")
        if AmericanExerciseRegime.of(o.type, rate: o.rate, dividendYield: o.dividendYield) == .neverEarly {
            return BlackScholes.price(o)
        }
        return spotGreeks(o, scheme: scheme).price
    }

    /// Price and Greeks (see the type's documentation for how each is computed).
    public static func valuation(_ o: BlackScholesInputs, scheme: AmericanPricingScheme = .accurate) -> OptionValuation {
        precondition(o.domainViolation == nil, o.domainViolation ?? "")
        if AmericanExerciseRegime.of(o.type, rate: o.rate, dividendYield: o.dividendYield) == .neverEarly {
            return BlackScholes.valuation(o)
        }
        let base = spotGreeks(o, scheme: scheme)
        func bumped(_ change: (inout BlackScholesInputs) -> Void) -> Double {
            var moved = o
            change(&moved)
            return price(moved, scheme: scheme)
        }
        let vega: Double
        if o.volatility > 0 {
            let h = 1e-4 * o.volatility
            vega = (bumped { $0.volatility += h } - bumped { $0.volatility -= h }) / (2 * h)
        } else {
            let h = 1e-4
            vega = (-3 * base.price + 4 * bumped { $0.volatility = h } - bumped { $0.volatility = 2 * h }) / (2 * h)
        }
        let h = 1e-5
        let rho = (bumped { $0.rate += h } - bumped { $0.rate -= h }) / (2 * h)
        let dividendRho = (bumped { $0.dividendYield += h } - bumped { $0.dividendYield -= h }) / (2 * h)
        return OptionValuation(price: base.price, delta: base.delta, gamma: base.gamma, vega: vega,
                               theta: base.theta, rho: rho, dividendRho: dividendRho)
    }

    /// The spot at or beyond which exercising now is optimal (below it for a put, above it for
    /// a call); nil when early exercise never pays (`neverEarly`) or in the double-boundary regime.
    public static func criticalSpot(_ o: BlackScholesInputs, scheme: AmericanPricingScheme = .accurate) -> Double? {
        guard o.volatility > 0, o.years > 0 else { return nil }
        let (r, q) = o.type == .put ? (o.rate, o.dividendYield) : (o.dividendYield, o.rate)
        guard AmericanExerciseRegime.put(rate: r, dividendYield: q) == .singleBoundary else { return nil }
        let b = boundary(rate: r, dividendYield: q, volatility: o.volatility, years: o.years,
                         scheme: scheme).criticalPriceNow
        // A put of strike K exercises at or below K·b; the call of strike K is the put of spot K
        // and strike S, exercised when K ≤ S·b, i.e. S ≥ K/b.
        return o.type == .put ? o.strike * b : o.strike / b
    }

    // MARK: - Price, delta, gamma, theta

    struct SpotGreeks {
        var price: Double
        var delta: Double
        var gamma: Double
        var theta: Double
    }

    /// Price, Δ, Γ and θ of either type (calls through the put symmetry).
    static func spotGreeks(_ o: BlackScholesInputs, scheme: AmericanPricingScheme) -> SpotGreeks {
        precondition(o.domainViolation == nil, o.domainViolation ?? "")
        let s = o.spot, k = o.strike
        if o.type == .put {
            return put(spot: s, strike: k, rate: o.rate, dividendYield: o.dividendYield,
                       volatility: o.volatility, years: o.years, scheme: scheme)
        }
        // C(S, K, r, q) = P(K, S, q, r). With the put's spot K and strike S, P is homogeneous of
        // degree 1 in (spot, strike): ∂P/∂strike = (P − K·Δₚ)/S and ∂²P/∂strike² = K²·Γₚ/S².
        // θ is unchanged: both sides are the same function of T.
        let p = put(spot: k, strike: s, rate: o.dividendYield, dividendYield: o.rate,
                    volatility: o.volatility, years: o.years, scheme: scheme)
        return SpotGreeks(price: p.price, delta: (p.price - k * p.delta) / s, gamma: k * k * p.gamma / (s * s),
                          theta: p.theta)
    }

    /// The American put, routed by regime.
    static func put(spot s: Double, strike k: Double, rate r: Double, dividendYield q: Double,
                    volatility sigma: Double, years t: Double, scheme: AmericanPricingScheme) -> SpotGreeks {
        if sigma * t.squareRoot() == 0 {
            return deterministicPut(spot: s, strike: k, rate: r, dividendYield: q, years: t)
        }
        switch AmericanExerciseRegime.put(rate: r, dividendYield: q) {
        case .neverEarly:
            let v = BlackScholes.valuation(BlackScholesInputs(type: .put, spot: s, strike: k, volatility: sigma,
                                                              rate: r, dividendYield: q, years: t))
            return SpotGreeks(price: v.price, delta: v.delta, gamma: v.gamma, theta: v.theta)
        case .singleBoundary:
            let solved = boundary(rate: r, dividendYield: q, volatility: sigma, years: t, scheme: scheme)
            let v = solved.valuation(spot: s / k)
            return holding(price: k * v.price, delta: v.delta, gamma: v.gamma / k, exercised: s / k <= solved.criticalPriceNow,
                           spot: s, rate: r, dividendYield: q, volatility: sigma)
        case .doubleBoundary:
            let v = AmericanFiniteDifference.put(spot: s / k, rate: r, dividendYield: q, volatility: sigma, years: t)
            return holding(price: k * v.price, delta: v.delta, gamma: v.gamma / k, exercised: v.exercised,
                           spot: s, rate: r, dividendYield: q, volatility: sigma)
        }
    }

    /// The single-boundary solve: FP-B with `scheme`; when its last iteration still moved the
    /// boundary at a node by more than `scheme.settledChange` (it has not settled: very low volatility or a high
    /// r/σ², see `AmericanPutBoundary.Equation`), FP-A with the `robust` scheme instead.
    static func boundary(rate r: Double, dividendYield q: Double, volatility sigma: Double, years t: Double,
                         scheme: AmericanPricingScheme) -> AmericanPutBoundary {
        let fast = AmericanPutBoundary(rate: r, dividendYield: q, volatility: sigma, years: t, scheme: scheme)
        if fast.lastChange <= scheme.settledChange { return fast }
        return AmericanPutBoundary(rate: r, dividendYield: q, volatility: sigma, years: t,
                                   scheme: .robust, equation: .a)
    }

    /// θ from the Black–Scholes equation where holding is optimal, 0 where exercising now is.
    static func holding(price: Double, delta: Double, gamma: Double, exercised: Bool, spot s: Double,
                        rate r: Double, dividendYield q: Double, volatility sigma: Double) -> SpotGreeks {
        let theta = exercised ? 0 : r * price - (r - q) * s * delta - 0.5 * sigma * sigma * s * s * gamma
        return SpotGreeks(price: price, delta: delta, gamma: gamma, theta: theta)
    }

    /// σ√T = 0: V = max over t ∈ [0, T] of max(K·e^{−rt} − S·e^{−qt}, 0). The function inside has
    /// at most one stationary point, where q·S·e^{−qt} = r·K·e^{−rt}; the best of it and the two
    /// ends is taken. Δ = −e^{−qt*}, Γ = 0, θ = −∂V/∂T (nonzero only when t* = T).
    static func deterministicPut(spot s: Double, strike k: Double, rate r: Double, dividendYield q: Double,
                                 years t: Double) -> SpotGreeks {
        func value(_ u: Double) -> Double { k * exp(-r * u) - s * exp(-q * u) }
        var candidates: [Double] = [0, t]
        if r != q, r * q > 0 {
            let stationary = log(r * k / (q * s)) / (r - q)
            if stationary > 0 && stationary < t { candidates.append(stationary) }
        }
        let best = candidates.max { value($0) < value($1) } ?? 0
        let v = value(best)
        guard v > 0 else { return SpotGreeks(price: 0, delta: 0, gamma: 0, theta: 0) }
        let theta = best == t && t > 0 ? r * k * exp(-r * t) - q * s * exp(-q * t) : 0
        return SpotGreeks(price: v, delta: -exp(-q * best), gamma: 0, theta: theta)
    }
}
