import Foundation
import Testing
@testable import TradeSim

/// The first card's study, whose options are listed (its `listing`: the US equity strike ladder,
/// monthly expiries, whole contracts of 100 shares). Every option trade is checked against the
/// rules written out here by hand, independently of the engine's code: strikes on the OCC
/// intervals (2.50 below 25, 5 from 25 through 200, 10 above), expiries on the published
/// monthly expiration dates (third Fridays), integer contracts, and each premium budget spent
/// as far as whole contracts go, fills and commissions included (the card's costs: 2% of the
/// mid half-spread, 0.65 per contract, 1 minimum per fill).
@Suite("Listed contracts on the first card")
struct ListedContractsTests {
    /// The first card's study text, its playbook's `listing` object replaced by `listing` when given.
    static func listedCardText(_ listing: String? = nil) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("scenarios/rare-earths-us-china.json"), encoding: .utf8)
        let own = try #require(text.range(of: #""listing": \{[^}]*\}"#, options: .regularExpression), "the card lists its options")
        guard let listing else { return text }
        return text.replacingCharacters(in: own, with: "\"listing\": \(listing)")
    }

    static func listedCard(_ listing: String? = nil) throws -> Study {
        try StudyText.study(listedCardText(listing))
    }

    /// The standard monthly expirations Aug 2026 – Mar 2027 (third Fridays; none falls on an
    /// NYSE holiday in this span).
    static let monthlyExpiries = ["2026-08-21", "2026-09-18", "2026-10-16", "2026-11-20", "2026-12-18",
                                  "2027-01-15", "2027-02-19", "2027-03-19"]

    static func onOCCLadder(_ k: Double) -> Bool {
        let step = k < 25 ? 2.5 : (k <= 200 ? 5.0 : 10.0)
        return (k / step).rounded() * step == k
    }

    @Test("Strikes on the ladder, listed expiries, whole contracts, budgets spent as far as whole contracts go")
    func listedTrades() throws {
        let study = try Self.listedCard()
        let outcomes = runTraced(study, paths: 40, seed: 7)
        var optionTrades = 0
        for o in outcomes {
            for t in o.trades {
                guard case let .option(_, strike, expiry) = t.instrument else { continue }
                optionTrades += 1
                #expect(Self.onOCCLadder(strike), "\(t.ticker) strike \(strike)")
                guard case let .date(date) = expiry else {
                    Issue.record("expiry past the horizon: \(expiry)")
                    continue
                }
                #expect(Self.monthlyExpiries.contains(date.description), "\(t.ticker) expiry \(date)")
                let contracts = t.quantity / 100
                #expect(contracts == contracts.rounded() && contracts != 0, "\(t.ticker) \(t.quantity) shares")
            }
            // Premium budgets: per path, decision variant and underlying (one budget group each).
            let budgets = ["magnet-protection": 40_000.0, "meeting-straddles": 20_000.0]
            var groups: [String: [TradeRecord]] = [:]
            for t in o.trades where budgets[t.decisionID] != nil {
                groups["\(t.path)|\(t.decisionID)|\(t.variantName)|\(t.ticker)", default: []].append(t)
            }
            #expect(!groups.isEmpty)
            for (key, legs) in groups {
                let decision = String(key.split(separator: "|")[1])
                let groupCount = Set(o.trades.filter { $0.decisionID == decision && $0.path == legs[0].path }.map(\.ticker)).count
                let budget = budgets[decision]! / Double(groupCount)
                // n units of contracts c_i cost Σ n·c_i·100·fill_i + Σ max(0.65·n·|c_i|, 1).
                func cost(units n: Double) -> Double {
                    legs.reduce(0.0) { total, t in
                        let perUnit = t.quantity / 100 / units(legs)
                        let fill = t.entryPrice * (perUnit > 0 ? 1.02 : 0.98)
                        return total + n * perUnit * 100 * fill + max(0.65 * n * abs(perUnit), 1)
                    }
                }
                let n = units(legs)
                #expect(cost(units: n) <= budget * (1 + 1e-12), "\(key): spends \(cost(units: n)) of \(budget)")
                #expect(cost(units: n + 1) > budget, "\(key): one more unit fits (\(cost(units: n + 1)) ≤ \(budget))")
            }
        }
        #expect(optionTrades > 100)
    }

    @Test("A half contract per unit is refused with listed options, accepted without")
    func wholeContractsPerUnit() {
        func text(_ listing: String) -> String {
            """
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "A", "spot": 100, "volatility": 0.3}],
             "scenarios": [{"name": "base", "weight": 1, "horizon": "3m"}],
             "playbook": {"capital": 100000, \(listing)"decisions": [{"id": "half", "kind": "legs", "size": {"units": 100},
               "legs": [{"ticker": "A", "type": "put", "quantity": 0.5, "strike": {"moneyness": 0.9}, "expiry": "2m"}]}]}}
            """
        }
        #expect(StudyText.problems(text("")) == [])
        let problems = StudyText.problems(text(#""listing": {}, "#))
        #expect(problems.count == 1)
        #expect(problems.first?.contains("playbook.decisions[0]: found an option leg of 0.5 contracts per unit in decision \"half\"") == true,
                "\(problems)")
    }

    /// An asset's own contract multiplier (10 shares, say an adjusted or mini contract): its
    /// premium budget buys whole contracts of 10 — by hand: a put of mid m fills at 1.02·m and a
    /// contract of 10 costs 10.2·m + 0.65 commission per contract (minimum 1 per fill), so the
    /// budget B buys the largest n with 10.2·m·n + max(0.65·n, 1) ≤ B — and trades.csv shows
    /// the contracts.
    @Test("A per-asset contract multiplier sizes, charges and reports contracts of its own size")
    func perAssetMultiplier() throws {
        let text = """
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "A", "spot": 100, "volatility": 0.3, "contractMultiplier": 10},
                          {"ticker": "B", "spot": 100, "volatility": 0.3}],
             "scenarios": [{"name": "s", "horizon": 30, "model": "scripted", "script": {"points": []}, "impliedVol": {"baseMultiple": 1}}],
             "playbook": {"capital": 100000, "listing": {},
              "costs": {"optionHalfSpreadFraction": 0.02, "commissionPerContract": 0.65, "minimumCommission": 1},
              "decisions": [{"id": "p", "kind": "protection", "underlyings": ["A", "B"], "strike": "atm", "expiry": 20,
                             "size": {"premiumBudget": 5000}}]}}
            """
        let study = try StudyText.study(text)
        #expect(study.universe.assets.map(\.contractMultiplier) == [10, nil])
        let o = runTraced(study, paths: 1, seed: 1)[0]
        let a = try #require(o.trades.first { $0.ticker == "A" }), b = try #require(o.trades.first { $0.ticker == "B" })
        #expect(a.entryPrice == b.entryPrice, "same spot, strike, vol and tenor")
        let m = a.entryPrice
        func cost(_ n: Double, shares: Double) -> Double { shares * n * 1.02 * m + max(0.65 * n, 1) }
        let nA = (a.quantity / 10).rounded(), nB = (b.quantity / 100).rounded()
        #expect(a.quantity == nA * 10 && b.quantity == nB * 100)
        #expect(cost(nA, shares: 10) <= 2500 && cost(nA + 1, shares: 10) > 2500, "A: \(nA) contracts of 10")
        #expect(cost(nB, shares: 100) <= 2500 && cost(nB + 1, shares: 100) > 2500, "B: \(nB) contracts of 100")
        let rows = TradesTable.csv([o], multiplier: TradesTable.multipliers(study)).split(separator: "\n")
        #expect(rows.contains { $0.contains(",A,long,") && $0.hasSuffix(",\(NumberText.csv(nA)),10.0") })
        #expect(rows.contains { $0.contains(",B,long,") && $0.hasSuffix(",\(NumberText.csv(nB)),100.0") })
        let bad = StudyText.problems(text.replacingOccurrences(of: #""contractMultiplier": 10"#, with: #""contractMultiplier": 0"#))
        #expect(bad.first?.contains("universe[0].contractMultiplier: found 0; allowed: a number ≥ 1 and ≤ 1000000") == true, "\(bad)")
    }

    /// A premium budget split over two underlyings whose half cannot buy one contract of the
    /// dearer: an ATM 20-day put on a 2,000 stock at 30% vol is worth about
    /// 0.4 · 2000 · 0.3 · √(20/252) ≈ 68 a share, 6,800 a contract, over the 2,500 share.
    /// That group holds nothing, so it is no trade in trades.csv, and the other group trades as
    /// usual. (Found by the study fuzz target: the leg's exit day was never set, and its trade
    /// record read the date of day −1.)
    @Test("A group the budget cannot buy one contract of holds nothing and is no trade")
    func groupTooDearForOneContract() throws {
        let text = """
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "A", "spot": 100, "volatility": 0.3}, {"ticker": "B", "spot": 2000, "volatility": 0.3}],
             "scenarios": [{"name": "s", "horizon": 30, "model": "scripted", "script": {"points": []}, "impliedVol": {"baseMultiple": 1}}],
             "playbook": {"capital": 100000, "listing": {},
              "decisions": [{"id": "p", "kind": "protection", "underlyings": ["A", "B"], "strike": "atm", "expiry": 20,
                             "size": {"premiumBudget": 5000}}]}}
            """
        let study = try StudyText.study(text)
        let o = runTraced(study, paths: 1, seed: 1)[0]
        #expect(o.trades.map(\.ticker) == ["A"], "\(o.trades)")
        let a = try #require(o.trades.first)
        #expect(a.quantity > 0 && a.quantity == (a.quantity / 100).rounded() * 100)
        #expect(study.scenarios[0].dates.contains(a.exitDate) && a.exitDay >= a.entryDay)
        let rows = TradesTable.csv([o], multiplier: TradesTable.multipliers(study)).split(separator: "\n")
        #expect(rows.count == 2 && !rows.contains { $0.contains(",B,") }, "\(rows)")
    }

    /// Units of a group: its legs' contracts divided by their per-unit contracts (±1 here).
    func units(_ legs: [TradeRecord]) -> Double { abs(legs[0].quantity) / 100 }

    @Test("Bad listing fields: a clear problem each")
    func badListing() throws {
        let cases: [(String, String)] = [
            (#"{"strikes": "cboe"}"#, "\"cboe\""),
            (#"{"strikes": 0}"#, "0"),
            (#"{"expiries": "daily"}"#, "\"daily\""),
            (#"{"strikeSteps": {"XYZ": 1}}"#, "XYZ"),
            (#"{"weeklies": true}"#, "weeklies"),
        ]
        for (listing, found) in cases {
            let problems = StudyText.problems(try Self.listedCardText(listing))
            #expect(problems.count == 1, "\(listing): \(problems)")
            #expect(problems.first?.contains("playbook.listing") == true && problems.first?.contains(found) == true, "\(problems)")
        }
    }
}
