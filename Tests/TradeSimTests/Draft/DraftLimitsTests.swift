import Foundation
import Testing
@testable import TradeSim

/// `tradesim draft` on hostile cards (issues 15 and 21): what is above `DraftLimits` (and the
/// study format's asset limit) is refused with the card's name, what was found and what is
/// allowed; what is below is drafted, and the draft is checked for what it reads. Speed is
/// measured on the release build (README), not here: the time limits only guard against a hang.
@Suite("Drafting hostile cards")
struct DraftLimitsTests {
    static let start = CalendarDate(iso: "2026-08-03")!

    static func failure(_ text: String, name: String) -> String? {
        guard case let .failure(p) = StudyDraft.draft(cardText: text, cardName: name, start: start, startStated: true) else { return nil }
        return p.description
    }

    /// The first card's four bullets, with "MP and USAR" for its placeholder member (a card of
    /// thousands of placeholders is refused for its assets, tested below), numbered `k`.
    static func bullets(_ count: Int) throws -> String {
        let card = try DraftCardTests.repositoryCard("rare-earths-us-china.txt")
        let four = Card.parse(card).decisions.map {
            $0.replacingOccurrences(of: "MP and a specialty processing/equipment proxy if available", with: "MP and USAR")
        }
        return "Many bullets\n\nKey Decisions for Investors\n\n"
            + (0..<count).map { "• " + four[$0 % 4] }.joined(separator: "\n") + "\n"
    }

    // MARK: - Refused

    @Test func aCardAboveFourMebibytesIsRefused() {
        let text = "Key Decisions\n\n• Go long MP " + String(repeating: "x", count: DraftLimits.cardBytes)
        #expect(text.utf8.count == 4_194_334)
        #expect(Self.failure(text, name: "big.txt") == "big.txt: found 4194334 bytes of text; allowed: a card of at most 4194304 bytes (4 MiB; a card is a few kilobytes)")
    }

    @Test func moreThanTenThousandDecisionsAreRefused() {
        let text = "Key Decisions\n\n" + String(repeating: "• Buy MP\n", count: DraftLimits.decisions + 1)
        #expect(Self.failure(text, name: "many.txt") == "many.txt: Key Decisions: found 10001 key-decision bullets; allowed: at most 10000 key decisions on a card")
    }

    /// 1,001 tickers: the study could not hold them, and the drafted study used to fail its own
    /// validation ("a tradesim bug"); 1,000 draft and validate.
    @Test func moreAssetsThanAStudyHoldsAreRefused() throws {
        let letters: [Character] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        // QAAA, QAAB, …: four capitals, none a stop word.
        let tickers: [String] = (0..<1_001).map { (k: Int) -> String in
            let name: [Character] = ["Q", letters[k / 676 % 26], letters[k / 26 % 26], letters[k % 26]]
            return String(name)
        }
        func card(_ n: Int) -> String { "Key Decisions\n\n• Buy " + tickers.prefix(n).joined(separator: ", ") + "\n" }
        #expect(Self.failure(card(1_001), name: "assets.txt") == "assets.txt: Key Decisions: found 1001 assets to draft (1001 tickers and 0 placeholders TBD-n); allowed: at most 1000 assets in a study: a card that names fewer tickers and groups, or split into several cards")
        let (s, _) = try DraftCardTests.draft(card(1_000), name: "assets.txt")
        #expect(DraftCardTests.universe(s).count == 1_000)
        #expect(DraftCardTests.decisions(s).first?["assets"] as? [String] == Array(tickers.prefix(1_000)))
    }

    /// 4,000 of the first card's bullets as they are: one placeholder per "specialty … proxy"
    /// member, 1,000 of them and more.
    @Test func thousandsOfPlaceholdersAreRefused() throws {
        let card = try DraftCardTests.repositoryCard("rare-earths-us-china.txt")
        let four = Card.parse(card).decisions
        let text = "Key Decisions\n\n" + (0..<4_000).map { "• " + four[$0 % 4] }.joined(separator: "\n")
        #expect(Self.failure(text, name: "proxies.txt") == "proxies.txt: Key Decisions: found 1006 assets to draft (1 tickers and 1005 placeholders TBD-n); allowed: at most 1000 assets in a study: a card that names fewer tickers and groups, or split into several cards")
    }

    // MARK: - Drafted

    /// 8,000 bullets: 8,000 decisions in card order, ids made unique by a running suffix.
    @Test(.timeLimit(.minutes(2))) func eightThousandBullets() throws {
        let (s, d) = try DraftCardTests.draft(try Self.bullets(8_000), name: "many.txt")
        let ds = DraftCardTests.decisions(s)
        #expect(ds.count == 8_000)
        #expect(ds.prefix(4).map { $0["kind"] as? String } == ["basket", "protection", "pair", "eventStraddle"])
        #expect(ds.suffix(4).map { $0["kind"] as? String } == ["basket", "protection", "pair", "eventStraddle"])
        #expect(ds[0]["id"] as? String == "long-non-china-rare-earth-enablers")
        #expect(ds[4]["id"] as? String == "long-non-china-rare-earth-enablers-2")
        #expect(ds[7_996]["id"] as? String == "long-non-china-rare-earth-enablers-2000")
        #expect(Set(ds.compactMap { $0["id"] as? String }).count == 8_000)
        #expect(DraftCardTests.universe(s)["USAR"] == ["non-china-rare-earth-enablers"])
        #expect(DraftCardTests.theses(ds[7_996]) == DraftCardTests.theses(ds[0]) && DraftCardTests.theses(ds[0]).count == 2)
        #expect(d.readings.count == 8_000)
    }

    /// A number of 8,000 digits: read as a number (infinite as a Double), so the band is beyond
    /// ±10,000% and no thesis is drafted; the rest of the bullet is read as usual.
    @Test(.timeLimit(.minutes(1))) func anEightThousandDigitNumber() throws {
        let digits = String(repeating: "7", count: 8_000)
        let (s, d) = try DraftCardTests.draft("Key Decisions\n\n• Go long a basket of miners for 3 months; target \(digits)% upside if talks fail.\n", name: "digits.txt")
        let decision = try #require(DraftCardTests.decisions(s).first)
        #expect(decision["kind"] as? String == "basket")
        #expect(DraftCardTests.exit(decision)["horizon"] as? String == "3m")
        #expect(decision["theses"] == nil)
        #expect(d.unresolved.contains("key decision 1: 'target \(digits)% upside if talks fail' is beyond ±10,000%; no thesis drafted"))
    }

    /// One bullet of a little less than 4 MiB: one basket of two groups ("A and B"), its horizon
    /// and band read from the bullet's end.
    @Test(.timeLimit(.minutes(2))) func aLineJustUnderTheBound() throws {
        let head = "Key Decisions\n\n• Go long a basket of "
        let tail = " for 6 months; target 20-30% upside.\n"
        let words = "rare earth enablers and magnet makers "
        let count = (DraftLimits.cardBytes - 112 - head.utf8.count - tail.utf8.count) / words.utf8.count
        let text = head + String(repeating: words, count: count).dropLast() + tail
        #expect(text.utf8.count <= DraftLimits.cardBytes - 112 && text.utf8.count >= DraftLimits.cardBytes - 112 - words.utf8.count)
        let (s, d) = try DraftCardTests.draft(text, name: "line.txt")
        let decision = try #require(DraftCardTests.decisions(s).first)
        #expect(DraftCardTests.decisions(s).count == 1)
        #expect(decision["assets"] as? [String] == ["rare-earth-enablers", "magnet-makers-rare-earth-enablers"])
        #expect(DraftCardTests.exit(decision)["horizon"] as? String == "6m")
        #expect(DraftCardTests.close(DraftCardTests.theses(decision), [DraftCardTests.T(metric: "return", low: 0.2, high: 0.3, test: "atLeast", scenarios: [])]))
        #expect(d.readings[0].groups.map(\.tag) == ["rare-earth-enablers", "magnet-makers-rare-earth-enablers"])
    }

    /// Ten bands in one bullet: the first eight are drafted, the rest listed.
    @Test func atMostEightBandsABullet() throws {
        let bands = (1...10).map { "\($0 * 10)% upside if case \($0) holds" }.joined(separator: "; ")
        let (s, d) = try DraftCardTests.draft("Key Decisions\n\n• Go long MP for 6 months; \(bands).\n", name: "bands.txt")
        let theses = DraftCardTests.theses(try #require(DraftCardTests.decisions(s).first))
        #expect(theses.count == 8 && zip(theses, 1...8).allSatisfy { t, k in abs(t.low! - Double(k) / 10) < 1e-12 && t.high == nil && t.test == "atLeast" })
        #expect(theses.map(\.scenarios) == (1...8).map { ["case-\($0)-holds"] })
        #expect(d.unresolved.contains("key decision 1: 10 return bands; the first 8 are read, the rest are not drafted (at most 8 a decision)"))
    }

    /// Issue 20's events and links. A linked scenario names its outcome (`given`) and copies no
    /// event, so every tied scenario is linked; every scenario still holds every event, so the
    /// product is bounded. 200 events tied to conditions (201 with "the date") draft 402 linked
    /// scenarios — "tariffs land at k%" and "d-k-decision-other" for each, "crl" and
    /// "date-other" — 80,802 pairs; 250 (251 events, 502 scenarios: 126,002 pairs) are refused.
    @Test func manyEventsAndLinks() throws {
        func card(_ n: Int) -> String {
            "Key Decisions\n\n" + (0..<n).map { k in
                "• Buy $CPER ahead of the d\(k) decision: +15-25% if tariffs land at \(k)%; stop at 10%.\n• I'd own some VRDA into the date, could drop 50-60% on a CRL.\n• Trim CPER at +25%.\n"
            }.joined()
        }
        let d = try StudyDraft.draft(cardText: card(200), cardName: "events.txt", start: Self.start, startStated: true).get()
        if case let .failure(p) = StudyDecoder.decode(Array(d.json.utf8), file: "events.txt") { Issue.record("\(p.problems.prefix(3))") }
        let scenarios = d.study["scenarios"]?.arrayValue ?? []
        #expect(scenarios.count == 402 && scenarios.allSatisfy { $0["given"] != nil && $0["events"] == nil })
        #expect(scenarios[0]["given"]?["d0-decision"]?.stringValue == "tariffs land at 0%" && scenarios[1]["name"]?.stringValue == "d0-decision-other")
        #expect(d.unresolved.contains { $0.hasPrefix("key decision 3: 'Trim CPER at +25%' is drafted as the take-profit of key decision 1") })
        #expect(Self.failure(card(250), name: "events.txt")
                == "events.txt: Key Decisions: found 251 events and 502 scenarios to draft (126002 scenario-event pairs); allowed: at most 100000 scenario-event pairs (each scenario holds every event): a card that names fewer events and conditions, or split into several cards")
    }
}
