/// The kinds of decision a card makes (DESIGN §1), each lowered to plain legs.
public enum DecisionKind: String, Sendable, Hashable, CaseIterable {
    /// Long (or short) a weighted basket of stocks.
    case basket
    /// Puts or put spreads on named tickers or a tag, standalone or over held exposure.
    case protection
    /// Long one side, short the other, dollar- or beta-neutral at entry.
    case pair
    /// A straddle (call + put at one strike) entered before a named event.
    case eventStraddle
    /// A strangle (put below, call above) entered before a named event.
    case eventStrangle
    /// Long stock, long put below, short call above.
    case collar
    /// Explicit stock and option legs.
    case legs
}

/// How a decision ended on a path.
public enum ExitReason: UInt8, Sendable, Hashable, CaseIterable {
    case neverEntered = 0
    /// The take-profit level was reached.
    case target
    /// The stop-loss level was reached.
    case stop
    /// The holding horizon passed, or the scenario ended with the position open.
    case horizon
    /// The options expired.
    case expiry
    /// The set number of days after the named event passed.
    case event
    /// A sold American option was assigned (`ExitRules.Assignment.assign`): for a leg, the
    /// close at which exercising it became optimal for its holder; for a decision, that close
    /// when the assignment left it holding nothing.
    case assigned

    /// The word used in reports (`exits.csv`, `trades.csv`).
    public var label: String {
        switch self {
        case .neverEntered: "never_entered"
        case .target: "target"
        case .stop: "stop"
        case .horizon: "horizon"
        case .expiry: "expiry"
        case .event: "event"
        case .assigned: "assigned"
        }
    }
}
