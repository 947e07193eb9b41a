import Foundation

/// The inputs of a Black–Scholes–Merton valuation of one European option.
///
/// Units: `spot` and `strike` in price units; `volatility` annual (0.20 = 20%);
/// `rate` and `dividendYield` continuously compounded, annual; `years` of 252 trading days
/// or any other year fraction the caller uses consistently with the annual parameters.
public struct BlackScholesInputs: Sendable, Hashable {
    /// Call or put.
    public var type: OptionType
    /// Underlying price S.
    public var spot: Double
    /// Strike K.
    public var strike: Double
    /// Annual volatility σ.
    public var volatility: Double
    /// Continuous annual risk-free rate r.
    public var rate: Double
    /// Continuous annual dividend yield q.
    public var dividendYield: Double
    /// Time to expiry T, in years.
    public var years: Double

    /// The inputs; no dividend by default.
    public init(type: OptionType, spot: Double, strike: Double, volatility: Double,
                rate: Double, dividendYield: Double = 0, years: Double) {
        self.type = type
        self.spot = spot
        self.strike = strike
        self.volatility = volatility
        self.rate = rate
        self.dividendYield = dividendYield
        self.years = years
    }

    /// Checks the domain: spot, strike finite and > 0; volatility and years finite and ≥ 0;
    /// rate and dividend yield finite. Returns the first violated rule, or nil.
    public var domainViolation: String? {
        if !spot.isFinite || spot <= 0 { return "spot must be a finite number > 0" }
        if !strike.isFinite || strike <= 0 { return "strike must be a finite number > 0" }
        if !volatility.isFinite || volatility < 0 { return "volatility must be a finite number ≥ 0" }
        if !years.isFinite || years < 0 { return "years must be a finite number ≥ 0" }
        if !rate.isFinite { return "rate must be a finite number" }
        if !dividendYield.isFinite { return "dividend yield must be a finite number" }
        return nil
    }
}

/// Price and first-order sensitivities of a European option, as raw derivatives.
///
/// `delta` = ∂V/∂S, `gamma` = ∂²V/∂S², `vega` = ∂V/∂σ per 1.00 of volatility,
/// `theta` = −∂V/∂T per year (the change as calendar time passes), `rho` = ∂V/∂r per 1.00
/// of rate, `dividendRho` = ∂V/∂q per 1.00 of dividend yield. Reports that show vega per
/// vol point (÷100) or theta per day (÷365) say so in their column names.
public struct OptionValuation: Sendable, Hashable {
    /// V, in price units.
    public var price: Double
    /// ∂V/∂S.
    public var delta: Double
    /// ∂²V/∂S².
    public var gamma: Double
    /// ∂V/∂σ per 1.00 of volatility.
    public var vega: Double
    /// −∂V/∂T per year.
    public var theta: Double
    /// ∂V/∂r per 1.00 of rate.
    public var rho: Double
    /// ∂V/∂q per 1.00 of dividend yield.
    public var dividendRho: Double
}

/// Black–Scholes–Merton valuation of European options with a continuous dividend yield.
///
/// With ω = +1 for a call and −1 for a put, F = S·e^{(r−q)T}, σ√T > 0:
///
///     d1 = [ln(S/K) + (r − q + σ²/2)·T] / (σ√T),   d2 = d1 − σ√T
///     V  = ω·[S·e^{−qT}·N(ω·d1) − K·e^{−rT}·N(ω·d2)]
///
/// Sources: Black & Scholes (1973), Merton (1973); Greeks as in Haug, *The Complete Guide
/// to Option Pricing Formulas* (2007), §1.1 and §2.1.
///
/// Edge cases, all finite: when σ√T = 0 (expiry, or zero volatility) the option is worth its
/// discounted forward intrinsic value max(ω·(S·e^{−qT} − K·e^{−rT}), 0), which at T = 0 is the
/// payoff; its delta is the slope of that value (ω·e^{−qT} in the money, 0 out of it, half of
/// that exactly at the forward), gamma is 0, and theta and rho are the derivatives of that
/// deterministic value. Prices are floored at 0 against rounding in the far wings.
public enum BlackScholes {
    /// The option price only (cheaper than `valuation`).
    public static func price(_ o: BlackScholesInputs) -> Double {
        let w = o.type.sign
        let dq = exp(-o.dividendYield * o.years)
        let dr = exp(-o.rate * o.years)
        let sd = o.volatility * o.years.squareRoot()
        if sd == 0 {
            return Swift.max(w * (o.spot * dq - o.strike * dr), 0)
        }
        let d1 = (log(o.spot / o.strike) + (o.rate - o.dividendYield) * o.years) / sd + 0.5 * sd
        let d2 = d1 - sd
        let v = w * (o.spot * dq * NormalDistribution.cdf(w * d1)
            - o.strike * dr * NormalDistribution.cdf(w * d2))
        return Swift.max(v, 0)
    }

    /// Price and Greeks (see `OptionValuation` for units).
    public static func valuation(_ o: BlackScholesInputs) -> OptionValuation {
        let w = o.type.sign
        let t = o.years
        let rootT = t.squareRoot()
        let dq = exp(-o.dividendYield * t)
        let dr = exp(-o.rate * t)
        let sd = o.volatility * rootT
        let s = o.spot, k = o.strike

        if sd == 0 {
            // Deterministic: V = max(ω(S·e^{−qT} − K·e^{−rT}), 0).
            let forwardIntrinsic = w * (s * dq - k * dr)
            let inMoney: Double = forwardIntrinsic > 0 ? 1 : (forwardIntrinsic == 0 ? 0.5 : 0)
            let atForward = forwardIntrinsic == 0
            return OptionValuation(
                price: Swift.max(forwardIntrinsic, 0),
                delta: w * dq * inMoney,
                gamma: 0,
                vega: atForward ? s * dq * rootT * NormalDistribution.inverseSqrtTwoPi : 0,
                theta: w * (o.dividendYield * s * dq - o.rate * k * dr) * inMoney,
                rho: w * k * t * dr * inMoney,
                dividendRho: -w * s * t * dq * inMoney)
        }

        let d1 = (log(s / k) + (o.rate - o.dividendYield) * t) / sd + 0.5 * sd
        let d2 = d1 - sd
        let nd1 = NormalDistribution.cdf(w * d1)
        let nd2 = NormalDistribution.cdf(w * d2)
        let density = NormalDistribution.pdf(d1)
        let spotLeg = s * dq * nd1
        let strikeLeg = k * dr * nd2
        return OptionValuation(
            price: Swift.max(w * (spotLeg - strikeLeg), 0),
            delta: w * dq * nd1,
            gamma: dq * density / (s * sd),
            vega: s * dq * density * rootT,
            theta: -s * dq * density * o.volatility / (2 * rootT)
                - w * o.rate * strikeLeg + w * o.dividendYield * spotLeg,
            rho: w * t * strikeLeg,
            dividendRho: -w * t * spotLeg)
    }
}
