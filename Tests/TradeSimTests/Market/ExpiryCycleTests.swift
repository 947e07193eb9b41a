import Testing
@testable import TradeSim

/// Listed expiries. The expected dates are the published ones: the standard monthly US
/// equity-option expirations of 2025 and 2026 (third Fridays; Thursday 2025-04-17 for Good
/// Friday and Thursday 2026-06-18 for Juneteenth, as Cboe's and the OCC's expiration
/// calendars list them). The holidays are NYSE's published closures for 2025–2026, written
/// here by hand (including the 2025-01-09 national day of mourning).
@Suite("Expiry cycles")
struct ExpiryCycleTests {
    static let nyse2025to2026: Set<CalendarDate> = Set([
        "2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19",
        "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25",
        "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03",
        "2026-09-07", "2026-11-26", "2026-12-25",
    ].map { CalendarDate(iso: $0)! })
    static let calendar = TradingCalendar(start: CalendarDate(iso: "2025-01-02")!, holidays: nyse2025to2026)

    static func dates(_ texts: [String]) -> [CalendarDate] { texts.map { CalendarDate(iso: $0)! } }

    @Test("Monthly expiries of 2025 and 2026: third Fridays, the day before on a holiday")
    func monthly() {
        let got = ExpiryCycle.monthly.expiries(from: CalendarDate(iso: "2025-01-01")!, through: CalendarDate(iso: "2026-12-31")!,
                                               calendar: Self.calendar)
        #expect(got == Self.dates([
            "2025-01-17", "2025-02-21", "2025-03-21", "2025-04-17", "2025-05-16", "2025-06-20",
            "2025-07-18", "2025-08-15", "2025-09-19", "2025-10-17", "2025-11-21", "2025-12-19",
            "2026-01-16", "2026-02-20", "2026-03-20", "2026-04-17", "2026-05-15", "2026-06-18",
            "2026-07-17", "2026-08-21", "2026-09-18", "2026-10-16", "2026-11-20", "2026-12-18",
        ]))
    }

    @Test("Weeklies: every Friday, Thursday when the Friday is a holiday (Good Friday, July 3 2026)")
    func weekly() {
        let spring = ExpiryCycle.weekly.expiries(from: CalendarDate(iso: "2026-03-25")!, through: CalendarDate(iso: "2026-04-20")!,
                                                 calendar: Self.calendar)
        #expect(spring == Self.dates(["2026-03-27", "2026-04-02", "2026-04-10", "2026-04-17"]))
        let summer = ExpiryCycle.weekly.expiries(from: CalendarDate(iso: "2026-06-15")!, through: CalendarDate(iso: "2026-07-12")!,
                                                 calendar: Self.calendar)
        #expect(summer == Self.dates(["2026-06-18", "2026-06-26", "2026-07-02", "2026-07-10"]))
        // a range that starts on an expiry includes it; one that ends the day before excludes it
        #expect(ExpiryCycle.weekly.expiries(from: CalendarDate(iso: "2026-04-02")!, through: CalendarDate(iso: "2026-04-09")!,
                                            calendar: Self.calendar) == Self.dates(["2026-04-02"]))
        #expect(ExpiryCycle.monthly.expiries(from: CalendarDate(iso: "2026-07-01")!, through: CalendarDate(iso: "2026-06-01")!,
                                             calendar: Self.calendar).isEmpty)
    }

    @Test("Third Fridays of months starting on each weekday")
    func thirdFriday() {
        // 2026: Jun 1 Mon → 19, May 1 Fri → 15, Jan 1 Thu → 16, Aug 1 Sat → 21, Feb 1 Sun → 20,
        // Sep 1 Tue → 18, Apr 1 Wed → 17.
        let cases = [(6, 19), (5, 15), (1, 16), (8, 21), (2, 20), (9, 18), (4, 17)]
        for (month, day) in cases {
            #expect(ExpiryCycle.thirdFriday(year: 2026, month: month) == CalendarDate(year: 2026, month: month, day: day)!)
        }
    }

    @Test("The listed expiry for a wanted date: nearest (ties later, never the entry day) or on or after")
    func choice() {
        func listed(_ cycle: ExpiryCycle, _ entry: String, _ wanted: String, _ choice: ExpiryCycle.Choice) -> String {
            cycle.listedExpiry(entry: CalendarDate(iso: entry)!, wanted: CalendarDate(iso: wanted)!, choice: choice,
                               calendar: Self.calendar).description
        }
        // six months from 2026-01-05: July 17 is 11 days away, June 18 is 18
        #expect(listed(.monthly, "2026-01-05", "2026-07-06", .nearest) == "2026-07-17")
        #expect(listed(.monthly, "2026-01-05", "2026-07-01", .nearest) == "2026-06-18")
        // an option bought for an event on 2026-06-10 must live through it
        #expect(listed(.monthly, "2026-01-05", "2026-06-10", .onOrAfter) == "2026-06-18")
        #expect(listed(.monthly, "2026-01-05", "2026-06-18", .onOrAfter) == "2026-06-18")
        #expect(listed(.monthly, "2026-01-05", "2026-06-19", .onOrAfter) == "2026-07-17")
        // weeklies: Monday 2026-04-06 is 4 days from Thursday 04-02 and from Friday 04-10: the later
        #expect(listed(.weekly, "2026-03-20", "2026-04-06", .nearest) == "2026-04-10")
        #expect(listed(.weekly, "2026-03-20", "2026-04-08", .nearest) == "2026-04-10")
        // entered on an expiry day, wanted the next day: not the entry day itself
        #expect(listed(.monthly, "2026-06-18", "2026-06-19", .nearest) == "2026-07-17")
    }
}
