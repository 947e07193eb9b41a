import Foundation

/// The Black–Scholes–Merton terms an option group's lanes share on a day when they all hold
/// the same expiry: with τ = tenor/252 years and σ the day's implied vol for that tenor,
///
///     sd = σ√τ,   c₁ = (r − q + σ²/2)·τ,   dq = e^{−qτ},   dr = e^{−rτ},
///
/// so that d₁ = (ln S − ln K + c₁)/sd lane by lane. Rates and yields continuously compounded,
/// annual; σ annual.
struct OptionDayTerms: Sendable {
    let sd: Double
    let c1: Double
    let inverseSd: Double
    let dq: Double
    let dr: Double

    init(sigma: Double, tenorDays: Int, rate: Double, dividendYield q: Double) {
        let t = Double(tenorDays) / TradingCalendar.tradingDaysPerYear
        sd = sigma * t.squareRoot()
        c1 = (rate - q + 0.5 * sigma * sigma) * t
        inverseSd = 1 / sd
        dq = Foundation.exp(-q * t)
        dr = Foundation.exp(-rate * t)
    }

    /// d₁ = (ln S − ln K + c₁)/sd on eight lanes (by the shared 1/sd).
    @inline(__always)
    func d1(logPrice x: SIMD8<Double>, logStrike: SIMD8<Double>) -> SIMD8<Double> {
        (x - logStrike + SIMD8(repeating: c1)) * SIMD8(repeating: inverseSd)
    }
}
