import Foundation
import Testing
@testable import TradeSim

/// `AmericanPremiumTable` against `AmericanOption.price` (the Andersen–Lake–Offengenden solve,
/// itself checked against QuantLib in `AmericanOptionTests`) at the same inputs: the table's
/// values are within 1e-6 of the strike over moneyness 0.5–2, tenors of 1 day to 1 year, one σ
/// or a σ range, puts and calls with dividends.
@Suite("American premium table")
struct AmericanPremiumTableTests {
    struct Case: CustomStringConvertible {
        let type: OptionType, r: Double, q: Double, days: Int, sigmaLow: Double, sigmaHigh: Double
        var description: String { "\(type) r=\(r) q=\(q) τ=\(days)d σ=\(sigmaLow)…\(sigmaHigh)" }
    }

    static let cases: [Case] = [
        Case(type: .put, r: 0.04, q: 0.0, days: 126, sigmaLow: 0.35, sigmaHigh: 0.35),
        Case(type: .put, r: 0.04, q: 0.028, days: 1, sigmaLow: 0.3, sigmaHigh: 0.3),
        Case(type: .put, r: 0.04, q: 0.028, days: 5, sigmaLow: 0.3, sigmaHigh: 0.3),
        Case(type: .put, r: 0.08, q: 0.0, days: 252, sigmaLow: 0.15, sigmaHigh: 0.15),
        Case(type: .put, r: 0.04, q: 0.018, days: 63, sigmaLow: 0.08, sigmaHigh: 0.6),
        Case(type: .put, r: 0.04, q: 0.0, days: 21, sigmaLow: 0.5, sigmaHigh: 1.4),
        Case(type: .put, r: 0.04, q: 0.0, days: 252, sigmaLow: 0.2, sigmaHigh: 0.45),
        Case(type: .put, r: 0.04, q: 0.028, days: 126, sigmaLow: 0.15, sigmaHigh: 1.16),
        Case(type: .put, r: 0.1, q: 0.0, days: 60, sigmaLow: 0.1, sigmaHigh: 0.3),
        Case(type: .put, r: 0.05, q: 0.01, days: 39, sigmaLow: 0.0625, sigmaHigh: 1.0625),
        Case(type: .call, r: 0.04, q: 0.03, days: 126, sigmaLow: 0.25, sigmaHigh: 0.25),
        Case(type: .call, r: 0.01, q: 0.06, days: 252, sigmaLow: 0.15, sigmaHigh: 0.4),
        Case(type: .call, r: 0.04, q: 0.03, days: 3, sigmaLow: 0.3, sigmaHigh: 0.3),
    ]

    @Test(arguments: cases)
    func tableAgreesWithTheSolve(_ c: Case) throws {
        let years = Double(c.days) / 252
        let table = try #require(AmericanPremiumTable(type: c.type, rate: c.r, dividendYield: c.q, years: years,
                                                      sigmaLow: c.sigmaLow, sigmaHigh: c.sigmaHigh))
        let sigmas = c.sigmaLow == c.sigmaHigh ? [c.sigmaLow] : (0...6).map { c.sigmaLow + (c.sigmaHigh - c.sigmaLow) * Double($0) / 6 + 0.0123 * (c.sigmaHigh - c.sigmaLow) * Double($0 % 2) }
        var worst = 0.0
        for sigma in sigmas where sigma <= c.sigmaHigh {
            for k in 0...80 {
                let moneyness = 0.5 * pow(4, Double(k) / 80)  // S/K from 0.5 to 2
                let o = BlackScholesInputs(type: c.type, spot: 100 * moneyness, strike: 100, volatility: sigma, rate: c.r,
                                           dividendYield: c.q, years: years)
                let exact = AmericanOption.price(o)
                let european = BlackScholes.price(o) / 100
                let tabled = 100 * table.value(logMoneyness: log(moneyness), volatility: sigma, european: european)
                worst = max(worst, abs(tabled - exact) / 100)
                #expect(tabled >= o.type.intrinsic(spot: o.spot, strike: o.strike) - 1e-12)
            }
        }
        print("\(c): worst |table − ALO| / K = \(worst)")
        #expect(worst <= 1e-6, "\(c): \(worst)")
    }
}
