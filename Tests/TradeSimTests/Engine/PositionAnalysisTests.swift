import Foundation
import Testing
@testable import TradeSim

/// Exposure and P&L attribution (`PositionAnalysis`): the parts add up to every trade's P&L,
/// and on a scripted path the parts and the exposure equal a computation by hand from the path,
/// the IVs the README's formulas give and `BlackScholes.valuation`'s closed-form Greeks
/// (checked against QuantLib elsewhere, `BlackScholesGridTests`).
@Suite("Exposure and P&L attribution")
struct PositionAnalysisTests {
    static func run(_ study: Study, paths: Int, threads: Int = 1) -> [ScenarioOutcomes] {
        var c = RunConfiguration(paths: paths, seed: 7, threads: threads, lanesPerBlock: 64, tracedPaths: paths)
        c.analysisPaths = paths
        return Engine.run(study: study, scenarioIndices: Array(study.scenarios.indices), configuration: c)
    }

    /// Σ parts = the trade's P&L on every leg of every path, to 1e-6 relative (of max(1, |P&L|)):
    /// the first card (events, IV premium and crush by outcome, smile, weakness entries, stops,
    /// premium budgets, a pair) and a world with dividend yield, cash dividends and a borrow fee
    /// (carry), also with its options American, on 64 Monte Carlo paths per scenario.
    @Test(arguments: ["first card", "carry", "american"])
    func partsAddUpToEveryTradesPnL(_ name: String) throws {
        let study = switch name {
        case "first card": try repositoryStudy("rare-earths-us-china.json")
        // A's options American (puts and the straddle, with a dividend yield and a cash dividend).
        case "american": try StudyText.study(Self.carryStudy.replacingOccurrences(of: #""beta": 1.2}"#,
                                                                                 with: #""beta": 1.2, "exercise": "american"}"#))
        default: try StudyText.study(Self.carryStudy)
        }
        if name == "american" { #expect(study.universe.assets[0].exercise == .american) }
        var checked = 0, worst = 0.0, carried = 0.0
        for o in Self.run(study, paths: 64) {
            let a = try #require(o.analysis)
            #expect(a.paths == 64)
            for leg in a.legs {
                for p in 0..<a.paths {
                    let sum = leg.parts.reduce(0) { $0 + $1[p] }
                    let error = abs(sum - leg.pnl[p]) / max(1, abs(leg.pnl[p]))
                    worst = max(worst, error)
                    if leg.held[p] { checked += 1 }
                    carried += abs(leg.parts[PositionAnalysis.Part.carry.rawValue][p])
                }
            }
            // Every traced trade is in the sample, with the same P&L.
            for t in o.trades {
                let leg = try #require(a.legs.first { $0.decisionID == t.decisionID && $0.variantName == t.variantName && $0.leg == t.leg })
                #expect(leg.held[t.path] && leg.pnl[t.path] == t.pnl)
            }
        }
        #expect(checked >= 300, "legs checked: \(checked)")
        #expect(worst <= 1e-6, "worst relative error \(worst)")
        if name != "first card" { #expect(carried > 0, "the carry study's stock legs earn or pay carry") }
    }

    static let carryStudy = """
        {"name": "carry", "start": "2026-01-05", "calendar": "none",
         "universe": [{"ticker": "A", "spot": 100, "volatility": 0.3, "dividendYield": 0.02,
                       "dividends": [{"exDate": "2026-02-02", "amount": 1.5}], "beta": 1.2},
                      {"ticker": "B", "spot": 50, "volatility": 0.25, "borrowFee": 0.04, "beta": 0.8}],
         "scenarios": [{"name": "s", "horizon": 60, "rate": 0.03,
           "events": [{"name": "m", "day": 20, "outcomes": [
             {"name": "up", "probability": 0.5, "moves": {"A": 0.08}}, {"name": "down", "probability": 0.5, "moves": {"A": -0.08}}]}]}],
         "playbook": {"capital": 1000000, "costs": {"slippageBps": 5, "optionHalfSpreadFraction": 0.02},
           "decisions": [
             {"id": "pair", "kind": "pair", "long": ["A"], "short": ["B"], "size": {"notional": 100000}, "exit": {"stopLoss": 0.1}},
             {"id": "puts", "kind": "protection", "underlyings": ["A"], "strike": {"moneyness": 0.95}, "expiry": 40, "size": {"units": 500}},
             {"id": "straddle", "kind": "eventStraddle", "underlyings": ["A"], "event": "m", "daysBefore": 5, "expiry": 30,
              "size": {"units": 300}, "exit": {"daysAfterEvent": 2}}]}}
        """

    /// A scripted A: 100 on days 0–1, 102 on day 2, 103 on days 3–4, 115 on days 5–6 (the
    /// meeting, day 5), 114 from day 7; IV 30% plus the meeting's ramped premium of 10 vol
    /// points (1/3, 2/3, 3/3 of it on days 2, 3, 4; crushed on day 5). B (beta 1.5) is 40 on
    /// every day. A 10-unit ATM straddle on A (no costs) is bought on day 0 with 20 days to
    /// expiry and sold on day 7; 100 shares of B are held in a basket.
    static let scripted = """
        {"name": "scripted", "start": "2026-01-05", "calendar": "none",
         "universe": [{"ticker": "A", "spot": 100, "volatility": 0.3, "beta": 2},
                      {"ticker": "B", "spot": 40, "volatility": 0.3, "beta": 1.5}],
         "scenarios": [{"name": "s", "horizon": 10, "model": "scripted",
           "script": {"interpolation": "step", "points": [{"day": 2, "change": {"A": 0.02}}, {"day": 3, "change": {"A": 0.03}},
                                                           {"day": 5, "change": {"A": 0.15}}, {"day": 7, "change": {"A": 0.14}}]},
           "impliedVol": {"base": {"A": 0.3, "B": 0.3}},
           "events": [{"name": "m", "day": 5, "ivPremium": {"absolute": 0.1, "rampDays": 3, "ramp": "linear", "assets": ["A"]}}]}],
         "playbook": {"capital": 100000, "costs": {"slippageBps": 0, "commissionPerShare": 0, "commissionPerContract": 0,
                                                   "minimumCommission": 0, "optionHalfSpreadFraction": 0},
           "decisions": [
             {"id": "straddle", "kind": "eventStraddle", "underlyings": ["A"], "event": "m", "daysBefore": 5, "strike": "atm",
              "expiry": 20, "size": {"units": 10}, "exit": {"daysAfterEvent": 2}},
             {"id": "b", "kind": "basket", "assets": ["B"], "size": {"units": 100}}]}}
        """
    static let spots: [Double] = [100, 100, 102, 103, 103, 115, 115, 114, 114, 114, 114]
    static let vols: [Double] = [0.3, 0.3, 0.3 + 0.1 / 3, 0.3 + 0.2 / 3, 0.4, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]

    /// BSM inputs of an A option on day d (rate 0, no dividends, expiry day 20).
    static func inputs(_ type: OptionType, strike: Double, day d: Int, spot: Double? = nil, vol: Double? = nil) -> BlackScholesInputs {
        BlackScholesInputs(type: type, spot: spot ?? spots[d], strike: strike, volatility: vol ?? vols[d], rate: 0,
                           years: Double(20 - d) / 252)
    }

    @Test func scriptedStraddleVegaGammaAndEventJumpByHand() throws {
        let study = try StudyText.study(Self.scripted)
        let o = Self.run(study, paths: 1)[0]
        let a = try #require(o.analysis)
        let trades = o.trades.filter { $0.decisionID == "straddle" }
        #expect(trades.count == 2 && trades.allSatisfy { $0.entryDay == 0 && $0.exitDay == 7 && $0.quantity == 10 })
        let strike = try #require(trades.first.flatMap { t -> Double? in
            if case let .option(_, k, _) = t.instrument { return k } else { return nil } })
        #expect(abs(strike - 100) < 1e-9, "ATM strike at the spot, \(strike)")
        for (legIndex, type) in [(0, OptionType.call), (1, .put)] {
            var delta = 0.0, gamma = 0.0, vega = 0.0, theta = 0.0, jump = 0.0
            for t in 1...7 {
                let before = BlackScholes.valuation(Self.inputs(type, strike: strike, day: t - 1))
                let dS = Self.spots[t] - Self.spots[t - 1]
                if t == 5 {
                    jump += 10 * (BlackScholes.price(Self.inputs(type, strike: strike, day: 4, spot: Self.spots[5])) - before.price)
                } else {
                    delta += 10 * before.delta * dS
                    gamma += 10 * 0.5 * before.gamma * dS * dS
                }
                vega += 10 * before.vega * (Self.vols[t] - Self.vols[t - 1])
                theta += 10 * before.theta / 252
            }
            let leg = try #require(a.legs.first { $0.decisionID == "straddle" && $0.leg == legIndex })
            #expect(leg.instrument == type.rawValue)
            func part(_ p: PositionAnalysis.Part) -> Double { leg.parts[p.rawValue][0] }
            for (name, got, want) in [("gamma", part(.gamma), gamma), ("vega", part(.vega), vega), ("event_jump", part(.eventJump), jump),
                                      ("delta", part(.delta), delta), ("theta", part(.theta), theta)] {
                #expect(abs(got - want) <= 1e-9 * max(1, abs(want)), "\(type) \(name): \(got) vs \(want) by hand")
            }
            #expect(part(.costs) == 0 && part(.carry) == 0)
        }
    }

    /// The book on day 3 holds the straddle (A at 103, IV 36.67%, 17 days left) and 100 B at 40:
    /// beta-weighted delta = 2·10·(Δ_call + Δ_put)·103 + 1.5·100·40, vega per vol point =
    /// 10·(ν_call + ν_put)/100; B's net shares 100; after the exit (day 7) no A exposure.
    @Test func scriptedBetaWeightedDeltaAndVegaByHand() throws {
        let study = try StudyText.study(Self.scripted)
        let a = try #require(Self.run(study, paths: 1)[0].analysis)
        #expect(a.scopes == ["A", "B", "book"])
        let call = BlackScholes.valuation(Self.inputs(.call, strike: 100, day: 3))
        let put = BlackScholes.valuation(Self.inputs(.put, strike: 100, day: 3))
        func value(_ day: Int, _ scope: Int, _ m: PositionAnalysis.Measure) -> Double? { a.exposure[day][scope][m.rawValue]?.p50 }
        let betaDelta = 2 * 10 * (call.delta + put.delta) * 103 + 1.5 * 100 * 40
        let vega = 10 * (call.vega + put.vega) / 100
        let checks: [(String, Double?, Double)] = [
            ("book beta delta", value(3, 2, .betaDeltaDollars), betaDelta),
            ("book vega", value(3, 2, .vegaPerVolPoint), vega),
            ("A delta dollars", value(3, 0, .deltaDollars), 10 * (call.delta + put.delta) * 103),
            ("A gamma per 1%", value(3, 0, .gammaDollarsPerPercent), 10 * (call.gamma + put.gamma) * 103 * 103 / 100),
            ("A theta per day", value(3, 0, .thetaPerDay), 10 * (call.theta + put.theta) / 252),
            ("B net shares", value(3, 1, .netShares), 100),
            ("A after the exit", value(7, 0, .deltaDollars), 0),
            // Reg-T: 50% of B's value, the long options' value.
            ("book margin", value(3, 2, .margin), 0.5 * 100 * 40 + 10 * (call.price + put.price)),
            // No costs: capital less the premium paid on day 0 and B bought at 40.
            ("book cash", value(3, 2, .cash), 100_000 - 10 * (BlackScholes.price(Self.inputs(.call, strike: 100, day: 0))
                                                              + BlackScholes.price(Self.inputs(.put, strike: 100, day: 0))) - 100 * 40),
        ]
        for (name, got, want) in checks {
            let g = try #require(got, "\(name) missing")
            #expect(abs(g - want) <= 1e-9 * max(1, abs(want)), "\(name): \(g) vs \(want) by hand")
        }
        #expect(a.exposure[3][2][PositionAnalysis.Measure.netShares.rawValue] == nil, "no net shares for the book")
        #expect(a.exposure[3][0][PositionAnalysis.Measure.cash.rawValue] == nil, "cash is the book's")
    }

    /// P&L by date: 0 for every path before any entry (day 0 of a decision entering later),
    /// and on the last day the mean and median of the sample paths' final P&L (summary's numbers
    /// for those paths).
    @Test func pnlByDateEndsAtTheFinalPnL() throws {
        let study = try repositoryStudy("rare-earths-us-china.json")
        for o in Self.run(study, paths: 64) {
            let a = try #require(o.analysis)
            for (k, v) in o.variants.enumerated() {
                let last = try #require(a.pnlByDay[k].last)
                let finals = v.pnl.prefix(a.paths)
                #expect(abs(last.mean - finals.reduce(0, +) / Double(a.paths)) <= 1e-9 * max(1, abs(last.mean)))
                let sorted = finals.sorted()
                #expect(last.p50 == (sorted[31] + sorted[32]) / 2)
            }
            let straddle = try #require(o.variants.firstIndex { $0.decisionID == "meeting-straddles" })
            #expect(a.pnlByDay[straddle][0] == PositionAnalysis.Stats([0]), "the straddles enter 5 days before the meeting")
        }
    }

    /// trade_totals.csv agrees with trades.csv on the paths both list: each variant's entry is its
    /// legs' entry, its exit the last leg's exit, its P&L the legs' sum (to 1e-9 of the gross).
    @Test func tradeTotalsAgreeWithTheLegs() throws {
        let study = try repositoryStudy("rare-earths-us-china.json")
        let outcomes = Self.run(study, paths: 64)
        let rows = TradeTotalsTable.csv(outcomes).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == outcomes.reduce(0) { $0 + 64 * $1.variants.count })
        var compared = 0
        for o in outcomes {
            for row in rows where row[0] == o.scenario.name {
                let path = try #require(Int(row[1]))
                let legs = o.trades.filter { $0.path == path && $0.decisionID == row[2] && $0.variantName == row[3] }
                if legs.isEmpty {
                    #expect(row[8] == "never_entered" && row[10] == "0", "\(row)")
                    continue
                }
                #expect(Int(row[4]) == legs.map(\.entryDay).min() && Int(row[6]) == legs.map(\.exitDay).max(), "\(row)")
                let sum = legs.reduce(0) { $0 + $1.pnl }, gross = legs.reduce(0) { $0 + abs($1.quantity * $1.entryPrice) }
                #expect(abs(try #require(Double(row[10])) - sum) <= 1e-9 * max(1, gross), "\(row) vs \(sum)")
                compared += 1
            }
        }
        #expect(compared > 500)
    }

    /// The premium budget's leftover cash (issue 16, listed contracts): a put and a put spread,
    /// each with a $10,000 budget, bought as whole contracts of 100 with a half-spread of
    /// 0.05 + 2% of mid and $0.65 a contract (minimum $1). By hand from each leg's mid and
    /// quantity (trades.csv): cost(n) = Σ_legs n·c·100·(mid ± half) + max(0.65·|n·c|, 1);
    /// trade_totals' `entry_cost` is cost(n) with n the units bought, cost(n) ≤ 10,000 <
    /// cost(n + 1) (the most whole units), and `budget_left` = 10,000 − cost(n).
    @Test func premiumBudgetLeftoverByHand() throws {
        let study = try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "A", "exercise": "european", "spot": 100, "volatility": 0.3}],
             "scenarios": [{"name": "s", "horizon": 20, "rate": 0.05, "model": "scripted", "impliedVol": {"baseMultiple": 1},
                            "script": {"points": [{"day": 10, "change": {"A": -0.05}}]}}],
             "playbook": {"capital": 1000000, "listing": {},
               "costs": {"optionHalfSpread": 0.05, "optionHalfSpreadFraction": 0.02, "commissionPerContract": 0.65, "minimumCommission": 1},
               "decisions": [
                 {"id": "put", "kind": "legs", "size": {"premiumBudget": 10000},
                  "legs": [{"ticker": "A", "type": "put", "quantity": 1, "strike": "atm", "expiry": 40}]},
                 {"id": "spread", "kind": "legs", "size": {"premiumBudget": 10000},
                  "legs": [{"ticker": "A", "type": "put", "quantity": 1, "strike": "atm", "expiry": 40},
                           {"ticker": "A", "type": "put", "quantity": -1, "strike": {"moneyness": 0.9}, "expiry": 40}]}]}}
            """)
        let o = Self.run(study, paths: 1)[0]
        let rows = TradeTotalsTable.csv([o]).split(separator: "\n")
        #expect(rows[0].hasSuffix(",entry_cost,budget_left"))
        for id in ["put", "spread"] {
            let legs = o.trades.filter { $0.decisionID == id }.sorted { $0.leg < $1.leg }
            let units = abs(legs[0].quantity) / 100
            #expect(units >= 1 && units == units.rounded(), "\(id): whole units, \(units)")
            func cost(_ n: Double) -> Double {
                legs.reduce(0) { total, t in
                    let contracts = n * t.quantity / abs(legs[0].quantity)
                    let half = 0.05 + 0.02 * t.entryPrice
                    let fill = max(t.entryPrice + (contracts > 0 ? half : -half), 0)
                    return total + contracts * 100 * fill + max(0.65 * abs(contracts), 1)
                }
            }
            #expect(cost(units) <= 10_000 && cost(units + 1) > 10_000, "\(id): the most whole units: \(units) cost \(cost(units)), \(cost(units + 1)); \(legs.map { ($0.quantity, $0.entryPrice, $0.ticker) })")
            let row = try #require(rows.first { $0.contains(",\(id),") }).split(separator: ",", omittingEmptySubsequences: false)
            let entryCost = try #require(Double(row[12])), left = try #require(Double(row[13]))
            #expect(abs(entryCost - cost(units)) <= 1e-9 * 10_000, "\(id): entry_cost \(entryCost) vs \(cost(units)) by hand")
            #expect(abs(left - (10_000 - cost(units))) <= 1e-9 * 10_000, "\(id): budget_left \(left)")
        }
    }

    /// Reg-T's uncovered-option rule by hand: a short put at K 90, S 100, premium 2 needs
    /// 2 + max(20 − 10, 9) = 12 per unit; a short call at K 130 (30 out of the money) needs
    /// 1 + max(20 − 30, 10) = 11; short stock 50%.
    @Test func marginRule() {
        #expect(PositionAnalysis.margin(quantity: -1, value: 2, spot: 100, option: (.put, 90)) == 12)
        #expect(PositionAnalysis.margin(quantity: -3, value: 1, spot: 100, option: (.call, 130)) == 33)
        #expect(PositionAnalysis.margin(quantity: -10, value: 100, spot: 100, option: nil) == 500)
        #expect(PositionAnalysis.margin(quantity: 2, value: 5, spot: 100, option: (.call, 100)) == 10)
    }

    /// The analysis' CSVs do not depend on the thread count; the concentration table's
    /// components add up (variance shares to 1, component CVaR to the book's).
    @Test func deterministicAndAdditive() throws {
        let study = try repositoryStudy("rare-earths-us-china.json")
        let one = Self.run(study, paths: 128, threads: 1), two = Self.run(study, paths: 128, threads: 2)
        #expect(AttributionTable.csv(one) == AttributionTable.csv(two))
        #expect(ExposureTable.csv(one) == ExposureTable.csv(two))
        let text = ConcentrationTable.csv(one, universe: study.universe)
        #expect(text == ConcentrationTable.csv(two, universe: study.universe))
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for scenario in Set(rows.map { $0[0] }) {
            let mine = rows.filter { $0[0] == scenario }
            let shares = mine.filter { $0[1] == "variance_share" }.compactMap { Double($0[4]) }
            #expect(abs(shares.reduce(0, +) - 1) < 1e-9, "\(scenario): variance shares \(shares)")
            let components = mine.filter { $0[1] == "component_cvar95" && $0[3] == "cvar95" && $0[2] != "book" }.compactMap { Double($0[4]) }
            let book = try #require(mine.first { $0[1] == "component_cvar95" && $0[2] == "book" }.flatMap { Double($0[4]) })
            #expect(abs(components.reduce(0, +) - book) <= 1e-9 * abs(book))
            let diagonal = mine.filter { $0[1] == "pnl_correlation" && $0[2] == $0[3] }.compactMap { Double($0[4]) }
            #expect(!diagonal.isEmpty && diagonal.allSatisfy { abs($0 - 1) < 1e-12 })
        }
    }
}
