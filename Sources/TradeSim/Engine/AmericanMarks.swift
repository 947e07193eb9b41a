import Foundation

/// The early-exercise premium tables (`AmericanPremiumTable`) a scenario's American option legs
/// are marked with, built once per run and shared by every block of paths and every variant.
///
/// One table per (option type, rate, dividend yield, tenor left, σ range): for each American option leg
/// with a planned expiry (`DecisionProgram.plannedExpiry`: every lane holds the same expiry) and
/// each day before it. The σ range is the day's IV for the tenor when the leg's IV is one number
/// a day; when each lane has its own IV (`DecisionProgram.laneVolatility`: a smile, a spot–vol
/// beta, an event outcome that rescales the ATM level), it bounds every lane's IV that day:
///
///     level ∈ [atm·s_lo − |β|·5σ_path·√(d/252),  atm·s_hi + |β|·5σ_path·√(d/252)]   (floored at floor·atm·s_lo)
///     σ     ∈ [max(level_lo + min g, floor·level_lo),  level_hi + max g]
///
/// with s_lo, s_hi the least and greatest products of the events' `ivAfter` factors for the
/// asset, and g(x) = a·x + b·x² the smile over |x| ≤ xLimit — except for a leg entered on day 0
/// at a sticky strike without a spot–vol beta or outcome rescaling: every lane then holds the
/// strike struck at the reference spot, and the range is that strike's IV. A lane outside the range (a spot
/// beyond five path standard deviations under a spot–vol beta), a leg without a planned expiry
/// (on-weakness entries with a tenor: lanes with different expiries) and σ√τ = 0 are priced
/// lane by lane by `AmericanOption` (slower, the same values).
struct AmericanMarks: Sendable {
    /// What a table depends on (`PremiumTableCache.Key`): legs that agree on it share one.
    typealias Key = PremiumTableCache.Key

    let tables: [AmericanPremiumTable?]
    /// Per program: `index[program][leg * (horizon + 1) + day]` into `tables`, −1 for none.
    let index: [[Int32]]
    let horizon: Int

    /// No American legs: no tables.
    static let none = AmericanMarks(tables: [], index: [], horizon: 0)

    init(tables: [AmericanPremiumTable?], index: [[Int32]], horizon: Int) {
        self.tables = tables
        self.index = index
        self.horizon = horizon
    }

    /// The tables of `programs` in `scenario`, built on up to `threads` threads (those `cache`
    /// holds are taken from it, and those built are added to it).
    init(programs: [DecisionProgram], scenario: Scenario, universe: Universe, threads: Int, cache: PremiumTableCache? = nil) {
        let horizon = scenario.horizonDays
        var keys: [Key] = []
        var position: [Key: Int32] = [:]
        var index: [[Int32]] = []
        for p in programs {
            var row = [Int32](repeating: -1, count: p.legAsset.count * (horizon + 1))
            for (k, leg) in p.variant.legs.enumerated() where leg.isAmerican {
                guard case let .option(type, _, _) = leg.instrument, let expiry = p.plannedExpiry[k], !p.neverEnters else { continue }
                let firstDay = p.entersAnyDay ? 0 : min(p.entryDay ?? 0, horizon)
                for d in firstDay..<max(firstDay, min(expiry, horizon + 1)) {
                    let range = Self.sigmaRange(p, leg: k, day: d, tenor: expiry - d, scenario: scenario, universe: universe)
                    let key = Key(type: type, rate: scenario.rate, dividendYield: universe.assets[leg.asset].dividendYield,
                                  tenorDays: expiry - d, sigmaLow: range.low, sigmaHigh: range.high)
                    if let at = position[key] {
                        row[k * (horizon + 1) + d] = at
                    } else {
                        position[key] = Int32(keys.count)
                        row[k * (horizon + 1) + d] = Int32(keys.count)
                        keys.append(key)
                    }
                }
            }
            index.append(row)
        }
        let build = { (wanted: [PremiumTableCache.Key]) -> [AmericanPremiumTable?] in
            Parallel.map(count: wanted.count, threads: threads) { i in
                let key = wanted[i]
                return AmericanPremiumTable(type: key.type, rate: key.rate, dividendYield: key.dividendYield,
                                            years: Double(key.tenorDays) / TradingCalendar.tradingDaysPerYear,
                                            sigmaLow: key.sigmaLow, sigmaHigh: key.sigmaHigh)
            }
        }
        tables = cache.map { $0.tables(for: keys, build: build) } ?? build(keys)
        self.index = index
        self.horizon = horizon
    }

    /// The table of program `program`'s leg `k` on `day` (its planned expiry), or nil.
    @inline(__always)
    func table(program: Int, leg k: Int, day d: Int) -> AmericanPremiumTable? {
        guard program < index.count, d <= horizon else { return nil }
        let i = index[program][k * (horizon + 1) + d]
        return i < 0 ? nil : tables[Int(i)]
    }

    /// The IVs leg k's lanes can have on day d (see the type's documentation).
    static func sigmaRange(_ p: DecisionProgram, leg k: Int, day d: Int, tenor: Int, scenario: Scenario,
                           universe: Universe) -> (low: Double, high: Double) {
        let atm = p.impliedVol(leg: k, day: d, tenor: tenor)
        guard p.laneVolatility[k] != nil else { return (atm, atm) }
        let i = p.legAsset[k]
        let model = p.volModel
        // Entered on day 0, every lane holds the strike struck at the reference spot; at a sticky
        // strike, without a spot–vol beta or outcome rescaling, its IV is one number a day.
        if p.entryDay == 0, !p.entersAnyDay, !p.atmScaled[k], model.spotVolBeta[i] == 0, model.dynamics == .stickyStrike,
           case let .option(type, rule, _) = p.variant.legs[k].instrument, let expiry = p.plannedExpiry[k] {
            let spot = p.referenceSpot[i]
            let strike = p.legStrike(leg: k, rule: rule, type: type, spot: spot, day: 0, expiry: expiry, rate: scenario.rate)
            let sigma = p.strikeVolatility(leg: k, day: d, tenor: tenor, strike: strike, spot: spot, rate: scenario.rate)
            return (sigma, sigma)
        }
        var scaleLow = 1.0, scaleHigh = 1.0
        if p.atmScaled[k] {
            for e in scenario.events {
                let factors = e.outcomes.map { i < $0.ivAfter.count ? $0.ivAfter[i] : 1 }
                scaleLow *= min(1, factors.min() ?? 1)
                scaleHigh *= max(1, factors.max() ?? 1)
            }
        }
        let smile = model.smile[i], beta = model.spotVolBeta[i]
        let spread = abs(beta) * 5 * universe.assets[i].volatility * (Double(max(d, 1)) / TradingCalendar.tradingDaysPerYear).squareRoot()
        let levelLow = max(atm * scaleLow - spread, smile.floorFraction * atm * scaleLow)
        let levelHigh = atm * scaleHigh + spread
        // g(x) = a·x + b·x² over |x| ≤ L: its ends and its vertex when inside.
        let limit = smile.xLimit
        var points = [-limit, limit]
        if smile.curvature != 0 {
            let vertex = -smile.slope / (2 * smile.curvature)
            if abs(vertex) < limit { points.append(vertex) }
        }
        let g = points.map { (smile.slope + smile.curvature * $0) * $0 }
        let low = max(levelLow + g.min()!, smile.floorFraction * levelLow)
        let high = max(levelHigh + g.max()!, smile.floorFraction * levelHigh)
        return (low, max(low, high))
    }
}
