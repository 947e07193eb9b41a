import Foundation

/// What the drafter read in one key-decision bullet, before it becomes study JSON.
public struct DecisionReading: Sendable, Equatable {
    /// A group of assets the card names: its words, the tag made from them (nil when the
    /// words are just tickers), the tickers found for it and member phrases that stand for a
    /// ticker the card does not give ("a specialty processing/equipment proxy").
    public struct Group: Sendable, Equatable {
        public var phrase: String
        public var tag: String?
        public var tickers: [String] = []
        public var placeholders: [String] = []
        /// Character offset of the phrase in the bullet (tickers go to the nearest group before them).
        var offset: Int
    }

    /// A claim with a band: "target 20-30% upside if policy headlines keep supply risk elevated".
    public struct Band: Sendable, Equatable {
        public var claim: String
        public var metric: String
        public var low: Double?
        public var high: Double?
        public var test: String
        /// The claim's condition ("policy headlines keep supply risk elevated"), naming a scenario.
        public var condition: String?
    }

    /// 1-based position of the bullet on the card.
    public var number: Int
    public var text: String
    public var kind: DecisionKind
    /// "long" or "short" (baskets).
    public var side = "long"
    /// Basket assets, or option underlyings.
    public var groups: [Group] = []
    public var longGroups: [Group] = []
    public var shortGroups: [Group] = []
    /// Holding period (baskets, pairs) or expiry (options), as a horizon string ("6m").
    public var horizon: String?
    public var horizonWords: String?
    /// Entry on weakness: the drop (fraction) and whether the card stated it.
    public var weaknessDrop: Double?
    public var weaknessWords: String?
    public var dropStated = false
    /// Exits and size the card states: stop-loss and take-profit (fractions of the basis) and
    /// the size as a share of capital.
    public var stopLoss: Double?
    public var takeProfit: Double?
    public var capitalShare: Double?
    /// Protection structures in card order ("put", "putSpread"); pair neutralities ("dollar", "beta").
    public var structures: [String] = []
    public var neutrals: [String] = []
    /// The event the decision trades around (its card words) and the outcomes it names.
    public var event: String?
    public var outcomes: [String] = []
    public var bands: [Band] = []
    /// How each value was read: "horizon 6m ← '3-6 months' (the upper end)".
    public var readings: [String] = []
    /// What the rules could not decide, for the user.
    public var unresolved: [String] = []
}

/// Reads key-decision bullets with the rules of `CardPatterns`.
public struct DecisionReader: @unchecked Sendable {
    /// The rules compiled once per process, every pattern's matching program built before the
    /// first draft (parsing the patterns was a quarter of a draft's time, which a process that
    /// drafts many cards — the tests, the card fuzz target — paid for every card). Unchecked:
    /// `Regex` is Sendable only for Sendable outputs and `AnyRegexOutput` is not one, but after
    /// this warm-up the reader only reads its patterns.
    public static let shared: DecisionReader = {
        let reader = DecisionReader()
        reader.warmUp()
        return reader
    }()

    let kinds: [(DecisionKind, Regex<AnyRegexOutput>)]
    let p: [String: Regex<AnyRegexOutput>]
    let ticker: Regex<AnyRegexOutput>
    let horizonWords: [(Regex<AnyRegexOutput>, String)]

    public init() {
        func rx(_ s: String) -> Regex<AnyRegexOutput> {
            // The patterns are constants of this module; a test compiles every one.
            (try! Regex(s)).ignoresCase().wordBoundaryKind(.simple)
        }
        kinds = CardPatterns.kinds.map { ($0.kind, rx($0.pattern)) }
        p = CardPatterns.named.mapValues(rx)
        ticker = (try! Regex(CardPatterns.ticker)).wordBoundaryKind(.simple)
        horizonWords = CardPatterns.horizonWords.map { (rx($0.pattern), $0.horizon) }
    }

    /// Runs every pattern once, so that each builds its matching program (Regex builds it at
    /// its first match).
    func warmUp() {
        let sample = "long MP 3-6 months"
        for (_, r) in kinds { _ = sample.firstMatch(of: r) }
        for r in p.values { _ = sample.firstMatch(of: r) }
        for (r, _) in horizonWords { _ = sample.firstMatch(of: r) }
        _ = sample.firstMatch(of: ticker)
    }

    /// The decision in a bullet, or nil when no kind pattern matches.
    public func read(_ text: String, number: Int) -> DecisionReading? {
        guard var kind = kinds.first(where: { text.contains($0.1) })?.0 else { return nil }
        var d = DecisionReading(number: number, text: text, kind: kind)
        // Straddles or strangles: the first named wins, the other is left to the user.
        if kind == .eventStraddle || kind == .eventStrangle,
           let a = text.firstMatch(of: p["straddle"]!), let b = text.firstMatch(of: p["strangle"]!) {
            kind = a.range.lowerBound < b.range.lowerBound ? .eventStraddle : .eventStrangle
            d.kind = kind
            d.unresolved.append("key decision \(number): it names both straddles and strangles; drafted as \(kind == .eventStraddle ? "straddles" : "strangles") (a variant cannot change the kind: copy the decision for the other)")
        }
        d.readings.append("kind \(kind.rawValue) ← '\(Self.words(text.firstMatch(of: kinds.first { $0.0 == kind }!.1)!.range, in: text))'")

        switch kind {
        case .basket:
            readBasket(&d)
        case .protection:
            d.groups = groups(matching: "protectionGroup", in: text)
            readStructures(&d)
        case .pair:
            readPair(&d)
        case .eventStraddle, .eventStrangle:
            d.groups = groups(matching: "optionGroup", in: text)
            if !text.contains(p["straddle"]!) && !text.contains(p["strangle"]!) {
                d.unresolved.append("key decision \(number): 'event-driven options' names no structure; drafted as straddles")
            }
        case .collar:
            d.groups = groups(matching: "collarGroup", in: text)
        case .legs:
            return nil
        }
        assignTickers(&d)
        readExitsAndSize(&d)
        readHorizon(&d)
        readEvent(&d)
        readBands(&d)
        return d
    }

    // MARK: - Groups and tickers

    func readBasket(_ d: inout DecisionReading) {
        let text = d.text
        if let s = text.firstMatch(of: p["short"]!), let l = text.firstMatch(of: p["long"]!) {
            d.side = s.range.lowerBound < l.range.lowerBound ? "short" : "long"
        } else if text.contains(p["short"]!) {
            d.side = "short"
        }
        d.readings.append("side \(d.side)")
        d.groups = groups(matching: "basketGroup", in: text)
        if d.groups.isEmpty { d.groups = groups(matching: "sideGroup", in: text) }
        // Members after a colon in the group's clause.
        if var g = d.groups.first {
            let start = text.index(text.startIndex, offsetBy: g.offset + g.phrase.count, limitedBy: text.endIndex) ?? text.endIndex
            let clause = text[start...].prefix { $0 != ";" }
            if let m = String(clause).firstMatch(of: p["members"]!), let list = m.output[1].substring {
                for member in Self.splitList(String(list)) {
                    let found = tickers(in: member)
                    if !found.isEmpty {
                        for t in found where !g.tickers.contains(t) { g.tickers.append(t) }
                    } else if member.lowercased().split(whereSeparator: { !$0.isLetter }).contains(where: { CardPatterns.memberNouns.contains(String($0)) }) {
                        g.placeholders.append(Self.stripArticle(member))
                    }
                }
                d.readings.append("members ← '\(Self.clean(String(list)))'")
            }
            d.groups[0] = g
        }
        if let w = text.firstMatch(of: p["weakness"]!) {
            d.weaknessWords = Self.words(w.range, in: text)
            if let pct = w.output[1].substring, let x = Double(pct), x > 0, x < 100 {
                d.weaknessDrop = x / 100
                d.dropStated = true
                d.readings.append("entry on a \(JSONValue.number(x))% drop ← '\(d.weaknessWords!)'")
            } else {
                d.weaknessDrop = DraftDefaults.weaknessDrop
                d.readings.append("entry on weakness ← '\(d.weaknessWords!)' (drop of \(JSONValue.number(DraftDefaults.weaknessDrop * 100))% from the running high assumed)")
                d.unresolved.append("key decision \(d.number): '\(d.weaknessWords!)' gives no size; a \(JSONValue.number(DraftDefaults.weaknessDrop * 100))% drop from the running high within 1m is assumed (entry.onWeakness.drop)")
            }
        }
    }

    func readExitsAndSize(_ d: inout DecisionReading) {
        let text = d.text
        if let m = text.firstMatch(of: p["stopLoss"]!),
           let x = (m.output[1].substring ?? m.output[2].substring).flatMap({ Double($0) }), x > 0, x <= 100 {
            d.stopLoss = x / 100
            d.readings.append("exit.stopLoss \(JSONValue.number(x / 100)) ← '\(Self.words(m.range, in: text))'")
        }
        if let m = text.firstMatch(of: p["takeProfit"]!), let x = m.output[1].substring.flatMap({ Double($0) }), x > 0, x <= 10_000 {
            d.takeProfit = x / 100
            d.readings.append("exit.takeProfit \(JSONValue.number(x / 100)) ← '\(Self.words(m.range, in: text))'")
        }
        if let m = text.firstMatch(of: p["sizeShare"]!), let x = m.output[1].substring.flatMap({ Double($0) }),
           let unit = m.output[2].substring {
            let share = unit == "%" ? x / 100 : x / 10_000
            if share > 0 && share <= 1 {
                d.capitalShare = share
                d.readings.append("size \(JSONValue.number(share * 100))% of capital ← '\(Self.words(m.range, in: text))'")
            }
        }
    }

    func readPair(_ d: inout DecisionReading) {
        d.longGroups = groups(matching: "pairLong", in: d.text)
        d.shortGroups = groups(matching: "pairShort", in: d.text)
        let beta = d.text.firstMatch(of: p["beta"]!), dollar = d.text.firstMatch(of: p["dollar"]!)
        switch (dollar, beta) {
        case let (a?, b?): d.neutrals = a.range.lowerBound < b.range.lowerBound ? ["dollar", "beta"] : ["beta", "dollar"]
        case (nil, _?): d.neutrals = ["beta"]
        case (_?, nil): d.neutrals = ["dollar"]
        case (nil, nil):
            d.neutrals = ["dollar"]
            d.readings.append("dollar-neutral assumed (the card names no neutrality)")
        }
    }

    func readStructures(_ d: inout DecisionReading) {
        var found: [(String.Index, String)] = []
        if let m = d.text.firstMatch(of: p["put"]!) { found.append((m.range.lowerBound, "put")) }
        if let m = d.text.firstMatch(of: p["putSpread"]!) { found.append((m.range.lowerBound, "putSpread")) }
        d.structures = found.sorted { $0.0 < $1.0 }.map(\.1)
        if d.structures.isEmpty {
            d.structures = ["put"]
            d.unresolved.append("key decision \(d.number): no option structure named; puts assumed (structure)")
        } else {
            d.readings.append("structure \(d.structures.joined(separator: " or ")) ← '\(d.structures.map { $0 == "put" ? "puts" : "put spreads" }.joined(separator: " or "))'")
        }
    }

    /// Groups from the first match of a group pattern; "A and B" splits into two groups when
    /// "A" has two or more words ("magnet-exposed industrials and defense names", but not "oil and gas producers").
    func groups(matching name: String, in text: String) -> [DecisionReading.Group] {
        guard let m = text.firstMatch(of: p[name]!), let phraseSub = m.output[1].substring else { return [] }
        let phrase = Self.clean(String(phraseSub))
        let offset = text.distance(from: text.startIndex, to: phraseSub.startIndex)
        var parts: [String] = [phrase]
        if let r = phrase.range(of: " and "), phrase[..<r.lowerBound].split(separator: " ").count >= 2 {
            parts = [String(phrase[..<r.lowerBound]), String(phrase[r.upperBound...])]
        }
        return parts.compactMap { part in
            let found = tickers(in: part)
            let rest = Self.asciiWords(part, lowercased: false)
                .filter { !found.contains($0) && !["and", "or", "vs", "versus"].contains($0.lowercased()) }
            let tag = rest.isEmpty ? nil : Self.tag(part)
            if found.isEmpty && tag == nil { return nil }
            return DecisionReading.Group(phrase: Self.clean(part), tag: tag, tickers: found, offset: offset)
        }
    }

    /// Tickers in the bullet not yet in a group go to the nearest group named before them.
    func assignTickers(_ d: inout DecisionReading) {
        let known = Set((d.groups + d.longGroups + d.shortGroups).flatMap(\.tickers))
        for m in d.text.matches(of: ticker) {
            guard let t = m.output[1].substring.map(String.init), !CardPatterns.notTickers.contains(t), !known.contains(t) else { continue }
            let at = d.text.distance(from: d.text.startIndex, to: m.range.lowerBound)
            func nearest(_ gs: [DecisionReading.Group]) -> Int? {
                gs.indices.filter { gs[$0].offset <= at }.max { gs[$0].offset < gs[$1].offset }
            }
            if d.kind == .pair {
                let l = d.longGroups.last.map(\.offset) ?? -1, s = d.shortGroups.last.map(\.offset) ?? -1
                if s >= 0 && s <= at && s >= l, let i = nearest(d.shortGroups) {
                    if !d.shortGroups[i].tickers.contains(t) { d.shortGroups[i].tickers.append(t) }
                } else if let i = nearest(d.longGroups) ?? (d.longGroups.isEmpty ? nil : 0) {
                    if !d.longGroups[i].tickers.contains(t) { d.longGroups[i].tickers.append(t) }
                }
            } else if let i = nearest(d.groups) ?? (d.groups.isEmpty ? nil : 0) {
                if !d.groups[i].tickers.contains(t) { d.groups[i].tickers.append(t) }
            } else {
                d.groups.append(DecisionReading.Group(phrase: t, tag: nil, tickers: [t], offset: at))
            }
        }
    }

    func tickers(in s: String) -> [String] {
        var out: [String] = []
        for m in s.matches(of: ticker) {
            if let t = m.output[1].substring.map(String.init), !CardPatterns.notTickers.contains(t), !out.contains(t) { out.append(t) }
        }
        return out
    }

    // MARK: - Horizon, event, bands

    func readHorizon(_ d: inout DecisionReading) {
        let text = d.text
        let units: [String: String] = ["day": "d", "week": "w", "month": "m", "quarter": "q", "year": "y"]
        let numbers: [String: Int] = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12]
        func take(_ horizon: String, _ range: Range<String.Index>, upperEnd: Bool = false) {
            d.horizon = horizon
            d.horizonWords = Self.words(range, in: text)
            d.readings.append("\(d.kind.isOption ? "expiry" : "horizon") \(horizon) ← '\(d.horizonWords!)'" + (upperEnd ? " (the upper end)" : ""))
        }
        if let m = text.firstMatch(of: p["horizonRange"]!), let hi = m.output[2].substring.flatMap({ Int($0) }),
           let u = m.output[3].substring.map({ units[$0.lowercased()]! }), hi > 0 {
            take("\(hi)\(u)", m.range, upperEnd: true)
        } else if let m = text.firstMatch(of: p["horizonNext"]!), let u = m.output[1].substring.map({ units[$0.lowercased()]! }) {
            take("1\(u)", m.range)
        } else if let m = text.firstMatch(of: p["horizonSingle"]!), let nText = m.output[1].substring,
                  let n = Int(nText) ?? numbers[nText.lowercased()], n > 0, let u = m.output[2].substring.map({ units[$0.lowercased()]! }) {
            take("\(n)\(u)", m.range)
        } else if let (m, h) = horizonWords.lazy.compactMap({ rx, h in text.firstMatch(of: rx).map { ($0, h) } }).first {
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

    func readEvent(_ d: inout DecisionReading) {
        if let m = d.text.firstMatch(of: p["event"]!), let e = m.output[1].substring {
            d.event = Self.clean(String(e))
            d.readings.append("event ← '\(Self.words(m.range, in: d.text))'")
        }
        if let m = d.text.firstMatch(of: p["outcomes"]!), let a = m.output[1].substring, let b = m.output[2].substring {
            let names = [Self.clean(String(a)), Self.clean(String(b))]
            guard !names[0].isEmpty, !names[1].isEmpty, names[0] != names[1] else { return }
            d.outcomes = names
            d.readings.append("event outcomes ← '\(Self.words(m.range, in: d.text))'")
        }
    }

    func readBands(_ d: inout DecisionReading) {
        let text = d.text
        var taken: [Range<String.Index>] = []
        func free(_ r: Range<String.Index>) -> Bool { !taken.contains { $0.overlaps(r) } }
        var found: [(Range<String.Index>, lo: Double, hi: Double, unit: String, relative: Bool, word: String)] = []
        for m in text.matches(of: p["bandRange"]!) where free(m.range) {
            guard let a = m.output[2].substring.flatMap({ Double($0) }), let b = m.output[4].substring.flatMap({ Double($0) }),
                  let unit = m.output[5].substring, let word = m.output[7].substring else { continue }
            taken.append(m.range)
            found.append((m.range, min(a, b), max(a, b), unit.lowercased(), m.output[6].substring != nil, word.lowercased()))
        }
        for m in text.matches(of: p["bandWordFirst"]!) where free(m.range) {
            guard let word = m.output[1].substring, let a = m.output[3].substring.flatMap({ Double($0) }),
                  let unit = m.output[6].substring else { continue }
            let b = m.output[5].substring.flatMap { Double($0) } ?? a
            taken.append(m.range)
            found.append((m.range, min(a, b), max(a, b), unit.lowercased(), false, word.lowercased()))
            if m.output[5].substring == nil { found[found.count - 1].hi = .nan }
        }
        for m in text.matches(of: p["bandSingle"]!) where free(m.range) {
            guard let a = m.output[2].substring.flatMap({ Double($0) }), let unit = m.output[3].substring,
                  let word = m.output[5].substring, let first = (m.output[1].range ?? m.output[2].range) else { continue }
            // The pattern matches the character before the number (no lookbehind); the band starts at the number.
            let range = first.lowerBound..<m.range.upperBound
            taken.append(range)
            found.append((range, a, .nan, unit.lowercased(), m.output[4].substring != nil, word.lowercased()))
        }
        found.sort { $0.0.lowerBound < $1.0.lowerBound }
        for f in found {
            // The clause the band sits in: from the last separator before it.
            let before = text[..<f.0.lowerBound]
            var clauseStart = text.startIndex
            for sep in ["; ", ": ", ", with ", " with ", ". ", ", and "] {
                if let r = before.range(of: sep, options: .backwards), r.upperBound > clauseStart { clauseStart = r.upperBound }
            }
            var condition: String?
            var claimEnd = f.0.upperBound
            let after = String(text[f.0.upperBound...])
            if let c = after.firstMatch(of: p["conditionAfter"]!), let words = c.output[1].substring {
                condition = Self.clean(String(words))
                claimEnd = text.index(f.0.upperBound, offsetBy: after.distance(from: after.startIndex, to: c.range.upperBound))
            } else if let c = String(text[clauseStart..<f.0.lowerBound]).firstMatch(of: p["conditionBefore"]!), let words = c.output[1].substring {
                condition = Self.clean(String(words))
            }
            var claim = Self.clean(String(text[clauseStart..<claimEnd]))
            for lead in ["and ", "with ", "but "] where claim.lowercased().hasPrefix(lead) { claim = String(claim.dropFirst(lead.count)) }
            let negative = CardPatterns.negativeWords.contains(f.word)
            let lowerClaim = claim.lowercased()
            let relative = d.kind == .pair && (f.unit.hasPrefix("b") || f.relative || ["outperformance", "underperformance", "spread"].contains(f.word))
            let scale: Double = relative ? (f.unit == "%" ? 100 : 1) : (f.unit == "%" ? 0.01 : 0.0001)
            var lo = f.lo * scale, hi = f.hi * scale
            if negative { (lo, hi) = (-hi, -lo) }
            // Beyond ±10,000% (or ±1,000,000 bps) a number is not a return band.
            let limit = relative ? 1e6 : 100
            guard abs(f.lo * scale) <= limit, f.hi.isNaN || abs(f.hi * scale) <= limit else {
                d.unresolved.append("key decision \(d.number): '\(claim)' is beyond ±\(relative ? "1,000,000 bps" : "10,000%"); no thesis drafted")
                continue
            }
            var band = DecisionReading.Band(claim: claim, metric: relative ? "relativeReturnBps" : "return", low: lo, high: hi,
                                            test: "within", condition: condition)
            if f.hi.isNaN {
                // One number: the card claims at least that move in its direction.
                if negative { band.low = nil; band.high = -f.lo * scale; band.test = "atMost" } else { band.low = lo; band.high = nil; band.test = "atLeast" }
            } else if ["target", "at least", "aim for"].contains(where: lowerClaim.contains) {
                band.test = negative ? "atMost" : "atLeast"
            } else if ["up to", "at most", "no more than", "limited to", "capped"].contains(where: lowerClaim.contains) {
                band.test = negative ? "atLeast" : "atMost"
            }
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

    // MARK: - Text helpers

    static func bandText(_ b: DecisionReading.Band) -> String {
        let lo = b.low.map { JSONValue.number($0) } ?? "…", hi = b.high.map { JSONValue.number($0) } ?? "…"
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
        let folded = s.folding(options: [.diacriticInsensitive], locale: nil)
        return (lowercased ? folded.lowercased() : folded)
            .split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map(String.init)
    }

    /// A scenario name from a condition: at most five content words joined by '-'.
    static func scenarioName(_ condition: String) -> String {
        let words = asciiWords(condition)
            .filter { !CardPatterns.scenarioDropWords.contains($0) }
        let name = Builder.safeName(words.prefix(5).joined(separator: "-"))
        return name.isEmpty ? "scenario" : name == "blended" ? "blended-world" : name
    }
}

extension DecisionKind {
    /// Kinds whose holding period is an option expiry.
    var isOption: Bool { self == .protection || self == .eventStraddle || self == .eventStrangle || self == .collar }
    /// Kinds whose return (on the stock basis) is what a card's percentage band describes.
    var thesisMeasuresBands: Bool { self == .basket || self == .pair || self == .collar }
}
