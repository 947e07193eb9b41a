/// The strikes an exchange lists for an underlying, and the listed strike nearest a wanted one.
///
/// A strike rule (moneyness, delta) gives a wanted strike such as 0.95 × 582.74 = 553.603; a
/// listed option has a strike on the exchange's ladder. `listedStrike(nearest:)` is the one
/// rule that maps the first to the second, for the engine, the reports and validation alike.
public enum StrikeLadder: Sendable, Hashable {
    /// Strikes every `step` price units: step, 2·step, 3·step, … (`step` > 0, finite).
    case uniform(step: Double)
    /// The standard US equity-option intervals: 2.50 for strikes below 25, 5 from 25 through
    /// 200, 10 above 200 (Options Clearing Corporation, "Equity Options Product
    /// Specifications", strike price intervals). The three bands meet at 25 and 200, so the
    /// ladder is 2.5, 5, …, 22.5, 25, 30, …, 195, 200, 210, 220, …. Exchanges list finer
    /// strikes on many names (strike-interval programs); a study names those with `uniform`.
    case usEquity

    /// The interval between listed strikes near `strike` (price units).
    public func interval(at strike: Double) -> Double {
        switch self {
        case let .uniform(step): step
        case .usEquity: strike < 25 ? 2.5 : (strike <= 200 ? 5 : 10)
        }
    }

    /// The listed strike nearest `wanted` (price units, finite, > 0); halfway between two
    /// listed strikes, the higher one. Never below the lowest listed strike (the first step).
    ///
    /// usEquity: below 25, the nearest multiple of 2.5; from 25 through 200, of 5; above 200,
    /// 200 plus the nearest multiple of 10. Each band's rounding stays inside the band's closed
    /// range because the bands meet on strikes both list (25 and 200).
    public func listedStrike(nearest wanted: Double) -> Double {
        switch self {
        case let .uniform(step):
            return Self.nearestMultiple(of: step, to: wanted, lowest: step)
        case .usEquity:
            if wanted < 25 { return Self.nearestMultiple(of: 2.5, to: wanted, lowest: 2.5) }
            if wanted <= 200 { return Self.nearestMultiple(of: 5, to: wanted, lowest: 25) }
            return 200 + Self.nearestMultiple(of: 10, to: wanted - 200, lowest: 0)
        }
    }

    /// k·step for the integer k nearest x/step (halfway: up), at least `lowest`.
    static func nearestMultiple(of step: Double, to x: Double, lowest: Double) -> Double {
        let k = (x / step).rounded(.toNearestOrAwayFromZero)
        return Swift.max(k * step, lowest)
    }
}
