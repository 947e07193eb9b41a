import Foundation

/// The scalar rules of an entry and a mark that the engine and the report's payoff curves share:
/// a leg's strike, its mid on a day (Black–Scholes–Merton, or American), and its quantity under
/// the sizing.
extension DecisionProgram {
    /// The strike of option leg k entered on `day` at `spot` (`ImpliedVolModel.strikeAndVolatility`:
    /// a delta's at its own strike's IV for the leg's tenor); with listed options, the nearest
    /// listed strike (`OptionListing.strike(nearest:asset:)`).
    @inline(__always)
    func legStrike(leg k: Int, rule: StrikeRule, type: OptionType, spot: Double, day: Int, expiry: Int, rate: Double,
                   atmScale: Double = 1) -> Double {
        let tenor = expiry - day
        let i = legAsset[k]
        return volModel.strikeAndVolatility(rule: rule, type: type, asset: i, atm: impliedVol(leg: k, day: day, tenor: tenor) * atmScale,
                                            spot: spot, referenceSpot: referenceSpot[i], rate: rate, dividendYield: dividendYield[i],
                                            years: Double(tenor) / TradingCalendar.tradingDaysPerYear,
                                            snap: { self.listing?.strike(nearest: $0, asset: i) ?? $0 }).strike
    }

    /// The mid of option leg k on `day`, money per share: its Black–Scholes–Merton value at its
    /// strike's IV (the scenario's surface for the day and the remaining tenor, its ATM level ×
    /// `atmScale` + `atmShift`) for its remaining tenor (expiry − day)/252 years, on the escrowed
    /// spot when a cash dividend goes ex in the option's life (`DividendSchedule.escrowedSpot`;
    /// the spot itself otherwise) — `optionInputs` — and for an American leg its American value
    /// at the same inputs (`americanMid`). (`atmShift`, vol as a decimal, is the what-if grid's IV
    /// shock; the engine leaves it 0.)
    @inline(__always)
    func optionMid(leg k: Int, type: OptionType, spot: Double, strike: Double, day: Int, expiry: Int, rate: Double,
                   dividends: DividendSchedule, atmScale: Double = 1, atmShift: Double = 0,
                   american table: AmericanPremiumTable? = nil) -> Double {
        let inputs = optionInputs(leg: k, type: type, spot: spot, strike: strike, day: day, expiry: expiry, rate: rate,
                                  dividends: dividends, atmScale: atmScale, atmShift: atmShift)
        let european = BlackScholes.price(inputs)
        guard legAmerican[k] else { return european }
        return Self.americanMid(inputs, european: european, spot: spot, table: table)
    }

    /// The Black–Scholes–Merton inputs `optionMid` prices option leg k with on `day` (escrowed
    /// spot, the strike's IV, the asset's yield, the remaining tenor in years of 252 trading
    /// days): the one rule of a leg's model inputs, which the position analysis also takes its
    /// Greeks from (`PositionAnalysis`).
    @inline(__always)
    func optionInputs(leg k: Int, type: OptionType, spot: Double, strike: Double, day: Int, expiry: Int, rate: Double,
                      dividends: DividendSchedule, atmScale: Double = 1, atmShift: Double = 0) -> BlackScholesInputs {
        let tenor = expiry - day
        let spot = dividends.escrowedSpot(spot, asset: legAsset[k], day: day, expiry: expiry, rate: rate)
        let iv = strikeVolatility(leg: k, day: day, tenor: tenor, strike: strike, spot: spot, rate: rate, atmScale: atmScale,
                                  atmShift: atmShift)
        return BlackScholesInputs(type: type, spot: spot, strike: strike, volatility: iv, rate: rate,
                                  dividendYield: dividendYield[legAsset[k]], years: Double(tenor) / TradingCalendar.tradingDaysPerYear)
    }

    /// The one rule for an American leg's value (mark, entry, exit, payoff curves): the
    /// Andersen–Lake–Offengenden value at the European mid's inputs (`AmericanOption.price`),
    /// read from the day's premium table when one covers the IV (`AmericanPremiumTable`, within
    /// 1e-6 of the strike of the solve), and never below the intrinsic value at today's `spot`
    /// (with cash dividends ahead the inputs hold the escrowed spot, and exercising now takes
    /// the spot itself). A call without dividends is its European value exactly.
    static func americanMid(_ o: BlackScholesInputs, european: Double, spot: Double, table: AmericanPremiumTable?) -> Double {
        let value: Double
        if AmericanExerciseRegime.of(o.type, rate: o.rate, dividendYield: o.dividendYield) == .neverEarly {
            value = european
        } else if let table, table.covers(volatility: o.volatility), o.years > 0 {
            value = o.strike * table.value(logMoneyness: Foundation.log(o.spot / o.strike), volatility: o.volatility,
                                           european: european / o.strike)
        } else {
            value = AmericanOption.price(o)
        }
        return Swift.max(value, o.type.intrinsic(spot: spot, strike: o.strike))
    }

    /// Whether exercising an American option now is optimal for its holder: its value (as
    /// `americanMid` gives it, floored at intrinsic) is its intrinsic value, and that is
    /// positive — the spot is at or beyond the early-exercise boundary (a put at or below its
    /// critical spot, a call at or above it). A sold leg is then at risk of assignment.
    /// Eight lanes at once (the daily mark's values, `BlockRunner.watchExercise`).
    @inline(__always)
    static func earlyExerciseIsOptimal(value: SIMD8<Double>, intrinsic: SIMD8<Double>) -> SIMDMask<SIMD8<Int64>> {
        (intrinsic .> 0) .& (value .<= intrinsic)
    }

    /// Units per budget group under a premium budget B with G groups: (B/G) / Σ_group weight·mid,
    /// 0 for a group whose premium is not positive; with listed options, the whole contracts of
    /// each group that fit its share of the budget, costs included (`WholeContracts`), × the
    /// multiplier. Nil when no group can be sized (a net credit); empty for the other sizings.
    /// `mid(k)` is leg k's entry mark (the close for stock).
    func premiumBudgetUnits(mid: (Int) -> Double) -> [Double]? {
        guard case let .premiumBudget(budget) = sizing else { return [] }
        let legs = legFacts
        var groupUnits = [Double](repeating: 0, count: groupCount)
        var perGroup = [Double](repeating: 0, count: groupCount)
        for k in legs.indices { perGroup[legs[k].group] += legs[k].weight * mid(k) }
        for g in 0..<groupCount { groupUnits[g] = perGroup[g] > 0 ? budget / Double(groupCount) / perGroup[g] : 0 }
        if listing != nil {
            // Whole contracts within each group's share of the budget, costs included.
            for g in 0..<groupCount where groupUnits[g] > 0 {
                let members = legs.indices.filter { legs[$0].group == g }
                // A group holds one underlying: its legs share the asset's multiplier.
                let groupCosts = legCosts[members[0]]
                let whole = WholeContracts(budget: budget / Double(groupCount), contracts: members.map { Int(legs[$0].weight) },
                                           mids: members.map { mid($0) }, isOption: members.map { legs[$0].option != nil },
                                           costs: groupCosts)
                groupUnits[g] = Double(whole.units) * groupCosts.contractMultiplier
            }
        }
        return groupUnits.allSatisfy({ $0 == 0 }) ? nil : groupUnits
    }

    /// The signed quantity of leg k entered at `spot` (shares; an option's in underlying units):
    /// notional N → w·N/G/S for an option (G budget groups), w·N/S for stock; units u → w·u;
    /// premium budget → w × its group's units (`premiumBudgetUnits`); hedge ratio h → w·h × the
    /// holding. With listed options (not under a premium budget), an option's quantity in whole
    /// contracts (`OptionListing.wholeContracts`).
    func quantity(leg k: Int, spot: Double, groupUnits: [Double], playbook: Playbook) -> Double {
        let leg = legFacts[k], isOption = leg.option != nil
        var q: Double
        var isPremiumBudget = false
        switch sizing {
        case let .notional(n):
            q = isOption ? leg.weight * n / Double(groupCount) / spot : leg.weight * n / spot
        case let .units(u): q = leg.weight * u
        case .premiumBudget:
            q = leg.weight * groupUnits[leg.group]
            isPremiumBudget = true
        case let .hedgeRatio(h): q = leg.weight * h * playbook.heldQuantity(asset: leg.asset)
        }
        if listing != nil, isOption, !isPremiumBudget {
            q = OptionListing.wholeContracts(shares: q, multiplier: legCosts[k].contractMultiplier)
        }
        return q
    }
}
