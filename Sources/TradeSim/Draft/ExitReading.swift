/// Bullets that only close a position: "Trim copper miners at +25%", "Exit long-duration REITs
/// if the 10-year breaks 5%" (issue 20: a trim was dropped).
///
/// A trim or exit "at +N%" of a group or ticker that a long basket on the same card holds
/// becomes that decision's take-profit (`exit.takeProfit` N%), unless it has one; it is listed
/// to decide (a trim sells part of a position, a drafted exit closes all of it). Anything
/// else is listed as not read, with its text: the study format has no exit for a position
/// no decision opens.
extension DecisionReader {
    /// Whether a bullet that names no trade closes or trims a position.
    func closesAPosition(_ text: String) -> Bool { p["exitWord"]!.isFound(in: CardText(text)) }

    /// Applies a trim or exit bullet to the decision it closes; the line for the list.
    /// The first long basket holding each tag and ticker, by reading index.
    static func longBaskets(_ readings: [DecisionReading]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, r) in readings.enumerated() where r.kind == .basket && r.side == "long" {
            for g in r.groups {
                if let tag = g.tag, out["#" + tag] == nil { out["#" + tag] = i }
                for t in g.tickers where out[t] == nil { out[t] = i }
            }
        }
        return out
    }

    func applyExit(_ text: String, number: Int, to readings: inout [DecisionReading], holders: [String: Int], evidence: TickerEvidence) -> String {
        let t = CardText(text)
        let notRead = "key decision \(number): not read (it closes or trims a position that no decision on the card opens, or gives no level; the study format has no exit for a holding): \"\(Self.excerpt(text))\""
        guard let m = p["trimAt"]!.firstMatch(in: t), let phrase = m.units(1), let level = m[2],
              let value = Double(level), value > 0, value <= 10_000 else { return notRead }
        var scratch = DecisionReading(number: number, text: text, kind: .basket)
        let named = groups(phrase: phrase, in: t, &scratch, evidence)
        let keys = named.compactMap { $0.tag.map { "#" + $0 } } + named.flatMap(\.tickers)
        guard let i = keys.compactMap({ holders[$0] }).min() else { return notRead }
        let words = Self.words(m.range, in: text)
        let target = Self.scaled(level, -2)!
        if let existing = readings[i].takeProfit, existing != target {
            return "key decision \(number): '\(words)' names key decision \(readings[i].number), which already takes profit at \(JSONText.wholeOrDecimal(existing)); kept, the trim is not drafted: \"\(Self.excerpt(text))\""
        }
        readings[i].takeProfit = target
        readings[i].readings.append("exit.takeProfit \(JSONText.wholeOrDecimal(target)) ← '\(words)' (key decision \(number))")
        return "key decision \(number): '\(words)' is drafted as the take-profit of key decision \(readings[i].number) (exit.takeProfit \(JSONText.wholeOrDecimal(target))); a trim sells part of a position, the draft closes all of it"
    }
}
