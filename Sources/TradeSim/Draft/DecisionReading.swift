import Foundation

/// What the drafter read in one key-decision bullet, before it becomes study JSON.
package struct DecisionReading: Sendable, Equatable {
    /// A group of assets the card names: its words, the tag made from them (nil when the
    /// words are just tickers), the tickers found for it and member phrases that stand for a
    /// ticker the card does not give ("a specialty processing/equipment proxy").
    package struct Group: Sendable, Equatable {
        package var phrase: String
        package var tag: String?
        package var tickers: [String] = []
        package var placeholders: [String] = []
        /// Character offset of the phrase in the bullet (tickers go to the nearest group before them).
        var offset: Int
    }

    /// A claim with a band: "target 20-30% upside if policy headlines keep supply risk elevated".
    package struct Band: Sendable, Equatable {
        package var claim: String
        package var metric: String
        package var low: Double?
        package var high: Double?
        package var test: String
        /// The claim's condition ("policy headlines keep supply risk elevated"), naming a scenario.
        package var condition: String?
    }

    /// 1-based position of the bullet on the card.
    package var number: Int
    package var text: String
    package var kind: DecisionKind
    /// "long" or "short" (baskets).
    package var side = "long"
    /// Basket assets, or option underlyings.
    package var groups: [Group] = []
    package var longGroups: [Group] = []
    package var shortGroups: [Group] = []
    /// Holding period (baskets, pairs) or expiry (options), as a horizon string ("6m").
    package var horizon: String?
    package var horizonWords: String?
    /// Entry on weakness: the drop (fraction) and whether the card stated it.
    package var weaknessDrop: Double?
    package var weaknessWords: String?
    package var dropStated = false
    /// Exits and size the card states: stop-loss and take-profit (fractions of the basis) and
    /// the size as a share of capital.
    package var stopLoss: Double?
    package var takeProfit: Double?
    package var capitalShare: Double?
    /// Protection structures in card order ("put", "putSpread"); pair neutralities ("dollar", "beta").
    package var structures: [String] = []
    package var neutrals: [String] = []
    /// The event the decision trades around (its card words) and the outcomes it names.
    package var event: String?
    package var outcomes: [String] = []
    package var bands: [Band] = []
    /// The size as the card states it: a number of percent (`sizeDivisor` 100) or basis points
    /// (10,000) of capital, so that the amount is computed as number × capital / divisor, exactly.
    package var sizeNumber: Double?
    package var sizeDivisor: Double = 100
    /// Tickers of an existing holding the decision protects ("our existing IBB holding"), and its words.
    package var holdings: [String] = []
    package var holdingWords: String?
    /// The event's words as written ("ahead of the PDUFA date"), and whether they name only a
    /// kind of event ("the date", "the summit"): then the card's event of that kind is meant.
    package var eventWords: String?
    package var eventIsBare = false
    /// Tickers read from their capitals alone (not marked, not in a list): listed to decide.
    package var ambiguousTickers: [String] = []
    /// Capitalised words `--tickers` does not list: not assets, listed to decide.
    package var unlistedWords: [String] = []
    /// How each value was read: "horizon 6m ← '3-6 months' (the upper end)".
    package var readings: [String] = []
    /// What the rules could not decide, for the user.
    package var unresolved: [String] = []
    /// Where the event's words are in the bullet (capitalised words there name the event, not an asset).
    var eventUnits: Range<Int>?
    /// The event's date as the bullet writes it (in or right after the event's words), if it does.
    package var eventDate: CardDate?
    /// Where the bullet's dates are ("OCT 30" is a date, not the ticker OCT).
    var dateUnits: [Range<Int>] = []
}

/// Reads key-decision bullets with the rules of `CardPatterns`, each compiled as a
/// `CardPattern` (a matcher linear in the bullet's length).
package struct DecisionReader: Sendable {
    /// The rules compiled once per process, for every card a process drafts (the tests, the card fuzz target).
    package static let shared = DecisionReader()

    let kinds: [(DecisionKind, CardPattern)]
    let p: [String: CardPattern]
    let ticker: CardPattern
    let horizonWords: [(CardPattern, String)]

    package init() {
        // The patterns are constants of this module; a test compiles every one and compares it with Swift Regex.
        kinds = CardPatterns.kinds.map { ($0.kind, CardPattern($0.pattern)) }
        p = CardPatterns.named.mapValues { CardPattern($0) }
        ticker = CardPattern(CardPatterns.ticker, ignoresCase: false)
        horizonWords = CardPatterns.horizonWords.map { (CardPattern($0.pattern), $0.horizon) }
    }

    /// The decision in a bullet, or nil when the bullet names no trade (no side word, option
    /// structure or pair). `evidence` says which capitalised words are tickers (`TickerEvidence`).
    package func read(_ text: String, number: Int, evidence: TickerEvidence = TickerEvidence()) -> DecisionReading? {
        let t = CardText(text)
        var d = DecisionReading(number: number, text: text, kind: .basket)
        let sides = sideMarks(t)
        let kindMatch: (DecisionKind, PatternMatch?)
        if let (k, m) = kinds.lazy.filter({ [.eventStrangle, .eventStraddle, .collar].contains($0.0) })
            .compactMap({ k, rx in rx.firstMatch(in: t).map { (k, $0) } }).first {
            kindMatch = (k, m)
        } else if (!sides.longs.isEmpty && !sides.shorts.isEmpty) || p["pairWord"]!.isFound(in: t) {
            kindMatch = (.pair, p["pairWord"]!.firstMatch(in: t) ?? sides.longs.first?.mark ?? sides.shorts.first?.mark)
        } else if let m = kinds.first(where: { $0.0 == .protection })!.1.firstMatch(in: t) {
            kindMatch = (.protection, m)
        } else if let first = (sides.longs + sides.shorts).min(by: { $0.mark.units.lowerBound < $1.mark.units.lowerBound }) {
            kindMatch = (.basket, first.mark)
        } else if let weak = sides.weak.first {
            kindMatch = (.basket, weak.mark)
        } else {
            return nil
        }
        var kind = kindMatch.0
        d.kind = kind
        // Straddles or strangles: the first named wins, the other is left to the user.
        if kind == .eventStraddle || kind == .eventStrangle,
           let a = p["straddle"]!.firstMatch(in: t), let b = p["strangle"]!.firstMatch(in: t) {
            kind = a.units.lowerBound < b.units.lowerBound ? .eventStraddle : .eventStrangle
            d.kind = kind
            d.unresolved.append("key decision \(number): it names both straddles and strangles; drafted as \(kind == .eventStraddle ? "straddles" : "strangles") (a variant cannot change the kind: copy the decision for the other)")
        }
        let kindWords = kind == kindMatch.0 ? kindMatch.1 : kinds.first { $0.0 == kind }!.1.firstMatch(in: t)
        d.readings.append("kind \(kind.rawValue)" + (kindWords.map { " ← '\(Self.words($0.range, in: text))'" } ?? ""))

        switch kind {
        case .basket:
            readBasket(&d, t, sides: sides, evidence: evidence)
        case .protection:
            if !readHolding(&d, t, evidence: evidence) { d.groups = groups(matching: "protectionGroup", in: t, &d, evidence) }
            readStructures(&d, t)
        case .pair:
            readPair(&d, t, sides: sides, evidence: evidence)
        case .eventStraddle, .eventStrangle:
            d.groups = groups(matching: "optionGroup", in: t, &d, evidence)
            if !p["straddle"]!.isFound(in: t) && !p["strangle"]!.isFound(in: t) {
                d.unresolved.append("key decision \(number): 'event-driven options' names no structure; drafted as straddles")
            }
        case .collar:
            if !readHolding(&d, t, evidence: evidence) { d.groups = groups(matching: "collarGroup", in: t, &d, evidence) }
        case .legs:
            return nil
        }
        if let m = p["unsure"]!.firstMatch(in: t) {
            d.unresolved.append("key decision \(number): direction to check: the card is unsure ('\(Self.words(m.range, in: text))'); drafted as \(Self.directionText(d)) ← \"\(Self.excerpt(text))\"")
        }
        readEvent(&d, t)
        assignTickers(&d, t, evidence: evidence)
        readExitsAndSize(&d, t)
        readHorizon(&d, t)
        readBands(&d, t)
        return d
    }

    // MARK: - Groups and tickers

    func readBasket(_ d: inout DecisionReading, _ t: CardText, sides: SideMarks, evidence: TickerEvidence) {
        let text = d.text
        let strong = (sides.longs + sides.shorts).sorted { $0.mark.units.lowerBound < $1.mark.units.lowerBound }
        let chosen: [SideMark]
        if let first = strong.first {
            d.side = first.side
            chosen = strong.filter { $0.side == first.side }
            d.readings.append("side \(d.side) ← '\(Self.words(first.mark.range, in: text))'")
        } else {
            let weak = sides.weak[0]
            d.side = weak.side
            chosen = sides.weak.filter { $0.side == weak.side }
            d.readings.append("side \(d.side) ← '\(Self.words(weak.mark.range, in: text))' (loosely)")
            d.unresolved.append("key decision \(d.number): direction to check: '\(Self.words(weak.mark.range, in: text))' gives no side in so many words; drafted \(d.side) ← \"\(Self.excerpt(text))\"")
        }
        d.groups = groups(matching: "basketGroup", in: t, &d, evidence)
        if d.groups.isEmpty {
            var seen = Set<String>()
            for m in chosen {
                for g in groups(phrase: m.group, in: t, &d, evidence) where seen.insert(g.phrase).inserted { d.groups.append(g) }
            }
        }
        // Members after a colon in the group's clause (up to its ';').
        if var g = d.groups.first {
            let start = min(g.offset + g.phrase.count, t.count)
            var clauseEnd = start
            while clauseEnd < t.count && text[t.indices[clauseEnd]] != ";" { clauseEnd += 1 }
            if let m = p["members"]!.firstMatch(in: t, start..<clauseEnd), let list = m[1] {
                var held = Set(g.tickers)
                for member in Self.splitList(String(list)) {
                    let found = tickers(in: member, &d, evidence)
                    if !found.isEmpty {
                        for t in found where held.insert(t).inserted { g.tickers.append(t) }
                    } else if member.lowercased().split(whereSeparator: { !$0.isLetter }).contains(where: { CardPatterns.memberNouns.contains(String($0)) }) {
                        g.placeholders.append(Self.stripArticle(member))
                    }
                }
                d.readings.append("members ← '\(Self.clean(String(list)))'")
            }
            d.groups[0] = g
        }
        if let w = p["weakness"]!.firstMatch(in: t) {
            d.weaknessWords = Self.words(w.range, in: text)
            if let pct = w[1], let x = Double(pct), x > 0, x < 100 {
                d.weaknessDrop = Self.scaled(pct, -2)
                d.dropStated = true
                d.readings.append("entry on a \(pct)% drop ← '\(d.weaknessWords!)'")
            } else {
                d.weaknessDrop = DraftDefaults.weaknessDrop
                d.readings.append("entry on weakness ← '\(d.weaknessWords!)' (drop of \(JSONText.wholeOrDecimal(DraftDefaults.weaknessDrop * 100))% from the running high assumed)")
                d.unresolved.append("key decision \(d.number): '\(d.weaknessWords!)' gives no size; a \(JSONText.wholeOrDecimal(DraftDefaults.weaknessDrop * 100))% drop from the running high within 1m is assumed (entry.onWeakness.drop)")
            }
        }
    }

    /// "our existing IBB holding": the decision protects a holding (tickers of the phrase, or a
    /// group standing for it). False when the bullet names none.
    func readHolding(_ d: inout DecisionReading, _ t: CardText, evidence: TickerEvidence) -> Bool {
        guard let m = p["holding"]!.firstMatch(in: t), let units = m.units(1) else { return false }
        d.holdingWords = Self.words(m.range, in: d.text)
        let found = tickers(in: String(t.substring(units)), &d, evidence)
        if found.isEmpty {
            d.groups = groups(phrase: units, in: t, &d, evidence)
            guard !d.groups.isEmpty else { d.holdingWords = nil; return false }
        } else {
            d.groups = [DecisionReading.Group(phrase: found.joined(separator: ", "), tag: nil, tickers: found, offset: units.lowerBound)]
        }
        d.holdings = found
        d.readings.append("a holding it protects, not a purchase ← '\(d.holdingWords!)'")
        return true
    }

    func readExitsAndSize(_ d: inout DecisionReading, _ t: CardText) {
        let text = d.text
        if let m = p["stopLoss"]!.firstMatch(in: t), let x = m[1] ?? m[2], let v = Double(x), v > 0, v <= 100 {
            d.stopLoss = Self.scaled(x, -2)
            d.readings.append("exit.stopLoss \(JSONText.wholeOrDecimal(d.stopLoss!)) ← '\(Self.words(m.range, in: text))'")
        }
        if let m = p["takeProfit"]!.firstMatch(in: t), let x = m[1], let v = Double(x), v > 0, v <= 10_000 {
            d.takeProfit = Self.scaled(x, -2)
            d.readings.append("exit.takeProfit \(JSONText.wholeOrDecimal(d.takeProfit!)) ← '\(Self.words(m.range, in: text))'")
        }
        if let m = p["sizeShare"]!.firstMatch(in: t), let x = m[1], let v = Double(x), let unit = m[2] {
            let divisor: Double = unit == "%" ? 100 : 10_000
            if v > 0 && v <= divisor {
                d.sizeNumber = v
                d.sizeDivisor = divisor
                d.capitalShare = Self.scaled(x, unit == "%" ? -2 : -4)
                d.readings.append("size \(x)\(unit == "%" ? "%" : " bps") of capital ← '\(Self.words(m.range, in: text))'")
            }
        }
    }

    func readPair(_ d: inout DecisionReading, _ t: CardText, sides: SideMarks, evidence: TickerEvidence) {
        let text = d.text
        for m in sides.longs { d.longGroups += groups(phrase: m.group, in: t, &d, evidence) }
        for m in sides.shorts { d.shortGroups += groups(phrase: m.group, in: t, &d, evidence) }
        if !sides.longs.isEmpty || !sides.shorts.isEmpty {
            let said = (sides.longs + sides.shorts).sorted { $0.mark.units.lowerBound < $1.mark.units.lowerBound }
                .map { "\($0.side) ← '\(Self.words($0.mark.range, in: text))'" }
            d.readings.append("sides: " + said.joined(separator: ", "))
        } else if let m = p["pairUnsided"]!.firstMatch(in: t), let a = m.units(1), let b = m.units(2) {
            // "Pair XOM and CVX": no side is stated. Drafted long the first, short the second, and listed.
            d.longGroups = groups(phrase: a, in: t, &d, evidence)
            d.shortGroups = groups(phrase: b, in: t, &d, evidence)
            d.unresolved.append("key decision \(d.number): direction to check: the pair's sides are not stated ('\(Self.words(m.range, in: text))'); drafted long \(Self.clean(String(t.substring(a)))), short \(Self.clean(String(t.substring(b))))")
        }
        let beta = p["beta"]!.firstMatch(in: t), dollar = p["dollar"]!.firstMatch(in: t)
        switch (dollar, beta) {
        case let (a?, b?): d.neutrals = a.units.lowerBound < b.units.lowerBound ? ["dollar", "beta"] : ["beta", "dollar"]
        case (nil, _?): d.neutrals = ["beta"]
        case (_?, nil): d.neutrals = ["dollar"]
        case (nil, nil):
            d.neutrals = ["dollar"]
            d.readings.append("dollar-neutral assumed (the card names no neutrality)")
        }
    }

    func readStructures(_ d: inout DecisionReading, _ t: CardText) {
        var found: [(Int, String)] = []
        if let m = p["put"]!.firstMatch(in: t) { found.append((m.units.lowerBound, "put")) }
        if let m = p["putSpread"]!.firstMatch(in: t) { found.append((m.units.lowerBound, "putSpread")) }
        d.structures = found.sorted { $0.0 < $1.0 }.map(\.1)
        if d.structures.isEmpty {
            d.structures = ["put"]
            d.unresolved.append("key decision \(d.number): no option structure named; puts assumed (structure)")
        } else {
            d.readings.append("structure \(d.structures.joined(separator: " or ")) ← '\(d.structures.map { $0 == "put" ? "puts" : "put spreads" }.joined(separator: " or "))'")
        }
    }

    /// Groups from the first match of a group pattern.
    func groups(matching name: String, in t: CardText, _ d: inout DecisionReading, _ evidence: TickerEvidence) -> [DecisionReading.Group] {
        guard let m = p[name]!.firstMatch(in: t), let phraseUnits = m.units(1) else { return [] }
        return groups(phrase: phraseUnits, in: t, &d, evidence)
    }

    /// The groups a phrase names; "A and B" splits into two groups when "A" has two or more
    /// words ("magnet-exposed industrials and defense names", but not "oil and gas producers").
    func groups(phrase phraseUnits: Range<Int>, in t: CardText, _ d: inout DecisionReading, _ evidence: TickerEvidence) -> [DecisionReading.Group] {
        let phrase = Self.clean(String(t.substring(phraseUnits)))
        let offset = phraseUnits.lowerBound
        var parts: [String] = [phrase]
        if let r = phrase.range(of: " and "), phrase[..<r.lowerBound].split(separator: " ").count >= 2 {
            parts = [String(phrase[..<r.lowerBound]), String(phrase[r.upperBound...])]
        }
        return parts.compactMap { part in
            let found = tickers(in: part, &d, evidence)
            let words = Self.asciiWords(part, lowercased: false)
            let rest = words.filter { w in !found.contains(w) && !["and", "or", "vs", "versus"].contains(w.lowercased()) }
            let tag = rest.isEmpty ? nil : Self.tag(rest.joined(separator: " "))
            if found.isEmpty && tag == nil { return nil }
            return DecisionReading.Group(phrase: Self.clean(part), tag: tag, tickers: found, offset: offset)
        }
    }

    /// Tickers in the bullet not yet in a group go to the nearest group named before them;
    /// capitalised words inside the event's words name the event ("the CATL earnings"), not an asset.
    func assignTickers(_ d: inout DecisionReading, _ text: CardText, evidence: TickerEvidence) {
        let known = Set((d.groups + d.longGroups + d.shortGroups).flatMap(\.tickers))
        // Each group's tickers as a set too, so that a bullet of many tickers costs linear time.
        var held: [String: Set<String>] = [:]
        func add(_ t: String, to g: inout DecisionReading.Group, key: String) {
            if held[key] == nil { held[key] = Set(g.tickers) }
            if held[key]!.insert(t).inserted { g.tickers.append(t) }
        }
        func nearest(_ gs: [DecisionReading.Group], _ at: Int) -> Int? {
            gs.indices.filter { gs[$0].offset <= at }.max { gs[$0].offset < gs[$1].offset }
        }
        // A holding's decision trades the holding only.
        if !d.holdings.isEmpty { return }
        for m in ticker.matches(in: text) {
            guard let units = m.units(1), let t = m[1].map(String.init), !known.contains(t) else { continue }
            if let e = d.eventUnits, e.contains(units.lowerBound) { continue }
            if d.dateUnits.contains(where: { $0.contains(units.lowerBound) }) { continue }
            guard classify(t, &d, evidence) else { continue }
            let at = m.units.lowerBound
            if d.kind == .pair {
                let l = d.longGroups.last.map(\.offset) ?? -1, s = d.shortGroups.last.map(\.offset) ?? -1
                if s >= 0 && s <= at && s >= l, let i = nearest(d.shortGroups, at) {
                    add(t, to: &d.shortGroups[i], key: "short\(i)")
                } else if let i = nearest(d.longGroups, at) ?? (d.longGroups.isEmpty ? nil : 0) {
                    add(t, to: &d.longGroups[i], key: "long\(i)")
                }
            } else if let i = nearest(d.groups, at) ?? (d.groups.isEmpty ? nil : 0) {
                add(t, to: &d.groups[i], key: "\(i)")
            } else {
                d.groups.append(DecisionReading.Group(phrase: t, tag: nil, tickers: [t], offset: at))
            }
        }
    }

    /// Whether a capitalised word is an asset (`TickerEvidence`); ambiguous and unlisted words are recorded.
    func classify(_ word: String, _ d: inout DecisionReading, _ evidence: TickerEvidence) -> Bool {
        switch evidence.reading(word) {
        case .ticker: return true
        case .notAnAsset: return false
        case .ambiguous:
            if !d.ambiguousTickers.contains(word) { d.ambiguousTickers.append(word) }
            return true
        case .unlisted:
            if !d.unlistedWords.contains(word) { d.unlistedWords.append(word) }
            return false
        }
    }

    /// The tickers in a phrase, each once, in order.
    func tickers(in s: String, _ d: inout DecisionReading, _ evidence: TickerEvidence) -> [String] {
        var out: [String] = [], seen = Set<String>()
        for m in ticker.matches(in: CardText(s)) {
            if let t = m[1].map(String.init), seen.insert(t).inserted, classify(t, &d, evidence) { out.append(t) }
        }
        return out
    }

    // MARK: - Horizon, event, bands

    func readHorizon(_ d: inout DecisionReading, _ t: CardText) {
        let text = d.text
        let units: [String: String] = ["day": "d", "week": "w", "month": "m", "quarter": "q", "year": "y"]
        let numbers: [String: Int] = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12]
        func take(_ horizon: String, _ range: Range<String.Index>, upperEnd: Bool = false) {
            d.horizon = horizon
            d.horizonWords = Self.words(range, in: text)
            d.readings.append("\(d.kind.isOption ? "expiry" : "horizon") \(horizon) ← '\(d.horizonWords!)'" + (upperEnd ? " (the upper end)" : ""))
        }
        if let m = p["horizonRange"]!.firstMatch(in: t), let hi = m[2].flatMap({ Int($0) }),
           let u = m[3].map({ units[$0.lowercased()]! }), hi > 0 {
            take("\(hi)\(u)", m.range, upperEnd: true)
        } else if let m = p["horizonNext"]!.firstMatch(in: t), let u = m[1].map({ units[$0.lowercased()]! }) {
            take("1\(u)", m.range)
        } else if let m = p["horizonSingle"]!.firstMatch(in: t), let nText = m[1],
                  let n = Int(nText) ?? numbers[nText.lowercased()], n > 0, let u = m[2].map({ units[$0.lowercased()]! }) {
            take("\(n)\(u)", m.range)
        } else if let m = p["horizonTerse"]!.firstMatch(in: t), let n = m[1].flatMap({ Int($0) }), n > 0, let u = m[2] {
            take("\(n)\(u.lowercased())", m.range(1).map { $0.lowerBound..<m.range.upperBound } ?? m.range)
        } else if let (m, h) = horizonWords.lazy.compactMap({ rx, h in rx.firstMatch(in: t).map { ($0, h) } }).first {
            take(h, m.range)
        }
        if let h = d.horizon, Horizon.tradingDays(h) == nil || Horizon.tradingDays(h)! > DraftDefaults.longestHorizonDays {
            d.unresolved.append("key decision \(d.number): '\(d.horizonWords!)' is beyond what the draft takes (at most \(DraftDefaults.longestHorizonDays) trading days); \(DraftDefaults.horizon) used")
            d.horizon = DraftDefaults.horizon
        }
        if d.horizon == nil {
            let what = d.kind.isOption ? "expiry" : "holding period"
            let fallback = d.kind.isOption ? DraftDefaults.optionExpiry : DraftDefaults.horizon
            d.unresolved.append("key decision \(d.number): no \(what) on the card; \(fallback) assumed")
        }
    }

    func readEvent(_ d: inout DecisionReading, _ t: CardText) {
        let dates = self.dates(in: t)
        d.dateUnits = dates.map(\.units)
        if let m = p["event"]!.firstMatch(in: t), let e = m[1], let eventUnits = m.units(1) {
            // The event's date: one inside its words ("the Oct 30 meeting", taken out of its name)
            // or the first after them with only joining words between ("the meeting on Oct 30").
            let inside = dates.first { eventUnits.contains($0.units.lowerBound) }
            // (The distance is checked in units first: a gap's Characters are only counted when it is short.)
            let after = dates.first { $0.units.lowerBound >= m.units.upperBound && $0.units.lowerBound - m.units.upperBound <= 40
                && CardDate.joins(t.substring(m.units.upperBound..<$0.units.lowerBound)) }
            var name = String(e)
            if let inside {
                name = String(t.substring(eventUnits.lowerBound..<inside.units.lowerBound)) + " " + String(t.substring(inside.units.upperBound..<eventUnits.upperBound))
            }
            d.event = Self.clean(name)
            d.eventWords = Self.words(m.range, in: d.text)
            d.eventUnits = m.units
            // "the date", "the summit": a kind of event only, the card's event of that kind is meant.
            d.eventIsBare = Self.bareEventWords.contains(d.event!.lowercased())
            d.readings.append("event ← '\(d.eventWords!)'")
            if let date = inside ?? after {
                d.eventDate = date
                d.readings.append("event date ← '\(date.words)'")
            }
        }
        // A date that is not the event's is not read as anything: listed (one item a bullet, naming at most three), not dropped.
        let unread = dates.filter { $0 != d.eventDate }
        if !unread.isEmpty {
            let why = d.event == nil ? "the bullet names no event" : "\(unread.count == 1 ? "it is" : "they are") not in or right after the event's words '\(d.eventWords!)'"
            let named = unread.prefix(3).map { "'\($0.words)'" }.joined(separator: ", ")
            let what = unread.count == 1 ? "the date \(named) is" : unread.count <= 3 ? "the dates \(named) are" : "\(unread.count) dates (\(named), …) are"
            d.unresolved.append("key decision \(d.number): \(what) not read (a date is read as the date of the event it names or follows; \(why))")
        }
        if let m = p["outcomes"]!.firstMatch(in: t), let a = m[1], let b = m[2] {
            let names = [Self.clean(String(a)), Self.clean(String(b))]
            guard !names[0].isEmpty, !names[1].isEmpty, names[0] != names[1] else { return }
            d.outcomes = names
            d.readings.append("event outcomes ← '\(Self.words(m.range, in: d.text))'")
        }
    }

    /// The return bands of a bullet, in bullet order, at most `DraftLimits.bandsPerDecision`
    /// (each band's claim and condition can run to the bullet's end, so without a bound a
    /// bullet of many bands would draft text quadratic in its length).
    func readBands(_ d: inout DecisionReading, _ t: CardText) {
        let text = d.text
        // Units already in a band: a later pattern's match that overlaps one is not a band.
        var taken = [Bool](repeating: false, count: t.count)
        func free(_ r: Range<Int>) -> Bool { !r.contains { taken[$0] } }
        func take(_ r: Range<Int>) { for k in r { taken[k] = true } }
        /// A band as written: its numbers' texts (hi nil for one number), unit, and the word that gives its sign.
        struct Found { var units: Range<Int>; var lo: Substring; var hi: Substring?; var unit: String; var relative: Bool; var word: String }
        var found: [Found] = []
        func number(_ s: Substring?) -> Substring? { s.flatMap { Double($0) != nil ? $0 : nil } }
        func ordered(_ a: Substring, _ b: Substring?) -> (Substring, Substring?) {
            guard let b, let x = Double(a), let y = Double(b), y < x else { return (a, b) }
            return (b, a)
        }
        for m in p["bandRange"]!.matches(in: t) where free(m.units) {
            guard let a = number(m[2]), let b = number(m[4]), let unit = m[5], let word = m[7] else { continue }
            take(m.units)
            let (lo, hi) = ordered(a, b)
            found.append(Found(units: m.units, lo: lo, hi: hi, unit: unit.lowercased(), relative: m[6] != nil, word: word.lowercased()))
        }
        for m in p["bandWordFirst"]!.matches(in: t) where free(m.units) {
            guard let word = m[1], let a = number(m[3]), let unit = m[6] else { continue }
            take(m.units)
            let (lo, hi) = ordered(a, number(m[5]))
            found.append(Found(units: m.units, lo: lo, hi: hi, unit: unit.lowercased(), relative: false, word: word.lowercased()))
        }
        for m in p["bandVerb"]!.matches(in: t) where free(m.units) {
            guard let word = m[1], let a = number(m[2]) else { continue }
            take(m.units)
            let (lo, hi) = ordered(a, number(m[3]))
            found.append(Found(units: m.units, lo: lo, hi: hi, unit: "%", relative: false, word: word.lowercased()))
        }
        for m in p["bandSingle"]!.matches(in: t) where free(m.units) {
            guard let a = number(m[2]), let unit = m[3], let word = m[5],
                  let first = m.units(1) ?? m.units(2) else { continue }
            // The pattern matches the character before the number (no lookbehind); the band starts at the number.
            let range = first.lowerBound..<m.units.upperBound
            take(range)
            found.append(Found(units: range, lo: a, hi: nil, unit: unit.lowercased(), relative: m[4] != nil, word: word.lowercased()))
        }
        for m in p["bandPlus"]!.matches(in: t) where free(m.units) {
            guard let a = number(m[1]), let b = number(m[2]), let first = m.units(1) else { continue }
            let range = (first.lowerBound - 1)..<m.units.upperBound
            take(range)
            let (lo, hi) = ordered(a, b)
            found.append(Found(units: range, lo: lo, hi: hi, unit: "%", relative: false, word: "upside"))
        }
        for m in p["bandBps"]!.matches(in: t) where free(m.units) {
            guard let a = number(m[2]), let b = number(m[3]), let unit = m[4], let first = m.units(1) ?? m.units(2) else { continue }
            let range = first.lowerBound..<m.units.upperBound
            take(range)
            let (lo, hi) = ordered(a, b)
            found.append(Found(units: range, lo: lo, hi: hi, unit: unit.lowercased(), relative: d.kind == .pair, word: "return"))
        }
        found.sort { $0.units.lowerBound < $1.units.lowerBound }
        if found.count > DraftLimits.bandsPerDecision {
            d.unresolved.append("key decision \(d.number): \(found.count) return bands; the first \(DraftLimits.bandsPerDecision) are read, the rest are not drafted (at most \(DraftLimits.bandsPerDecision) a decision)")
            found.removeLast(found.count - DraftLimits.bandsPerDecision)
        }
        for f in found {
            let bandEnd = t.indices[f.units.upperBound]
            let clauseStart = Self.clauseStart(before: f.units.lowerBound, in: t)
            var condition: String?
            var claimEnd = bandEnd
            let after = f.units.upperBound..<t.count
            if let c = p["conditionAfter"]!.firstMatch(in: t, after), let words = c[1] {
                condition = Self.clean(String(words))
                claimEnd = t.indices[c.units.upperBound]
            } else if d.event != nil, let c = p["conditionOn"]!.firstMatch(in: t, after), let words = c[1] {
                // "could drop 50-60% on a CRL" in a bullet that trades around an event: an outcome of it.
                condition = Self.clean(String(words))
                claimEnd = t.indices[c.units.upperBound]
            } else if let c = conditionBefore(t, from: clauseStart, to: f.units.lowerBound), let words = c[1] {
                condition = Self.clean(String(words))
            }
            var claim = Self.clean(String(text[clauseStart..<claimEnd]))
            for lead in ["and ", "with ", "but "] where claim.lowercased().hasPrefix(lead) { claim = String(claim.dropFirst(lead.count)) }
            let negative = CardPatterns.negativeWords.contains(f.word)
            let lowerClaim = claim.lowercased()
            let bps = f.unit.hasPrefix("b")
            let relative = d.kind == .pair && (bps || f.relative || ["outperformance", "underperformance", "spread"].contains(f.word))
            // Numbers are scaled as decimal text ("300" bps → 3e-2 → 0.03, not 300 × 0.0001 = 0.030000000000000002).
            let exponent = relative ? (bps ? 0 : 2) : (bps ? -4 : -2)
            guard let loValue = Self.scaled(f.lo, exponent), let hiValue = f.hi.map({ Self.scaled($0, exponent) }) ?? .some(nil) else { continue }
            // Beyond ±10,000% (or ±1,000,000 bps) a number is not a return band.
            let limit = relative ? 1e6 : 100
            guard abs(loValue) <= limit, abs(hiValue ?? 0) <= limit else {
                d.unresolved.append("key decision \(d.number): '\(claim)' is beyond ±\(relative ? "1,000,000 bps" : "10,000%"); no thesis drafted")
                continue
            }
            // The move the card states, signed: downside words make it a fall.
            var lo: Double? = negative ? hiValue.map { -$0 } ?? -loValue : loValue
            var hi: Double? = hiValue == nil ? nil : negative ? -loValue : hiValue
            // A short basket gains what its assets lose: its return is the assets' move, negated.
            let shortBasket = d.kind == .basket && d.side == "short" && !relative
            if shortBasket, let l = lo, let h = hi { (lo, hi) = (-h, -l) } else if shortBasket { lo = lo.map { -$0 } }
            let (test, low, high) = Self.thesisTest(low: lo, high: hi, claim: lowerClaim)
            (lo, hi) = (low, high)
            if shortBasket {
                d.unresolved.append("key decision \(d.number): '\(claim)' is read as the move of the assets the decision is short; the thesis is on the decision's return, \(Self.bandText(DecisionReading.Band(claim: claim, metric: "return", low: lo, high: hi, test: test))) (negate it if the card meant the trade's own return)")
            }
            let band = DecisionReading.Band(claim: claim, metric: relative ? "relativeReturnBps" : "return", low: lo, high: hi,
                                            test: test, condition: condition)
            d.bands.append(band)
            if d.kind.thesisMeasuresBands {
                d.readings.append("thesis \(band.metric) \(Self.bandText(band)) ← '\(claim)'")
            } else {
                // An option decision's return is on premium; the card's band is the underlyings' move.
                d.readings.append("'\(claim)' is the underlyings' move, which no thesis metric of an option decision measures: kept here\(condition == nil ? "" : ", its condition names a scenario")")
                d.unresolved.append("key decision \(d.number): '\(claim)' describes the underlyings, not the options' return; no thesis drafted (add one on return or pnl if the card implies it)")
            }
        }
    }

    /// A number written in decimal, times 10^`exponent`, rounded once ("15" × 10⁻² → 0.15, the
    /// double nearest 0.15, which prints as 0.15). Nil when the text is not a number.
    static func scaled<S: StringProtocol>(_ text: S, _ exponent: Int) -> Double? {
        Double("\(text)e\(exponent)")
    }

    /// "long VRDA", "short XBI / long VRDA": a decision's direction in words, for the lists.
    static func directionText(_ d: DecisionReading) -> String {
        func names(_ gs: [DecisionReading.Group]) -> String { gs.map(\.phrase).joined(separator: ", ") }
        switch d.kind {
        case .pair: return "a pair long \(names(d.longGroups)), short \(names(d.shortGroups))"
        case .basket: return "\(d.side) \(names(d.groups))"
        default: return "\(d.kind.rawValue) on \(names(d.groups))"
        }
    }

    /// A bullet's text for the lists: whole up to 200 Characters, else its start and "…".
    static func excerpt(_ text: String) -> String {
        text.count <= 200 ? text : String(text.prefix(200)) + "…"
    }

    /// Event words that name only a kind of event ("the date", "the summit").
    static let bareEventWords: Set<String> = ["date", "meeting", "summit", "decision", "vote", "ruling", "talks", "deadline",
                                              "announcement", "hearing", "readout", "release", "report", "print", "election",
                                              "conference", "auction", "earnings"]

    /// `conditionBefore` in the bullet from `start` to unit `end`. Foundation may end a separator
    /// inside a Character ("; " before a combining mark); then that piece is searched as its own text.
    func conditionBefore(_ t: CardText, from start: String.Index, to end: Int) -> PatternMatch? {
        let unit = t.offset(of: start)
        if t.indices[unit] == start { return p["conditionBefore"]!.firstMatch(in: t, unit..<end) }
        return p["conditionBefore"]!.firstMatch(in: CardText(String(t.string[start..<t.indices[end]])))
    }

    // MARK: - Text helpers

    static let clauseSeparators = ["; ", ": ", ", with ", " with ", ". ", ", and "]

    /// Where the clause of a band (starting at unit `band`) starts: after the last separator
    /// before it ("; ", ": ", ", with ", " with ", ". ", ", and ", as Foundation's backward
    /// search finds them), or at the bullet's start. An ASCII bullet is searched byte by byte
    /// from the band back (what Foundation finds there: no other text equals these
    /// separators). Otherwise the last 256 Characters are searched first: a separator found
    /// there that ends 64 bytes or more into them is the last of all (an occurrence starting
    /// before them ends sooner), so a long bullet is not searched whole for every band.
    static func clauseStart(before band: Int, in t: CardText) -> String.Index {
        let text = t.string, end = t.indices[band]
        if t.isASCII {
            let bytes = Array(text.utf8[..<end])
            var best = 0
            for sep in clauseSeparators.map({ Array($0.utf8) }) {
                // The last occurrence; one ending at or before `best` cannot win.
                var k = bytes.count - sep.count
                while k >= 0 && k + sep.count > best {
                    if bytes[k] == sep[0] && bytes[k..<(k + sep.count)].elementsEqual(sep) { best = k + sep.count; break }
                    k -= 1
                }
            }
            return text.utf8.index(text.startIndex, offsetBy: best)
        }
        func lastEnd(_ part: Substring) -> String.Index? {
            var best: String.Index?
            for sep in clauseSeparators {
                if let r = part.range(of: sep, options: .backwards), r.upperBound > (best ?? text.startIndex) { best = r.upperBound }
            }
            return best
        }
        if band > 256 {
            let window = t.indices[band - 256]
            if let b = lastEnd(text[window..<end]), text.utf8.distance(from: window, to: b) >= 64 { return b }
        }
        return lastEnd(text[..<end]) ?? text.startIndex
    }

    /// The test a claim states (issue 17): its direction is part of the thesis. `low`/`high`
    /// are the band of the decision's own return (a single number in `low`), signed.
    /// - A gain ("target 20-30%", "upside 40%+", "200-400 bps outperformance") is a target:
    ///   `atLeast` the low end; "up to 30%", "at most", "capped" make it `atMost` the high end.
    /// - A loss ("~10-15% downside", "could drop 50-60%") is a risk statement: the loss stays
    ///   within the stated bound, `atLeast` the worst end (return ≥ −15%).
    /// - A band both ways only when the card says so: "between 20% and 30%", "in a range of".
    static func thesisTest(low: Double?, high: Double?, claim: String) -> (test: String, low: Double?, high: Double?) {
        let values = [low, high].compactMap { $0 }
        guard let worst = values.min(), let best = values.max() else { return ("within", low, high) }
        let twoWays = values.count == 2 && ["between", "range of", "a range", "band of"].contains(where: claim.contains)
        if twoWays { return ("within", worst, best) }
        if best > 0 && worst >= 0 {
            let capped = ["up to", "at most", "no more than", "limited to", "capped"].contains(where: claim.contains)
            return capped ? ("atMost", values.count == 2 ? worst : nil, best) : ("atLeast", worst, values.count == 2 ? best : nil)
        }
        // A loss, or a band across zero: the stated worst is the bound the loss stays within.
        return ("atLeast", worst, values.count == 2 ? best : nil)
    }

    static func bandText(_ b: DecisionReading.Band) -> String {
        let lo = b.low.map { JSONText.wholeOrDecimal($0) } ?? "…", hi = b.high.map { JSONText.wholeOrDecimal($0) } ?? "…"
        return "\(b.test) [\(lo), \(hi)]"
    }

    static func words(_ r: Range<String.Index>, in text: String) -> String { clean(String(text[r])) }

    /// Whitespace collapsed, trailing punctuation and ends trimmed.
    static func clean(_ s: String) -> String {
        var t = Card.collapse(s)
        while let c = t.last, ".,;:".contains(c) { t.removeLast() }
        return t
    }

    static func stripArticle(_ s: String) -> String {
        var t = clean(s)
        for a in ["a ", "an ", "one ", "the "] where t.lowercased().hasPrefix(a) { t = String(t.dropFirst(a.count)) }
        return t
    }

    /// "MP and a specialty processing/equipment proxy if available" → ["MP", "a specialty processing/equipment proxy"].
    static func splitList(_ s: String) -> [String] {
        var parts = [s]
        for sep in [", ", " and ", " or ", " plus ", " & "] {
            parts = parts.flatMap { $0.components(separatedBy: sep) }
        }
        return parts.map { part in
            var t = clean(part)
            for trailer in CardPatterns.memberTrailers where t.lowercased().hasSuffix(" " + trailer) { t = clean(String(t.dropLast(trailer.count + 1))) }
            return t
        }.filter { !$0.isEmpty }
    }

    /// A tag from a group phrase: lowercase words (hyphens and slashes split), articles and
    /// generic nouns dropped, cut at a qualifier, at most five words, joined by '-'.
    static func tag(_ phrase: String) -> String? {
        var words: [String] = []
        for w in asciiWords(phrase) {
            if CardPatterns.tagEndWords.contains(w) && !words.isEmpty { break }
            if CardPatterns.tagDropWords.contains(w) || CardPatterns.tagEndWords.contains(w) { continue }
            words.append(w)
            if words.count == 5 { break }
        }
        return words.isEmpty ? nil : words.joined(separator: "-")
    }

    /// The words of a phrase as ASCII letters and digits: accents folded ("Zürich" → "zurich"),
    /// anything else separates words. Names the study format restricts are built from these.
    static func asciiWords(_ s: String, lowercased: Bool = true) -> [String] {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: nothing to fold, and a Character is a byte (or "\r\n", a separator).
            return s.utf8.split(whereSeparator: { !(0x30...0x39).contains($0) && !(0x41...0x5A).contains($0 & 0xDF) })
                .map { String(decoding: lowercased ? $0.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 } : Array($0), as: UTF8.self) }
        }
        let folded = s.folding(options: [.diacriticInsensitive], locale: nil)
        return (lowercased ? folded.lowercased() : folded)
            .split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map(String.init)
    }

    /// A scenario name from a condition: at most five content words joined by '-', without a
    /// word left hanging at the end ("tariff confirmed without exemptions for" → …-exemptions),
    /// at most 64 characters cut between words.
    static func scenarioName(_ condition: String) -> String {
        var words = Array(asciiWords(condition)
            .filter { !CardPatterns.scenarioDropWords.contains($0) }.prefix(5))
        while let last = words.last, words.count > 1, CardPatterns.danglingWords.contains(last) { words.removeLast() }
        let name = Builder.safeName(words.joined(separator: "-"))
        return name.isEmpty ? "scenario" : name == "blended" ? "blended-world" : name
    }
}

extension DecisionKind {
    /// Kinds whose holding period is an option expiry.
    var isOption: Bool { self == .protection || self == .eventStraddle || self == .eventStrangle || self == .collar }
    /// Kinds whose return (on the stock basis) is what a card's percentage band describes.
    var thesisMeasuresBands: Bool { self == .basket || self == .pair || self == .collar }
}
