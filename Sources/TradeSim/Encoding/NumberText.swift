/// How numbers become text in every report: the shortest decimal that reads back as the same
/// `Double` (Swift's round-trip `description`, e.g. `0.1`, `4.759422392871532`, `1e-05`), so a
/// CSV or JSON value loads in pandas or a spreadsheet as exactly the computed number.
/// Undefined values (nil, NaN, ±∞) never reach a report: they are an empty CSV cell (or JSON
/// `null`: `JSONText.number`).
package enum NumberText {
    /// The CSV cell for a value: round-trip decimal, or "" when undefined.
    package static func csv(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return x == 0 ? "0" : x.description
    }

    /// A fixed-point rendering for tables meant for people (`digits` after the point).
    package static func fixed(_ x: Double?, digits: Int) -> String {
        guard let x, x.isFinite else { return "n/a" }
        return formatFixed(x, digits: digits)
    }

    private static func formatFixed(_ x: Double, digits: Int) -> String {
        // Round half away from zero at `digits` decimals, without Foundation's locale.
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        if scaled >= 9.007e15 { return x.description }
        let n = Int(scaled)
        let whole = n / Int(scale)
        let frac = n % Int(scale)
        var text = String(whole)
        if digits > 0 {
            let f = String(frac)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return (x < 0 && n != 0 ? "-" : "") + text
    }
}
