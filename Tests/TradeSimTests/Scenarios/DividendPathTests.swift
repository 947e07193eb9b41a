import Foundation
import Testing
@testable import TradeSim

/// The Monte Carlo price with dividends against closed forms, within 4 standard errors: with
/// yield q the price drifts at g = μ − q, E[S_T] = S_0·e^{gT}; a cash dividend D going ex at t₁
/// takes D off the price then, E[S_T] = (S_0·e^{g·t₁} − D)·e^{g·(T − t₁)} (the floor at S/2
/// needs S_cum < 2D = 4 from 100 in 31 days at 30% vol: never in practice).
@Suite("Monte Carlo paths with dividends")
struct DividendPathTests {
    @Test func priceDriftsAtMuMinusQAndDropsByTheCashDividend() throws {
        let study = try StudyText.study("""
            {"name": "t", "start": "2026-01-05", "calendar": "none",
             "universe": [{"ticker": "A", "spot": 100, "volatility": 0.3, "drift": 0.08, "dividendYield": 0.03},
                          {"ticker": "B", "spot": 100, "volatility": 0.3, "drift": 0.08, "dividendYield": 0.03,
                           "dividends": [{"exDate": "2026-02-17", "amount": 2}]}],
             "scenarios": [{"name": "s", "horizon": 63}]}
            """)
        let kernel = ScenarioKernel(scenario: study.scenarios[0], scenarioIndex: 0, universe: study.universe)
        // 2026-02-17 is trading day 31 (Jan 05 … Jan 30 are days 0…19, Feb 02 … Feb 13 20…29,
        // Feb 16 day 30; the study lists no holidays).
        #expect(kernel.dividends.exDays[1].map(\.day) == [31])
        let n = 40_000
        let finals = finalPrices(kernel, paths: n, seed: 11)
        let g = 0.08 - 0.03, t = 63.0 / 252, t1 = 31.0 / 252
        let expected = [100 * exp(g * t), (100 * exp(g * t1) - 2) * exp(g * (t - t1))]
        for i in 0..<2 {
            let (mean, sd) = meanAndSD(finals.map { $0[i] })
            let se = sd / Double(n).squareRoot()
            #expect(abs(mean - expected[i]) < 4 * se, "asset \(i): E[S_T] \(mean) vs \(expected[i]) (se \(se))")
        }
    }
}
