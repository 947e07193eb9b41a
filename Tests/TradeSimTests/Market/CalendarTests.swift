import Testing
@testable import TradeSim

@Suite("Calendar and horizons")
struct CalendarTests {
    @Test func dateArithmetic() {
        let d = CalendarDate(iso: "2026-11-26")!
        #expect(d.description == "2026-11-26")
        #expect(d.weekdayName == "Thursday")  // Thanksgiving 2026
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2025-02-29") == nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "2026-1-01") == nil)
        #expect(CalendarDate(iso: "1970-01-01")!.daysSinceEpoch == 0)
        #expect(CalendarDate(iso: "2000-03-01")!.daysSinceEpoch == 11017)
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let c = CalendarDate(daysSinceEpoch: days).components
            #expect(CalendarDate(year: c.year, month: c.month, day: c.day)!.daysSinceEpoch == days)
        }
    }

    @Test func tradingDaysSkipWeekendsAndHolidays() {
        let cal = TradingCalendar(start: CalendarDate(iso: "2026-11-24")!, holidays: [CalendarDate(iso: "2026-11-26")!])
        #expect(cal.dates(through: 4).map(\.description) == ["2026-11-24", "2026-11-25", "2026-11-27", "2026-11-30", "2026-12-01"])
        #expect(cal.day(of: CalendarDate(iso: "2026-11-30")!) == 3)
        #expect(cal.day(of: CalendarDate(iso: "2026-11-28")!) == nil)  // Saturday
        #expect(cal.day(of: CalendarDate(iso: "2026-11-26")!) == nil)  // holiday
    }

    @Test(arguments: [("10d", 10), ("2w", 10), ("3m", 63), ("1q", 63), ("6m", 126), ("1y", 252), ("2y", 504)])
    func horizons(_ text: String, _ days: Int) {
        #expect(Horizon.tradingDays(text) == days)
    }

    @Test(arguments: ["", "m", "0d", "-3m", "3 m", "3x", "1.5y", "3M"])
    func badHorizons(_ text: String) {
        #expect(Horizon.tradingDays(text) == nil)
    }
}
