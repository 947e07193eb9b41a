/// What one leg holds: the underlying stock, or a European option on it.
public enum Instrument: Sendable, Hashable {
    case stock
    case option(OptionType, strike: Double)

    /// Value at expiry per unit held: S for stock, max(ω·(S − K), 0) for an option.
    public func valueAtExpiry(spot: Double) -> Double {
        switch self {
        case .stock: spot
        case let .option(type, strike): type.intrinsic(spot: spot, strike: strike)
        }
    }
}

/// An instrument and a signed quantity (+ long, − short), in units of the instrument.
public struct PayoffLeg: Sendable, Hashable {
    public var instrument: Instrument
    public var quantity: Double

    public init(_ instrument: Instrument, quantity: Double) {
        self.instrument = instrument
        self.quantity = quantity
    }

    public func valueAtExpiry(spot: Double) -> Double {
        quantity * instrument.valueAtExpiry(spot: spot)
    }
}

/// The option composites the card's decisions use, each a fixed set of legs per unit.
///
/// Payoffs at expiry (value, before premium), with S the underlying price:
/// - put spread (long the higher strike Kₕ, short the lower Kₗ): max(Kₕ − S, 0) − max(Kₗ − S, 0),
///   bounded by Kₕ − Kₗ;
/// - call spread (long Kₗ, short Kₕ): max(S − Kₗ, 0) − max(S − Kₕ, 0);
/// - straddle: max(S − K, 0) + max(K − S, 0) = |S − K|;
/// - strangle (put Kₚ ≤ call K_c): max(Kₚ − S, 0) + max(S − K_c, 0);
/// - collar (long stock, long put Kₚ, short call K_c, Kₚ ≤ K_c): S + max(Kₚ − S, 0) − max(S − K_c, 0),
///   which is S clamped to [Kₚ, K_c].
public enum OptionStrategy: Sendable, Hashable {
    case single(OptionType, strike: Double)
    case putSpread(longStrike: Double, shortStrike: Double)
    case callSpread(longStrike: Double, shortStrike: Double)
    case straddle(strike: Double)
    case strangle(putStrike: Double, callStrike: Double)
    case collar(putStrike: Double, callStrike: Double)

    /// The legs of one unit of the strategy.
    public var legs: [PayoffLeg] {
        switch self {
        case let .single(type, k):
            [PayoffLeg(.option(type, strike: k), quantity: 1)]
        case let .putSpread(long, short):
            [PayoffLeg(.option(.put, strike: long), quantity: 1),
             PayoffLeg(.option(.put, strike: short), quantity: -1)]
        case let .callSpread(long, short):
            [PayoffLeg(.option(.call, strike: long), quantity: 1),
             PayoffLeg(.option(.call, strike: short), quantity: -1)]
        case let .straddle(k):
            [PayoffLeg(.option(.call, strike: k), quantity: 1),
             PayoffLeg(.option(.put, strike: k), quantity: 1)]
        case let .strangle(kp, kc):
            [PayoffLeg(.option(.put, strike: kp), quantity: 1),
             PayoffLeg(.option(.call, strike: kc), quantity: 1)]
        case let .collar(kp, kc):
            [PayoffLeg(.stock, quantity: 1),
             PayoffLeg(.option(.put, strike: kp), quantity: 1),
             PayoffLeg(.option(.call, strike: kc), quantity: -1)]
        }
    }

    /// Value at expiry of one unit: the sum of its legs' values.
    public func valueAtExpiry(spot: Double) -> Double {
        legs.reduce(0) { $0 + $1.valueAtExpiry(spot: spot) }
    }
}
