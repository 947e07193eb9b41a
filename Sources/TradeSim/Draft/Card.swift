/// A trade-idea card, read from its text: the parts `tradesim draft` turns into a study.
///
/// Cards arrive as pasted web pages (../shared/seed-card.txt is the model): a title, a line
/// of categories run together ("Commodities & Raw MaterialsTrade Policy & Supply Chain"), a
/// summary, an "Analysis" section, "Overall Sentiment" and "Sentiment Score" each followed by
/// their value on a later line, "Market Impact: 0.34", and "Key Decisions for Investors"
/// followed by one bullet per decision (•, -, *, – or "1." / "1)"; a bullet's wrapped lines
/// continue it). Every part but the bullets may be missing.
package struct Card: Sendable, Equatable {
    package var title: String = ""
    package var categories: [String] = []
    package var summary: String = ""
    package var analysis: String = ""
    package var sentiment: String?
    package var sentimentScore: Double?
    package var marketImpact: Double?
    /// The key-decision bullets in card order, without their markers, whitespace collapsed.
    package var decisions: [String] = []

    package init() {}

    /// Lines that label a part of the card (compared case-insensitively, without a colon).
    static let labels = ["back to news", "analysis", "market sentiment", "overall sentiment", "sentiment score",
                         "key decisions for investors", "key decisions", "request demo", "allmind ai terminal"]

    package static func parse(_ text: String) -> Card {
        var card = Card()
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { collapse(String($0)) }
        func isLabel(_ line: String) -> Bool {
            // Labels are short: a long line is decided by its first 32 Characters.
            let l = (line.utf8.count <= 64 ? line : String(line.prefix(32))).lowercased().trimmingSuffix(":")
            return labels.contains(l) || l.hasPrefix("key decisions") || l.hasPrefix("market impact")
                || l.hasPrefix("ai-powered research")
        }
        func nextValue(after i: Int) -> (String, Int)? {
            var j = i + 1
            while j < lines.count {
                if !lines[j].isEmpty { return isLabel(lines[j]) ? nil : (lines[j], j) }
                j += 1
            }
            return nil
        }
        var i = 0
        var section = "head"
        var headLines: [String] = []
        var analysisLines: [String] = []
        var lastBulletLine = -2
        while i < lines.count {
            let line = lines[i]
            if line.isEmpty { i += 1; continue }
            if line.prefix(16).lowercased().hasPrefix("market impact") {
                let rest = line.drop(while: { $0 != ":" }).dropFirst()
                if let v = Double(collapse(String(rest))) {
                    card.marketImpact = v
                } else if let (v, j) = nextValue(after: i), let x = Double(v) {
                    card.marketImpact = x
                    i = j
                }
                i += 1
                continue
            }
            if isLabel(line) {
                let l = line.lowercased().trimmingSuffix(":")
                switch l {
                case "overall sentiment":
                    if let (v, j) = nextValue(after: i) { card.sentiment = v.lowercased(); i = j }
                case "sentiment score":
                    if let (v, j) = nextValue(after: i), let x = Double(v) { card.sentimentScore = x; i = j }
                case "analysis": section = "analysis"
                case _ where l.hasPrefix("key decisions"): section = "decisions"
                default: section = section == "head" ? "head" : "other"
                }
                i += 1
                continue
            }
            switch section {
            // A card without the heading has its bullets in the head or the analysis: they are decisions, not prose.
            case "head": if bulletBody(line) == nil { headLines.append(line) }
            case "analysis": if bulletBody(line) == nil { analysisLines.append(line) }
            case "decisions":
                if let body = bulletBody(line) {
                    card.decisions.append(body)
                    lastBulletLine = i
                } else if lastBulletLine == i - 1, !card.decisions.isEmpty {
                    card.decisions[card.decisions.count - 1] += " " + line
                    lastBulletLine = i
                } else {
                    section = "other"
                }
            default: break
            }
            i += 1
        }
        // Head: title, then an optional categories line (no sentence end), then the summary.
        if let first = headLines.first { card.title = first }
        var rest = Array(headLines.dropFirst())
        if let c = rest.first, !c.hasSuffix("."), c.count <= 200, rest.count > 1 || c.contains("&") {
            card.categories = splitCategories(c)
            rest.removeFirst()
        }
        card.summary = rest.joined(separator: " ")
        card.analysis = analysisLines.joined(separator: " ")
        // A card without the heading: its bullets anywhere.
        if card.decisions.isEmpty {
            card.decisions = lines.compactMap(bulletBody)
        }
        return card
    }

    /// The text of a bullet line without its marker, or nil when the line is not a bullet.
    static func bulletBody(_ line: String) -> String? {
        var s = Substring(line)
        if let c = s.first, "•·*–-—▪◦".contains(c) {
            s = s.dropFirst()
        } else {
            let digits = s.prefix(while: \.isNumber)
            guard !digits.isEmpty, digits.count <= 2 else { return nil }
            let after = s.dropFirst(digits.count)
            guard let m = after.first, m == "." || m == ")", after.dropFirst().first == " " else { return nil }
            s = after.dropFirst()
        }
        let body = collapse(String(s))
        return body.isEmpty ? nil : body
    }

    /// "Commodities & Raw MaterialsTrade Policy & Supply Chain" → two categories: a new one
    /// starts where a lowercase letter runs straight into an uppercase one.
    static func splitCategories(_ line: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var previous: Character = " "
        for c in line {
            if c.isUppercase && previous.isLowercase && !current.isEmpty {
                parts.append(current)
                current = ""
            }
            current.append(c)
            previous = c
        }
        if !current.isEmpty { parts.append(current) }
        return parts.map { collapse($0) }.filter { !$0.isEmpty }
    }

    /// Whitespace (including no-break spaces) collapsed to single spaces, ends trimmed: the
    /// words of `s.split(whereSeparator: \.isWhitespace)` joined by " ", in one pass that asks
    /// Unicode's tables only about non-ASCII Characters.
    static func collapse(_ s: String) -> String {
        if let bytes = collapsedByScalars(s) { return bytes }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var wordStart: String.Index?
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i], next = s.index(after: i)
            let blank: Bool
            if let a = c.asciiValue { blank = a == 32 || (9...13).contains(a) } else { blank = c.isWhitespace }
            if blank, let w = wordStart {
                if !out.isEmpty { out.append(" ") }
                out += s[w..<i]
                wordStart = nil
            } else if !blank && wordStart == nil {
                wordStart = i
            }
            i = next
        }
        if let w = wordStart {
            if !out.isEmpty { out.append(" ") }
            out += s[w...]
        }
        return out
    }
}

extension Card {
    /// `collapse` by scalars, when every whitespace Character of `s` is one ASCII whitespace
    /// scalar (or "\r\n"): no non-ASCII whitespace, and no non-ASCII scalar that joins an
    /// ASCII space into one Character (" " + a combining mark, a prepended mark + " ").
    /// Otherwise nil, and `collapse` goes by Characters.
    static func collapsedByScalars(_ s: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var space = false, previousBlank = false
        var previous: Unicode.Scalar?
        for u in s.unicodeScalars {
            let blank = u.value == 32 || (9...13).contains(u.value)
            if let p = previous, (blank && !p.isASCII) || (previousBlank && !u.isASCII) {
                var pair = String.UnicodeScalarView()
                pair.append(p)
                pair.append(u)
                if String(pair).count == 1 { return nil }
            }
            if blank {
                space = true
            } else {
                if !u.isASCII && u.properties.isWhitespace { return nil }
                if space && !out.isEmpty { out.append(32) }
                space = false
                if u.isASCII { out.append(UInt8(u.value)) } else { UTF8.encode(u) { out.append($0) } }
            }
            previous = u
            previousBlank = blank
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
