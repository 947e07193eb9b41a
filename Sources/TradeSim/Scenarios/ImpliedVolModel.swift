import Foundation

/// The implied volatility used to mark options: a base level per asset plus the premium of
/// every upcoming event the option spans, scaled by a term-structure response.
///
///     iv(i, d, τ) = base_i(d) + Σ_e premium_e,i(d) · f(τ)     over events e with d < day_e ≤ d + τ_days
///     base_i(d)   = baseMultiple × σ_i(d)  or the asset's absolute base IV
///     f(τ)        = √(τ₀ / (τ₀ + τ))  with τ₀ = `termDecayYears`;  f ≡ 1 when τ₀ is not set
///
/// σ_i(d) is the path model's volatility of asset i on day d (after regime multipliers), τ the
/// option's remaining life in years (trading days / 252). f is 1 at zero tenor and decays
/// like 1/√τ for long tenors — the shape of a fixed amount of event variance spread over the
/// option's life — so short-dated options carry most of the premium. An option that expires
/// before the event gets none of its premium; from the event day on the premium is gone (the
/// crush).
public struct ImpliedVolModel: Sendable, Hashable {
    /// Per asset: the absolute base IV, or nil to use `baseMultiple` × path vol.
    public var baseAbsolute: [Double?]
    /// The multiple of the path vol used where no absolute base is given.
    public var baseMultiple: Double
    /// τ₀ of the term-structure response, in years (nil: f ≡ 1).
    public var termDecayYears: Double?
    /// In historical replays the path vol behind the base is the trailing realized vol over
    /// this many trading days (closes before the replay's start count).
    public var realizedWindowDays: Int

    /// A model; by default the base is the path vol and f ≡ 1.
    public init(baseAbsolute: [Double?], baseMultiple: Double = 1, termDecayYears: Double? = nil, realizedWindowDays: Int = 21) {
        self.baseAbsolute = baseAbsolute
        self.baseMultiple = baseMultiple
        self.termDecayYears = termDecayYears
        self.realizedWindowDays = realizedWindowDays
    }

    /// f(τ): 1 at τ = 0, decaying with tenor.
    public func termResponse(years: Double) -> Double {
        guard let t0 = termDecayYears else { return 1 }
        return (t0 / (t0 + Swift.max(years, 0))).squareRoot()
    }

    /// The base IV of asset `i` given its path volatility that day.
    public func base(asset i: Int, pathVolatility: Double) -> Double {
        baseAbsolute[i] ?? baseMultiple * pathVolatility
    }

    /// The IV of asset `i` on `day` for an option with `tenorDays` trading days to expiry.
    public func impliedVol(asset i: Int, day: Int, tenorDays: Int, pathVolatility: Double,
                           events: [ScheduledEvent]) -> Double {
        let base = base(asset: i, pathVolatility: pathVolatility)
        var premium = 0.0
        for e in events {
            guard let p = e.volPremium, p.assets[i], e.day > day, e.day <= day + tenorDays else { continue }
            let fraction = p.rampFraction(day: day, eventDay: e.day)
            guard fraction > 0 else { continue }
            switch p.size {
            case let .multipleOfBase(m): premium += m * base * fraction
            case let .absolute(a): premium += a * fraction
            }
        }
        if premium == 0 { return base }
        return base + premium * termResponse(years: Double(tenorDays) / TradingCalendar.tradingDaysPerYear)
    }
}
