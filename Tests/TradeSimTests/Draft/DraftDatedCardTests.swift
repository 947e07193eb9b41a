import Testing
@testable import TradeSim

/// Issue 20: dates written on a card ("the meeting on Oct 30", "PDUFA date 2027-03-15", "on
/// 15 March") become the event's date instead of the placeholder day 21. Three cards in
/// Fixtures/cards/dated, checked field by field as the loose cards are (`DraftLooseCardTests`),
/// against `dated/expected.json` written by hand, with each event's date.
@Suite("Drafting cards that write dates")
struct DraftDatedCardTests {
    @Test(arguments: DraftLooseCardTests.cards(in: "dated").map(\.file))
    func cardDraftsAsReadByHand(_ file: String) throws {
        try DraftLooseCardTests.check(file, in: "dated")
    }

    /// The trading day of a dated event, counted by hand: from Monday 2026-08-03 to Friday
    /// 2026-10-30 there are 64 weekdays after day 0 (August 20, September 22, October 22), less
    /// Labor Day (2026-09-07): day 63. The horizon is a month past the last event (63 + 21 = 84
    /// days, "4m"; the straddle's 63 − 5 + 21 = 79 within it).
    @Test func theEventsTradingDayAndTheHorizon() throws {
        let draft = try StudyDraft.draft(cardText: "Key Decisions\n\n- Straddles on $FXI around the US-China meeting on Oct 30.\n",
                                         cardName: "c.txt", start: DraftLooseCardTests.start, startStated: true).get()
        let event = try #require(draft.study["scenarioDefaults"]?["events"]?[0])
        #expect(event["date"]?.stringValue == "2026-10-30" && event["day"] == nil)
        #expect(event["note"]?.stringValue == "Date from the card: 'Oct 30' (key decision 1), read as 2026-10-30 (the first Oct 30 after day 0, 2026-08-03); trading day 63.")
        #expect(draft.study["scenarioDefaults"]?["horizon"]?.stringValue == "4m")
        #expect(!draft.unresolved.contains { $0.contains("a placeholder; set the date") })
        #expect(draft.readings[0].readings.contains("event date ← 'Oct 30'"))
        guard case let .success(study) = StudyDecoder.decode(Array(draft.json.utf8), file: "c.txt") else { Issue.record("invalid"); return }
        #expect(study.scenarios[0].events[0].day == 63)
    }

    /// Dates the draft cannot use keep the placeholder day, each listed; a day number is not a date.
    @Test(arguments: [
        ("ahead of the vote on 2026-07-01", "events: 'vote' is dated 2026-07-01 ('2026-07-01', key decision 1), on or before day 0 (2026-08-03); it is on a placeholder day: set its date or the start"),
        ("ahead of the vote on Feb 30", "events: 'Feb 30' (key decision 1) is no date; 'vote' is on a placeholder day: set its date"),
        ("ahead of the vote on 2035-01-02", "events: 'vote' is dated 2035-01-02 ('2035-01-02', key decision 1), * trading days after day 0, beyond what the draft takes (1260); it is on a placeholder day: set its date"),
    ])
    func unusableDatesKeepThePlaceholder(_ words: String, _ listed: String) throws {
        let draft = try StudyDraft.draft(cardText: "Key Decisions\n\n- Buy $XLE \(words).\n", cardName: "c.txt",
                                         start: DraftLooseCardTests.start, startStated: true).get()
        // '*': the trading days to 2035 (over 8 years: more than 1260 whatever the count).
        let parts = listed.components(separatedBy: "*")
        #expect(draft.unresolved.contains { $0.hasPrefix(parts[0]) && $0.hasSuffix(parts.last!) })
        #expect(draft.study["scenarioDefaults"]?["events"]?[0]?["day"]?.numberValue == 21)
    }

    /// Two bullets giving one event different dates: the first is drafted, listed; "may 20%" is no date.
    @Test func conflictingDatesAndNumbers() throws {
        let text = "Key Decisions\n\n- Buy $XLE ahead of the OPEC meeting on Nov 5.\n- Straddles on $USO around the OPEC meeting on Dec 3; upside may 20%.\n"
        let draft = try StudyDraft.draft(cardText: text, cardName: "c.txt", start: DraftLooseCardTests.start, startStated: true).get()
        #expect(draft.study["scenarioDefaults"]?["events"]?[0]?["date"]?.stringValue == "2026-11-05")
        #expect(draft.unresolved.contains("events: key decision 2 writes 'Dec 3' for 'opec-meeting', key decision 1 'Nov 5'; the first is drafted: check it"))
        #expect(!draft.unresolved.contains { $0.contains("'may 20'") })
        // Dates that are no event's: one item a bullet, naming at most three (a hostile bullet of 480,000 dates lists one line).
        let many = try StudyDraft.draft(cardText: "Key Decisions\n\n- Buy $XLE on Oct 1, Oct 2, Oct 5, Oct 6 and Oct 7.\n", cardName: "c.txt",
                                        start: DraftLooseCardTests.start, startStated: true).get()
        #expect(many.unresolved.filter { $0.contains("not read") } == ["key decision 1: 5 dates ('Oct 1', 'Oct 2', 'Oct 5', …) are not read (a date is read as the date of the event it names or follows; the bullet names no event)"])
        #expect(DecisionReader.shared.dates(in: CardText("upside may 20% or May 20, 2027; 3/15 and 2027-3-15 are not read")).map(\.words) == ["May 20, 2027"])
    }
}
