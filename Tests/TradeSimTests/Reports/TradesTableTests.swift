import Testing
@testable import TradeSim

/// `trades.csv`'s instrument column: a trade record's instrument (data) as text, and the text
/// read back (partial results keep it so).
@Suite("Trades table")
struct TradesTableTests {
    static let date = CalendarDate(iso: "2026-09-15")!

    @Test(arguments: [
        (TradeRecord.Instrument.stock, "stock"),
        (.option(.put, strike: 95, expiry: .date(date)), "put 95.0 2026-09-15"),
        (.option(.call, strike: 4.759422392871532, expiry: .day(300)), "call 4.759422392871532 day 300"),
        (.option(.put, strike: 1e-05, expiry: .date(date)), "put 1e-05 2026-09-15"),
    ])
    func instrumentTextAndBack(_ instrument: TradeRecord.Instrument, _ text: String) {
        #expect(TradesTable.text(instrument) == text)
        #expect(TradesTable.instrument(text: text) == instrument)
    }

    /// Only what `text(_:)` writes reads back: no other spelling of a number, date or day.
    @Test(arguments: ["", "Stock", "put", "put 95.0", "put 95 2026-09-15", "put 95.0 2026-9-15", "put 95.0 2026-09-15 x",
                      "put  2026-09-15", "put nan 2026-09-15", "swap 95.0 2026-09-15", "call 95.0 day", "call 95.0 day +3",
                      "call 95.0 days 3", "put 95.0  2026-09-15"])
    func otherTextIsRefused(_ text: String) {
        #expect(TradesTable.instrument(text: text) == nil)
    }

    @Test func csvRowShowsTheInstrumentText() throws {
        var study = try StudyText.study(StudyText.singleAsset(scenario: #"{"name": "s", "horizon": 5, "model": "scripted", "script": {"points": []}}"#))
        study.playbook = try Playbook(capital: 1000, decisions: [DecisionSpec(id: "d", .basket(["A"]), size: .units(1))], universe: study.universe)
        let trade = TradeRecord(path: 0, decisionID: "d", variantName: "", leg: 1,
                                instrument: .option(.call, strike: 102.5, expiry: .day(7)), ticker: "A", quantity: -2,
                                entryDay: 0, entryDate: study.scenarios[0].dates[0], entryPrice: 1.5, exitDay: 5,
                                exitDate: study.scenarios[0].dates[5], exitPrice: 0.25, costs: 0, pnl: 2.5, exitReason: .horizon)
        var o = Engine.run(study: study, scenarioIndices: [0], configuration: RunConfiguration(paths: 1, seed: 1))[0]
        o.trades = [trade]
        #expect(TradesTable.csv([o]).split(separator: "\n").last
                == "d,,1,call 102.5 day 7,A,short,-2.0,2026-01-05,1.5,2026-01-12,0.25,0,2.5,horizon,s,0")
    }
}
