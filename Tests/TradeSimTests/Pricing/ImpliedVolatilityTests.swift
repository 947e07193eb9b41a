import Foundation
import Testing
@testable import TradeSim

/// How far σ is pinned down by a price: the rounding noise of a double-precision BSM price
/// (8 ulps of its larger term S·e^{−qT}·N(ωd1) or K·e^{−rT}·N(ωd2), which also covers moving an
/// in-the-money price to its out-of-the-money twin) divided by vega. An implied-vol solver
/// cannot be asked to be more accurate than this.
func volatilityResolution(_ o: BlackScholesInputs) -> Double {
    let v = BlackScholes.valuation(o)
    let w = o.type.sign
    let sd = o.volatility * o.years.squareRoot()
    let d1 = (log(o.spot / o.strike) + (o.rate - o.dividendYield) * o.years) / sd + 0.5 * sd
    let spotTerm = o.spot * exp(-o.dividendYield * o.years) * NormalDistribution.cdf(w * d1)
    let strikeTerm = o.strike * exp(-o.rate * o.years) * NormalDistribution.cdf(w * (d1 - sd))
    return 8 * max(spotTerm, strikeTerm, v.price).ulp / v.vega
}

@Suite("Implied volatility")
struct ImpliedVolatilityTests {
    /// Round trips over a grid that includes 1-day options and deep wings: the recovered σ
    /// is within 1e-10 of the true one wherever the price pins σ down that far (see
    /// `volatilityResolution`); elsewhere within that resolution. Well-resolved cases
    /// (resolution < 1e-13) are recovered to 1e-12 relative.
    @Test(arguments: [1.0 / 365, 1.0 / 252, 7.0 / 365, 0.25, 1, 2, 10], OptionType.allCases)
    func roundTrip(years: Double, type: OptionType) {
        var worst = 0.0
        for vol in [0.01, 0.05, 0.1, 0.2, 0.35, 0.6, 1.0, 1.5, 3.0] {
            for moneyness in [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0, 1.01, 1.05, 1.1, 1.25, 1.5, 2.0, 3.0] {
                for (r, q) in [(0.0, 0.0), (0.05, 0.02), (-0.01, 0.0)] {
                    let o = BlackScholesInputs(type: type, spot: 100, strike: 100 * moneyness, volatility: vol,
                                               rate: r, dividendYield: q, years: years)
                    let v = BlackScholes.valuation(o)
                    let lower = max(type.sign * (100 * exp(-q * years) - o.strike * exp(-r * years)), 0)
                    // Skip prices that carry no information about σ (indistinguishable from a bound).
                    guard v.price > lower * (1 + 1e-13) + 1e-250, v.vega > 0 else { continue }
                    guard let solved = ImpliedVolatility.solve(price: v.price, o) else {
                        Issue.record("nil for \(o) price \(v.price)")
                        continue
                    }
                    let conditioning = volatilityResolution(o)
                    let error = abs(solved - vol)
                    #expect(error <= max(1e-10, conditioning), "\(o): solved \(solved)")
                    if conditioning < 1e-13 { worst = max(worst, error / vol) }
                }
            }
        }
        #expect(worst < 1e-11, "worst relative error on well-conditioned cases \(worst)")
    }

    /// The grid's prices: σ recovered to 1e-9 from QuantLib's price wherever QuantLib's
    /// absolute accuracy (~1e-15·spot) resolves σ to 1e-10, and from the exact (mpmath)
    /// price on every row the price resolves.
    @Test func recoversQuantLibGridVols() {
        var worst = 0.0
        var checked = 0
        var worstExact = 0.0
        var checkedExact = 0
        for row in Fixtures.csvRows("quantlib_bsm_grid.csv") {
            let o = BlackScholesInputs(
                type: row["type"] == "put" ? .put : .call, spot: row.double("spot"),
                strike: row.double("strike"), volatility: row.double("vol"), rate: row.double("rate"),
                dividendYield: row.double("dividend"), years: row.double("years"))
            let price = row.double("price")
            guard volatilityResolution(o) < 1e-10 else { continue }
            if let solved = ImpliedVolatility.solve(price: row.double("mpmath_price"), o) {
                checkedExact += 1
                worstExact = max(worstExact, abs(solved - o.volatility))
                #expect(abs(solved - o.volatility) <= 1e-10, "\(o): \(solved) from the exact price")
            } else {
                Issue.record("nil for the exact price of \(o)")
            }
            guard 1e-15 * o.spot / row.double("vega") < 1e-10 else { continue }
            guard let solved = ImpliedVolatility.solve(price: price, o) else {
                Issue.record("nil for \(o)")
                continue
            }
            checked += 1
            worst = max(worst, abs(solved - o.volatility))
            #expect(abs(solved - o.volatility) <= 1e-9, "\(o): \(solved) price \(price) resolution \(volatilityResolution(o))")
        }
        #expect(checked >= 300 && checkedExact >= checked)
        print("Grid implied vol: from QuantLib prices \(checked) rows, worst |Δσ| = \(worst); "
              + "from exact prices \(checkedExact) rows, worst |Δσ| = \(worstExact)")
    }

    @Test func outsideNoArbitrageBoundsIsNil() {
        func solve(_ type: OptionType, _ price: Double, strike: Double = 100, years: Double = 0.5) -> Double? {
            ImpliedVolatility.solve(type: type, price: price, spot: 100, strike: strike, rate: 0.05, dividendYield: 0.01, years: years)
        }
        let upperCall = 100 * exp(-0.01 * 0.5)
        let upperPut = 100 * exp(-0.05 * 0.5)
        #expect(solve(.call, upperCall) == nil)              // at the upper bound S·e^{−qT}
        #expect(solve(.call, upperCall + 1) == nil)
        #expect(solve(.put, upperPut) == nil)                // K·e^{−rT}
        #expect(solve(.call, 10, strike: 80) == nil)         // below forward intrinsic ≈ 21.6
        #expect(solve(.call, -1) == nil)
        #expect(solve(.call, .nan) == nil)
        #expect(solve(.call, .infinity) == nil)
        #expect(solve(.call, 5, years: 0) == nil)            // expired
        // Exactly the lower bound: σ = 0 reproduces it.
        let intrinsic = 100 * exp(-0.01 * 0.5) - 80 * exp(-0.05 * 0.5)
        #expect(solve(.call, intrinsic, strike: 80) == 0)
        #expect(solve(.call, intrinsic * (1 - 1e-9), strike: 80) == nil)
    }

    /// At the money the normalised price has the closed form b = 2Φ(s/2) − 1.
    @Test func atTheForwardClosedForm() {
        for vol in [0.001, 0.2, 2.0] {
            let o = BlackScholesInputs(type: .call, spot: 100, strike: 100 * exp(0.03 * 0.5), volatility: vol, rate: 0.03, years: 0.5)
            let price = BlackScholes.price(o)
            let solved = ImpliedVolatility.solve(price: price, o)
            #expect(solved.map { abs($0 - vol) / vol < 1e-12 } == true)
        }
    }
}
