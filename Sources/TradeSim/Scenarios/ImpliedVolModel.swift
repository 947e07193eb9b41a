import Foundation

/// The implied-volatility surface options are marked with, per asset: an at-the-money level
/// (set apart from the path's volatility by the volatility risk premium, with a term
/// structure), the premium of the scheduled events an option spans, and a skew/smile across
/// strikes that moves with the spot by a stated rule.
///
/// At the money, for asset i on day d and an option with τ years (tenor/252) to expiry:
///
///     level_i(d, τ) = atmTerms_i(τ)                                   when the study gives an ATM term curve
///                   = base_i                                          an absolute base IV
///                   = (ratio · σ_i(d) + spread_i) · term(τ)           otherwise
///     atm_i(d, τ)   = √(level² + Σ_e v_e,i / τ)                       events priced by their outcomes
///                   + Σ_e premium_e,i(d) · f(τ)                       events with a ramped premium
///
/// over the events e with d < day_e ≤ d + tenor. σ_i(d) is the path model's volatility that day
/// (after regime multipliers; in replays the trailing realized vol), `ratio` and `spread` the
/// volatility risk premium, term(τ) a multiple interpolated linearly in tenor days between the
/// study's points (flat outside them). An event priced by its outcomes adds its log-move
/// variance v (`ScheduledEvent.logMoveVariance`) to the option's total variance σ²τ — what a
/// market charges for a dated jump from the day the expiry is listed — and from the event day
/// on it is gone (the crush). A ramped premium (the older rule, kept for studies that ask for
/// it) adds `rampFraction` of its size, scaled by f(τ) = √(τ₀/(τ₀ + τ)).
///
/// Across strikes, every leg is marked at its own strike's IV (`VolatilitySmile`):
///
///     σ_i(K, d, τ) = smile_i(atm_i(d, τ) + β_i · ln(S_d / S_ref),  ln(K / F)),   F = S_anchor · e^{(r−q)τ}
///
/// with S_ref the asset's price on the scenario's first day, β_i the spot–vol beta (vol per unit
/// of log return: −0.3 raises the ATM level 3 vol points after a 10% fall), and S_anchor the
/// day's spot (`stickyMoneyness`: the smile moves with the spot) or S_ref (`stickyStrike`: a
/// strike keeps its IV as the spot moves).
public struct ImpliedVolModel: Sendable, Hashable {
    /// How the smile moves when the spot does.
    public enum Dynamics: String, Sendable, Hashable {
        /// Moneyness measured against the spot on the scenario's first day.
        case stickyStrike
        /// Moneyness measured against the day's spot (sticky delta).
        case stickyMoneyness
    }

    /// One point of a term curve: a tenor in trading days and a value at it.
    public struct TermPoint: Sendable, Hashable {
        /// Trading days to expiry.
        public var days: Int
        /// The value at that tenor (an IV, or a multiple).
        public var value: Double
        /// A point.
        public init(days: Int, value: Double) {
            self.days = days
            self.value = value
        }
    }

    /// The volatility risk premium's default ratio of ATM implied to path volatility: 1.15.
    /// Index options have traded about 3–4 vol points above realized on average (Eraker, "The
    /// volatility premium", 2009: implied 19% vs realized 16% for the S&P 500, a ratio of 1.19);
    /// single stocks show a smaller but persistent premium (about 4 vol points on the ten
    /// largest US stocks in 1996–2012, Stone Ridge, reported by L. Swedroe, 2015: 1.1–1.15 at
    /// 30–40% vol). A study sets its own `baseMultiple` or `baseSpread`.
    public static let defaultRatio = 1.15

    /// Per asset: the absolute base IV, or nil to use `baseMultiple` × path vol + `baseSpread`.
    public var baseAbsolute: [Double?]
    /// The ratio of the ATM level to the path vol where no absolute base is given.
    public var baseMultiple: Double
    /// Per asset: vol added to `baseMultiple` × path vol (the premium as a spread).
    public var baseSpread: [Double]
    /// Per asset: an absolute ATM term curve (IV by tenor, e.g. fitted to a chain), or nil.
    public var atmTerms: [[TermPoint]?]
    /// Multiples of the level by tenor (empty: 1 at every tenor). Not applied to `atmTerms`.
    public var termMultiples: [TermPoint]
    /// τ₀ of the ramped premium's term response, in years (nil: f ≡ 1).
    public var termDecayYears: Double?
    /// In historical replays the path vol behind the base is the trailing realized vol over
    /// this many trading days (closes before the replay's start count).
    public var realizedWindowDays: Int
    /// Per asset: the skew and smile across strikes.
    public var smile: [VolatilitySmile]
    /// Per asset: β, vol per unit of log return since the scenario's first day.
    public var spotVolBeta: [Double]
    /// How the smile moves with the spot.
    public var dynamics: Dynamics

    /// A model; by default the level is the path vol (ratio 1, no spread), flat across strikes
    /// and tenors (the defaults a study gets are the decoder's: `defaultRatio`, …).
    public init(baseAbsolute: [Double?], baseMultiple: Double = 1, termDecayYears: Double? = nil, realizedWindowDays: Int = 21,
                baseSpread: [Double]? = nil, atmTerms: [[TermPoint]?]? = nil, termMultiples: [TermPoint] = [],
                smile: [VolatilitySmile]? = nil, spotVolBeta: [Double]? = nil, dynamics: Dynamics = .stickyStrike) {
        let n = baseAbsolute.count
        self.baseAbsolute = baseAbsolute
        self.baseMultiple = baseMultiple
        self.termDecayYears = termDecayYears
        self.realizedWindowDays = realizedWindowDays
        self.baseSpread = baseSpread ?? Array(repeating: 0, count: n)
        self.atmTerms = atmTerms ?? Array(repeating: nil, count: n)
        self.termMultiples = termMultiples
        self.smile = smile ?? Array(repeating: .flat, count: n)
        self.spotVolBeta = spotVolBeta ?? Array(repeating: 0, count: n)
        self.dynamics = dynamics
    }

    /// True when asset i's IV depends on the strike or the path's spot (a smile or a spot–vol
    /// beta): each lane is then marked at its own IV.
    public func dependsOnStrikeOrSpot(asset i: Int) -> Bool {
        !smile[i].isFlat || spotVolBeta[i] != 0
    }

    /// f(τ): 1 at τ = 0, decaying with tenor.
    public func termResponse(years: Double) -> Double {
        guard let t0 = termDecayYears else { return 1 }
        return (t0 / (t0 + Swift.max(years, 0))).squareRoot()
    }

    /// The value of a term curve at `days`: linear between points, flat outside them.
    static func interpolate(_ points: [TermPoint], days: Int) -> Double {
        guard let first = points.first, let last = points.last else { return 1 }
        if days <= first.days { return first.value }
        if days >= last.days { return last.value }
        for (a, b) in zip(points, points.dropFirst()) where days <= b.days {
            return a.value + (b.value - a.value) * Double(days - a.days) / Double(b.days - a.days)
        }
        return last.value
    }

    /// The ATM level of asset i before events: `atmTerms`, the absolute base, or
    /// (ratio · path vol + spread) · term(τ).
    public func level(asset i: Int, tenorDays: Int, pathVolatility: Double) -> Double {
        if let terms = atmTerms[i] {
            // Total variance linear in tenor between points: σ(t)² t interpolated.
            let t = Swift.max(tenorDays, 1)
            guard let first = terms.first, let last = terms.last else { return pathVolatility }
            if t <= first.days { return first.value }
            if t >= last.days { return last.value }
            for (a, b) in zip(terms, terms.dropFirst()) where t <= b.days {
                let wa = a.value * a.value * Double(a.days), wb = b.value * b.value * Double(b.days)
                let w = wa + (wb - wa) * Double(t - a.days) / Double(b.days - a.days)
                return (w / Double(t)).squareRoot()
            }
            return last.value
        }
        let base = baseAbsolute[i] ?? baseMultiple * pathVolatility + baseSpread[i]
        return termMultiples.isEmpty ? base : base * Self.interpolate(termMultiples, days: tenorDays)
    }

    /// The base IV of asset `i` given its path volatility that day (the ATM level at the tenor
    /// the term curve starts from).
    public func base(asset i: Int, pathVolatility: Double) -> Double {
        baseAbsolute[i] ?? baseMultiple * pathVolatility + baseSpread[i]
    }

    /// The ATM IV of asset `i` on `day` for an option with `tenorDays` trading days to expiry.
    public func impliedVol(asset i: Int, day: Int, tenorDays: Int, pathVolatility: Double,
                           events: [ScheduledEvent]) -> Double {
        let level = level(asset: i, tenorDays: tenorDays, pathVolatility: pathVolatility)
        let years = Double(tenorDays) / TradingCalendar.tradingDaysPerYear
        var premium = 0.0, eventVariance = 0.0
        for e in events where e.day > day && e.day <= day + tenorDays {
            if e.pricesOutcomeVariance { eventVariance += e.logMoveVariance(asset: i) }
            guard let p = e.volPremium, p.assets[i] else { continue }
            let fraction = p.rampFraction(day: day, eventDay: e.day)
            guard fraction > 0 else { continue }
            switch p.size {
            case let .multipleOfBase(m): premium += m * base(asset: i, pathVolatility: pathVolatility) * fraction
            case let .absolute(a): premium += a * fraction
            }
        }
        var atm = level
        if eventVariance > 0 && years > 0 { atm = (level * level + eventVariance / years).squareRoot() }
        if premium == 0 { return atm }
        return atm + premium * termResponse(years: years)
    }

    /// The IV of a strike: the smile of asset i around `atm` (the day's ATM IV for the tenor),
    /// shifted by the spot–vol beta, with moneyness against the anchor spot the dynamics name.
    /// `spot` is the day's price, `referenceSpot` the price on the scenario's first day.
    public func strikeVolatility(asset i: Int, atm: Double, strike: Double, spot: Double, referenceSpot: Double,
                                 rate: Double, dividendYield q: Double, years: Double) -> Double {
        let beta = spotVolBeta[i]
        let level = beta == 0 ? atm : Swift.max(atm + beta * Foundation.log(spot / referenceSpot), smile[i].floorFraction * atm)
        if smile[i].isFlat { return level }
        let anchor = dynamics == .stickyStrike ? referenceSpot : spot
        return smile[i].volatility(atm: level, logMoneyness: Foundation.log(strike / anchor) - (rate - q) * years, years: years)
    }

    /// The strike of an option leg entered at `spot` (`StrikeRule.strike`) and its IV
    /// (`strikeVolatility`), `atm` being the day's ATM IV for the tenor. A delta's strike is the
    /// fixed point K = K_Δ(σ(K)) — the strike whose delta at its own strike's IV is the target —
    /// found by iterating from the ATM IV (at most 20 steps, to 1e-12 relative; one step when the
    /// smile is flat). `snap` moves the strike onto the listed grid (identity when unlisted), and
    /// the IV is the snapped strike's. The engine (every entry), the report's payoff diagrams
    /// and validation use this rule.
    public func strikeAndVolatility(rule: StrikeRule, type: OptionType, asset i: Int, atm: Double, spot: Double,
                                    referenceSpot: Double, rate: Double, dividendYield q: Double, years: Double,
                                    snap: (Double) -> Double = { $0 }) -> (strike: Double, volatility: Double) {
        func vol(_ k: Double) -> Double {
            strikeVolatility(asset: i, atm: atm, strike: k, spot: spot, referenceSpot: referenceSpot, rate: rate,
                             dividendYield: q, years: years)
        }
        var k: Double
        if let fixed = rule.strike(spot: spot) {
            k = fixed
        } else {
            var sigma = spotVolBeta[i] == 0 ? atm : vol(spot * Foundation.exp((rate - q) * years))
            k = rule.strike(type: type, spot: spot, volatility: sigma, rate: rate, dividendYield: q, years: years)
            if !smile[i].isFlat {
                for _ in 0..<20 {
                    sigma = vol(k)
                    let next = rule.strike(type: type, spot: spot, volatility: sigma, rate: rate, dividendYield: q, years: years)
                    let done = abs(next - k) <= 1e-12 * k
                    k = next
                    if done { break }
                }
            }
        }
        k = snap(k)
        return (k, vol(k))
    }
}
