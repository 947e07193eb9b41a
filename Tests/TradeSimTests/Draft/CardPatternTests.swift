import Foundation
import Testing
@testable import TradeSim

/// `CardPattern`, the drafter's linear-time matcher, against Swift `Regex` (the independent
/// implementation whose meaning the rule table is written in): the same match and the same
/// captures for every rule on the test cards' bullets and on generated bullets, the same on
/// the constructs a backtracker must get right, and linear time where Swift `Regex` is not.
@Suite("Card patterns: the linear matcher")
struct CardPatternTests {
    /// A match as unit (Character) offsets: the whole match, then each group (nil when it took no part).
    struct Found: Equatable, CustomStringConvertible {
        var range: Range<Int>
        var groups: [Range<Int>?]
        var description: String { "\(range) \(groups)" }
    }

    static func swiftRegex(_ pattern: String, ignoresCase: Bool) throws -> Regex<AnyRegexOutput> {
        let r = try Regex(pattern).wordBoundaryKind(.simple)
        return ignoresCase ? r.ignoresCase() : r
    }

    static func expected(_ rx: Regex<AnyRegexOutput>, in s: String, all: Bool) -> [Found] {
        func offset(_ i: String.Index) -> Int { s.distance(from: s.startIndex, to: i) }
        func found(_ m: Regex<AnyRegexOutput>.Match) -> Found {
            Found(range: offset(m.range.lowerBound)..<offset(m.range.upperBound),
                  groups: (1..<m.output.count).map { k in m.output[k].range.map { offset($0.lowerBound)..<offset($0.upperBound) } })
        }
        return all ? s.matches(of: rx).map(found) : s.firstMatch(of: rx).map { [found($0)] } ?? []
    }

    static func actual(_ p: CardPattern, in s: String, all: Bool) -> [Found] {
        let t = CardText(s)
        func found(_ m: PatternMatch) -> Found { Found(range: m.units, groups: (0..<p.captureCount).map { m.units($0 + 1) }) }
        return all ? p.matches(in: t).map(found) : p.firstMatch(in: t).map { [found($0)] } ?? []
    }

    /// Every rule of the table, with whether the reader takes all its matches (bands, tickers) or the first.
    static let rules: [(name: String, pattern: String, ignoresCase: Bool, all: Bool)] = {
        var out = CardPatterns.named.sorted { $0.key < $1.key }.map {
            (name: $0.key, pattern: $0.value, ignoresCase: true, all: $0.key.hasPrefix("band"))
        }
        out += CardPatterns.kinds.map { (name: "kind \($0.kind)", pattern: $0.pattern, ignoresCase: true, all: false) }
        out += CardPatterns.horizonWords.map { (name: "horizon \($0.horizon)", pattern: $0.pattern, ignoresCase: true, all: false) }
        out.append((name: "ticker", pattern: CardPatterns.ticker, ignoresCase: false, all: true))
        return out
    }()

    /// The test cards' lines (whitespace collapsed) and their tails from each word (what the
    /// reader searches after a band or a colon), then generated bullets: phrases of the rules
    /// and awkward characters (Kelvin sign, combining marks, other digits, no-break space,
    /// emoji, dashes), and random characters, from a fixed seed.
    static let inputs: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var files = [root.appendingPathComponent("scenarios/cards/rare-earths-us-china.txt")]
        let fixtures = root.appendingPathComponent("Tests/TradeSimTests/Fixtures/cards")
        files += ((try? FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        // The ten loosely worded cards of issue 20 too.
        files += ((try? FileManager.default.contentsOfDirectory(at: fixtures.appendingPathComponent("loose"), includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        var out: [String] = []
        for file in files {
            for line in ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n") {
                let l = Card.collapse(String(line))
                guard !l.isEmpty else { continue }
                out.append(l)
                var words = l.split(separator: " ").dropFirst()
                while !words.isEmpty && out.count % 3 != 0 { out.append(words.joined(separator: " ")); words = words.dropFirst(4) }
            }
        }
        let phrases = ["long", "short", "short-", "vs", "vs.", "versus", "against", "/", "basket of", "the", "on", "for", "weakness",
                       "a 7% pullback", "3-6 months", "1–2 quarters", "next quarter", "days to weeks", "short-dated", "MP", "$ZIM", "BRK.B",
                       "US", "A", "20-30% upside", "~10-15% downside", "200-400 bps relative outperformance", "upside of 12-18%",
                       "12% upside", "if", "when", "with", "and", ";", ":", ",", ".", "(", "either", "or", "around", "ahead of",
                       "US-China meeting", "puts", "put spreads", "put-spread", "hedge", "collar", "straddles", "strangles",
                       "beta-neutral", "stop at 8%", "10% stop", "trim at +25%", "3% of the portfolio", "50 bps of NAV", "pair", "buy",
                       "\u{212A}", "e\u{301}", "ſ", "½", "٣", "\u{A0}", "💥", "—", "≈", "−", "İ", "LONG", "Basket Of", "12345678901234",
                       "1.5", "expect", "target", "two years", "proxy", "-", "5 %", "basis points", "drawdown"]
        var rng = SplitMix64(seed: 42)
        for k in 0..<600 {
            let n = Int.random(in: 1...20, using: &rng)
            let sep = k % 5 == 0 ? "" : k % 7 == 0 ? ", " : " "
            out.append((0..<n).map { _ in phrases.randomElement(using: &rng)! }.joined(separator: sep))
        }
        let alphabet: [Character] = Array("abcdeklnoprstuvw ABCKLMPSUX 0123456789 -–/.,;:()%$~+&'_") + ["\u{212A}", "e\u{301}", "\u{301}", "\r\n", "\n"]
        for _ in 0..<300 {
            out.append(String((0..<Int.random(in: 1...50, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }))
        }
        return out
    }()

    @Test func everyRuleMatchesAsSwiftRegexDoes() throws {
        var checked = 0
        var differences: [String] = []
        for rule in Self.rules {
            let rx = try Self.swiftRegex(rule.pattern, ignoresCase: rule.ignoresCase)
            let p = CardPattern(rule.pattern, ignoresCase: rule.ignoresCase)
            for s in Self.inputs {
                let want = Self.expected(rx, in: s, all: rule.all), got = Self.actual(p, in: s, all: rule.all)
                checked += 1
                if want != got && differences.count < 10 { differences.append("\(rule.name) on \(s.debugDescription): Regex \(want), CardPattern \(got)") }
            }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        #expect(checked == Self.rules.count * Self.inputs.count && Self.inputs.count > 1_000)
    }

    /// The constructs where a backtracker's order shows: priority of alternatives, greedy and
    /// lazy quantifiers (counted too), captures in loops and undone by backtracking, lookaheads
    /// at the end and inside, anchors and boundaries at the ends of the text.
    @Test(arguments: [
        (#"(a|ab)(c|bcd)(d*)"#, "abcd"), (#"(a+|b)*c"#, "aaabac"), (#"(a*?)(a+)"#, "aaaa"), (#"(a|b)+"#, "abba c"),
        (#"x(a{1,3}?)(a*)"#, "xaaaa"), (#"x(a{2,})"#, "xa xaaa"), (#"(?:(a)|b)+"#, "ab"), (#"(a)|b"#, "b"),
        (#"(\w+?)(?=\s+on\b|$)"#, "long MP on dips"), (#"long(?!-)\b"#, "long-dated long"), (#"\bput\b(?![- ]spread)"#, "put spread put"),
        (#"^\s*(if)\s+(.+?)(?=;|$)"#, "  if talks fail; then"), (#"\bab\b"#, "ab"), (#"\d+(?:\.\d+)?%"#, "1.5.5% 12%"),
        (#"[^\w$.-](\$?[A-Z]{1,5})(?![\w-])"#, " $MP, BRK.B X-Y"), (#"(?:the\s+|next\s+)*(\w+)"#, "the next the meeting"),
        (#"(?:[\w.&'+-]+\s+){0,4}?(meeting|summit)"#, "the US China trade meeting"), (#"e"#, "e\u{301} e"),
        (#"k"#, "\u{212A}"), (#"[a-z]+"#, "\u{212A}K k"), (#"a.c"#, "a\nc a\u{301}c abc"), (#"(?:a|ab)(?=c)"#, "abc"),
    ])
    func constructsMatchAsSwiftRegex(pattern: String, input: String) throws {
        let rx = try Self.swiftRegex(pattern, ignoresCase: true)
        #expect(Self.actual(CardPattern(pattern), in: input, all: true) == Self.expected(rx, in: input, all: true))
        #expect(Self.actual(CardPattern(pattern), in: input, all: false) == Self.expected(rx, in: input, all: false))
    }

    /// A search in part of a text takes that part as the whole text: `^`, `$` and `\b` at its
    /// ends (as the reader's searches after a band and before it, which Swift `Regex` made in a
    /// new String).
    @Test func aRangeIsSearchedAsItsOwnText() throws {
        let t = CardText("xx if talks fail; expect 10% yy")
        let after = try #require(CardPattern(CardPatterns.conditionAfter).firstMatch(in: t, 2..<t.count))
        #expect(after[1] == "talks fail" && after.units == 2..<16)
        #expect(CardPattern(CardPatterns.conditionAfter).firstMatch(in: t) == nil)
        let u = CardText("xx if talks fail, expect 10% yy")
        #expect(CardPattern(CardPatterns.conditionBefore).firstMatch(in: u, 0..<25)?[1] == "talks fail")
        #expect(CardPattern(CardPatterns.conditionBefore).firstMatch(in: u) == nil)
        #expect(CardPattern(#"\by$"#).firstMatch(in: t, 0..<30)?.units == 29..<30)
        #expect(CardPattern(#"\by$"#).firstMatch(in: t) == nil)
        #expect(CardPattern(#"y\b"#).firstMatch(in: t, 0..<30)?.units == 29..<30)
        #expect(CardPattern(#"y\b"#).firstMatch(in: t)?.units == 30..<31)
    }

    /// Swift `Regex` needs time quadratic in these inputs (a lazy phrase before a lookahead over
    /// a text without its end words; `\d+` from every digit of a long number); the matcher
    /// finishes them at once. The time limit only guards against a hang.
    @Test(.timeLimit(.minutes(1))) func longInputsAreMatchedInLinearTime() {
        let digits = String(repeating: "7", count: 200_000)
        let numberMatches = CardPattern(CardPatterns.bandRange).matches(in: CardText("target " + digits + "-9% upside"))
        #expect(numberMatches.count == 1 && numberMatches.first?[4] == "9")
        let words = "go long a basket of " + Array(repeating: "rare earth enablers", count: 20_000).joined(separator: " ")
        let phrase = CardPattern(CardPatterns.basketGroup).firstMatch(in: CardText(words))
        #expect(phrase?[1]?.hasSuffix("earth enablers") == true && phrase?.units.upperBound == words.count)
        // "long" 30,000 times and never "vs": from each, Swift Regex scans to the end.
        let pairs = CardText(String(repeating: "long A ", count: 30_000))
        #expect(CardPattern(CardPatterns.kinds[0].pattern).firstMatch(in: pairs) == nil)
        #expect(CardPattern(CardPatterns.kinds[5].pattern).firstMatch(in: pairs)?.units == 0..<4)
        #expect(CardPattern(CardPatterns.pairShort).firstMatch(in: pairs) == nil)
    }
}
