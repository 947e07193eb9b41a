import Foundation
import Testing
@testable import TradeSim

/// Backtests filled at a chain's quotes (`ChainFills`), on the committed MP closes and the chain
/// `Tests/References/backtest_chain.py` generates from them (Fixtures/chains/mp_backtest_chain.csv).
/// Every expected figure is read off the fixture's rows (quoted below) and the MP.csv closes.
@Suite("Backtests filled at a chain's quotes")
struct ChainFillTests {
    static let chainText = Fixtures.text("chains/mp_backtest_chain.csv")

    static func study(start: String, decision: String, listing: Bool = false) throws -> Study {
        try StudyText.study("""
            {"name": "chain", "start": "\(start)",
             "universe": [{"ticker": "MP", "spot": 24, "volatility": 0.6}],
             "scenarios": [{"name": "h", "model": "historical", "horizon": "all", "rate": 0.043,
               "history": {"prices": "p", "start": "\(start)", "to": "2025-04-30"}}],
             "playbook": {"capital": 100000,
               "costs": {"commissionPerContract": 0.65, "minimumCommission": 0, "optionHalfSpreadFraction": 0.02,
                         "contractMultiplier": 100}\(listing ? #", "listing": {"strikes": "usEquity", "expiries": "monthly"}"# : ""),
               "decisions": [\(decision)]}}
            """, histories: ["p": [try BacktestTests.series("MP")]])
    }

    /// The chain's text without the rows `drop` matches (header kept).
    static func chain(_ text: String = chainText, dropping drop: (String) -> Bool = { _ in false }) throws -> ChainFills {
        let lines = text.split(separator: "\n").map(String.init)
        let kept = [lines[0]] + lines.dropFirst().filter { !drop($0) }
        return ChainFills(try OptionChain.parse(kept.joined(separator: "\n") + "\n", file: "mp.csv").get())
    }

    static func run(_ study: Study, chain: ChainFills) -> ScenarioOutcomes {
        Engine.runEach(study: study, configuration: RunConfiguration(paths: 1, seed: 0, threads: 1, tracedPaths: 1, keepPathReturns: true), chain: chain)[0]
    }

    static let put22 = #"{"id": "put", "kind": "protection", "underlyings": ["MP"], "strike": {"moneyness": 0.9}, "expiry": "1m", "size": {"units": 200}, "exit": {"horizon": 15}}"#

    /// A put entered 2025-03-10 (close 24.42), 0.9 moneyness, 1 month, 200 shares, out after 15
    /// days (2025-03-31). Target strike 0.9 × 24.42 = 21.98 → 22; target expiry 21 trading days
    /// on, 2025-04-08 → the quoted 2025-04-17 (9 days away; 2025-03-21 is 18). Fixture rows:
    ///     MP,24.42,2025-03-10,2025-04-17,put,22,1.05,1.16,0.6936   (bought at the ask 1.16)
    ///     MP,26.69,2025-03-17,2025-04-17,put,22,0.54,0.60,0.7454   (marked at the mid 0.57)
    ///     MP,24.41,2025-03-31,2025-04-17,put,22,0.55,0.61,0.7148   (sold at the bid 0.55)
    /// Commission 0.65 × 2 contracts each way; the study's 2% modelled half-spread is not charged.
    /// P&L = 200 × (0.55 − 1.16) − 2 × 1.30 = −124.6.
    @Test func putHeldToItsExitFillsAtTheAskAndTheBid() throws {
        let study = try Self.study(start: "2025-03-10", decision: Self.put22)
        let o = Self.run(study, chain: try Self.chain())
        #expect(o.chainGap == nil)
        let r = PathOutcome(o, decision: "put")
        let t = try #require(r.trades.first)
        #expect(t.instrument == .option(.put, strike: 22, expiry: .date(CalendarDate(iso: "2025-04-17")!)))
        #expect(t.entryDate == CalendarDate(iso: "2025-03-10") && t.exitDate == CalendarDate(iso: "2025-03-31"))
        #expect(t.quantity == 200)
        #expect(close(t.entryPrice, (1.05 + 1.16) / 2) && close(t.exitPrice, (0.55 + 0.61) / 2))
        // Costs: the half-spreads paid (ask − mid in, mid − bid out) and the commissions.
        #expect(close(t.costs, 200 * (1.16 - 1.105) + 200 * (0.58 - 0.55) + 2 * 1.30))
        #expect(close(r.pnl, 200 * (0.55 - 1.16) - 2 * 1.30), "\(r.pnl)")
        #expect(close(t.pnl, r.pnl))
        // 2025-03-17 is day 5: cash −200 × 1.16 − 1.30, the put at its mid 0.57.
        #expect(close(r.daily[5], -200 * 1.16 - 1.30 + 200 * 0.57), "\(r.daily[5])")
        #expect(r.exitReason == .horizon)
    }

    /// The position analysis of a quoted put (the 22 put above, 2025-03-10 → 2025-03-31):
    /// valued at the mids, its Greeks those of Black–Scholes–Merton at the quote's own IV. On
    /// 2025-03-17 (day 5; `MP,26.69,2025-03-17,2025-04-17,put,22,0.54,0.60,0.7454`) the exposure
    /// is computed here in closed form from that row: S the replayed close, σ = 0.7454 (the
    /// study's model vol is 0.6), τ = trading days to 2025-04-17 / 252, r = 0.043, q = 0;
    /// d₁ = (ln(S/K) + (r + σ²/2)τ)/(σ√τ), Δ = N(d₁) − 1, vega = S·φ(d₁)·√τ; market value 200
    /// × 0.57. The parts add up to the trade's P&L, and no early exercise is flagged.
    @Test func positionAnalysisTakesTheQuotedMidsAndTheQuotedVolatility() throws {
        let study = try Self.study(start: "2025-03-10", decision: Self.put22)
        var c = RunConfiguration(paths: 1, seed: 0, threads: 1, tracedPaths: 1, keepPathReturns: true)
        c.analysisPaths = 1
        let o = Engine.runEach(study: study, configuration: c, chain: try Self.chain())[0]
        let a = try #require(o.analysis)
        let t = try #require(PathOutcome(o, decision: "put").trades.first)
        #expect(t.chainExpiration == CalendarDate(iso: "2025-04-17"))
        let leg = try #require(a.legs.first { $0.decisionID == "put" })
        #expect(leg.held == [true] && !leg.shortAmerican && leg.earlyExerciseDay.isEmpty)
        let sum = leg.parts.reduce(0) { $0 + $1[0] }
        #expect(abs(sum - t.pnl) < 1e-9, "parts \(sum) vs P&L \(t.pnl)")
        #expect(abs(leg.parts[PositionAnalysis.Part.vega.rawValue][0]) > 0, "the quoted IV moved from 0.6936 to 0.7148")

        let dates = study.scenarios[0].dates
        let day = try #require(dates.firstIndex(of: CalendarDate(iso: "2025-03-17")!))
        let expiry = try #require(dates.firstIndex(of: CalendarDate(iso: "2025-04-17")!))
        guard case let .historical(h) = study.scenarios[0].model else { Issue.record("not historical"); return }
        let spot = h.closes[day][0], sigma = 0.7454, tau = Double(expiry - day) / 252
        let d1 = (log(spot / 22) + (0.043 + sigma * sigma / 2) * tau) / (sigma * tau.squareRoot())
        let delta = 0.5 * erfc(-d1 / 2.0.squareRoot()) - 1
        let vega = spot * exp(-d1 * d1 / 2) / (2 * Double.pi).squareRoot() * tau.squareRoot()
        let mp = try #require(a.scopes.firstIndex(of: "MP"))
        func measure(_ m: PositionAnalysis.Measure) throws -> Double { try #require(a.exposure[day][mp][m.rawValue]).mean }
        let deltaDollars = try measure(.deltaDollars), vegaPerPoint = try measure(.vegaPerVolPoint)
        let marketValue = try measure(.marketValue)
        #expect(abs(deltaDollars - 200 * delta * spot) < 1e-9 * spot * 200, "\(deltaDollars)")
        #expect(abs(vegaPerPoint - 200 * vega / 100) < 1e-10 * 200, "\(vegaPerPoint)")
        #expect(abs(marketValue - 200 * 0.57) < 1e-9, "\(marketValue)")
    }

    /// Held to expiry: a 1.2-moneyness put from 2025-03-03 (close 22.53: K = 27.04 → 27), two
    /// weeks (2025-03-17 → the quoted 2025-03-21, 4 days away), bought at the ask 4.79
    /// (`MP,22.53,2025-03-03,2025-03-21,put,27,4.33,4.79,0.5820`), settled at intrinsic on the
    /// 2025-03-21 close 25.899999618530273: 27 − 25.8999996… The expiry day needs no quote
    /// (its rows are removed). P&L = 200 × (intrinsic − 4.79) − 1.30.
    @Test func putHeldToExpirySettlesAtIntrinsicOnTheClose() throws {
        let study = try Self.study(start: "2025-03-03", decision: #"{"id": "put", "kind": "protection", "underlyings": ["MP"], "strike": {"moneyness": 1.2}, "expiry": "2w", "size": {"units": 200}}"#)
        let o = Self.run(study, chain: try Self.chain { $0.contains(",2025-03-21,2025-03-21,") })
        #expect(o.chainGap == nil)
        let r = PathOutcome(o, decision: "put")
        let t = try #require(r.trades.first)
        #expect(t.instrument == .option(.put, strike: 27, expiry: .date(CalendarDate(iso: "2025-03-21")!)))
        let intrinsic = 27 - 25.899999618530273
        #expect(close(t.exitPrice, intrinsic))
        #expect(close(r.pnl, 200 * (intrinsic - 4.79) - 1.30), "\(r.pnl)")
        #expect(r.exitReason == .expiry)
    }

    /// A delta rule: among the 2025-04-17 puts quoted on 2025-03-10, the strike whose delta at
    /// its quoted IV is nearest −0.30, computed here from the fixture's rows: Δ = −N(−d₁),
    /// d₁ = (ln(S/K) + (r + σ²/2)τ)/(σ√τ), S = 24.42…, r = 0.043, τ = trading days to
    /// 2025-04-17 in the replay / 252.
    @Test func deltaRuleChoosesTheQuotedStrikeOfTheNearestDelta() throws {
        let study = try Self.study(start: "2025-03-10", decision: #"{"id": "put", "kind": "protection", "underlyings": ["MP"], "strike": {"delta": -0.3}, "expiry": "1m", "size": {"units": 100}, "exit": {"horizon": 5}}"#)
        let dates = study.scenarios[0].dates
        let tau = Double(try #require(dates.firstIndex(of: CalendarDate(iso: "2025-04-17")!))) / 252
        let spot = 24.420000076293945
        func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
        var best: (strike: Double, gap: Double)?
        for line in Self.chainText.split(separator: "\n") where line.hasPrefix("MP,24.42,2025-03-10,2025-04-17,put,") {
            let c = line.split(separator: ",").map(String.init)
            let k = Double(c[5])!, sigma = Double(c[8])!
            let d1 = (log(spot / k) + (0.043 + sigma * sigma / 2) * tau) / (sigma * tau.squareRoot())
            let gap = abs(-cdf(-d1) + 0.3)
            if best == nil || gap < best!.gap { best = (k, gap) }
        }
        let t = try #require(PathOutcome(Self.run(study, chain: try Self.chain()), decision: "put").trades.first)
        #expect(t.instrument == .option(.put, strike: try #require(best).strike, expiry: .date(CalendarDate(iso: "2025-04-17")!)))
    }

    /// A premium budget buys whole contracts at the ask, commissions included: with $1,000 and
    /// the 22 put at 1.16, 8 contracts (8 × (116 + 0.65) = 933.20; 9 would cost 1,049.85) — with
    /// the playbook's listing, and without one (a chain's contracts are listed: whole contracts).
    @Test(arguments: [true, false])
    func premiumBudgetBuysAtTheAsk(listing: Bool) throws {
        let study = try Self.study(start: "2025-03-10", decision: #"{"id": "put", "kind": "protection", "underlyings": ["MP"], "strike": {"moneyness": 0.9}, "expiry": "1m", "size": {"premiumBudget": 1000}, "exit": {"horizon": 15}}"#, listing: listing)
        let t = try #require(PathOutcome(Self.run(study, chain: try Self.chain()), decision: "put").trades.first)
        #expect(t.quantity == 800)
        #expect(t.instrument == .option(.put, strike: 22, expiry: .date(CalendarDate(iso: "2025-04-17")!)))
    }

    /// A contract held without a quote on a day: the run's gap names the contract, the date and
    /// what the quote was for.
    @Test func missingQuoteIsAGapNamingTheDateAndContract() throws {
        let study = try Self.study(start: "2025-03-10", decision: Self.put22)
        let chain = try Self.chain { $0.hasPrefix("MP,26.25,2025-03-20,2025-04-17,put,22,") }
        let gap = try #require(Self.run(study, chain: chain).chainGap)
        #expect(gap.problem(file: chain.file, underlyings: chain.underlyings).description
            == "mp.csv: found no quote for MP put 22 expiring 2025-04-17 on 2025-03-20 (the position's daily mark); allowed: a chain with a quote for every contract held on every trading day it is held")
    }

    /// A chain of another underlying: no contract to choose at the entry.
    @Test func chainWithoutTheUnderlyingFailsAtTheEntry() throws {
        let study = try Self.study(start: "2025-03-10", decision: Self.put22)
        let renamed = Self.chainText.replacingOccurrences(of: "\nMP,", with: "\nXYZ,")
        let chain = try Self.chain(renamed)
        let gap = try #require(Self.run(study, chain: chain).chainGap)
        #expect(gap.problem(file: chain.file, underlyings: chain.underlyings).description
            == "mp.csv: found no MP put quote on 2025-03-10 expiring after it (the position's entry); the chain quotes XYZ, not MP; allowed: a chain with quotes of each option leg's underlying and type on every date it can enter")
    }

    /// Rows in any order give the same trades (the chain is indexed, not read in sequence).
    @Test func rowOrderDoesNotMatter() throws {
        let study = try Self.study(start: "2025-03-10", decision: Self.put22)
        let lines = Self.chainText.split(separator: "\n")
        let reversed = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n")
        let a = PathOutcome(Self.run(study, chain: try Self.chain()), decision: "put")
        let b = PathOutcome(Self.run(study, chain: try Self.chain(reversed)), decision: "put")
        #expect(a.pnl == b.pnl && a.daily == b.daily && a.trades == b.trades)
    }
}
