/// A ticker's spot and annual volatility from its daily closes, for a drafted study's universe.
///
///     spot = the last close dated before day 0
///     σ = √252 · sample standard deviation of the last n daily log returns ln(Cₜ/Cₜ₋₁)
///         ending at that close, n = min(126, what the series has), n ≥ 21
///
/// σ is rounded to 4 decimals (0.7158), as a person writes it in a study. (126 trading days
/// ≈ 6 months, the window the first card's study used; sample standard deviation with n − 1,
/// as NumPy's `std(ddof=1)` and empyrical's `annual_volatility`.)
package struct MarketEstimate: Sendable, Equatable {
    package var spot: Double
    package var spotDate: CalendarDate
    package var volatility: Double
    package var returns: Int

    package static let windowReturns = 126
    package static let minimumReturns = 21

    /// nil when the series has fewer than 22 closes before `day0`. The volatility is
    /// `HistoricalModel.trailingVolatility`, the realized vol the historical scenarios use.
    package init?(series: PriceSeries, before day0: CalendarDate) {
        guard let last = series.dates.lastIndex(where: { $0 < day0 }), last >= Self.minimumReturns,
              series.closes[last] <= 1e9,
              let sigma = HistoricalModel.trailingVolatility(Array(series.closes[...last]), window: Self.windowReturns)[last],
              sigma.isFinite, sigma <= 5 else { return nil }
        spot = series.closes[last]
        spotDate = series.dates[last]
        volatility = (sigma * 1e4).rounded() / 1e4
        returns = min(last, Self.windowReturns)
    }
}
