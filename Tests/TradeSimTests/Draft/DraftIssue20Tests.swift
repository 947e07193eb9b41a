import Foundation
import Testing
@testable import TradeSim

/// Issue 20's smaller pieces: numbers as their shortest decimal, scenario names cut between
/// words, tickers from `--tickers`, the calendar in drafts, stale `--prices` closes.
@Suite("Drafting: numbers, names, tickers, calendars")
struct DraftIssue20Tests {
    static let start = CalendarDate(iso: "2026-08-03")!

    static func draft(_ text: String, start: CalendarDate = start, tickers: Set<String>? = nil,
                      history: [PriceSeries] = [], calendar: ExchangeCalendar = .nyse) throws -> StudyDraft {
        try StudyDraft.draft(cardText: text, cardName: "c.txt", start: start, startStated: true, history: history,
                             tickers: tickers, calendar: calendar).get()
    }

    /// "300-500 bps" on a basket was 300 × 0.0001 = 0.030000000000000002; "15-25%" is 0.15, 0.25.
    @Test func numbersAreTheShortestDecimalThatReadsBack() throws {
        let d = try Self.draft("Key Decisions\n\n- Buy $XLE for 3 months; 300-500 bps upside.\n- Buy $CPER: +15-25% if tariffs land at 50%; stop at 10%, 1.5% of book.\n")
        #expect(d.json.contains("\"low\": 0.03,") && d.json.contains("\"high\": 0.05,"))
        #expect(d.json.contains("\"low\": 0.15,") && d.json.contains("\"high\": 0.25,") && d.json.contains("\"stopLoss\": 0.1,"))
        #expect(d.json.contains("\"notional\": 15000"))
        #expect(!d.json.contains("0000000001") && !d.json.contains("9999999"))
    }

    @Test func scenarioNamesAreCutBetweenWords() throws {
        #expect(DecisionReader.scenarioName("the tariff is confirmed without exemptions for Canadian smelters") == "tariff-confirmed-without-exemptions")
        #expect(DecisionReader.scenarioName("prices spike above") == "prices-spike")
        let long = String(repeating: "abcdefghij-", count: 7)
        #expect(Builder.safeName(long) == "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij")
        #expect(Builder.safeName(String(repeating: "a", count: 70)).count == 64)
    }

    /// With `--tickers`, an unmarked capitalised word it does not list is not an asset (listed);
    /// `$` and parentheses still mark tickers; without a list the word is drafted and listed.
    @Test func tickerListsAndMarks() throws {
        let text = "Key Decisions\n\n- long FCX, short TECK, dollar-neutral; 300-500 bps if tariffs land at 50%.\n- Buy miners ($SCCO, HBM) for 6 months.\n"
        let listed = try Self.draft(text, tickers: ["FCX"])
        let tickers = (listed.study["universe"]?.arrayValue ?? []).compactMap { $0["ticker"]?.stringValue }
        #expect(tickers == ["FCX", "TBD-1", "SCCO", "HBM"])
        #expect(listed.unresolved.contains("universe: TECK is not read as an asset: --tickers does not list it and the card does not mark it ($TECK); add it to the list if it is one"))
        // The short side keeps its words, as a placeholder to set.
        #expect(listed.unresolved.contains { $0.hasPrefix("universe: TBD-1 stands for 'TECK' (tag teck, key decision 1)") })
        let open = try Self.draft(text)
        #expect((open.study["universe"]?.arrayValue ?? []).compactMap { $0["ticker"]?.stringValue } == ["FCX", "TECK", "SCCO", "HBM"])
        #expect(open.unresolved.filter { $0.contains("is read as a ticker from its capitals alone") }.count == 2)  // FCX, TECK; HBM is in a list of symbols
        #expect(TickerEvidence.marked(in: "Regulators (FDA) and ($A, BRK.B) and $HBM, not (long read)") == ["A", "BRK.B", "HBM"])
        guard case let .failure(p) = TickerEvidence.parseList("MP $FCX\n# comment\nBRK.B, abc\n", file: "t.txt") else { Issue.record("accepted"); return }
        #expect(p.description == "t.txt:3:8: found 'abc'; allowed: a ticker of 1-5 capital letters with an optional class (BRK.B) and an optional '$', separated by spaces, commas or lines; '#' starts a comment")
        #expect((try? TickerEvidence.parseList("MP $FCX # x\nBRK.B\n", file: "t.txt").get()) == ["MP", "FCX", "BRK.B"])
    }

    /// The strangle of issue 20 entered on 2027-01-01: with the NYSE calendar named in the study,
    /// day 0 on 2026-12-01 and the event on day 21 fall on trading days (2026-12-31 is day 21, and
    /// 2027-01-01 is skipped); with `none` Christmas is day 18 and New Year's Day day 23.
    @Test func draftsNameTheExchangeCalendar() throws {
        let text = "Key Decisions\n\n- Strangles on $MP ahead of the budget vote.\n"
        let d = try Self.draft(text, start: CalendarDate(iso: "2026-12-01")!)
        #expect(d.study["calendar"]?.stringValue == "nyse" && d.study["holidays"] == nil)
        #expect(d.unresolved.contains("calendar: \"nyse\" closes the NYSE holidays by rule (README, Calendar); unscheduled closures are not among them: list those in holidays"))
        guard case let .success(study) = StudyDecoder.decode(Array(d.json.utf8), file: "c.txt") else { Issue.record("invalid"); return }
        let dates = study.calendar.dates(through: 23)
        #expect(dates[21].description == "2026-12-31" && dates[22].description == "2027-01-04")
        let none = try Self.draft(text, start: CalendarDate(iso: "2026-12-01")!, calendar: .none)
        #expect(none.study["calendar"]?.stringValue == "none" && !none.unresolved.contains { $0.hasPrefix("calendar:") })
        guard case let .success(open) = StudyDecoder.decode(Array(none.json.utf8), file: "c.txt") else { Issue.record("invalid"); return }
        let weekdays = open.calendar.dates(through: 23)
        #expect(weekdays[18].description == "2026-12-25" && weekdays[23].description == "2027-01-01")
        guard case let .failure(p) = StudyDraft.draft(cardText: text, cardName: "c.txt", start: CalendarDate(iso: "2026-12-25")!, startStated: true) else {
            Issue.record("a holiday start was accepted"); return
        }
        #expect(p.description == "c.txt: start: found 2026-12-25 (Christmas Day, an NYSE holiday); allowed: a trading day")
    }

    /// MP.csv's last close is 2025-12-31. Trading days after it, by hand: 2026-01-02, 05, 06, 07,
    /// 08 (5), 09 (6). From 2026-01-01 to 2026-08-03: 153 weekdays less 7 NYSE holidays = 146.
    @Test func stalePricesWarn() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let csv = try String(contentsOf: root.appendingPathComponent("scenarios/data/prices-2025/MP.csv"), encoding: .utf8)
        let series = try PriceTable.parse(csv, file: "MP.csv", ticker: "MP").get().series[0]
        let card = "Key Decisions\n\n- Buy MP for 3 months.\n"
        #expect(try Self.draft(card, start: CalendarDate(iso: "2026-01-08")!, history: [series]).warnings.isEmpty)
        #expect(try Self.draft(card, start: CalendarDate(iso: "2026-01-09")!, history: [series]).warnings
                == ["MP.csv: the latest close of MP before 2026-01-09 is 2025-12-31, 6 trading days earlier (more than 5); its spot is stale: pass newer prices or set the spot"])
        #expect(try Self.draft(card, history: [series]).warnings.first?.contains("146 trading days earlier") == true)
        // MP named in --prices is a ticker, not read from its capitals alone.
        #expect(!(try Self.draft(card, history: [series]).unresolved.contains { $0.contains("MP is read as a ticker") }))
    }

    /// Directions the issue found reversed, each side from its own words, and words that are not sides.
    @Test(arguments: [
        ("Short XBI against long VRDA.", "pair", ["VRDA"], ["XBI"]),
        ("long FCX, short TECK, dollar-neutral; 300-500 bps.", "pair", ["FCX"], ["TECK"]),
        ("Sell $A vs $B for 2 months.", "pair", ["B"], ["A"]),
        ("Own refiners (VLO), hedge with XLE shorts.", "pair", ["refiners"], ["XLE"]),
        ("Buy ALB and sell SQM.", "pair", ["ALB"], ["SQM"]),
        ("Sell the sector (XRT) for 2 months.", "short", ["XRT"], []),
        ("Buy puts on the long bond (TLT); short-dated.", "protection", ["long-bond"], []),
        ("Exit at +20% or on a 12% stop: go long LIT.", "long", ["LIT"], []),
    ])
    func directionsAreRead(_ bullet: String, _ kind: String, _ first: [String], _ second: [String]) throws {
        let d = try Self.draft("Key Decisions\n\n- \(bullet)\n")
        let decision = try #require(d.study["playbook"]?["decisions"]?[0])
        switch kind {
        case "pair":
            #expect(decision["long"]?.arrayValue?.compactMap(\.stringValue) == first)
            #expect(decision["short"]?.arrayValue?.compactMap(\.stringValue) == second)
        case "protection":
            #expect(decision["kind"]?.stringValue == "protection" && decision["underlyings"]?.arrayValue?.compactMap(\.stringValue) == first)
        default:
            #expect(decision["kind"]?.stringValue == "basket" && (decision["side"]?.stringValue ?? "long") == kind)
            #expect(decision["assets"]?.arrayValue?.compactMap(\.stringValue) == first)
        }
    }
}

/// The card fuzzer's findings on the issue 20 drafter, kept in its corpus: each drafts a study
/// that validates (or is refused).
@Suite("Drafting: card fuzzer findings (issue 20)")
struct DraftIssue20FuzzFindingsTests {
    /// A condition that cleaned to nothing ("… downside if ." around an event) named an outcome "".
    @Test(arguments: ["finding-issue20-empty-outcome"])
    func findingDraftsAValidStudy(_ name: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let bytes = try Data(contentsOf: root.appendingPathComponent("Tests/Fuzz/corpus/card/\(name)"))
        let text = String(decoding: bytes, as: UTF8.self)
        if case let .success(d) = StudyDraft.draft(cardText: text, cardName: name, start: CalendarDate(iso: "2026-08-03")!, startStated: true),
           case let .failure(p) = StudyDecoder.decode(Array(d.json.utf8), file: name) {
            Issue.record("\(p.problems.prefix(3))")
        }
    }
}
