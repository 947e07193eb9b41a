import Foundation
import Testing
@testable import TradeSim

@Suite("Black–Scholes–Merton")
struct BlackScholesTests {
    // MARK: - Literature

    /// Hull, *Options, Futures, and Other Derivatives*: S = 42, K = 40, r = 10%, σ = 20%,
    /// T = 0.5 gives a call of 4.76 and a put of 0.81 (quoted to the cent).
    @Test func hullTextbookExample() {
        let call = BlackScholes.price(.init(type: .call, spot: 42, strike: 40, volatility: 0.2, rate: 0.1, years: 0.5))
        let put = BlackScholes.price(.init(type: .put, spot: 42, strike: 40, volatility: 0.2, rate: 0.1, years: 0.5))
        #expect(abs(call - 4.76) < 0.005)
        #expect(abs(put - 0.81) < 0.005)
    }

    /// Haug (1998), *The Complete Guide to Option Pricing Formulas*, pp. 2–8 and 24, as
    /// tabulated in QuantLib's test suite: every row within its published tolerance.
    @Test func haugTable() throws {
        let rows = Fixtures.csvRows("haug_1998_bsm.csv")
        #expect(rows.count >= 20)
        for row in rows {
            let o = BlackScholesInputs(
                type: row["type"] == "put" ? .put : .call, spot: row.double("spot"),
                strike: row.double("strike"), volatility: row.double("vol"), rate: row.double("rate"),
                dividendYield: row.double("dividend"), years: row.double("years"))
            let v = BlackScholes.valuation(o)
            let got: Double
            switch row["quantity"] {
            case "price": got = v.price
            case "delta": got = v.delta
            case "gamma": got = v.gamma
            case "vega": got = v.vega
            case "theta": got = v.theta
            case "rho": got = v.rho
            case "dividend_rho": got = v.dividendRho
            default: Issue.record("unknown quantity \(row["quantity"] ?? "")"); continue
            }
            #expect(abs(got - row.double("expected")) <= row.double("tolerance"),
                    "\(row["source"] ?? "") \(row["quantity"] ?? "") \(o): got \(got), expected \(row["expected"] ?? "")")
        }
    }

    /// QuantLib 1.44 AnalyticEuropeanEngine over a grid of 1 day to 2 years, vol 5%–150%,
    /// negative/zero/positive rates and dividend yields (Tests/References/quantlib_bsm.py).
    /// Price to 1e-9 relative (or 1e-4·spot absolute for tiny prices), Greeks to 1e-7.
    @Test func quantLibGrid() throws {
        let rows = Fixtures.csvRows("quantlib_bsm_grid.csv")
        #expect(rows.count >= 300)
        var worst: [String: Double] = [:]
        for row in rows {
            let o = BlackScholesInputs(
                type: row["type"] == "put" ? .put : .call, spot: row.double("spot"),
                strike: row.double("strike"), volatility: row.double("vol"), rate: row.double("rate"),
                dividendYield: row.double("dividend"), years: row.double("years"))
            let v = BlackScholes.valuation(o)
            // Relative, with an absolute floor of 1e-12·spot for tiny prices (the issue allows 1e-4·spot).
            let priceError = relativeError(v.price, row.double("price"), floor: 1e-3 * o.spot)
            worst["price", default: 0] = max(worst["price", default: 0], priceError)
            #expect(priceError <= 1e-9, "price \(o): \(v.price) vs \(row["price"]!)")
            // Against the 50-digit closed form: relative, all the way down to 1e-12 prices
            // (short-dated out-of-the-money prices lose ~4 digits to cancellation in S·N(d1) − K·N(d2)).
            let exactError = relativeError(v.price, row.double("mpmath_price"))
            worst["price_vs_mpmath", default: 0] = max(worst["price_vs_mpmath", default: 0], exactError)
            #expect(exactError <= 1e-11, "price \(o): \(v.price) vs mpmath \(row["mpmath_price"]!)")
            let greeks: [(String, Double)] = [("delta", v.delta), ("gamma", v.gamma), ("vega", v.vega),
                                              ("theta", v.theta), ("rho", v.rho), ("dividend_rho", v.dividendRho)]
            for (name, value) in greeks {
                // Relative to the Greek's own scale, with an absolute floor of 1e-7 of the
                // magnitude the Greek has at the money for this spot (so ~0 Greeks compare absolutely).
                let e = relativeError(value, row.double(name), floor: 1e-3)
                worst[name, default: 0] = max(worst[name, default: 0], e)
                #expect(e <= 1e-7, "\(name) \(o): \(value) vs \(row[name]!)")
            }
        }
        print("QuantLib grid worst errors:", worst.sorted { $0.key < $1.key })
    }

    // MARK: - Identities

    /// Put–call parity C − P = S·e^{−qT} − K·e^{−rT} over a grid, to 1e-12 of spot.
    @Test(arguments: [0.0027, 0.1, 1, 5], [0.05, 0.3, 1.5])
    func putCallParity(years: Double, vol: Double) {
        for strike in [50.0, 90, 100, 110, 200] {
            for (r, q) in [(0.05, 0.0), (-0.01, 0.03), (0.0, 0.0)] {
                let c = BlackScholes.price(.init(type: .call, spot: 100, strike: strike, volatility: vol, rate: r, dividendYield: q, years: years))
                let p = BlackScholes.price(.init(type: .put, spot: 100, strike: strike, volatility: vol, rate: r, dividendYield: q, years: years))
                let forwardValue = 100 * exp(-q * years) - strike * exp(-r * years)
                #expect(abs((c - p) - forwardValue) <= 1e-12 * 100 + 1e-13 * strike)
            }
        }
    }

    /// Every Greek against a central finite difference of the price.
    @Test(arguments: OptionType.allCases, [0.05, 0.5, 2.0])
    func greeksMatchFiniteDifferences(type: OptionType, years: Double) {
        for (strike, vol, r, q) in [(100.0, 0.2, 0.03, 0.01), (80, 0.45, -0.005, 0.02), (130, 0.9, 0.06, 0)] {
            let base = BlackScholesInputs(type: type, spot: 100, strike: strike, volatility: vol, rate: r, dividendYield: q, years: years)
            let v = BlackScholes.valuation(base)
            func price(_ f: (inout BlackScholesInputs) -> Void) -> Double {
                var o = base
                f(&o)
                return BlackScholes.price(o)
            }
            let hS = 1e-3, hV = 1e-5, hR = 1e-5, hT = 1e-6
            let delta = (price { $0.spot += hS } - price { $0.spot -= hS }) / (2 * hS)
            let gamma = (price { $0.spot += hS } - 2 * v.price + price { $0.spot -= hS }) / (hS * hS)
            let vega = (price { $0.volatility += hV } - price { $0.volatility -= hV }) / (2 * hV)
            let rho = (price { $0.rate += hR } - price { $0.rate -= hR }) / (2 * hR)
            let dividendRho = (price { $0.dividendYield += hR } - price { $0.dividendYield -= hR }) / (2 * hR)
            let theta = -(price { $0.years += hT } - price { $0.years -= hT }) / (2 * hT)
            #expect(relativeError(v.delta, delta, floor: 1e-2) < 1e-7)
            #expect(relativeError(v.gamma, gamma, floor: 1e-3) < 2e-4)  // second difference: O(ε/h²) noise
            #expect(relativeError(v.vega, vega, floor: 1) < 1e-7)
            #expect(relativeError(v.rho, rho, floor: 1) < 1e-7)
            #expect(relativeError(v.dividendRho, dividendRho, floor: 1) < 1e-7)
            #expect(relativeError(v.theta, theta, floor: 1) < 1e-6)
        }
    }

    // MARK: - Edge cases (defined answers, never NaN)

    @Test func expiryIsIntrinsic() {
        for (type, strike, expected, delta) in [(OptionType.call, 90.0, 10.0, 1.0), (.call, 110, 0, 0), (.put, 110, 10, -1),
                                                (.put, 90, 0, 0), (.call, 100, 0, 0.5), (.put, 100, 0, -0.5)] {
            let v = BlackScholes.valuation(.init(type: type, spot: 100, strike: strike, volatility: 0.3, rate: 0.05, dividendYield: 0.02, years: 0))
            #expect(v.price == expected)
            #expect(v.delta == delta)
            #expect(v.gamma == 0 && v.vega == 0 && v.rho == 0 && v.dividendRho == 0)
            #expect(v.theta.isFinite)
        }
    }

    /// σ = 0: the discounted forward intrinsic value max(ω(S·e^{−qT} − K·e^{−rT}), 0).
    @Test func zeroVolatilityIsDiscountedForwardIntrinsic() {
        let (s, k, r, q, t) = (100.0, 95.0, 0.05, 0.02, 0.75)
        let call = BlackScholes.valuation(.init(type: .call, spot: s, strike: k, volatility: 0, rate: r, dividendYield: q, years: t))
        #expect(abs(call.price - (s * exp(-q * t) - k * exp(-r * t))) < 1e-12)
        #expect(abs(call.delta - exp(-q * t)) < 1e-15)
        #expect(abs(call.rho - k * t * exp(-r * t)) < 1e-12)
        #expect(abs(call.theta - (q * s * exp(-q * t) - r * k * exp(-r * t))) < 1e-12)
        let put = BlackScholes.valuation(.init(type: .put, spot: s, strike: k, volatility: 0, rate: r, dividendYield: q, years: t))
        #expect(put.price == 0 && put.delta == 0 && put.gamma == 0)
        // The limit of small volatility agrees with the σ = 0 branch.
        let tiny = BlackScholes.price(.init(type: .call, spot: s, strike: k, volatility: 1e-9, rate: r, dividendYield: q, years: t))
        #expect(abs(tiny - call.price) < 1e-10)
    }

    /// Deep in/out of the money, 1-day and 30-year tenors, vol up to 5.0: finite, within
    /// no-arbitrage bounds, Greeks finite.
    @Test(arguments: [1.0 / 252, 1.0 / 365, 30.0], [0.01, 0.2, 1.0, 5.0])
    func extremesAreFiniteAndBounded(years: Double, vol: Double) {
        for strike in [1e-3, 1.0, 50, 100, 200, 1e4, 1e6] {
            for type in OptionType.allCases {
                let o = BlackScholesInputs(type: type, spot: 100, strike: strike, volatility: vol, rate: 0.03, dividendYield: 0.01, years: years)
                let v = BlackScholes.valuation(o)
                for x in [v.price, v.delta, v.gamma, v.vega, v.theta, v.rho, v.dividendRho] { #expect(x.isFinite, "\(o)") }
                let lower = max(type.sign * (100 * exp(-0.01 * years) - strike * exp(-0.03 * years)), 0)
                let upper = type == .call ? 100 * exp(-0.01 * years) : strike * exp(-0.03 * years)
                #expect(v.price >= lower * (1 - 1e-12) - 1e-12 && v.price <= upper * (1 + 1e-12), "\(o) \(v.price)")
            }
        }
    }
}
