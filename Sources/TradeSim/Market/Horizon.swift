/// Horizon strings → trading days (252 per year): `10d` (10), `2w` (10), `3m` (63), `1q` (63),
/// `6m` (126), `1y` (252). A month is 21 trading days, a week 5, a quarter 63.
public enum Horizon {
    static let allowed = "a whole number of trading days from 1 to 100000, or a string like \"10d\", \"2w\", \"3m\", \"1q\", \"6m\", \"1y\" (at most 100000 days)"

    /// Trading days for a horizon string, or nil when it is not of the form `<n><d|w|m|q|y>`
    /// with n a positive whole number.
    public static func tradingDays(_ text: String) -> Int? {
        guard let unit = text.last, let n = Int(text.dropLast()), n > 0, n <= maximumDays else { return nil }
        let perUnit: Int
        switch unit {
        case "d": perUnit = 1
        case "w": perUnit = 5
        case "m": perUnit = 21
        case "q": perUnit = 63
        case "y": perUnit = 252
        default: return nil
        }
        return n * perUnit <= maximumDays ? n * perUnit : nil
    }

    /// The longest horizon accepted, in trading days (about 400 years).
    public static let maximumDays = 100_000
}
