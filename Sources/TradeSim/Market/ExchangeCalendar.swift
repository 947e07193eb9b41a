/// An exchange's holidays by rule: a study's `calendar` (`"nyse"` or `"none"`), which the study
/// decoder adds to the study's listed `holidays`, and the calendar `tradesim draft` writes into a
/// drafted study (issue 20: a drafted strangle was entered on 2027-01-01). One definition for both.
///
/// `nyse` is the New York Stock Exchange's full-day closures by rule (NYSE Rule
/// 7.2 and the holidays it names), weekends aside:
/// - New Year's Day, 1 January; on a Sunday the Monday after; on a Saturday not observed (the
///   exchange does not close on the Friday before, which ends a year: 2022 had no closure).
/// - Martin Luther King, Jr. Day, the third Monday of January (from 1998).
/// - Washington's Birthday, the third Monday of February.
/// - Good Friday, two days before Easter Sunday (Gregorian computus, the "anonymous" algorithm
///   of Meeus, *Astronomical Algorithms*, ch. 8).
/// - Memorial Day, the last Monday of May.
/// - Juneteenth National Independence Day, 19 June (from 2022).
/// - Independence Day, 4 July.
/// - Labor Day, the first Monday of September.
/// - Thanksgiving Day, the fourth Thursday of November.
/// - Christmas Day, 25 December.
/// Juneteenth, Independence Day and Christmas on a Saturday are observed on the Friday before,
/// on a Sunday on the Monday after. Unscheduled closures (a national day of mourning, as on
/// 9 January 2025; weather) and early closes are not rules and are not listed. Checked against
/// NYSE Group's published calendar for 2025–2027 (press release of 8 November 2024, "NYSE Group
/// Announces 2025, 2026 and 2027 Holiday and Early Closings Calendar") and the 2022 calendar
/// (New Year's Day on a Saturday not observed; Juneteenth and Christmas on a Sunday observed
/// on Monday) in `ExchangeCalendarTests`.
///
/// `none`: weekends only.
package enum ExchangeCalendar: String, Sendable, CaseIterable {
    case nyse, none

    /// The closures of one year, in date order, with their names. The order is the rules':
    /// each holiday's possible dates lie after the one before (New Year's Day 1–2 January, King
    /// Day 15–21 January, Washington's Birthday 15–21 February, Good Friday 20 March–23 April,
    /// Memorial Day 25–31 May, Juneteenth 18–20 June, Independence Day 3–5 July, Labor Day
    /// 1–7 September, Thanksgiving 22–28 November, Christmas 24–26 December), so nothing is
    /// sorted (`ExchangeCalendarTests` checks the order over 600 years).
    package func holidays(year: Int) -> [(date: CalendarDate, name: String)] {
        guard self == .nyse else { return [] }
        func date(_ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: year, month: m, day: d)! }
        /// The n-th `weekday` (0 = Monday … 6 = Sunday, as `CalendarDate.weekday`) of a month; n = −1 for the last.
        func nth(_ n: Int, _ weekday: Int, of month: Int) -> CalendarDate {
            if n > 0 {
                let first = date(month, 1)
                return first.adding(days: (weekday - first.weekday + 7) % 7 + 7 * (n - 1))
            }
            let nextMonth = month == 12 ? CalendarDate(year: year + 1, month: 1, day: 1)! : date(month + 1, 1)
            let last = nextMonth.adding(days: -1)
            return last.adding(days: -((last.weekday - weekday + 7) % 7))
        }
        /// A fixed-date holiday moved off a weekend: Saturday → Friday, Sunday → Monday.
        func observed(_ d: CalendarDate) -> CalendarDate {
            d.weekday == 5 ? d.adding(days: -1) : d.weekday == 6 ? d.adding(days: 1) : d
        }
        var out: [(date: CalendarDate, name: String)] = []
        out.reserveCapacity(10)
        let newYear = date(1, 1)
        if newYear.weekday != 5 { out.append((observed(newYear), "New Year's Day")) }
        if year >= 1998 { out.append((nth(3, 0, of: 1), "Martin Luther King, Jr. Day")) }
        out.append((nth(3, 0, of: 2), "Washington's Birthday"))
        out.append((Self.easter(year).adding(days: -2), "Good Friday"))
        out.append((nth(-1, 0, of: 5), "Memorial Day"))
        if year >= 2022 { out.append((observed(date(6, 19)), "Juneteenth National Independence Day")) }
        out.append((observed(date(7, 4)), "Independence Day"))
        out.append((nth(1, 0, of: 9), "Labor Day"))
        out.append((nth(4, 3, of: 11), "Thanksgiving Day"))
        out.append((observed(date(12, 25)), "Christmas Day"))
        return out
    }

    /// The closures from `from` through `through`, in date order.
    package func holidays(from: CalendarDate, through: CalendarDate) -> [CalendarDate] {
        guard from <= through else { return [] }
        let first = from.components.year, last = through.components.year
        var out: [CalendarDate] = []
        out.reserveCapacity((last - first + 1) * 10)
        for year in first...last {
            for h in holidays(year: year) where h.date >= from && h.date <= through { out.append(h.date) }
        }
        return out
    }

    /// The closures on and after `start` through the calendar day by which `tradingDays`
    /// trading days have surely passed: `tradingDays` · 7/5 weekdays' worth of calendar days,
    /// plus 14 calendar days (two weeks of weekdays) for each 250 trading days begun, more than
    /// the exchange's at most 10 weekday closures a year need.
    package func holidays(from start: CalendarDate, tradingDays: Int) -> [CalendarDate] {
        holidays(from: start, through: start.adding(days: tradingDays * 7 / 5 + 14 * (tradingDays / 250 + 1)))
    }

    /// The name of the closure on `date`, or nil when the exchange is open (or it is a weekend).
    package func holiday(on date: CalendarDate) -> String? {
        holidays(year: date.components.year).first { $0.date == date }?.name
    }

    /// The closure on `date` as messages name it ("Christmas Day, an NYSE holiday"), or nil when the exchange is open.
    package func holidayPhrase(on date: CalendarDate) -> String? {
        holiday(on: date).map { "\($0), an \(rawValue.uppercased()) holiday" }
    }

    /// Easter Sunday of a Gregorian year (Meeus's "anonymous" algorithm).
    static func easter(_ year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }
}
