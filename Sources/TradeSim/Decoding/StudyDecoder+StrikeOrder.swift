import Foundation

/// The order of a composite decision's strikes: a put spread's short (lower) put below its
/// long put, a collar's and a strangle's put at or below its call. An inverted composite is a
/// different trade from the one its kind names (a put spread that pays when the stock rises a
/// little, a collar that caps below its floor), so it is refused.
///
/// Strikes are compared as they are given:
/// - both `moneyness`, or both `price`: directly;
/// - a `moneyness` m and a `price` K: at each underlying's spot S in the universe (m·S against
///   K), the spot the study starts from (a later entry sees other prices);
/// - two puts' `delta`s (a put spread): a put's strike rises with |Δ| (same day, tenor and IV:
///   K = S·exp(−d1·σ√τ + …) with d1 = −N⁻¹(|Δ|·e^{qτ})), so the lower put has the smaller |Δ|;
/// - any other pair (a delta against a moneyness or price; a put's delta against a call's,
///   whose order depends on q and the tenor) cannot be told before entry and is not checked.
extension StudyDecoder {
    /// Records a problem at `located` when strike `low` is not below `high` (or, when
    /// `equalAllowed`, above it) on some underlying. The message starts from the strike at
    /// `located`: `low` when `atLow`, else `high`; `lowName` and `highName` name the other
    /// ("the long put's").
    mutating func checkStrikeOrder(low: StrikeRule, high: StrikeRule, bothPuts: Bool, equalAllowed: Bool, underlyings: [Int],
                                   located: (node: JSONNode, path: String), atLow: Bool, lowName: String, highName: String,
                                   allowed: String) {
        func wrong(_ lo: Double, _ hi: Double) -> Bool { equalAllowed ? lo > hi : lo >= hi }
        func report(_ lowText: String, _ highText: String, note: String = "", allowedNote: String = "") {
            let found = atLow ? "\(lowText), \(equalAllowed ? "above" : "not below") \(highName) \(highText)"
                : "\(highText), \(equalAllowed ? "below" : "not above") \(lowName) \(lowText)"
            r.problem(located.node, located.path, found: found + note, allowed: allowed + allowedNote)
        }
        switch (low, high) {
        case let (.moneyness(lo), .moneyness(hi)) where wrong(lo, hi),
             let (.absolute(lo), .absolute(hi)) where wrong(lo, hi):
            // The other strike in the same form: its number alone.
            report(atLow ? Self.phrase(low) : Self.number(lo), atLow ? Self.number(hi) : Self.phrase(high))
        case let (.delta(lo), .delta(hi)) where bothPuts && wrong(abs(lo), abs(hi)):
            report(atLow ? Self.phrase(low) : Self.number(lo), atLow ? Self.number(hi) : Self.phrase(high),
                   note: " (a put's strike rises with |delta|)")
        case (.moneyness, .absolute), (.absolute, .moneyness):
            for a in underlyings {
                let spot = universe.assets[a].spot
                let lo = low.strike(spot: spot)!, hi = high.strike(spot: spot)!
                guard wrong(lo, hi) else { continue }
                let ticker = universe.assets[a].ticker
                func atSpot(_ k: StrikeRule, _ x: Double) -> String {
                    if case .moneyness = k { return "\(Self.phrase(k)) (\(Self.number(x)) at \(ticker)'s spot \(Self.number(spot)))" }
                    return Self.phrase(k)
                }
                report(atSpot(low, lo), atSpot(high, hi), allowedNote: " (a moneyness is compared at each underlying's spot in the universe)")
                return
            }
        default:
            break
        }
    }

    /// "moneyness 0.9", "price 45", "delta -0.3".
    static func phrase(_ k: StrikeRule) -> String {
        switch k {
        case let .moneyness(m): "moneyness \(number(m))"
        case let .absolute(x): "price \(number(x))"
        case let .delta(d): "delta \(number(d))"
        }
    }

    /// A number as messages show it: to 6 significant digits, as `NumberRule.format` writes it.
    static func number(_ x: Double) -> String {
        NumberRule.format(Double(String(format: "%.6g", x)) ?? x)
    }
}
