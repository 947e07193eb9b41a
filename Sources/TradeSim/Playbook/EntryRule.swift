/// When a decision enters (at the close of the entry day).
public enum EntryRule: Sendable, Hashable {
    case atStart
    /// On this trading day (0 is the first; never entered where the scenario is shorter).
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

    /// What a weakness entry measures the drop from: the start price, or the running high since the start.
    public enum WeaknessReference: String, Sendable, Hashable {
        case start
        case runningHigh
    }

    /// When the rule enters in one scenario.
    public enum Schedule: Sendable, Hashable {
        /// On this trading day, on every path.
        case day(Int)
        /// On a day each path decides (on weakness): watched from day 0.
        case watched
        /// Never: the day is outside the scenario, the date is not one of its trading days, or
        /// the event is not scheduled (or falls fewer days after the start than the entry is
        /// before it).
        case never
    }

    /// The entry day in `scenario`: 0 at the start; day d when 0 ≤ d ≤ the horizon; the date's
    /// index among the scenario's trading days; the event's day − N when that is ≥ 0;
    /// on weakness, watched. The engine, the report's payoff diagrams and validation all take
    /// the entry day from here.
    public func schedule(in scenario: Scenario) -> Schedule {
        switch self {
        case .atStart: return .day(0)
        case let .onDay(d): return d >= 0 && d <= scenario.horizonDays ? .day(d) : .never
        case let .onDate(date): return scenario.dates.firstIndex(of: date).map { .day($0) } ?? .never
        case let .beforeEvent(name, days):
            guard let e = scenario.event(named: name), e.day - days >= 0 else { return .never }
            return .day(e.day - days)
        case .onWeakness: return .watched
        }
    }

    /// The entry day every path shares in `scenario` (nil on weakness, or never).
    public func day(in scenario: Scenario) -> Int? {
        if case let .day(d) = schedule(in: scenario) { return d }
        return nil
    }

    /// The event the rule waits for, if any.
    public var event: String? {
        if case let .beforeEvent(name, _) = self { return name }
        return nil
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
