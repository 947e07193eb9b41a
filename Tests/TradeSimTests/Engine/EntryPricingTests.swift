import Foundation
import Testing
@testable import TradeSim

/// Entries on a fixed day in a Monte Carlo world, where every path has its own price: the
/// option legs' mids are priced eight paths at a time by the engine's put kernel. Each path's
/// entry mid is checked against the scalar `BlackScholes.price` (itself checked against
/// QuantLib) at that path's spot — read from a one-share stock position entered the same day,
/// whose entry price is the close — within 1e-10 relative, the kernel's accuracy bar.
@Suite("Entries priced eight paths at a time")
struct EntryPricingTests {
    static let study = """
        {"name": "entries", "start": "2026-01-05",
         "universe": [{"ticker": "MP", "exercise": "european", "spot": 20, "volatility": 0.5, "dividendYield": 0.01}],
         "scenarios": [{"name": "mc", "horizon": 30, "rate": 0.03, "impliedVol": {"baseMultiple": 1}, "events": [{"name": "meeting", "day": 15, "outcomes": [{"name": "flat", "probability": 1, "moves": {"MP": 0}}]}]}],
         "playbook": {"capital": 100000, "decisions": [
           {"id": "stock", "kind": "basket", "assets": {"MP": 1}, "size": {"units": 1}, "entry": {"day": 10}},
           {"id": "straddle", "kind": "eventStraddle", "underlyings": ["MP"], "event": "meeting", "daysBefore": 5,
            "strike": "atm", "expiry": "10d", "size": {"units": 100}},
           {"id": "spread", "kind": "protection", "underlyings": ["MP"], "structure": "putSpread",
            "strike": {"moneyness": 0.95}, "lowerStrike": {"moneyness": 0.8}, "expiry": 20, "size": {"units": 100},
            "entry": {"day": 10}}]}}
        """

    @Test func everyPathsMidMatchesTheScalarPrice() throws {
        let study = try StudyText.study(Self.study)
        let paths = 40  // blocks of 40 lanes: five vectors of eight
        let outcomes = Engine.run(study: study, scenarioIndices: [0],
                                  configuration: RunConfiguration(paths: paths, seed: 11, threads: 1, lanesPerBlock: 40, tracedPaths: paths))
        let trades = outcomes[0].trades
        var worst = 0.0, checked = 0, spots: Set<Double> = []
        for path in 0..<paths {
            let mine = trades.filter { $0.path == path }
            let spot = try #require(mine.first { $0.decisionID == "stock" }).entryPrice
            spots.insert(spot)
            func scalar(_ type: OptionType, _ moneyness: Double, days: Int) -> Double {
                BlackScholes.price(BlackScholesInputs(type: type, spot: spot, strike: moneyness * spot, volatility: 0.5, rate: 0.03,
                                                      dividendYield: 0.01, years: Double(days) / 252))
            }
            let options = mine.filter { $0.decisionID != "stock" }
            #expect(options.count == 4 && options.allSatisfy { $0.entryDay == 10 })
            let expected = options.map { t -> Double in
                switch (t.decisionID, t.leg) {
                case ("straddle", 0): scalar(.call, 1, days: 10)
                case ("straddle", _): scalar(.put, 1, days: 10)
                case ("spread", 0): scalar(.put, 0.95, days: 20)
                default: scalar(.put, 0.8, days: 20)
                }
            }
            for (t, e) in zip(options, expected) {
                worst = max(worst, abs(t.entryPrice - e) / e)
                checked += 1
            }
        }
        print("entry mids priced by the vector kernel: worst relative error \(worst) over \(checked) legs against the scalar price")
        #expect(spots.count == paths, "every path enters at its own spot")
        #expect(checked == 4 * paths)
        #expect(worst <= 1e-10)
    }
}
