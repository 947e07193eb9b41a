import Foundation
import Testing
@testable import TradeSim

/// Options on a share that pays a cash dividend in their life are priced on the escrowed spot
/// S* = S − D·e^{−r·t/252} (t trading days from the pricing day to the ex-date; Hull, "Options,
/// Futures, and Other Derivatives", ch. 17, the known-dividend adjustment), by the scalar entry
/// price, the eight-lane entry kernel and the daily mark alike. Expected prices are
/// `BlackScholes.price` (checked against QuantLib elsewhere) at S* computed here by hand.
@Suite("Option prices with cash dividends (escrowed spot)")
struct EscrowedDividendMarkTests {
    static let rate = 0.03, dividend = 2.0, exDay = 5

    /// DIV at 100, vol 0.3, a 2.00 dividend going ex on Monday 2026-01-12 (day 5). The scripted
    /// price stays at 100 (the carry pays the dividend as cash; see `DividendCarryTests`).
    static func study(model: String, entryDay: Int) throws -> Study {
        try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "DIV", "exercise": "european", "spot": 100, "volatility": 0.3, "dividends": [{"exDate": "2026-01-12", "amount": \(dividend)}]}],
             "scenarios": [{"name": "s", "horizon": 25, "rate": \(rate), "impliedVol": {"baseMultiple": 1}, \(model)}],
             "playbook": {"capital": 1000000, "decisions": [
               {"id": "stock", "kind": "basket", "assets": {"DIV": 1}, "size": {"units": 1}, "entry": {"day": \(entryDay)}},
               {"id": "put", "kind": "protection", "underlyings": ["DIV"], "strike": "atm", "expiry": 20, "size": {"units": 1},
                "entry": {"day": \(entryDay)}}]}}
            """)
    }

    static func put(spot: Double, strike: Double, day: Int, expiry: Int) -> Double {
        let escrowed = day < exDay && exDay <= expiry ? spot - dividend * exp(-rate * Double(exDay - day) / 252) : spot
        return BlackScholes.price(BlackScholesInputs(type: .put, spot: escrowed, strike: strike, volatility: 0.3, rate: rate,
                                                     years: Double(expiry - day) / 252))
    }

    @Test func scriptedEntryAndMarksUseTheEscrowedSpotUntilTheExDate() throws {
        let s = try Self.study(model: #""model": "scripted", "script": {"interpolation": "step", "points": [{"day": 25, "change": {"DIV": 0}}]}"#,
                               entryDay: 0)
        let r = PathOutcome(runTraced(s)[0], decision: "put")
        let entry = Self.put(spot: 100, strike: 100, day: 0, expiry: 20)
        let plain = BlackScholes.price(BlackScholesInputs(type: .put, spot: 100, strike: 100, volatility: 0.3, rate: Self.rate, years: 20.0 / 252))
        #expect(abs(r.trades[0].entryPrice - entry) < 1e-12, "entry \(r.trades[0].entryPrice) vs \(entry)")
        #expect(entry > plain + 0.9, "the dividend makes the put dearer (\(entry) vs \(plain))")
        // Before the ex-date the mark holds the dividend's present value; from it, the plain price.
        for day in [1, 4, 5, 6, 12] {
            let expected = Self.put(spot: 100, strike: 100, day: day, expiry: 20) - entry
            #expect(abs(r.daily[day] - expected) < 1e-10, "day \(day): \(r.daily[day]) vs \(expected)")
        }
    }

    @Test func everyLanesEntryKernelUsesTheEscrowedSpot() throws {
        let s = try Self.study(model: #""model": "monteCarlo""#, entryDay: 2)
        let paths = 16
        let trades = Engine.run(study: s, scenarioIndices: [0],
                                configuration: RunConfiguration(paths: paths, seed: 5, threads: 1, lanesPerBlock: 16, tracedPaths: paths))[0].trades
        var worst = 0.0
        for path in 0..<paths {
            let spot = try #require(trades.first { $0.path == path && $0.decisionID == "stock" }).entryPrice
            let put = try #require(trades.first { $0.path == path && $0.decisionID == "put" })
            guard case let .option(_, strike, _) = put.instrument else { Issue.record("not an option"); continue }
            let expected = Self.put(spot: spot, strike: strike, day: 2, expiry: 22)
            worst = max(worst, abs(put.entryPrice - expected) / expected)
        }
        #expect(worst < 1e-10, "worst relative error \(worst)")
    }
}
