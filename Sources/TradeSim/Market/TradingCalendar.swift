/// Trading days from a start date: weekdays that are not in the holiday list.
///
/// Day 0 is the start date (itself a trading day); day d is the d-th trading day after it.
public struct TradingCalendar: Sendable, Hashable {
    /// 252 trading days per year, the convention for every annual quantity.
    public static let tradingDaysPerYear = 252.0

    /// Day 0.
    public let start: CalendarDate
    /// Weekdays that are not trading days.
    public let holidays: Set<CalendarDate>

    /// The calendar from `start` (a trading day) skipping weekends and `holidays`.
    public init(start: CalendarDate, holidays: Set<CalendarDate> = []) {
        self.start = start
        self.holidays = holidays
    }

    /// A weekday not in the holiday list.
    public func isTradingDay(_ date: CalendarDate) -> Bool {
        !date.isWeekend && !holidays.contains(date)
    }

    /// The dates of days 0…`days`.
    public func dates(through days: Int) -> [CalendarDate] {
        var out = [start]
        out.reserveCapacity(days + 1)
        var date = start
        while out.count <= days {
            date = date.adding(days: 1)
            if isTradingDay(date) { out.append(date) }
        }
        return out
    }

    /// The trading-day index of `date` (0 for the start), or nil when it is before the start
    /// or not a trading day. Searches at most `limit` trading days.
    public func day(of date: CalendarDate, limit: Int = 100_000) -> Int? {
        guard date >= start, isTradingDay(date) else { return nil }
        var d = 0
        var current = start
        while current < date && d <= limit {
            current = current.adding(days: 1)
            if isTradingDay(current) { d += 1 }
        }
        return current == date ? d : nil
    }
}
