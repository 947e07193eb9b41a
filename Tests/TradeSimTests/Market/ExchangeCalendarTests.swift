import Testing
@testable import TradeSim

/// The NYSE holidays by rule, against NYSE Group's published calendars: the press release of
/// 8 November 2024, "NYSE Group Announces 2025, 2026 and 2027 Holiday and Early Closings
/// Calendar" (every date below, typed from it), and the 2022 calendar (New Year's Day on a
/// Saturday: no closure; Juneteenth and Christmas on a Sunday: observed on the Monday).
@Suite("Exchange calendars")
struct ExchangeCalendarTests {
    static let published: [Int: [String]] = [
        2022: ["2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-11-24", "2022-12-26"],
        2025: ["2025-01-01", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25"],
        2026: ["2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25"],
        2027: ["2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24"],
    ]

    @Test(arguments: [2022, 2025, 2026, 2027])
    func nyseHolidaysAsPublished(_ year: Int) {
        #expect(ExchangeCalendar.nyse.holidays(year: year).map(\.date.description) == Self.published[year]!)
    }

    /// Each year's closures come out in date order without a sort (the rules' date windows follow one another).
    @Test func closuresInDateOrderOverSixHundredYears() {
        for year in 1900...2500 {
            let dates = ExchangeCalendar.nyse.holidays(year: year).map(\.date)
            #expect(zip(dates, dates.dropFirst()).allSatisfy { $0 < $1 }, "\(year)")
            #expect(dates.count == (year >= 2022 ? 10 : year >= 1998 ? 9 : 8) - (CalendarDate(year: year, month: 1, day: 1)!.weekday == 5 ? 1 : 0))
        }
    }

    @Test func namesRangesAndNone() {
        #expect(ExchangeCalendar.nyse.holiday(on: CalendarDate(iso: "2027-06-18")!) == "Juneteenth National Independence Day")
        #expect(ExchangeCalendar.nyse.holiday(on: CalendarDate(iso: "2027-06-21")!) == nil)
        #expect(ExchangeCalendar.nyse.holidays(from: CalendarDate(iso: "2026-12-01")!, through: CalendarDate(iso: "2027-01-31")!).map(\.description)
                == ["2026-12-25", "2027-01-01", "2027-01-18"])
        #expect(ExchangeCalendar.none.holidays(year: 2026).isEmpty)
        // Easter Sundays (Meeus's table): 2000-04-23, 2019-04-21, 2038-04-25.
        #expect([2000, 2019, 2038].map { ExchangeCalendar.easter($0).description } == ["2000-04-23", "2019-04-21", "2038-04-25"])
    }
}
