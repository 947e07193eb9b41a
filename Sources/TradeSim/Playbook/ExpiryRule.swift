/// When an option expires.
public enum ExpiryRule: Sendable, Hashable {
    /// This many trading days after entry.
    case tenorDays(Int)
    /// This many trading days after the named event (resolved per scenario; may be negative:
    /// before the event).
    case daysAfterEvent(String, Int)

    /// The rule in one scenario: a tenor counted from the entry day, or the day the named
    /// event falls on plus the offset; nil where the scenario does not schedule the event (the
    /// decision never enters there: `DecisionVariant.canEnter(in:)`).
    public func resolved(in scenario: Scenario) -> Resolved? {
        switch self {
        case let .tenorDays(t): .tenor(days: t)
        case let .daysAfterEvent(name, n): scenario.event(named: name).map { .day($0.day + n) }
        }
    }

    /// The rule in one scenario, its expiries on listed dates when `listing` is given
    /// (`OptionListing.resolved`).
    public func resolved(in scenario: Scenario, listing: OptionListing?) -> Resolved? {
        listing.map { $0.resolved(self, in: scenario) } ?? resolved(in: scenario)
    }

    /// The trading day on which an option entered on day `entryDay` of `scenario` expires:
    /// entry + tenor, or the event's day + the offset (each moved to a listed expiry with a
    /// `listing`); nil where the event is not scheduled.
    public func expiryDay(enteredOn entryDay: Int, in scenario: Scenario, listing: OptionListing? = nil) -> Int? {
        resolved(in: scenario, listing: listing)?.day(enteredOn: entryDay)
    }

    /// An expiry rule in one scenario.
    public enum Resolved: Sendable, Hashable {
        /// This many trading days after the entry day.
        case tenor(days: Int)
        /// On this trading day of the scenario, whatever the entry day.
        case day(Int)
        /// Listed expiries (`OptionListing.resolved`): element d is the expiry day of an option
        /// entered on day d.
        case listed([Int])

        /// The expiry day of an option entered on `entryDay`.
        @inline(__always)
        public func day(enteredOn entryDay: Int) -> Int {
            switch self {
            case let .tenor(t): entryDay + t
            case let .day(d): d
            case let .listed(days): days[Swift.min(entryDay, days.count - 1)]
            }
        }
    }
}
