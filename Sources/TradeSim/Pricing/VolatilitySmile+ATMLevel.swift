import Foundation

/// The smile read backwards: the at-the-money level a strike's IV implies, and the bounds of
/// the smile's offset from that level.
extension VolatilitySmile {
    /// Which piece of σ = max(atm + a·x + b·x², floorFraction·atm) gives an IV at one strike,
    /// and the ATM level there.
    public enum ATMLevel: Sendable, Hashable {
        /// Above the floor: σ = atm + a·x + b·x², so atm = σ − a·x − b·x².
        case quadratic(atm: Double)
        /// On the floor (the quadratic lies below it): σ = floorFraction·atm, so atm = σ/floorFraction.
        case floor(atm: Double)
        /// No ATM level ≥ 0 gives σ: at x the smile is at least `minimum` = a·x + b·x² > σ
        /// whatever the level (its value at atm = 0).
        case unreachable(minimum: Double)

        /// The ATM level; nil when unreachable.
        public var atm: Double? {
            switch self {
            case let .quadratic(atm), let .floor(atm): atm
            case .unreachable: nil
            }
        }
    }

    /// a·x + b·x²: how far above the ATM level the smile sits at scaled moneyness x (where it is
    /// above its floor).
    public func offset(scaledMoneyness x: Double) -> Double {
        (slope + curvature * x) * x
    }

    /// x = clamp(ln(K/F)/√τ, ±xLimit), F = S·e^{(r−q)τ}: the scaled moneyness at which
    /// `volatility(atm:spot:strike:rate:dividendYield:years:)` reads the smile.
    public func scaledMoneyness(spot: Double, strike: Double, rate: Double, dividendYield q: Double, years: Double) -> Double {
        scaledMoneyness(logMoneyness: Foundation.log(strike / spot) - (rate - q) * years, years: years)
    }

    /// The ATM level at which the smile gives `volatility` at scaled moneyness x (clamped, as
    /// `scaledMoneyness` returns it). With c = a·x + b·x² and f = floorFraction, the smile
    /// g(atm) = max(atm + c, f·atm) rises strictly from g(0) = max(c, 0), so each σ ≥ max(c, 0)
    /// has one level:
    ///
    ///     c ≥ 0:                          atm = σ − c              (the floor never binds: atm + c ≥ atm ≥ f·atm)
    ///     c < 0, σ ≥ −f·c/(1 − f):        atm = σ − c              (above the kink atm = −c/(1 − f))
    ///     c < 0, σ < −f·c/(1 − f):        atm = σ / f              (on the floor; always when f = 1)
    ///     c > 0, σ < c:                   unreachable              (every level gives at least c)
    public func atmLevel(volatility sigma: Double, scaledMoneyness x: Double) -> ATMLevel {
        let c = offset(scaledMoneyness: x)
        if c >= 0 { return sigma >= c ? .quadratic(atm: sigma - c) : .unreachable(minimum: c) }
        let kink = floorFraction < 1 ? -floorFraction * c / (1 - floorFraction) : .infinity
        return sigma >= kink ? .quadratic(atm: sigma - c) : .floor(atm: sigma / floorFraction)
    }

    /// The bound studies and the command line put on a smile: wings turning down (b < 0) may
    /// not take the IV more than 1 vol (100 points) below the money within the limit.
    public var fallsTooFarBelowTheMoney: Bool { curvature < 0 && lowestOffset < -1 }

    /// The lowest offset a·x + b·x² over |x| ≤ xLimit: at an end of the range, or at the vertex
    /// x = −a/(2b) when b > 0 puts it inside (then −a²/(4b)). With b < 0 (wings turning down) it is
    /// b·L² − |a|·L, the quantity the study format bounds at −1 (one vol below the money).
    public var lowestOffset: Double {
        var lowest = Swift.min(offset(scaledMoneyness: -xLimit), offset(scaledMoneyness: xLimit))
        if curvature > 0 {
            let vertex = -slope / (2 * curvature)
            if abs(vertex) <= xLimit { lowest = Swift.min(lowest, offset(scaledMoneyness: vertex)) }
        }
        return lowest
    }
}
