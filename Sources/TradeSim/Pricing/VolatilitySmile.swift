import Foundation

/// The skew and smile of one asset's implied volatilities across strikes: a quadratic in the
/// tenor-scaled log-moneyness added to the at-the-money level,
///
///     σ(K, τ) = max(σ_atm(τ) + a·x + b·x²,  floorFraction · σ_atm(τ)),
///     x = clamp(ln(K/F)/√τ, −xLimit, xLimit),   F = S·e^{(r−q)τ},
///
/// with a = `slope` and b = `curvature` in vol units (0.01 = one vol point) per unit of x, τ in
/// years. The quadratic is the "implied volatility function" of Dumas, Fleming and Whaley
/// ("Implied volatility functions: empirical tests", Journal of Finance 53, 1998), taken in
/// ln(K/F)/√τ rather than in K so that one pair (a, b) describes every tenor: the skew in strike
/// terms steepens like 1/√τ toward short expiries, the regularity equity surfaces show (Carr
/// and Wu, "A new simple approach for constructing implied volatility surfaces", 2010, use the
/// same scaling). Outside |x| ≤ xLimit the smile is flat (no wings that grow without bound),
/// and it never goes below `floorFraction` of the at-the-money level.
///
/// A typical single-stock equity skew has a ≈ −0.1 to −0.3 and b ≈ 0 to 0.1: with a = −0.2 and
/// b = 0.05, a 6-month 95% put is 1.5 vol points and an 85% put 4.9 points above the money.
/// `flat` (a = b = 0) reproduces one IV for every strike.
public struct VolatilitySmile: Sendable, Hashable {
    /// a: vol per unit of x (negative: puts dearer than calls, the equity skew).
    public var slope: Double
    /// b: vol per unit of x² (positive: both wings dearer, the smile).
    public var curvature: Double
    /// The |x| beyond which the smile is flat.
    public var xLimit: Double
    /// The lowest IV as a fraction of the at-the-money level.
    public var floorFraction: Double

    /// A smile; the defaults bound it as the type's documentation says.
    public init(slope: Double, curvature: Double, xLimit: Double = 2.5, floorFraction: Double = 0.25) {
        self.slope = slope
        self.curvature = curvature
        self.xLimit = xLimit
        self.floorFraction = floorFraction
    }

    /// No skew, no smile.
    public static let flat = VolatilitySmile(slope: 0, curvature: 0)

    /// True when every strike has the at-the-money IV.
    public var isFlat: Bool { slope == 0 && curvature == 0 }

    /// x = clamp(ln(K/F)/√τ, ±xLimit) for a log strike-over-forward `logMoneyness` = ln(K/F).
    @inline(__always)
    public func scaledMoneyness(logMoneyness k: Double, years: Double) -> Double {
        guard years > 0 else { return k < 0 ? -xLimit : k > 0 ? xLimit : 0 }
        return Swift.min(Swift.max(k / years.squareRoot(), -xLimit), xLimit)
    }

    /// σ(K, τ) for an at-the-money level `atm` and ln(K/F) = `logMoneyness`.
    @inline(__always)
    public func volatility(atm: Double, logMoneyness k: Double, years: Double) -> Double {
        let x = scaledMoneyness(logMoneyness: k, years: years)
        return Swift.max(atm + (slope + curvature * x) * x, floorFraction * atm)
    }

    /// σ(K, τ) from spot, strike, rate and dividend yield (F = S·e^{(r−q)τ}).
    public func volatility(atm: Double, spot: Double, strike: Double, rate: Double, dividendYield q: Double, years: Double) -> Double {
        volatility(atm: atm, logMoneyness: Foundation.log(strike / spot) - (rate - q) * years, years: years)
    }
}
