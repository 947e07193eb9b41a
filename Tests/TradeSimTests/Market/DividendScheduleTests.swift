import Foundation
import Testing
@testable import TradeSim

/// Ex-days of cash dividends and the escrowed-dividend option price, against numbers worked by
/// hand: PV(D) = D·e^{−r·t/252}, and Black–Scholes–Merton on S − PV written out here with the
/// normal CDF from `erfc` (not the project's pricer).
@Suite("Dividend schedule and escrowed-dividend prices")
struct DividendScheduleTests {
    /// Monday 2026-01-05 … : day 4 is Friday 01-09, day 5 Monday 01-12.
    static let dates = TradingCalendar(start: CalendarDate(iso: "2026-01-05")!).dates(through: 20)

    @Test func exDateMapsToTheFirstTradingDayOnOrAfterIt() {
        func day(_ s: String) -> Int? { DividendSchedule.day(of: CalendarDate(iso: s)!, dates: Self.dates) }
        #expect(day("2026-01-05") == nil)   // in the start price already
        #expect(day("2026-01-01") == nil)
        #expect(day("2026-01-09") == 4)
        #expect(day("2026-01-10") == 5)     // Saturday → Monday
        #expect(day("2026-01-12") == 5)
        #expect(day("2026-02-02") == 20)    // the last date
        #expect(day("2026-02-03") == 21)    // past it: weekdays counted on
        #expect(day("2026-02-07") == 25)    // Saturday after Fri 02-06 (day 24) → Mon 02-09
    }

    static func schedule(amounts: [(String, Double)], rate: Double = 0.05) throws -> (DividendSchedule, Study) {
        let list = amounts.map { #"{"exDate": "\#($0.0)", "amount": \#($0.1)}"# }.joined(separator: ", ")
        let s = try StudyText.study("""
            {"name": "t", "start": "2026-01-05", "calendar": "none",
             "universe": [{"ticker": "A", "spot": 100, "volatility": 0.3, "dividends": [\(list)]}],
             "scenarios": [{"name": "s", "horizon": 20, "rate": \(rate)}]}
            """)
        return (DividendSchedule(universe: s.universe, scenario: s.scenarios[0]), s)
    }

    static func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Black–Scholes (no yield) by hand.
    static func bs(call: Bool, s: Double, k: Double, sigma: Double, r: Double, t: Double) -> Double {
        let d1 = (log(s / k) + (r + sigma * sigma / 2) * t) / (sigma * t.squareRoot()), d2 = d1 - sigma * t.squareRoot()
        return call ? s * phi(d1) - k * exp(-r * t) * phi(d2) : k * exp(-r * t) * phi(-d2) - s * phi(-d1)
    }

    /// Two dividends, 2.00 ex on day 4 and 1.25 ex on day 15; an option from day 2 to day 15
    /// spans both (the expiry day's counts), one from day 5 spans only the second.
    @Test func presentValueAndEscrowedSpot() throws {
        let (schedule, _) = try Self.schedule(amounts: [("2026-01-09", 2), ("2026-01-26", 1.25)])
        #expect(schedule.exDays[0].map(\.day) == [4, 15])
        let pv = 2 * exp(-0.05 * 2 / 252) + 1.25 * exp(-0.05 * 13 / 252)
        #expect(abs(schedule.presentValue(asset: 0, day: 2, expiry: 15, rate: 0.05) - pv) < 1e-14)
        #expect(abs(schedule.escrowedSpot(100, asset: 0, day: 2, expiry: 15, rate: 0.05) - (100 - pv)) < 1e-12)
        #expect(abs(schedule.presentValue(asset: 0, day: 5, expiry: 15, rate: 0.05) - 1.25 * exp(-0.05 * 10 / 252)) < 1e-14)
        #expect(schedule.presentValue(asset: 0, day: 4, expiry: 14, rate: 0.05) == 0)  // ex today: in the price
        #expect(schedule.escrowedSpot(100, asset: 0, day: 15, expiry: 30, rate: 0.05) == 100)
    }

    /// S = 100, K = 95, σ = 25%, r = 5%, τ = 13/252 with both dividends before expiry: the
    /// European price is Black–Scholes on S − PV, and C − P = (S − PV) − K·e^{−rτ}.
    @Test func escrowedPriceAndPutCallParity() throws {
        let (schedule, _) = try Self.schedule(amounts: [("2026-01-09", 2), ("2026-01-26", 1.25)])
        let pv = 2 * exp(-0.05 * 2 / 252) + 1.25 * exp(-0.05 * 13 / 252)
        let t = 13.0 / 252, sStar = 100 - pv
        let spot = schedule.escrowedSpot(100, asset: 0, day: 2, expiry: 15, rate: 0.05)
        func price(_ type: OptionType) -> Double {
            BlackScholes.price(BlackScholesInputs(type: type, spot: spot, strike: 95, volatility: 0.25, rate: 0.05, years: t))
        }
        let call = price(.call), put = price(.put)
        #expect(abs(call - Self.bs(call: true, s: sStar, k: 95, sigma: 0.25, r: 0.05, t: t)) < 1e-10)
        #expect(abs(put - Self.bs(call: false, s: sStar, k: 95, sigma: 0.25, r: 0.05, t: t)) < 1e-10)
        #expect(abs((call - put) - (sStar - 95 * exp(-0.05 * t))) < 1e-10)
        // The dividends make the call cheaper and the put dearer than without them.
        let plain = BlackScholes.price(BlackScholesInputs(type: .call, spot: 100, strike: 95, volatility: 0.25, rate: 0.05, years: t))
        #expect(call < plain)
    }

    /// Without cash dividends no path model is touched: the schedule is empty, no drop.
    @Test func noDividendsNoSchedule() throws {
        let (schedule, s) = try Self.schedule(amounts: [])
        #expect(!schedule.hasCashDividends && !schedule.dropsPrice && schedule.accruingYield == [0])
        #expect(s.universe.assets[0].dividends.isEmpty)
    }
}

extension DividendScheduleTests {
    /// Eight lanes, expiries 3…17 by 2: lanes expiring before day 4 keep S; those from day 4
    /// subtract 2·e^{−r·2/252}; from day 15 also 1.25·e^{−r·13/252}. No dividend in any
    /// lane's life: nil.
    @Test func escrowedSpotsLaneByLane() throws {
        let (schedule, _) = try Self.schedule(amounts: [("2026-01-09", 2), ("2026-01-26", 1.25)])
        let expiries = SIMD8<Double>(3, 5, 7, 9, 11, 13, 15, 17)
        let s = try #require(schedule.escrowedSpots(SIMD8(repeating: 100), asset: 0, day: 2, expiries: expiries, rate: 0.05))
        let first = 2 * exp(-0.05 * 2 / 252), second = 1.25 * exp(-0.05 * 13 / 252)
        let expected: [Double] = [100] + Array(repeating: 100 - first, count: 5) + Array(repeating: 100 - first - second, count: 2)
        for l in 0..<8 { #expect(abs(s[l] - expected[l]) < 1e-12, "lane \(l)") }
        #expect(schedule.escrowedSpots(SIMD8(repeating: 100), asset: 0, day: 4, expiries: SIMD8(repeating: 14), rate: 0.05) == nil)
    }
}
