import Foundation
import Testing
@testable import TradeSim

/// A playbook built in Swift (`DecisionSpec`, `Playbook(capital:...decisions:universe:)`) is
/// the playbook of the equivalent study file: the same legs, sizes, entries, exits, costs and
/// theses, and — run on the same paths — the same outcomes, bit for bit.
@Suite("Playbooks built in Swift")
struct SwiftPlaybookTests {
    /// Universe and scenarios (a Monte Carlo world with the event "meeting" on day 12, and a
    /// scripted one) shared by both forms; the JSON form's playbook below.
    static let world = """
        "start": "2026-01-05",
        "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.5, "beta": 2.4, "borrowFee": 0.02, "tags": ["enabler"]},
                     {"ticker": "REMX", "spot": 50, "volatility": 0.4, "beta": 1.8, "dividendYield": 0.02, "tags": ["enabler"]},
                     {"ticker": "LMT", "spot": 400, "volatility": 0.25, "beta": 0.3, "dividendYield": 0.01, "borrowFee": 0.01, "tags": ["defense"]},
                     {"ticker": "XLI", "spot": 150, "volatility": 0.2, "beta": 1.0, "borrowFee": 0.005, "tags": ["industrial"]}],
        "scenarios": [{"name": "mc", "horizon": 40, "rate": 0.03,
                       "events": [{"name": "meeting", "day": 12, "outcomes": [{"name": "up", "probability": 0.4, "moves": {"enabler": 0.1}},
                                                                          {"name": "down", "probability": 0.6, "moves": {"enabler": -0.08}}],
                                   "ivPremium": {"multiple": 0.4, "rampDays": 5}}]},
                      {"name": "scripted", "horizon": 30, "model": "scripted",
                       "script": {"points": [{"day": 10, "change": {"MP": -0.12, "LMT": 0.05}}, {"day": 20, "change": {"MP": 0.2}}]},
                       "events": [{"name": "meeting", "day": 15}]}]
        """

    static let jsonPlaybook = """
        {"capital": 1000000, "financingRate": 0.05, "holdings": [{"ticker": "LMT", "quantity": 200}],
         "costs": {"commissionPerShare": 0.005, "minimumCommission": 1, "slippageBps": 5, "optionHalfSpreadFraction": 0.02,
                   "optionHalfSpreadMax": 0.15},
         "decisions": [
          {"id": "enablers", "kind": "basket", "assets": {"MP": 0.6, "enabler": 0.4}, "size": {"notional": 100000},
           "entry": {"onWeakness": {"drop": 0.05, "reference": "runningHigh", "within": 15, "otherwise": "enterAtEnd"}},
           "exit": {"takeProfit": 0.2, "stopLoss": 0.1, "horizon": 25},
           "theses": [{"claim": "up 10-30%", "low": 0.1, "high": 0.3}]},
          {"id": "protection", "kind": "protection", "underlyings": ["defense", "XLI"], "strike": {"moneyness": 0.95},
           "lowerStrike": {"moneyness": 0.85}, "expiry": 30, "size": {"premiumBudget": 20000},
           "variants": [{"name": "puts", "structure": "put"}, {"name": "put-spreads", "structure": "putSpread"}]},
          {"id": "pair", "kind": "pair", "long": ["enabler"], "short": ["XLI"], "neutral": "beta", "size": {"notional": 50000},
           "exit": {"horizon": 20}, "theses": [{"claim": "200-400 bps", "metric": "relativeReturnBps", "low": 200, "high": 400}]},
          {"id": "straddles", "kind": "eventStraddle", "underlyings": ["MP", "REMX"], "event": "meeting", "daysBefore": 4,
           "strike": "atm", "expiry": "1m", "size": {"premiumBudget": 10000}, "exit": {"daysAfterEvent": 2}},
          {"id": "strangle", "kind": "eventStrangle", "underlyings": ["MP"], "event": "meeting",
           "callStrike": {"delta": 0.25}, "expiry": {"daysAfterEvent": 5}, "size": {"units": 1000}},
          {"id": "collar", "kind": "collar", "underlyings": ["LMT"], "putStrike": {"price": 370}, "expiry": 35,
           "size": {"hedgeRatio": 0.5}, "costs": {"commissionPerContract": 0.65}},
          {"id": "legs", "kind": "legs", "legs": [{"ticker": "XLI", "type": "stock", "quantity": -20},
                                                  {"ticker": "XLI", "type": "call", "quantity": 5, "strike": {"delta": 0.5}, "expiry": 15}],
           "size": {"units": 10}, "entry": {"day": 3}}]}
        """

    /// The same playbook in Swift.
    static func swiftPlaybook(universe: Universe) throws -> Playbook {
        let costs = CostModel(commissionPerShare: 0.005, minimumCommission: 1, slippageBps: 5, optionHalfSpreadFraction: 0.02,
                              optionHalfSpreadMax: 0.15)
        var collarCosts = costs
        collarCosts.commissionPerContract = 0.65
        let protection: (DecisionSpec.Protection) -> DecisionSpec.Structure = {
            .protection(underlyings: ["defense", "XLI"], $0, expiry: .tenorDays(30))
        }
        let decisions = [
            DecisionSpec(id: "enablers", .basket(["MP": 0.6, "enabler": 0.4]), size: .notional(100_000),
                         entry: .onWeakness(drop: 0.05, reference: .runningHigh, withinDays: 15, enterAtEnd: true),
                         exits: ExitRules(takeProfit: 0.2, stopLoss: 0.1, horizonDays: 25),
                         theses: [Thesis(claim: "up 10-30%", metric: .return, low: 0.1, high: 0.3, test: .within)]),
            DecisionSpec(id: "protection", variants: [
                .init(name: "puts", protection(.put(strike: .moneyness(0.95))), size: .premiumBudget(20_000)),
                .init(name: "put-spreads", protection(.putSpread(long: .moneyness(0.95), short: .moneyness(0.85))), size: .premiumBudget(20_000)),
            ]),
            DecisionSpec(id: "pair", .pair(long: ["enabler"], short: ["XLI"], neutral: .beta), size: .notional(50_000),
                         exits: ExitRules(horizonDays: 20),
                         theses: [Thesis(claim: "200-400 bps", metric: .relativeReturnBps, low: 200, high: 400, test: .within)]),
            DecisionSpec(id: "straddles", .eventStraddle(underlyings: ["MP", "REMX"], event: "meeting", daysBefore: 4, expiry: .tenorDays(21)),
                         size: .premiumBudget(10_000), exits: ExitRules(afterEvent: (event: "meeting", days: 2))),
            DecisionSpec(id: "strangle", .eventStrangle(underlyings: ["MP"], event: "meeting", callStrike: .delta(0.25),
                                                        expiry: .daysAfterEvent("meeting", 5)), size: .units(1000)),
            DecisionSpec(id: "collar", .collar(underlyings: ["LMT"], putStrike: .absolute(370), expiry: .tenorDays(35)),
                         size: .hedgeRatio(0.5), costs: collarCosts),
            DecisionSpec(id: "legs", .legs([.init(ticker: "XLI", .stock, quantity: -20),
                                            .init(ticker: "XLI", .option(.call, strike: .delta(0.5), expiry: .tenorDays(15)), quantity: 5)]),
                         size: .units(10), entry: .onDay(3)),
        ]
        return try Playbook(capital: 1_000_000, holdings: [Holding(asset: universe.index(of: "LMT")!, quantity: 200)], costs: costs,
                            financingRate: 0.05, decisions: decisions, universe: universe)
    }

    static func studies() throws -> (json: Study, swift: Study) {
        let json = try StudyText.study("{\"name\": \"t\", \(world), \"playbook\": \(jsonPlaybook)}")
        var swift = try StudyText.study("{\"name\": \"t\", \(world)}")
        swift.playbook = try swiftPlaybook(universe: swift.universe)
        return (json, swift)
    }

    @Test func lowersToTheSameLegs() throws {
        let (json, swift) = try Self.studies()
        let a = try #require(json.playbook), b = try #require(swift.playbook)
        #expect(b.variants.count == 8)
        for (x, y) in zip(a.variants, b.variants) {
            #expect(x.legs == y.legs, "\(x.decisionID)/\(x.name)")
            #expect(x == y, "\(x.decisionID)/\(x.name)")
        }
        #expect(a == b)
    }

    /// Both run on 300 paths (every one traced): every report table and every trade the same.
    @Test func runsToTheSameOutcomes() throws {
        let (json, swift) = try Self.studies()
        func reports(_ study: Study) -> (text: String, trades: [TradeRecord], pnl: [[Double]]) {
            let c = RunConfiguration(paths: 300, seed: 9, threads: 1, tracedPaths: 300, keepPathReturns: true)
            let o = Engine.run(study: study, scenarioIndices: Array(study.scenarios.indices), configuration: c)
            let summary = o.flatMap { SummaryTable.rows($0, threads: 1) } + SummaryTable.blendedRows(o)
            let text = SummaryTable.csv(summary) + ThesisTable.csv(ThesisTable.rows(o, playbook: study.playbook!))
                + ExitsTable.csv(o) + HistogramTable.csv(o, series: HistogramTable.series(o)) + TradesTable.csv(o)
            return (text, o.flatMap(\.trades), o.flatMap { $0.variants.map(\.pnl) })
        }
        let a = reports(json), b = reports(swift)
        #expect(a.trades.count > 1000 && Set(a.trades.map(\.decisionID)).count == 7, "every decision traded")
        #expect(a.trades == b.trades)
        #expect(a.pnl.map { $0.map(\.bitPattern) } == b.pnl.map { $0.map(\.bitPattern) })
        #expect(a.text == b.text)
    }
}
