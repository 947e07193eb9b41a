extension PriceSeries {
    /// Below this fall of the adjustment factor (0.1 bp of the price) a day has no dividend:
    /// the quotes' rounding (LMT 2022–2024 in Yahoo's format: at most 2.7e-7) is not one.
    static let dividendThreshold = 1e-5

    /// The cash dividend per share going ex on each date, implied by the raw and the adjusted
    /// closes (nil without raw closes). Yahoo's adjusted close is the raw close times a factor
    /// f = A/C that steps down on each ex-date by the dividend's share of the previous close
    /// (f_{k−1}/f_k = 1 − D_k/C_{k−1}), so
    ///
    ///     D_k = C_{k−1} · (1 − f_{k−1}/f_k)   when 1 − f_{k−1}/f_k > 10⁻⁵, else 0
    ///
    /// (the first row has none; a factor that rises is no dividend and gives 0). Splits
    /// adjust both columns alike and leave f unchanged. On LMT's file this recovers its
    /// quarterly 2.80, 3.00 and 3.15 to within the quotes' rounding.
    public var cashDividends: [Double]? {
        guard let raw = rawCloses, raw.count == closes.count else { return nil }
        var out = [Double](repeating: 0, count: raw.count)
        for k in raw.indices.dropFirst() {
            let fall = 1 - (closes[k - 1] / raw[k - 1]) / (closes[k] / raw[k])
            if fall > Self.dividendThreshold { out[k] = fall * raw[k - 1] }
        }
        return out
    }
}
