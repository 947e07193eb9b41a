import Foundation

/// The implied-vol surface of `VolatilitySmile` fitted to one quote date's option chain on one
/// underlying: an at-the-money vol per expiry and one (slope, curvature) for all of them,
///
///     σ_i = atm(e_i) + a·x_i + b·x_i²,   x_i = clamp(ln(K_i/F_i)/√τ_i, ±xLimit),   F_i = S_i·e^{(r−q)τ_i},
///
/// with τ = d/252 and d the weekdays after the quote date up to and including the expiration
/// (the study's trading-day convention; exchange holidays are not removed), S_i the row's
/// `underlying_price`, r and q given (continuous, annual) or, where not given, implied per
/// expiry by put–call parity (`ParityForward`: r from the discount factor, q from the forward).
///
/// Quote volatilities: the Black–Scholes–Merton implied vol of the mid, (bid + ask)/2, by
/// `ImpliedVolatility.solve` — European exercise: American quotes (US single stocks and ETFs)
/// carry an early-exercise premium that this reads as volatility (small for the
/// out-of-the-money options used, largest for long-dated puts at high rates). Only
/// out-of-the-money quotes are used, puts at K < F and calls at K ≥ F, the side that is traded
/// and has no early-exercise value to speak of (as the Cboe VIX white paper selects options).
///
/// Skipped and counted, never fatal (`SkipReason`): a zero bid, an in-the-money quote, an
/// expired contract (d = 0), a mid outside the no-arbitrage bounds (no volatility gives it), and
/// every quote of an expiry with fewer than 3 usable strikes.
///
/// Weights: w = (vega / max(ask − bid, 0.01))², the inverse square of the quote's IV spread
/// (the price spread over ∂P/∂σ at the quote's vol; one cent the least spread): a far
/// out-of-the-money quote whose mid says little about σ counts little.
///
/// Fits, each weighted least squares (`WeightedLeastSquares`): per expiry, σ on (1, x, x²)
/// (that expiry's own smile); pooled, σ on (one indicator per expiry, x, x²). Errors are
/// fit − quote in vol points (0.01 of vol = 1 point), the fitted σ from `VolatilitySmile`
/// (its floor applied).
package struct SurfaceFit: Sendable {
    /// Why a quote was not used.
    package enum SkipReason: String, Sendable, CaseIterable {
        case zeroBid = "zero bid"
        case inTheMoney = "in the money"
        case expired = "expired (0 trading days)"
        case noVolatility = "mid outside the no-arbitrage bounds"
        case thinExpiry = "expiry with fewer than 3 usable strikes"
        case noForward = "expiry without put–call pairs for its forward"
    }

    /// One used quote: its own implied vol and the pooled surface's at its strike.
    package struct QuoteFit: Sendable, Hashable {
        package var quote: OptionQuote
        package var tradingDays: Int
        package var years: Double
        /// ln(K/F).
        package var logMoneyness: Double
        /// The clamped scaled moneyness x.
        package var scaledMoneyness: Double
        /// The Black–Scholes–Merton implied vol of the mid.
        package var quoteVolatility: Double
        /// The pooled fit's σ at the quote's strike and expiry.
        package var fittedVolatility: Double
        /// The regression weight.
        package var weight: Double
        /// (fitted − quote) × 100.
        package var errorPoints: Double { 100 * (fittedVolatility - quoteVolatility) }
    }

    /// One expiry: its own smile and how well each fit matches its quotes.
    package struct ExpiryFit: Sendable, Hashable {
        package var expiration: CalendarDate
        package var tradingDays: Int
        package var years: Double
        /// Quotes used.
        package var quoteCount: Int
        /// This expiry's own fit (nil when its strikes do not determine three numbers).
        package var atm: Double?
        package var slope: Double?
        package var curvature: Double?
        /// RMS and largest |fit − quote| of its own fit, in vol points.
        package var rmsPoints: Double?
        package var maxPoints: Double?
        /// The pooled fit's ATM vol at this expiry, and its RMS and largest error here.
        package var pooledATM: Double
        package var pooledRMSPoints: Double
        package var pooledMaxPoints: Double
        /// The rate and dividend yield this expiry was priced with (given, or from parity).
        package var rate: Double
        package var dividendYield: Double
    }

    package var underlying: String
    package var quoteDate: CalendarDate
    /// The rate and yield given; nil where each expiry's comes from put–call parity.
    package var rate: Double?
    package var dividendYield: Double?
    /// The pooled fit: one ATM per expiry (in `expiries`) and these.
    package var slope: Double
    package var curvature: Double
    package var expiries: [ExpiryFit]
    /// The used quotes, in file order.
    package var quotes: [QuoteFit]
    /// Quotes not used, by reason (every reason present, 0 when none).
    package var skipped: [SkipReason: Int]
    /// The pooled fit's RMS and largest |error| over every used quote, in vol points.
    package var rmsPoints: Double
    package var maxPoints: Double

    package var skippedCount: Int { skipped.values.reduce(0, +) }

    /// The smile of the pooled fit (the default clamp and floor of `VolatilitySmile`).
    package var smile: VolatilitySmile { VolatilitySmile(slope: slope, curvature: curvature) }

    /// The least usable strikes an expiry needs (three numbers per smile).
    static let minimumStrikes = 3
    /// The least bid–ask spread in the weights: one cent.
    static let minimumSpread = 0.01

    /// Why quotes gave no surface: what was found and what a fit needs (the caller names the
    /// file: `InputProblem(file:path:found:allowed:)`).
    package struct Problem: Error, Sendable, Hashable {
        package var found: String
        package var allowed: String
    }

    /// Fits `quotes` (one underlying, one quote date: the caller selects them). The problem
    /// when no expiry has three usable strikes or the pooled system is singular.
    package static func fit(_ quotes: [OptionQuote], rate givenRate: Double?, dividendYield givenYield: Double?) -> Result<SurfaceFit, Problem> {
        precondition(!quotes.isEmpty && Set(quotes.map(\.quoteDate)).count == 1 && Set(quotes.map(\.underlying)).count == 1)
        let quoteDate = quotes[0].quoteDate, underlying = quotes[0].underlying
        let shape = VolatilitySmile.flat
        var skipped = Dictionary(uniqueKeysWithValues: SkipReason.allCases.map { ($0, 0) })
        var days: [CalendarDate: Int] = [:]
        var byExpiry: [CalendarDate: [QuoteFit]] = [:]
        // Each expiry's carry: the given rate and yield, or what parity implies for the missing.
        var carry: [CalendarDate: (rate: Double, yield: Double)?] = [:]
        func carryOf(_ expiration: CalendarDate, years: Double, spot: Double) -> (rate: Double, yield: Double)? {
            if let known = carry[expiration] { return known }
            var found: (rate: Double, yield: Double)?
            if let r = givenRate, let q = givenYield {
                found = (r, q)
            } else if let parity = ParityForward.fit(quotes.filter { $0.expiration == expiration },
                                                     knownDiscount: givenRate.map { Foundation.exp(-$0 * years) }) {
                let r = givenRate ?? -Foundation.log(parity.discount) / years
                found = (r, givenYield ?? r - Foundation.log(parity.forward / spot) / years)
            }
            carry[expiration] = found
            return found
        }
        for quote in quotes {
            let d = days[quote.expiration] ?? tradingDays(after: quoteDate, through: quote.expiration)
            days[quote.expiration] = d
            guard d > 0 else { skipped[.expired, default: 0] += 1; continue }
            let years = Double(d) / TradingCalendar.tradingDaysPerYear
            guard let (rate, q) = carryOf(quote.expiration, years: years, spot: quote.underlyingPrice) else {
                skipped[.noForward, default: 0] += 1
                continue
            }
            let logMoneyness = log(quote.strike / quote.underlyingPrice) - (rate - q) * years
            guard (quote.type == .put) == (logMoneyness < 0) else { skipped[.inTheMoney, default: 0] += 1; continue }
            guard quote.bid > 0 else { skipped[.zeroBid, default: 0] += 1; continue }
            var inputs = BlackScholesInputs(type: quote.type, spot: quote.underlyingPrice, strike: quote.strike, volatility: 0,
                                            rate: rate, dividendYield: q, years: years)
            guard let vol = ImpliedVolatility.solve(price: quote.mid, inputs), vol > 0 else {
                skipped[.noVolatility, default: 0] += 1
                continue
            }
            inputs.volatility = vol
            let vega = BlackScholes.valuation(inputs).vega
            let weight = pow(vega / max(quote.ask - quote.bid, minimumSpread), 2)
            let x = shape.scaledMoneyness(logMoneyness: logMoneyness, years: years)
            byExpiry[quote.expiration, default: []].append(
                QuoteFit(quote: quote, tradingDays: d, years: years, logMoneyness: logMoneyness, scaledMoneyness: x, quoteVolatility: vol,
                         fittedVolatility: .nan, weight: weight))
        }
        for (e, list) in byExpiry where Set(list.map(\.quote.strike)).count < minimumStrikes {
            skipped[.thinExpiry, default: 0] += list.count
            byExpiry[e] = nil
        }
        let expirations = byExpiry.keys.sorted()
        guard !expirations.isEmpty else {
            let counts = SkipReason.allCases.compactMap { r in skipped[r]! > 0 ? "\(skipped[r]!) \(r.rawValue)" : nil }
            return .failure(Problem(found: "no expiry of \(underlying) on \(quoteDate) with \(minimumStrikes) usable strikes (of \(quotes.count) quote\(quotes.count == 1 ? "" : "s"): "
                                             + counts.joined(separator: ", ") + ")",
                                         allowed: "at least \(minimumStrikes) out-of-the-money quotes at different strikes, with a bid > 0 and a mid a volatility gives, for one expiry"
                                             + (skipped[.noForward]! > 0 ? "; without a rate, a call and a put quoted at 2 or more common strikes (its forward by put–call parity), or give the rate and yield" : "")))
        }

        // Pooled: columns are one indicator per expiry, then x, x².
        let m = expirations.count
        var rows: [[Double]] = [], values: [Double] = [], weights: [Double] = []
        for (k, e) in expirations.enumerated() {
            for f in byExpiry[e]! {
                var row = [Double](repeating: 0, count: m + 2)
                row[k] = 1
                row[m] = f.scaledMoneyness
                row[m + 1] = f.scaledMoneyness * f.scaledMoneyness
                rows.append(row)
                values.append(f.quoteVolatility)
                weights.append(f.weight)
            }
        }
        guard let beta = WeightedLeastSquares.solve(rows: rows, values: values, weights: weights) else {
            return .failure(Problem(found: "quotes of \(underlying) on \(quoteDate) that do not determine a skew and a smile (their moneyness x = ln(K/F)/√τ takes too few values)",
                                         allowed: "out-of-the-money quotes at three or more strikes spread around the money"))
        }
        let smile = VolatilitySmile(slope: beta[m], curvature: beta[m + 1])

        var expiries: [ExpiryFit] = []
        var used: [QuoteFit] = []
        for (k, e) in expirations.enumerated() {
            var list = byExpiry[e]!
            let atm = beta[k]
            for i in list.indices {
                list[i].fittedVolatility = smile.volatility(atm: atm, logMoneyness: list[i].logMoneyness, years: list[i].years)
            }
            let (pooledRMS, pooledMax) = errorSummary(list.map(\.errorPoints))
            // This expiry's own smile.
            let own = WeightedLeastSquares.solve(rows: list.map { [1, $0.scaledMoneyness, $0.scaledMoneyness * $0.scaledMoneyness] },
                                                 values: list.map(\.quoteVolatility), weights: list.map(\.weight))
            var ownSummary: (Double, Double)?
            if let own {
                let ownSmile = VolatilitySmile(slope: own[1], curvature: own[2])
                ownSummary = errorSummary(list.map {
                    100 * (ownSmile.volatility(atm: own[0], logMoneyness: $0.logMoneyness, years: $0.years) - $0.quoteVolatility)
                })
            }
            expiries.append(ExpiryFit(expiration: e, tradingDays: list[0].tradingDays, years: list[0].years, quoteCount: list.count,
                                      atm: own?[0], slope: own?[1], curvature: own?[2],
                                      rmsPoints: ownSummary?.0, maxPoints: ownSummary?.1,
                                      pooledATM: atm, pooledRMSPoints: pooledRMS, pooledMaxPoints: pooledMax,
                                      rate: carry[e]!!.rate, dividendYield: carry[e]!!.yield))
            used += list
        }
        used.sort { $0.quote.line < $1.quote.line }
        let (rms, worst) = errorSummary(used.map(\.errorPoints))
        return .success(SurfaceFit(underlying: underlying, quoteDate: quoteDate,
                                   rate: givenRate != nil && givenYield != nil ? givenRate : nil,
                                   dividendYield: givenRate != nil && givenYield != nil ? givenYield : nil,
                                   slope: smile.slope, curvature: smile.curvature, expiries: expiries, quotes: used,
                                   skipped: skipped, rmsPoints: rms, maxPoints: worst))
    }

    /// The weekdays after `start` up to and including `end` (0 when `end` ≤ `start`).
    static func tradingDays(after start: CalendarDate, through end: CalendarDate) -> Int {
        guard end > start else { return 0 }
        let span = end.daysSinceEpoch - start.daysSinceEpoch
        var count = (span / 7) * 5
        var date = start.adding(days: (span / 7) * 7)
        while date < end {
            date = date.adding(days: 1)
            if !date.isWeekend { count += 1 }
        }
        return count
    }

    /// (RMS, largest absolute value) of errors.
    private static func errorSummary(_ errors: [Double]) -> (Double, Double) {
        let rms = (errors.reduce(0) { $0 + $1 * $1 } / Double(errors.count)).squareRoot()
        return (rms, errors.map(abs).max() ?? 0)
    }
}
