/// Options as an exchange lists them: whole contracts, strikes on the listed ladder, expiries
/// on listed dates. A playbook without one trades idealised options (any quantity, the exact
/// strike its rule asks for, expiry on any trading day).
///
/// The rules, each used by the engine, the report's payoff diagrams and validation alike:
/// - strike: the rule's strike (`StrikeRule.strike`) moved to the nearest listed strike of the
///   asset's ladder (`StrikeLadder.listedStrike(nearest:)`);
/// - expiry: a tenor's wanted date (the entry day + the tenor, in trading days) moved to the
///   nearest listed expiry; an event's wanted date (the event day + the offset) to the first
///   listed expiry on or after it, so the option lives through the event
///   (`ExpiryCycle.listedExpiry`, with the study's holidays);
/// - size: whole contracts (`WholeContracts` for a premium budget, costs included; other
///   sizings rounded toward zero to whole contracts of `CostModel.contractMultiplier`).
public struct OptionListing: Sendable, Hashable {
    /// The ladder of every asset without its own.
    public var strikes: StrikeLadder
    /// Assets (universe indices) with their own ladder.
    public var assetStrikes: [Int: StrikeLadder]
    /// The cycle of listed expiry dates.
    public var expiries: ExpiryCycle
    /// Exchange holidays: a listed expiry on one moves to the trading day before.
    public var holidays: Set<CalendarDate>

    /// Listed options on `strikes` (per-asset `assetStrikes` win) and `expiries`, with the
    /// exchange `holidays` (a study's `holidays`); defaults: US equity ladder, monthly.
    public init(strikes: StrikeLadder = .usEquity, assetStrikes: [Int: StrikeLadder] = [:], expiries: ExpiryCycle = .monthly,
                holidays: Set<CalendarDate> = []) {
        self.strikes = strikes
        self.assetStrikes = assetStrikes
        self.expiries = expiries
        self.holidays = holidays
    }

    /// The strike ladder of `asset`.
    public func ladder(asset: Int) -> StrikeLadder { assetStrikes[asset] ?? strikes }

    /// The listed strike of `asset` nearest `wanted` (price units).
    public func strike(nearest wanted: Double, asset: Int) -> Double {
        ladder(asset: asset).listedStrike(nearest: wanted)
    }

    /// Whole contracts' worth of shares: `shares` rounded toward zero to a multiple of
    /// `multiplier` (shares per contract).
    public static func wholeContracts(shares: Double, multiplier: Double) -> Double {
        (shares / multiplier).rounded(.towardZero) * multiplier
    }

    /// The date of trading day `day` of `scenario`, counted on past its last date by the
    /// calendar (weekdays that are not `holidays`).
    public func date(ofDay day: Int, in scenario: Scenario) -> CalendarDate {
        days(scenario).date(ofDay: day)
    }

    func days(_ scenario: Scenario) -> ScenarioDays {
        ScenarioDays(dates: scenario.dates, calendar: TradingCalendar(start: scenario.dates[0], holidays: holidays))
    }

    /// An expiry rule in `scenario` with listed expiries: per entry day 0…horizon, the trading
    /// day of its listed expiry (a tenor), or the one listed day (an event); nil where the
    /// scenario does not schedule the event. Days past the horizon count on from the last
    /// date by the calendar (weekdays that are not `holidays`).
    public func resolved(_ rule: ExpiryRule, in scenario: Scenario) -> ExpiryRule.Resolved? {
        let days = days(scenario)
        switch rule {
        case let .tenorDays(t):
            return .listed(scenario.dates.indices.map { d in
                let expiry = expiries.listedExpiry(entry: days.date(ofDay: d), wanted: days.date(ofDay: d + t), choice: .nearest,
                                                   calendar: days.calendar)
                return Swift.max(days.day(of: expiry), d + 1)
            })
        case let .daysAfterEvent(name, n):
            guard let event = scenario.event(named: name) else { return nil }
            let wanted = days.date(ofDay: Swift.max(event.day + n, 1))
            let expiry = expiries.listedExpiry(entry: days.date(ofDay: 0), wanted: wanted, choice: .onOrAfter, calendar: days.calendar)
            return .day(days.day(of: expiry))
        }
    }
}

/// A scenario's trading days as dates, counted on past its last date by a calendar.
struct ScenarioDays {
    let dates: [CalendarDate]
    let calendar: TradingCalendar

    /// The date of trading day `day` (≥ 0): past the last date, the calendar's trading days
    /// counted on from it (`TradingCalendar.dates(through:)`).
    func date(ofDay day: Int) -> CalendarDate {
        if day < dates.count { return dates[day] }
        let last = dates.count - 1
        return TradingCalendar(start: dates[last], holidays: calendar.holidays).dates(through: day - last)[day - last]
    }

    /// The trading day of `date`: its index among the dates (a date between two of them: the
    /// earlier, the last trading day on or before it), or past the last date, the last index
    /// plus the calendar's trading days after it up to `date`.
    func day(of date: CalendarDate) -> Int {
        guard let last = dates.last, date > last else {
            // the last index whose date is on or before `date`
            var low = 0, high = dates.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if dates[mid] <= date { low = mid } else { high = mid - 1 }
            }
            return low
        }
        var d = dates.count - 1
        var current = last
        while current < date {
            current = current.adding(days: 1)
            if calendar.isTradingDay(current) { d += 1 }
        }
        return d
    }
}
