/// One decision variant lowered to legs: everything the engine needs, nothing composite.
public struct DecisionVariant: Sendable {
    public var decisionID: String
    /// The variant's name ("" when the decision has a single variant).
    public var name: String
    public var kind: DecisionKind
    public var legs: [Leg]
    public var sizing: Sizing
    /// Number of underlying groups the size is split across (premium budget, notional of
    /// option decisions).
    public var groupCount: Int
    public var entry: EntryRule
    public var exits: ExitRules
    public var costs: CostModel
    public var theses: [Thesis]
    /// True for the variant the portfolio holds (each decision's first).
    public var inPortfolio: Bool

    public init(decisionID: String, name: String, kind: DecisionKind, legs: [Leg], sizing: Sizing, groupCount: Int,
                entry: EntryRule, exits: ExitRules, costs: CostModel, theses: [Thesis], inPortfolio: Bool) {
        self.decisionID = decisionID
        self.name = name
        self.kind = kind
        self.legs = legs
        self.sizing = sizing
        self.groupCount = groupCount
        self.entry = entry
        self.exits = exits
        self.costs = costs
        self.theses = theses
        self.inPortfolio = inPortfolio
    }

    public var hasOptions: Bool { legs.contains { $0.isOption } }
    public var hasStock: Bool { legs.contains { !$0.isOption } }
}

/// One leg: a stock or a European option on an asset, with a signed weight that sizing turns
/// into a quantity at entry.
public struct Leg: Sendable, Hashable {
    public enum Instrument: Sendable, Hashable {
        case stock
        case option(OptionType, strike: StrikeRule, expiry: ExpiryRule)
    }

    public var asset: Int
    public var instrument: Instrument
    /// Signed quantity per unit of size (see `Sizing`); + long, − short.
    public var weight: Double
    /// The underlying group the leg belongs to (for budgets split across underlyings).
    public var group: Int
    /// Pair side (+1 long side, −1 short side, 0 not a pair).
    public var side: Int

    public init(asset: Int, instrument: Instrument, weight: Double, group: Int = 0, side: Int = 0) {
        self.asset = asset
        self.instrument = instrument
        self.weight = weight
        self.group = group
        self.side = side
    }

    public var isOption: Bool { if case .option = instrument { true } else { false } }
}

/// How an option's strike is set on the entry day (per path, from that day's price).
public enum StrikeRule: Sendable, Hashable {
    /// K = m × S at entry (1.0 at the money).
    case moneyness(Double)
    /// The strike whose Black–Scholes delta at entry is this (calls > 0, puts < 0), with the
    /// day's IV: K = S·exp(−d1·σ√τ + (r − q + σ²/2)τ), d1 from N(d1) = |Δ|·e^{qτ} (call) or
    /// N(−d1) = |Δ|·e^{qτ} (put).
    case delta(Double)
    /// A fixed strike in price units.
    case absolute(Double)
}

/// When an option expires.
public enum ExpiryRule: Sendable, Hashable {
    /// This many trading days after entry.
    case tenorDays(Int)
    /// This many trading days after the named event (resolved per scenario).
    case daysAfterEvent(String, Int)
}

/// How big a decision is.
///
/// Each leg's quantity at entry is its weight times: `notional` / the leg asset's price
/// (money split by weight; option legs of g groups get notional/g each); `units`; for a
/// `premiumBudget` B, (B/g) divided by the group's premium per unit of weight; for a
/// `hedgeRatio` h, h × the units held of the group's underlying.
public enum Sizing: Sendable, Hashable {
    case notional(Double)
    case units(Double)
    case premiumBudget(Double)
    case hedgeRatio(Double)
}

/// When a decision enters (at the close of the entry day).
public enum EntryRule: Sendable, Hashable {
    case atStart
    case onDay(Int)
    /// On a calendar date (resolved per scenario; never entered where it is not a day).
    case onDate(CalendarDate)
    /// On weakness: when the watched basket (Σ wᵢ·Sᵢ/Sᵢ,₀ over `watch`) closes at least `drop`
    /// below its reference (the start value, or its running high since day 0), on a day
    /// within 1…`windowDays`. If it never does: skip (never entered) or enter at the
    /// window's last day.
    case onWeakness(drop: Double, reference: WeaknessReference, windowDays: Int, enterAtEnd: Bool, watch: [(asset: Int, weight: Double)])
    /// N trading days before the named event (per scenario; never entered where the event
    /// is absent or too early).
    case beforeEvent(String, days: Int)

    public enum WeaknessReference: String, Sendable, Hashable {
        case start
        case runningHigh
    }

    public static func == (a: EntryRule, b: EntryRule) -> Bool {
        switch (a, b) {
        case (.atStart, .atStart): return true
        case let (.onDay(x), .onDay(y)): return x == y
        case let (.onDate(x), .onDate(y)): return x == y
        case let (.beforeEvent(e1, d1), .beforeEvent(e2, d2)): return e1 == e2 && d1 == d2
        case let (.onWeakness(d1, r1, w1, e1, a1), .onWeakness(d2, r2, w2, e2, a2)):
            return d1 == d2 && r1 == r2 && w1 == w2 && e1 == e2 && a1.count == a2.count
                && zip(a1, a2).allSatisfy { $0.asset == $1.asset && $0.weight == $1.weight }
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .atStart: h.combine(0)
        case let .onDay(d): h.combine(1); h.combine(d)
        case let .onDate(d): h.combine(4); h.combine(d)
        case let .beforeEvent(e, d): h.combine(2); h.combine(e); h.combine(d)
        case let .onWeakness(d, r, w, e, a):
            h.combine(3); h.combine(d); h.combine(r); h.combine(w); h.combine(e)
            for x in a { h.combine(x.asset); h.combine(x.weight) }
        }
    }
}

/// When an open decision exits. Checked at each close after the entry day, in this order
/// (the first that fires wins): stop-loss, take-profit, the event exit, option expiry, the
/// holding horizon; and at the scenario's last day whatever is still open is closed at the
/// mark with reason `horizon`.
public struct ExitRules: Sendable, Hashable {
    /// Exit when the decision's return reaches ≥ this (0.25 = +25%).
    public var takeProfit: Double?
    /// Exit when the decision's return reaches ≤ −this (0.12 = −12%).
    public var stopLoss: Double?
    /// Exit this many trading days after entry.
    public var horizonDays: Int?
    /// Exit this many trading days after the named event.
    public var afterEvent: (event: String, days: Int)?

    public init(takeProfit: Double? = nil, stopLoss: Double? = nil, horizonDays: Int? = nil,
                afterEvent: (event: String, days: Int)? = nil) {
        self.takeProfit = takeProfit
        self.stopLoss = stopLoss
        self.horizonDays = horizonDays
        self.afterEvent = afterEvent
    }

    public static func == (a: ExitRules, b: ExitRules) -> Bool {
        a.takeProfit == b.takeProfit && a.stopLoss == b.stopLoss && a.horizonDays == b.horizonDays
            && a.afterEvent?.event == b.afterEvent?.event && a.afterEvent?.days == b.afterEvent?.days
    }

    public func hash(into h: inout Hasher) {
        h.combine(takeProfit); h.combine(stopLoss); h.combine(horizonDays)
        h.combine(afterEvent?.event); h.combine(afterEvent?.days)
    }
}

/// A claim the card makes about a decision, checked against the simulation.
public struct Thesis: Sendable, Hashable {
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// The decision's return at exit (P&L / basis).
        case `return`
        /// Long side return minus short side return, in basis points (pairs).
        case relativeReturnBps
        /// The decision's P&L at exit, in money.
        case pnl
    }

    public enum Test: String, Sendable, Hashable {
        /// low ≤ value ≤ high
        case within
        /// value ≥ low
        case atLeast
        /// value ≤ high
        case atMost
    }

    public var claim: String
    public var metric: Metric
    public var low: Double?
    public var high: Double?
    public var test: Test
    /// Only in these scenarios (empty: every scenario).
    public var scenarios: [String]

    public init(claim: String, metric: Metric, low: Double?, high: Double?, test: Test, scenarios: [String] = []) {
        self.claim = claim
        self.metric = metric
        self.low = low
        self.high = high
        self.test = test
        self.scenarios = scenarios
    }

    public func isMet(_ value: Double) -> Bool {
        switch test {
        case .within: value >= (low ?? -.infinity) && value <= (high ?? .infinity)
        case .atLeast: value >= (low ?? -.infinity)
        case .atMost: value <= (high ?? .infinity)
        }
    }
}
