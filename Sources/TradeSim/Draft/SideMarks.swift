/// The sides a bullet states, each with the group it names (issue 20: "direction is read,
/// never guessed").
///
/// Rules, in `CardPatterns` (Direction):
/// - a long word ("long", "buy", "own", "accumulate", "overweight", "add to") or a short word
///   ("short", "sell", "underweight") gives its side to the phrase after it, up to the phrase's
///   end (`phraseEnd`: a preposition, a comma, "vs", "and sell", …). A side word followed by
///   an option ("buy puts", "buy downside protection") is an option purchase, not a side;
///   "our own" is not a purchase.
/// - "vs", "versus", "against", "relative to" give the phrase after them the side opposite
///   the side word before them, unless a side word of its own follows ("short XBI against long
///   VRDA": each side from its own words).
/// - "hedge with XLE shorts" (not with options) makes XLE a short side.
/// - "play", "bet on", "ride", "position for", "exposure to" (long) and "fade", "bet against"
///   (short) are weak: used only when nothing else gives a side, and listed to decide.
/// At most `DraftLimits.sidesPerDecision` side words of each kind are read (each group is
/// searched for in a window of `DraftLimits.groupWindow` Characters), so a bullet costs time
/// linear in its length.
struct SideMarks {
    var longs: [SideMark] = []
    var shorts: [SideMark] = []
    var weak: [SideMark] = []
}

struct SideMark {
    var side: String
    var mark: PatternMatch
    /// The group phrase after the side word.
    var group: Range<Int>
}

extension DecisionReader {
    func sideMarks(_ t: CardText) -> SideMarks {
        var out = SideMarks()
        let limit = DraftLimits.sidesPerDecision
        /// The group after unit `end`, unless an option follows ("buy puts").
        func group(after end: Int) -> Range<Int>? {
            let window = end..<min(t.count, end + DraftLimits.groupWindow)
            if p["optionObject"]!.firstMatch(in: t, window) != nil { return nil }
            return p["markGroup"]!.firstMatch(in: t, window)?.units(1)
        }
        func possessiveBefore(_ at: Int) -> Bool {
            let before = t.string[t.indices[max(0, at - 7)]..<t.indices[at]].lowercased()
            return ["our ", "their ", "its ", "my ", "your ", "his ", "her "].contains { before.hasSuffix($0) }
        }
        var strong: [SideMark] = []
        for (name, side) in [("longMark", "long"), ("shortMark", "short")] {
            for m in p[name]!.matches(in: t).prefix(limit) {
                if side == "long", Self.words(m.range, in: t.string).lowercased().hasPrefix("own"), possessiveBefore(m.units.lowerBound) { continue }
                guard let g = group(after: m.units.upperBound) else { continue }
                strong.append(SideMark(side: side, mark: m, group: g))
            }
        }
        for m in p["hedgeWith"]!.matches(in: t).prefix(limit) {
            if let g = p["markGroup"]!.firstMatch(in: t, (m.units.upperBound - 1)..<min(t.count, m.units.upperBound + DraftLimits.groupWindow))?.units(1) {
                strong.append(SideMark(side: "short", mark: m, group: g))
            }
        }
        strong.sort { $0.mark.units.lowerBound < $1.mark.units.lowerBound }
        // "vs"/"against": the side opposite the nearest side word before it, unless one follows at once.
        var implied: [SideMark] = []
        for m in p["against"]!.matches(in: t).prefix(limit) {
            let end = m.units.upperBound
            if strong.contains(where: { $0.mark.units.lowerBound >= end && $0.mark.units.lowerBound <= end + 12 }) { continue }
            guard let before = strong.last(where: { $0.mark.units.upperBound <= m.units.lowerBound }),
                  let g = group(after: end - 1) else { continue }
            implied.append(SideMark(side: before.side == "long" ? "short" : "long", mark: m, group: g))
        }
        for m in (strong + implied).sorted(by: { $0.mark.units.lowerBound < $1.mark.units.lowerBound }) {
            if m.side == "long" { out.longs.append(m) } else { out.shorts.append(m) }
        }
        for (name, side) in [("weakLongMark", "long"), ("weakShortMark", "short")] {
            for m in p[name]!.matches(in: t).prefix(limit) {
                if let g = group(after: m.units.upperBound) { out.weak.append(SideMark(side: side, mark: m, group: g)) }
            }
        }
        out.weak.sort { $0.mark.units.lowerBound < $1.mark.units.lowerBound }
        return out
    }
}
