import Testing
@testable import TradeSim

/// Horizon strings. Expected days from the convention in `Horizon`'s doc comment (252 trading
/// days a year: a week 5, a month 21, a quarter 63), worked by hand.
@Suite("Horizons")
struct HorizonTests {
    @Test("Each unit", arguments: [("10d", 10), ("2w", 10), ("3m", 63), ("1q", 63), ("2q", 126), ("6m", 126), ("1y", 252),
                                    ("100000d", 100_000), ("396y", 99_792)])
    func units(text: String, days: Int) {
        #expect(Horizon.tradingDays(text) == days)
    }

    @Test("Not a horizon: no unit, an unknown unit, zero, negative, fractional, too long",
          arguments: ["", "d", "10", "10x", "0d", "-1m", "1.5m", "3 m", "M3", "100001d", "397y", "99999999999999999999d"])
    func refused(text: String) {
        #expect(Horizon.tradingDays(text) == nil)
    }
}
