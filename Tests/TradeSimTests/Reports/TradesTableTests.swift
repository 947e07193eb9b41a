import Testing
@testable import TradeSim

/// `trades.csv`: a trade record as a row, its instrument as `TradeRecord.Instrument.text`.
@Suite("Trades table")
struct TradesTableTests {
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
                == "d,,1,call 102.5 day 7,A,short,-2.0,2026-01-05,1.5,2026-01-12,0.25,0,2.5,horizon,s,0,-0.02,100.0")
        // Contracts of the asset's own multiplier; a stock row leaves both cells empty.
        var stock = trade
        stock.instrument = .stock
        o.trades = [trade, stock]
        let rows = TradesTable.csv([o], multiplier: { _ in 10 }).split(separator: "\n")
        #expect(rows[1].hasSuffix(",horizon,s,0,-0.2,10.0") && rows[2].hasSuffix(",horizon,s,0,,"))
        #expect(rows[0].hasSuffix(",scenario,path,contracts,multiplier"))
    }
}
