import Foundation

/// The axes of the what-if grid (`WhatIfGrid`): spot shocks, implied-vol shocks and days, and
/// how an IV shock spreads over the term structure.
///
/// - A spot shock x (percent) moves every underlying's price from S₀ to S₀·(1 + x/100), or with
///   `betaScaled` to S₀·(1 + β_i·x/100), β_i the asset's `beta` in the study (its market beta;
///   1 unless the study says otherwise).
/// - An IV shock v (vol points: 5 = +0.05 of annual vol) is added to the at-the-money IV of
///   every open option — the surface's level for the day and the option's remaining tenor —
///   before the smile and the spot–vol beta, so a skewed leg keeps its spread to ATM:
///
///       σ_ATM′(τ) = σ_ATM(d, τ) + (v/100) · r(τ)
///
///   with the term response r(τ), τ the remaining tenor in trading days:
///       `flat`:  r(τ) = 1 (a parallel shift of every tenor);
///       `sqrt`:  r(τ) = min(2, √(τ_ref/τ)), τ_ref = 21 trading days (one month) — the usual
///                rule that short-dated vol moves more than long-dated: a 1-month option takes
///                the whole shock, a 4-month one (τ = 84) half of it, a 1-year one 29%; options
///                of 5 trading days or fewer take at most twice the shock.
/// - A day t is t trading days after the variant's entry day.
public struct WhatIfShocks: Sendable, Hashable {
    /// How an IV shock spreads over tenors.
    public enum TermResponse: String, Sendable, Hashable, CaseIterable {
        /// Every tenor takes the whole shock.
        case flat
        /// The shock × min(2, √(21/τ)).
        case sqrt
    }

    /// Spot shocks in percent of each underlying's price (−20 = a 20% fall), ascending.
    public var spotPercent: [Double]
    /// IV shocks in vol points added to the ATM IV, ascending.
    public var ivVolPoints: [Double]
    /// Trading days after each variant's entry day, ascending.
    public var days: [Int]
    /// How an IV shock spreads over tenors.
    public var termResponse: TermResponse
    /// Scale each underlying's spot shock by its beta.
    public var betaScaled: Bool

    /// A grid's axes (each list ascending, without repeats).
    public init(spotPercent: [Double] = Self.defaultSpotPercent, ivVolPoints: [Double] = Self.defaultIVVolPoints,
                days: [Int] = Self.defaultDays, termResponse: TermResponse = .flat, betaScaled: Bool = false) {
        self.spotPercent = spotPercent
        self.ivVolPoints = ivVolPoints
        self.days = days
        self.termResponse = termResponse
        self.betaScaled = betaScaled
    }

    public static let defaultSpotPercent: [Double] = [-20, -10, -5, 0, 5, 10, 20]
    public static let defaultIVVolPoints: [Double] = [-10, -5, 0, 5, 10]
    public static let defaultDays = [0, 5, 21, 63]

    /// τ_ref of the `sqrt` response: 21 trading days (one month).
    public static let referenceTenorDays = 21
    /// The most of a shock any tenor takes under `sqrt`: 2× (tenors ≤ τ_ref/4, about a week).
    public static let maximumResponse = 2.0
    /// The lowest ATM IV a shock may leave an open option with: 0.01 (1 vol point). A shock
    /// below it is refused (naming the option), not floored.
    public static let minimumATMVolatility = 0.01

    /// r(τ): the share of an IV shock an option with `tenorDays` trading days left takes.
    /// Precondition: `tenorDays` > 0 (an option on its expiry day is at intrinsic).
    public func response(tenorDays: Int) -> Double {
        precondition(tenorDays > 0, "an option with no tenor left takes no IV shock")
        switch termResponse {
        case .flat: return 1
        case .sqrt: return Swift.min(Self.maximumResponse, (Double(Self.referenceTenorDays) / Double(tenorDays)).squareRoot())
        }
    }

    /// The ATM shift (vol as a decimal) of an IV shock of `volPoints` for a tenor of `tenorDays`:
    /// (v/100)·r(τ).
    func atmShift(volPoints: Double, tenorDays: Int) -> Double {
        volPoints / 100 * response(tenorDays: tenorDays)
    }

    /// The move (a decimal) of an underlying with `beta` under a spot shock of `percent`:
    /// x/100, or β·x/100 when `betaScaled`.
    func move(percent: Double, beta: Double) -> Double {
        betaScaled ? beta * percent / 100 : percent / 100
    }
}
