import Foundation

/// A ticker's spot and annual volatility from its daily closes, for a drafted study's universe.
///
///     spot = the last close dated before day 0
///     σ = √252 · sample standard deviation of the last n daily log returns ln(Cₜ/Cₜ₋₁)
///         ending at that close, n = min(126, what the series has), n ≥ 21
///
/// σ is rounded to 4 decimals (0.7158), as a person writes it in a study. (126 trading days ≈ 6 months, the window the first card's study used; sample standard
/// deviation with n − 1, as NumPy's `std(ddof=1)` and empyrical's `annual_volatility`.)
public struct MarketEstimate: Sendable, Equatable {
    public var spot: Double
    public var spotDate: CalendarDate
    public var volatility: Double
    public var returns: Int

    public static let windowReturns = 126
    public static let minimumReturns = 21

    /// nil when the series has fewer than 22 closes before `day0`.
    public init?(series: PriceSeries, before day0: CalendarDate) {
        guard let last = series.dates.lastIndex(where: { $0 < day0 }), last >= Self.minimumReturns else { return nil }
        let first = max(0, last - Self.windowReturns)
        var logReturns: [Double] = []
        for k in (first + 1)...last { logReturns.append(Foundation.log(series.closes[k] / series.closes[k - 1])) }
        let n = Double(logReturns.count)
        let mean = logReturns.reduce(0, +) / n
        let variance = logReturns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let sigma = (variance * 252).squareRoot()
        guard sigma.isFinite, sigma <= 5, series.closes[last] <= 1e9 else { return nil }
        spot = series.closes[last]
        spotDate = series.dates[last]
        volatility = (sigma * 1e4).rounded() / 1e4
        returns = logReturns.count
    }
}
