import Foundation
import Testing
@testable import TradeSim

/// Premium tables kept across runs (`PremiumTableCache`, what `tradesim sweep` gives its cells):
/// a run that changes neither IV, rate, dividend yield nor tenors builds no table, a run that
/// changes the IV builds its own, and with or without the cache — or a full one — every path's
/// P&L is the same number (the reuse is exact: a table is built the same way each time).
@Suite("Premium tables shared across runs")
struct PremiumTableCacheTests {
    /// MP with an American put spread (a stock's options are American by default) and a sold
    /// put, entered on day 2; `units` sizes them, `volatility` is MP's path and IV level.
    static func study(units: Int, volatility: Double) throws -> Study {
        try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "MP", "spot": 20, "volatility": \(volatility), "drift": 0.1, "dividendYield": 0.01}],
             "scenarios": [{"name": "s", "horizon": 40, "rate": 0.05, "impliedVol": {"baseMultiple": 1.1}, "model": "monteCarlo"}],
             "playbook": {"capital": 1000000, "decisions": [
               {"id": "spread", "kind": "legs", "size": {"units": \(units)}, "entry": {"day": 2},
                "legs": [{"ticker": "MP", "type": "put", "quantity": 1, "strike": "atm", "expiry": 35},
                         {"ticker": "MP", "type": "put", "quantity": -1, "strike": {"moneyness": 0.9}, "expiry": 35}]},
               {"id": "short", "kind": "legs", "size": {"units": \(units)}, "entry": {"day": 2},
                "legs": [{"ticker": "MP", "type": "put", "quantity": -1, "strike": {"moneyness": 0.95}, "expiry": 30}]}]}}
            """)
    }

    static func pnl(_ study: Study, cache: PremiumTableCache?) -> [[Double]] {
        var c = RunConfiguration(paths: 300, seed: 5, threads: 2, lanesPerBlock: 64)
        c.premiumTables = cache
        return Engine.run(study: study, scenarioIndices: [0], configuration: c)[0].variants.map(\.pnl)
    }

    @Test func aSizeChangeBuildsNoTableAndChangesNoNumber() throws {
        let cache = PremiumTableCache()
        let base = try Self.study(units: 100, volatility: 0.5)
        #expect(Self.pnl(base, cache: cache) == Self.pnl(base, cache: nil))
        // One table per (type, tenor left, IV) the legs meet: two expiries, days 2 to expiry.
        let built = cache.count
        #expect(built > 0)
        let larger = try Self.study(units: 300, volatility: 0.5)
        let cached = Self.pnl(larger, cache: cache)
        #expect(cache.count == built, "a size change needs no new table")
        #expect(cached == Self.pnl(larger, cache: nil))
        // A different IV level needs its own tables; its numbers are those of a run alone.
        let calmer = try Self.study(units: 100, volatility: 0.35)
        #expect(Self.pnl(calmer, cache: cache) == Self.pnl(calmer, cache: nil))
        #expect(cache.count > built)
    }

    @Test func aFullCacheStillGivesEveryTable() throws {
        let cache = PremiumTableCache(capacity: 3)
        let study = try Self.study(units: 100, volatility: 0.5)
        #expect(Self.pnl(study, cache: cache) == Self.pnl(study, cache: nil))
        #expect(cache.count == 3)
        #expect(Self.pnl(study, cache: cache) == Self.pnl(study, cache: nil))
    }
}
