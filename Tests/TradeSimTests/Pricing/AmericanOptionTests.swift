import Foundation
import Testing
@testable import TradeSim

@Suite("American options")
struct AmericanOptionTests {
    static func inputs(_ row: [String: String]) -> BlackScholesInputs {
        BlackScholesInputs(type: row["type"] == "put" ? .put : .call, spot: row.double("spot"),
                           strike: row.double("strike"), volatility: row.double("vol"), rate: row.double("rate"),
                           dividendYield: row.double("dividend"), years: row.double("years"))
    }

    static func describe(_ o: BlackScholesInputs) -> String {
        "\(o.type.rawValue) S=\(o.spot) K=\(o.strike) σ=\(o.volatility) r=\(o.rate) q=\(o.dividendYield) T=\(o.years)"
    }

    // MARK: - The QuantLib grid (issue 16's accuracy bound)

    /// QuantLib 1.36's fixed-point engine at a converged setting over the issue's grid (puts and
    /// calls, S/K 0.8–1.3, σ 0.15–0.7, r 0–10%, q 0–4%, 30–365 days; quantlib_american.py):
    /// every price within 1e-6 relative with the `accurate` scheme, and with the `fast` one.
    @Test(arguments: ["accurate", "fast"])
    func quantLibGridPrices(_ name: String) {
        // The scheme by name: as an argument its description would print every table it holds.
        let scheme = name == "accurate" ? AmericanPricingScheme.accurate : AmericanPricingScheme.fast
        let rows = Fixtures.csvRows("quantlib_american_grid.csv")
        #expect(rows.count == 2304)
        var worst = 0.0, worstRow = ""
        for row in rows {
            let o = Self.inputs(row)
            let price = AmericanOption.price(o, scheme: scheme)
            let error = relativeError(price, row.double("price"))
            if error > worst { worst = error; worstRow = "\(Self.describe(o)): \(price) vs \(row["price"]!)" }
            #expect(error <= 1e-6, "\(Self.describe(o)): \(price) vs \(row["price"]!)")
        }
        print("American grid, \(name) scheme: \(rows.count) prices, worst relative error \(worst) at \(worstRow)")
    }

    // MARK: - Outside the grid

    /// Negative rates and yields, r = 0, very low and high vol, 5 years, 1 day
    /// (quantlib_american_regimes.csv): the fixed-point rows within 1e-6 relative; the
    /// double-boundary rows (q < r < 0 for a put), priced here by finite differences against a
    /// reference that is itself the mean of two methods agreeing within 8e-7, within 1e-5.
    @Test func quantLibRegimes() {
        let rows = Fixtures.csvRows("quantlib_american_regimes.csv")
        #expect(rows.count == 33)
        var worst: [String: Double] = [:]
        for row in rows {
            let o = Self.inputs(row)
            let price = AmericanOption.price(o)
            let error = relativeError(price, row.double("price"))
            let method = row["method"] ?? ""
            worst[method] = max(worst[method] ?? 0, error)
            #expect(error <= (method == "fd+lr" ? 1e-5 : 1e-6), "\(method) \(Self.describe(o)): \(price) vs \(row["price"]!)")
        }
        print("American regimes, worst relative error by reference method:", worst.sorted { $0.key < $1.key })
    }

    // MARK: - Published values

    /// american_literature.csv (sources in american_literature.md), row by row.
    @Test func literature() {
        let rows = Fixtures.csvRows("american_literature.csv")
        #expect(rows.count >= 13)
        for row in rows {
            let o = Self.inputs(row)
            let price = AmericanOption.price(o)
            let value = row["quantity"] == "premium" ? price - BlackScholes.price(o) : price
            #expect(abs(value - row.double("expected")) <= row.double("tolerance"),
                    "\(row["source"] ?? "") \(Self.describe(o)): \(value) vs \(row["expected"]!)")
        }
    }

    /// Haug (1998) p. 24, as tabulated in QuantLib's test suite (K = 100, r = q = 10%,
    /// T = 0.1 and 0.5): Barone-Adesi–Whaley (1987) quadratic *approximations*, not exact
    /// values. The exact prices lie within 0.04 of them, the size of that approximation's
    /// error at these maturities; the worst gap is printed.
    @Test func baroneAdesiWhaleyApproximation() {
        let table: [(OptionType, Double, Double, Double, Double)] = [
            (.call, 90, 0.10, 0.15, 0.0206), (.call, 100, 0.10, 0.15, 1.8771), (.call, 110, 0.10, 0.15, 10.0089),
            (.call, 90, 0.10, 0.25, 0.3159), (.call, 100, 0.10, 0.25, 3.1280), (.call, 110, 0.10, 0.25, 10.3919),
            (.call, 90, 0.10, 0.35, 0.9495), (.call, 100, 0.10, 0.35, 4.3777), (.call, 110, 0.10, 0.35, 11.1679),
            (.call, 90, 0.50, 0.15, 0.8208), (.call, 100, 0.50, 0.15, 4.0842), (.call, 110, 0.50, 0.15, 10.8087),
            (.call, 90, 0.50, 0.25, 2.7437), (.call, 100, 0.50, 0.25, 6.8015), (.call, 110, 0.50, 0.25, 13.0170),
            (.call, 90, 0.50, 0.35, 5.0063), (.call, 100, 0.50, 0.35, 9.5106), (.call, 110, 0.50, 0.35, 15.5689),
            (.put, 90, 0.10, 0.15, 10.0000), (.put, 100, 0.10, 0.15, 1.8770), (.put, 110, 0.10, 0.15, 0.0410),
            (.put, 90, 0.10, 0.25, 10.2533), (.put, 100, 0.10, 0.25, 3.1277), (.put, 110, 0.10, 0.25, 0.4562),
            (.put, 90, 0.10, 0.35, 10.8787), (.put, 100, 0.10, 0.35, 4.3777), (.put, 110, 0.10, 0.35, 1.2402),
            (.put, 90, 0.50, 0.15, 10.5595), (.put, 100, 0.50, 0.15, 4.0842), (.put, 110, 0.50, 0.15, 1.0822),
            (.put, 90, 0.50, 0.25, 12.4419), (.put, 100, 0.50, 0.25, 6.8014), (.put, 110, 0.50, 0.25, 3.3226),
            (.put, 90, 0.50, 0.35, 14.6945), (.put, 100, 0.50, 0.35, 9.5104), (.put, 110, 0.50, 0.35, 5.8823),
        ]
        var worst = 0.0
        for (type, spot, years, vol, baw) in table {
            let o = BlackScholesInputs(type: type, spot: spot, strike: 100, volatility: vol, rate: 0.1,
                                       dividendYield: 0.1, years: years)
            let gap = abs(AmericanOption.price(o) - baw)
            worst = max(worst, gap)
            #expect(gap <= 0.04, "\(Self.describe(o)): BAW \(baw)")
        }
        print("Haug 1998 p. 24 (Barone-Adesi–Whaley approximations): worst |exact − BAW| \(worst)")
    }

    // MARK: - Rules and identities

    /// Exercising early never pays for a call with q ≤ 0 and r ≥ q, nor a put with r ≤ 0 and
    /// q ≥ r: the American price is the European one exactly.
    @Test func neverEarlyIsEuropean() {
        for (type, r, q) in [(OptionType.call, 0.05, 0.0), (.call, 0.02, -0.01), (.call, 0.0, 0.0),
                             (.put, 0.0, 0.0), (.put, -0.01, 0.02), (.put, -0.02, -0.02)] {
            for spot in [80.0, 100, 120] {
                let o = BlackScholesInputs(type: type, spot: spot, strike: 100, volatility: 0.3, rate: r,
                                           dividendYield: q, years: 0.75)
                #expect(AmericanExerciseRegime.of(type, rate: r, dividendYield: q) == .neverEarly)
                #expect(AmericanOption.price(o) == BlackScholes.price(o))
                #expect(AmericanOption.criticalSpot(o) == nil)
            }
        }
    }

    /// McDonald–Schroder: C(S, K, r, q) = P(K, S, q, r), and the price never falls below the
    /// intrinsic or the European value, across rates, yields, vols and maturities to 10 years.
    @Test(arguments: [0.01, 0.25, 2, 10])
    func symmetryAndBounds(years: Double) {
        for (r, q) in [(0.05, 0.02), (0.0, 0.04), (0.1, 0.0), (0.03, -0.02), (0.25, 0.0), (0.0, 0.25)] {
            for vol in [0.05, 0.3, 1.0] {
                for spot in [70.0, 100, 140] {
                    let call = BlackScholesInputs(type: .call, spot: spot, strike: 100, volatility: vol, rate: r,
                                                  dividendYield: q, years: years)
                    let put = BlackScholesInputs(type: .put, spot: 100, strike: spot, volatility: vol, rate: q,
                                                 dividendYield: r, years: years)
                    let c = AmericanOption.price(call), p = AmericanOption.price(put)
                    #expect(relativeError(c, p, floor: 1e-12) <= 1e-12, "\(Self.describe(call)): \(c) vs \(p)")
                    #expect(c.isFinite)
                    #expect(c >= max(spot - 100, BlackScholes.price(call)) - 1e-12 * spot, "\(Self.describe(call)): \(c)")
                }
            }
        }
    }

    /// The analytic delta and gamma against central differences of the price.
    @Test func deltaAndGammaMatchFiniteDifferences() {
        for (type, spot, r, q, vol, years) in [(OptionType.put, 105.0, 0.05, 0.02, 0.3, 1.0), (.put, 90, 0.1, 0.0, 0.2, 0.5),
                                                (.call, 110, 0.02, 0.06, 0.25, 1.0), (.call, 95, 0.0, 0.04, 0.5, 0.25)] {
            let o = BlackScholesInputs(type: type, spot: spot, strike: 100, volatility: vol, rate: r, dividendYield: q, years: years)
            let v = AmericanOption.valuation(o)
            let h = 1e-3 * spot
            var up = o, down = o
            up.spot += h
            down.spot -= h
            let pu = AmericanOption.price(up), pd = AmericanOption.price(down)
            #expect(relativeError(v.delta, (pu - pd) / (2 * h), floor: 1e-3) <= 1e-5, "delta \(Self.describe(o))")
            #expect(relativeError(v.gamma, (pu - 2 * v.price + pd) / (h * h), floor: 1e-4) <= 1e-4, "gamma \(Self.describe(o))")
        }
    }

    /// At and below the critical spot a put is worth its intrinsic value; just above, more.
    @Test func criticalSpotSeparatesExerciseFromHolding() throws {
        let o = BlackScholesInputs(type: .put, spot: 100, strike: 100, volatility: 0.2, rate: 0.08, dividendYield: 0.0, years: 1)
        let critical = try #require(AmericanOption.criticalSpot(o))
        var at = o, above = o
        at.spot = critical * (1 - 1e-9)
        above.spot = critical * 1.01
        #expect(AmericanOption.price(at) == 100 - at.spot)
        #expect(AmericanOption.price(above) > 100 - above.spot + 1e-6)
    }

    // MARK: - Implied volatility

    /// σ → American price → σ over puts and calls, to 1e-9; and prices outside the bounds
    /// give nil.
    @Test func impliedVolatilityRoundTrip() throws {
        var checked = 0
        for type in OptionType.allCases {
            for (spot, r, q) in [(90.0, 0.05, 0.02), (110, 0.08, 0.0), (100, 0.01, 0.04)] {
                for vol in [0.1, 0.3, 0.8] {
                    let o = BlackScholesInputs(type: type, spot: spot, strike: 100, volatility: vol, rate: r, dividendYield: q, years: 0.5)
                    let price = AmericanOption.price(o)
                    // Where exercising now is optimal the price is flat in σ: no σ to recover.
                    if price <= AmericanImpliedVolatility.priceBounds(o).lower + 1e-9 * o.strike { continue }
                    checked += 1
                    let solved = try #require(AmericanImpliedVolatility.solve(price: price, o))
                    #expect(abs(solved - vol) <= 1e-9, "\(Self.describe(o)): \(solved)")
                }
            }
        }
        #expect(checked >= 14)
        let o = BlackScholesInputs(type: .put, spot: 90, strike: 100, volatility: 0, rate: 0.05, years: 0.5)
        #expect(AmericanImpliedVolatility.solve(price: 9.99, o) == nil)
        #expect(AmericanImpliedVolatility.solve(price: 100, o) == nil)
        #expect(AmericanImpliedVolatility.solve(price: 10, o) == 0)
    }

    // MARK: - Building blocks

    /// Gauss–Legendre: weights sum to 2, and x^k is integrated exactly for k ≤ 2n − 1.
    @Test(arguments: [1, 2, 7, 32, 96])
    func gaussLegendreIsExact(count: Int) {
        let rule = GaussLegendreRule(count: count)
        #expect(abs(rule.weights.reduce(0, +) - 2) <= 1e-14)
        for k in [0, 1, 2, 2 * count - 1] where k <= 2 * count - 1 {
            let sum = zip(rule.nodes, rule.weights).reduce(0.0) { $0 + $1.1 * pow($1.0, Double(k)) }
            let exact = k % 2 == 1 ? 0 : 2 / Double(k + 1)
            #expect(abs(sum - exact) <= 1e-13, "n=\(count) k=\(k)")
        }
    }

    /// Chebyshev–Lobatto interpolation of degree n reproduces a degree-n polynomial, through its
    /// basis rows and through its coefficients.
    @Test func chebyshevInterpolationIsExactForPolynomials() {
        let c = ChebyshevLobattoInterpolation(degree: 6)
        func f(_ z: Double) -> Double { 1 - 2 * z + 0.5 * pow(z, 3) - 0.25 * pow(z, 6) }
        let values = c.nodes.map(f)
        let coefficients = c.coefficients(values)
        for z in [-0.93, -0.2, 0.0, 0.41, 0.999] {
            let viaBasis = zip(c.basisRow(at: z), values).reduce(0.0) { $0 + $1.0 * $1.1 }
            #expect(abs(viaBasis - f(z)) <= 1e-13)
            #expect(abs(ChebyshevLobattoInterpolation.evaluate(coefficients, at: z) - f(z)) <= 1e-13)
        }
    }
}
