/// The right an option gives: to buy (call) or to sell (put) the underlying at the strike.
public enum OptionType: String, Sendable, Hashable, CaseIterable, Codable {
    case call
    case put

    /// +1 for a call, −1 for a put: the sign ω in ω·(S − K) that unifies the payoff formulas.
    public var sign: Double { self == .call ? 1 : -1 }

    /// Intrinsic value `max(ω·(S − K), 0)` in price units.
    public func intrinsic(spot: Double, strike: Double) -> Double {
        Swift.max(sign * (spot - strike), 0)
    }

    /// `intrinsic(spot:strike:)` on eight lanes (the same operations, lane by lane).
    @inline(__always)
    func intrinsic(spot: SIMD8<Double>, strike: SIMD8<Double>) -> SIMD8<Double> {
        let value = SIMD8(repeating: sign) * (spot - strike)
        return value.replacing(with: 0, where: value .< 0)
    }
}
