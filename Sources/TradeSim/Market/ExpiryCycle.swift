/// The dates on which listed options of an underlying expire.
///
/// US equity and ETF options: the standard (monthly) contracts expire on the third Friday of
/// the month, weeklies on the other Fridays; when that Friday is not a trading day (Good Friday
/// 2025-04-18, Juneteenth 2026-06-19) the contracts expire on the trading day before it
/// (Options Clearing Corporation, "Equity Options Product Specifications"; Cboe's expiration
/// calendars). The holidays are the calendar's: a study's `TradingCalendar` decides them.
public enum ExpiryCycle: String, Sendable, Hashable, CaseIterable {
    /// The third Friday of every month.
    case monthly
    /// Every Friday (the third Friday's contracts are the monthly ones).
    case weekly

    /// The third Friday of `month` of `year` (before any holiday adjustment).
    public static func thirdFriday(year: Int, month: Int) -> CalendarDate {
        let first = CalendarDate(year: year, month: month, day: 1)!
        // weekday: 0 = Monday … 4 = Friday.
        let firstFriday = 1 + (4 - first.weekday + 7) % 7
        return first.adding(days: firstFriday - 1 + 14)
    }

    /// The expiry date of the contracts whose nominal expiry is `friday`: that day when it is a
    /// trading day, else the trading day before it.
    public static func adjusted(_ friday: CalendarDate, calendar: TradingCalendar) -> CalendarDate {
        var date = friday
        while !calendar.isTradingDay(date) { date = date.adding(days: -1) }
        return date
    }

    /// The listed expiry dates from `from` through `through` (both included), in order.
    public func expiries(from: CalendarDate, through: CalendarDate, calendar: TradingCalendar) -> [CalendarDate] {
        guard from <= through else { return [] }
        var out: [CalendarDate] = []
        switch self {
        case .monthly:
            var (year, month, _) = from.adding(days: -7).components
            while true {
                let date = Self.adjusted(Self.thirdFriday(year: year, month: month), calendar: calendar)
                if date > through { break }
                if date >= from { out.append(date) }
                month += 1
                if month == 13 { month = 1; year += 1 }
            }
        case .weekly:
            // The Friday on or after `from`, then every seven days; each adjusted for holidays.
            var friday = from.adding(days: (4 - from.weekday + 7) % 7)
            while true {
                let date = Self.adjusted(friday, calendar: calendar)
                if date > through { break }
                if date >= from { out.append(date) }
                friday = friday.adding(days: 7)
            }
        }
        return out
    }

    /// The listed expiry for an option entered on `entry` and wanted to expire on `wanted`:
    /// - `.nearest`: the listed expiry closest to `wanted` in calendar days (a tie: the later
    ///   one), never on or before the entry date — for a tenor ("3 months");
    /// - `.onOrAfter`: the first listed expiry on or after `wanted` — for an option that must
    ///   live through a date (an event it is bought for).
    public func listedExpiry(entry: CalendarDate, wanted: CalendarDate, choice: Choice,
                             calendar: TradingCalendar) -> CalendarDate {
        let earliest = Swift.max(entry.adding(days: 1), choice == .nearest ? wanted.adding(days: -45) : wanted)
        // Every cycle lists an expiry within 45 calendar days of any date, so the window holds
        // the answer and its neighbours.
        let candidates = expiries(from: earliest, through: Swift.max(wanted, earliest).adding(days: 45), calendar: calendar)
        switch choice {
        case .onOrAfter:
            return candidates[0]
        case .nearest:
            var best = candidates[0]
            for date in candidates.dropFirst() {
                let gap = abs(date.daysSinceEpoch - wanted.daysSinceEpoch)
                if gap <= abs(best.daysSinceEpoch - wanted.daysSinceEpoch) { best = date }
            }
            return best
        }
    }

    /// How a listed expiry is chosen for a wanted date (`listedExpiry`).
    public enum Choice: Sendable, Hashable {
        case nearest
        case onOrAfter
    }
}
