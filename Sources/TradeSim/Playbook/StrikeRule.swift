import Foundation

/// How an option's strike is set on the entry day (per path, from that day's price).
public enum StrikeRule: Sendable, Hashable {
    /// K = m × S at entry (1.0 at the money).
    case moneyness(Double)
    /// The strike whose Black–Scholes–Merton delta at entry is this (calls in (0, 1), puts in
    /// (−1, 0)), with the day's implied vol for the option's tenor (`strike(forDelta:...)`).
    case delta(Double)
    /// A fixed strike in price units.
    case absolute(Double)

    /// The strike of an option entered at `spot`, in price units: m·S for a moneyness, K for an
    /// absolute strike, and for a delta the strike of that delta (`strike(forDelta:...)`) with
    /// the option's implied vol `volatility` (annual), `rate` and `dividendYield` (continuous,
    /// annual) and its tenor in `years` (trading days / `TradingCalendar.tradingDaysPerYear`).
    /// The engine (at every entry), the report's payoff diagrams and validation use this rule.
    public func strike(type: OptionType, spot: Double, volatility: Double, rate: Double, dividendYield: Double,
                       years: Double) -> Double {
        switch self {
        case let .moneyness(m): m * spot
        case let .absolute(k): k
        case let .delta(delta):
            Self.strike(forDelta: delta, type: type, spot: spot, volatility: volatility, rate: rate,
                        dividendYield: dividendYield, years: years)
        }
    }

    /// The strike that needs no pricing inputs: m·S for a moneyness, K for an absolute strike;
    /// nil for a delta (its strike depends on the day's implied vol and the tenor).
    public func strike(spot: Double) -> Double? {
        switch self {
        case let .moneyness(m): m * spot
        case let .absolute(k): k
        case .delta: nil
        }
    }

    /// The strike whose Black–Scholes–Merton delta is `delta`: K = S·exp(−d₁·σ√τ + (r − q + σ²/2)·τ)
    /// with N(d₁) = |Δ|·e^{qτ} for a call and N(−d₁) = |Δ|·e^{qτ} for a put (Haug 2007, §1.1.1's
    /// delta inverted). |Δ|·e^{qτ} is clamped to [10⁻¹², 1 − 10⁻¹²]; with σ√τ = 0 the strike is
    /// the spot. Calls take Δ in (0, e^{−qτ}), puts in (−e^{−qτ}, 0).
    static func strike(forDelta delta: Double, type: OptionType, spot: Double, volatility: Double, rate: Double,
                              dividendYield q: Double, years: Double) -> Double {
        let sd = volatility * years.squareRoot()
        guard sd > 0 else { return spot }
        let target = min(max(abs(delta) * exp(q * years), 1e-12), 1 - 1e-12)
        let d1 = type == .call ? NormalDistribution.quantile(target) : -NormalDistribution.quantile(target)
        return spot * exp(-d1 * sd + (rate - q + 0.5 * volatility * volatility) * years)
    }
}
