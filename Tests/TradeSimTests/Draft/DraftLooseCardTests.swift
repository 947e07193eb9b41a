import Foundation
import Testing
@testable import TradeSim

/// Issue 20: ten loosely worded cards (Fixtures/cards/loose), each drafted and checked field by
/// field against `loose/expected.json`, written by hand from the card text before the drafter
/// read them. Direction first: a decision whose kind, side or pair sides differ from the hand
/// reading is a reversed trade; a bullet that is neither drafted nor listed (as not a decision,
/// not read, or merged into another decision) is a dropped bullet. Both must be zero.
@Suite("Drafting loosely worded cards")
struct DraftLooseCardTests {
    static let start = CalendarDate(iso: "2026-08-03")!

    struct Card {
        var file: String
        var expected: [String: Any]
    }

    static var cards: [Card] { cards(in: "loose") }

    /// The cards of a fixture folder with what each should draft (its `expected.json`).
    static func cards(in folder: String) -> [Card] {
        let data = Data(Fixtures.text("cards/\(folder)/expected.json").utf8)
        let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (root["cards"] as? [[String: Any]] ?? []).map { Card(file: $0["file"] as! String, expected: $0) }
    }

    /// What a drafted decision says, in the terms of expected.json.
    static func fields(_ d: [String: Any]) -> [String: Any] {
        var out: [String: Any] = ["kind": d["kind"] as Any]
        if d["kind"] as? String == "basket" { out["side"] = d["side"] as? String ?? "long" }
        for k in ["assets", "long", "short", "underlyings", "event", "structure", "neutral", "size"] where d[k] != nil { out[k] = d[k] }
        let exit = d["exit"] as? [String: Any] ?? [:]
        if let h = exit["horizon"] ?? d["expiry"] { out["horizon"] = h }
        for k in ["stopLoss", "takeProfit"] where exit[k] != nil { out[k] = exit[k] }
        if let drop = ((d["entry"] as? [String: Any])?["onWeakness"] as? [String: Any])?["drop"] { out["drop"] = drop }
        if let ts = d["theses"] as? [[String: Any]] {
            out["theses"] = ts.map { t in [t["metric"] as Any, t["low"] ?? NSNull(), t["high"] ?? NSNull(), t["test"] as Any, t["scenarios"] ?? []] as [Any] }
        }
        return out
    }

    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (is NSNull, let y): return y == nil || y is NSNull
        case (let x, is NSNull): return x == nil
        case let (x as String, y as String): return x == y
        case let (x as NSNumber, y as NSNumber): return x.doubleValue == y.doubleValue
        case let (x as [Any], y as [Any]): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (x as [String: Any], y as [String: Any]): return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { same(x[$0], y[$0]) }
        default: return false
        }
    }

    @Test(arguments: cards.map(\.file))
    func cardDraftsAsReadByHand(_ file: String) throws {
        try Self.check(file, in: "loose")
    }

    /// Drafts a card of `folder` and checks it field by field against the folder's expected.json.
    static func check(_ file: String, in folder: String) throws {
        let card = try #require(Self.cards(in: folder).first { $0.file == file })
        let e = card.expected
        let text = Fixtures.text("cards/\(folder)/\(file)")
        let draft = try StudyDraft.draft(cardText: text, cardName: file, start: Self.start, startStated: true).get()
        if case let .failure(p) = StudyDecoder.decode(Array(draft.json.utf8), file: file) { Issue.record("\(file): \(p)") }
        let study = try #require(try JSONSerialization.jsonObject(with: Data(draft.json.utf8)) as? [String: Any])
        let playbook = study["playbook"] as? [String: Any] ?? [:]
        let drafted = playbook["decisions"] as? [[String: Any]] ?? []
        let numbers = draft.readings.map(\.number)
        #expect(numbers.count == drafted.count)

        // Decisions, direction first.
        var reversed = 0
        let expectedDecisions = e["decisions"] as? [[String: Any]] ?? []
        #expect(numbers == expectedDecisions.map { $0["bullet"] as! Int }, "\(file): bullets drafted")
        for x in expectedDecisions {
            let n = x["bullet"] as! Int
            guard let k = numbers.firstIndex(of: n) else { reversed += 1; Issue.record("\(file): bullet \(n) not drafted"); continue }
            let got = Self.fields(drafted[k])
            let direction = ["kind", "side", "long", "short", "assets", "underlyings"]
            if !direction.allSatisfy({ Self.same(got[$0], x[$0]) }) {
                reversed += 1
                Issue.record("\(file) bullet \(n): direction \(direction.map { "\($0)=\(got[$0] ?? "-")" }) expected \(direction.map { "\($0)=\(x[$0] ?? "-")" })")
            }
            for key in Set(got.keys).union(x.keys).subtracting(direction).subtracting(["bullet"]).sorted() where !Self.same(got[key], x[key]) {
                Issue.record("\(file) bullet \(n): \(key) = \(got[key] ?? "absent"), expected \(x[key] ?? "absent")")
            }
        }
        #expect(reversed == 0, "\(file): \(reversed) reversed or missing trades")

        // Every bullet accounted for: drafted, or listed with what became of it.
        let bullets = TradeSim.Card.parse(text).decisions
        var dropped = 0
        for (i, bullet) in bullets.enumerated() where !numbers.contains(i + 1) {
            let how = (e["accounted"] as? [[String: Any]] ?? []).first { $0["bullet"] as? Int == i + 1 }?["as"] as? String
            let listed = draft.unresolved.first { $0.hasPrefix("key decision \(i + 1): ") && ($0.contains(bullet) || $0.contains("key decision \(i + 1): '")) }
            guard let how, let listed, listed.contains(how) || listed.contains(" \(how) ") || (how.hasPrefix("key decision") && listed.contains(how)) else {
                dropped += 1
                Issue.record("\(file): bullet \(i + 1) '\(bullet)' (expected: \(how ?? "drafted")) is \(listed ?? "neither drafted nor listed")")
                continue
            }
        }
        #expect(dropped == 0)

        // Universe, holdings, events, scenarios.
        var universe: [String: [String]] = [:]
        for a in study["universe"] as? [[String: Any]] ?? [] { universe[a["ticker"] as! String] = a["tags"] as? [String] ?? [] }
        #expect(universe == e["universe"] as? [String: [String]], "\(file): universe")
        var holdings: [String: Double] = [:]
        for h in playbook["holdings"] as? [[String: Any]] ?? [] { holdings[h["ticker"] as! String] = h["quantity"] as? Double }
        #expect(holdings == (e["holdings"] as? [String: Double] ?? [:]), "\(file): holdings")
        let defaults = study["scenarioDefaults"] as? [String: Any] ?? [:]
        var events: [String: [String]] = [:]
        for ev in defaults["events"] as? [[String: Any]] ?? [] {
            events[ev["name"] as! String] = (ev["outcomes"] as? [[String: Any]] ?? []).map { $0["name"] as! String }
        }
        #expect(events == (e["events"] as? [String: [String]] ?? [:]), "\(file): events")
        // Dates the card writes (dated/): the event's date in place of the placeholder day.
        if let dates = e["eventDates"] as? [String: String] {
            var drafted: [String: String] = [:]
            for ev in defaults["events"] as? [[String: Any]] ?? [] { drafted[ev["name"] as! String] = ev["date"] as? String ?? "day \(ev["day"] ?? "?")" }
            #expect(drafted == dates, "\(file): event dates")
        }
        let scenarios = study["scenarios"] as? [[String: Any]] ?? []
        let expectedScenarios = e["scenarios"] as? [[Any]] ?? []
        #expect(scenarios.map { $0["name"] as! String } == expectedScenarios.map { $0[0] as! String }, "\(file): scenarios")
        for (s, x) in zip(scenarios, expectedScenarios) {
            // A linked scenario names its event's outcome (`given`) and copies no event.
            #expect(s["events"] == nil, "\(file): scenario \(x[0]) carries no copy of the events")
            let given = s["given"] as? [String: String]
            if let event = x[1] as? String, let outcome = x[2] as? String {
                #expect(given == [event: outcome], "\(file): scenario \(x[0]) linked to \(event) = \(outcome)")
            } else {
                #expect(given == nil, "\(file): scenario \(x[0]) is not linked")
            }
        }
        // The decoded study draws each linked scenario's outcome with probability 1.
        if case let .success(decoded) = StudyDecoder.decode(Array(draft.json.utf8), file: file) {
            for (s, x) in zip(decoded.scenarios, expectedScenarios) {
                guard let event = x[1] as? String, let outcome = x[2] as? String else { continue }
                let e = s.events.first { $0.name == event }
                #expect(e?.outcomes.map { $0.name == outcome ? 1.0 : 0.0 } == e?.outcomes.map(\.probability), "\(file): \(s.name) draws \(outcome)")
            }
        }

        // What must be listed to decide, and words that are not assets.
        for item in e["toDecide"] as? [String] ?? [] {
            if item.allSatisfy({ $0.isUppercase }) {
                #expect(draft.unresolved.contains { $0.contains("\(item) is read as a ticker from its capitals alone") }, "\(file): \(item) listed as ambiguous")
            } else {
                #expect(draft.unresolved.contains { $0.contains(item) }, "\(file): '\(item)' listed to decide")
            }
        }
        for word in e["notAssets"] as? [String] ?? [] { #expect(universe[word] == nil, "\(file): \(word) is not an asset") }
        // Tickers listed as read from capitals alone are exactly the unmarked ones the hand reading names.
        let ambiguous = draft.unresolved.compactMap { $0.hasPrefix("universe: ") && $0.contains(" is read as a ticker from its capitals alone") ? String($0.dropFirst(10).prefix { $0 != " " }) : nil }
        let expectedAmbiguous = (e["toDecide"] as? [String] ?? []).filter { $0.allSatisfy(\.isUppercase) }
        #expect(Set(ambiguous) == Set(expectedAmbiguous), "\(file): ambiguous tickers \(ambiguous)")
    }

    /// The figures of issue 20 over the ten cards: decisions, reversed trades, dropped bullets.
    @Test func tenCardsThirtyFiveDecisions() {
        #expect(Self.cards.count == 10)
        #expect(Self.cards.reduce(0) { $0 + ($1.expected["decisions"] as? [Any] ?? []).count } == 35)
    }
}
