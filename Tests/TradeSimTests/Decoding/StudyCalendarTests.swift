import Testing
@testable import TradeSim

/// A study's `calendar` (issue 20): `"nyse"`, the default, adds the NYSE holidays by rule to
/// the listed `holidays`; `"none"` keeps weekends and the listed holidays only. Dates counted
/// by hand on a 2026 calendar.
@Suite("Study calendar")
struct StudyCalendarTests {
    static func study(_ top: String, scenario: String = #"{"name": "s", "horizon": 10}"#) -> String {
        """
        {"name": "t", "start": "2026-11-20",\(top)
         "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.6}],
         "scenarios": [\(scenario)]}
        """
    }

    /// From Friday 2026-11-20: 23, 24, 25, (26 Thanksgiving), 27, 30 Nov, 1 Dec … — with
    /// `"calendar": "nyse"` and with no `calendar` at all.
    @Test(arguments: [#" "calendar": "nyse","#, ""])
    func nyseSkipsThanksgiving(_ top: String) throws {
        let nyse = try StudyText.study(Self.study(top))
        #expect(nyse.scenarios[0].dates.prefix(7).map(\.description)
                == ["2026-11-20", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-27", "2026-11-30", "2026-12-01"])
        // Listed holidays join the rules (an unscheduled closure, as on 2025-01-09).
        let both = try StudyText.study(Self.study(#" "calendar": "nyse", "holidays": ["2026-11-27"],"#))
        #expect(both.scenarios[0].dates[4].description == "2026-11-30")
    }

    /// With `"calendar": "none"` Thanksgiving is a trading day.
    @Test func noneKeepsEveryWeekday() throws {
        let study = try StudyText.study(Self.study(#" "calendar": "none","#))
        #expect(study.scenarios[0].dates[4].description == "2026-11-26")
        #expect(study.calendar.holidays.isEmpty)
    }

    @Test func badCalendarsAndDaysTheExchangeIsClosed() {
        #expect(StudyText.problems(Self.study(#" "calendar": "lse","#))
                == [#"test.json:1:50: calendar: found "lse"; allowed: one of "nyse", "none""#])
        #expect(StudyText.problems(Self.study(#" "calendar": true,"#))
                == [#"test.json:1:50: calendar: found true; allowed: one of "nyse", "none""#])
        #expect(StudyText.problems(Self.study(#" "calendar": "nyse","#).replacingOccurrences(of: "2026-11-20", with: "2026-11-26"))
                == ["test.json:1:24: start: found 2026-11-26 (Thanksgiving Day, an NYSE holiday); allowed: a trading day (a weekday that is neither in holidays nor a holiday of the calendar)"])
        let event = #"{"name": "s", "horizon": 10, "events": [{"name": "m", "date": "2026-11-26", "outcomes": [{"name": "a", "probability": 1}]}]}"#
        #expect(StudyText.problems(Self.study(#" "calendar": "nyse","#, scenario: event))
                == ["test.json:3:78: scenarios[0].events[0].date: found 2026-11-26 (Thanksgiving Day, an NYSE holiday); allowed: a trading day from 2026-11-23 to 2026-12-07"])
        #expect(StudyText.problems(Self.study("", scenario: event))
                == ["test.json:3:78: scenarios[0].events[0].date: found 2026-11-26 (Thanksgiving Day, an NYSE holiday); allowed: a trading day from 2026-11-23 to 2026-12-07"])
        #expect(StudyText.problems(Self.study(#" "calendar": "none","#, scenario: event)).isEmpty)
    }

    /// The decoder takes the closures of 2 × 100,000 trading days; `holidays(from:tradingDays:)`
    /// must reach past the n-th trading day for every n: each NYSE holiday up to that day is in it.
    @Test(arguments: [1, 10, 250, 252, 2_520, 25_000, 200_000])
    func closuresReachPastTheLastTradingDay(_ n: Int) {
        for start in ["2026-01-02", "2026-12-24", "2027-06-30"].map({ CalendarDate(iso: $0)! }) {
            let closures = ExchangeCalendar.nyse.holidays(from: start, tradingDays: n)
            let last = TradingCalendar(start: start, holidays: Set(closures)).dates(through: n)[n]
            #expect(Set(ExchangeCalendar.nyse.holidays(from: start, through: last)).isSubset(of: Set(closures)))
        }
    }

    /// The longest horizon with the NYSE calendar: its last day is a trading day by the rules.
    @Test func longestHorizonKeepsTheRules() throws {
        let study = try StudyText.study(Self.study(#" "calendar": "nyse","#, scenario: #"{"name": "s", "horizon": 100000, "drifts": {"MP": 0.1}, "volatilities": {"MP": 0.3}}"#))
        let dates = study.scenarios[0].dates
        #expect(dates.count == 100_001)
        let closures = Set(ExchangeCalendar.nyse.holidays(from: dates[0], through: dates.last!))
        #expect(closures.count > 3_900 && !dates.contains { closures.contains($0) || $0.isWeekend })
    }
}
