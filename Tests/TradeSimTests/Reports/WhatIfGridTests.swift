import Foundation
import Testing
@testable import TradeSim

/// The what-if grid against values computed here: each open option's Black–Scholes–Merton
/// price (`BlackScholes.price`, Hull ch. 15) from the shocked spot, the shocked vol and the
/// remaining tenor; a stock leg's P&L q·S₀·x; intrinsic after expiry; the sqrt term response
/// √(21/τ) at τ = 84 (one half); and, on the first card, every variant's unshocked day-0
/// cell at its entry (P&L 0, value the entry premium of the report's payoff curves).
@Suite("What-if grid")
struct WhatIfGridTests {
    /// A: S₀ = 100, flat IV 30%, r = 3%, no dividends, beta 1.5. "put": 100 puts at 90, 40
    /// trading days; "stock": 50 shares; "call": 10 calls at 100, 104 trading days (τ = 84 =
    /// 4 × 21 on day 20).
    static func study() throws -> Study {
        try StudyText.study("""
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "A", "exercise": "european", "spot": 100, "volatility": 0.3, "beta": 1.5}],
             "scenarios": [{"name": "s", "horizon": 120, "rate": 0.03, "impliedVol": {"base": {"A": 0.3}}}],
             "playbook": {"capital": 100000, "decisions": [
               {"id": "put", "kind": "legs", "size": {"units": 100},
                "legs": [{"ticker": "A", "type": "put", "quantity": 1, "strike": {"moneyness": 0.9}, "expiry": 40}]},
               {"id": "stock", "kind": "legs", "size": {"units": 50}, "legs": [{"ticker": "A", "type": "stock", "quantity": 1}]},
               {"id": "call", "kind": "legs", "size": {"units": 10},
                "legs": [{"ticker": "A", "type": "call", "quantity": 1, "strike": {"moneyness": 1.0}, "expiry": 104}]}]}}
            """)
    }

    static func grid(_ shocks: WhatIfShocks) throws -> WhatIfGrid {
        let study = try Self.study()
        return try WhatIfGrid.make(study: study, scenario: study.scenarios[0], shocks: shocks).get()
    }

    static func bs(_ type: OptionType, spot: Double, strike: Double, vol: Double, days: Int) -> OptionValuation {
        BlackScholes.valuation(BlackScholesInputs(type: type, spot: spot, strike: strike, volatility: vol, rate: 0.03, dividendYield: 0,
                                                  years: Double(days) / 252))
    }

    static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

    @Test func putCellsAreBlackScholesAtTheShockedInputsAndIntrinsicAfterExpiry() throws {
        let shocks = WhatIfShocks(spotPercent: [-20, 0, 10], ivVolPoints: [-10, 0, 5], days: [0, 10, 39, 40, 50])
        let g = try Self.grid(shocks)
        let put = try #require(g.blocks.first { $0.decision == "put" })
        #expect(put.legs.map(\.strike) == [90] && put.legs.map(\.quantity) == [100])
        for (j, t) in shocks.days.enumerated() {
            for (s, x) in shocks.spotPercent.enumerated() {
                for (v, iv) in shocks.ivVolPoints.enumerated() {
                    let c = put.cells[g.index(day: j, spot: s, iv: v)]
                    let spot = 100 * (1 + x / 100)
                    if t < 40 {
                        let expected = 100 * Self.bs(.put, spot: spot, strike: 90, vol: 0.3 + iv / 100, days: 40 - t).price
                        #expect(Self.relative(c.value, expected) < 1e-12, "day \(t), spot \(x), iv \(iv)")
                    } else {
                        // Past expiry: 100 × (90 − S)⁺, whatever the IV shock.
                        #expect(c.value == 100 * max(90 - spot, 0), "day \(t), spot \(x), iv \(iv)")
                        #expect(c.vegaPerVolPoint == 0)
                    }
                }
            }
        }
    }

    /// The central differences against the closed-form Greeks: delta × S × q and vega/100 × q.
    @Test func greeksAreTheClosedFormOnes() throws {
        let shocks = WhatIfShocks(spotPercent: [-10, 0, 10], ivVolPoints: [-5, 0, 5], days: [0, 20])
        let g = try Self.grid(shocks)
        let put = try #require(g.blocks.first { $0.decision == "put" })
        for (j, t) in shocks.days.enumerated() {
            for (s, x) in shocks.spotPercent.enumerated() {
                for (v, iv) in shocks.ivVolPoints.enumerated() {
                    let c = put.cells[g.index(day: j, spot: s, iv: v)]
                    let spot = 100 * (1 + x / 100)
                    let closed = Self.bs(.put, spot: spot, strike: 90, vol: 0.3 + iv / 100, days: 40 - t)
                    #expect(Self.relative(c.deltaDollars, 100 * closed.delta * spot) < 1e-6, "day \(t), spot \(x), iv \(iv)")
                    #expect(Self.relative(c.vegaPerVolPoint, 100 * closed.vega / 100) < 1e-6, "day \(t), spot \(x), iv \(iv)")
                }
            }
        }
    }

    @Test func stockPnLIsQuantityTimesStartPriceTimesShock() throws {
        let shocks = WhatIfShocks(spotPercent: [-20, -5, 0, 7.5, 20], ivVolPoints: [-10, 10], days: [0, 63])
        for betaScaled in [false, true] {
            var scaled = shocks
            scaled.betaScaled = betaScaled
            let g = try Self.grid(scaled)
            let stock = try #require(g.blocks.first { $0.decision == "stock" })
            #expect(stock.entryValue == 5000 && stock.premium == 0)
            let beta = betaScaled ? 1.5 : 1
            for j in scaled.days.indices {
                for (s, x) in scaled.spotPercent.enumerated() {
                    for v in scaled.ivVolPoints.indices {
                        let c = stock.cells[g.index(day: j, spot: s, iv: v)]
                        #expect(abs(c.pnl - 50 * 100 * beta * x / 100) < 1e-9, "spot \(x), beta \(beta)")
                        #expect(Self.relative(c.deltaDollars, 50 * 100 * (1 + beta * x / 100)) < 1e-9)
                        #expect(c.vegaPerVolPoint == 0)
                    }
                }
            }
        }
    }

    /// sqrt: the call has τ = 84 = 4 × 21 trading days left on day 20, so it takes half the
    /// shock: +10 vol points price it at 35%, the same as +5 under flat.
    @Test func sqrtTermResponseHalvesTheShockAtFourMonths() throws {
        #expect(WhatIfShocks(termResponse: .sqrt).response(tenorDays: 84) == 0.5)
        #expect(WhatIfShocks(termResponse: .sqrt).response(tenorDays: 21) == 1)
        #expect(WhatIfShocks(termResponse: .sqrt).response(tenorDays: 1) == 2)  // √21 ≈ 4.6, capped at 2
        #expect(WhatIfShocks(termResponse: .flat).response(tenorDays: 1) == 1)
        let sqrt = try Self.grid(WhatIfShocks(spotPercent: [-10, 0], ivVolPoints: [-10, 10], days: [20], termResponse: .sqrt))
        let flat = try Self.grid(WhatIfShocks(spotPercent: [-10, 0], ivVolPoints: [-5, 5], days: [20]))
        let a = try #require(sqrt.blocks.first { $0.decision == "call" }), b = try #require(flat.blocks.first { $0.decision == "call" })
        for (s, x) in [-10.0, 0].enumerated() {
            for (v, iv) in [-10.0, 10].enumerated() {
                let expected = 10 * Self.bs(.call, spot: 100 * (1 + x / 100), strike: 100, vol: 0.3 + iv / 100 / 2, days: 84).price
                let c = a.cells[sqrt.index(day: 0, spot: s, iv: v)]
                #expect(Self.relative(c.value, expected) < 1e-12, "spot \(x), iv \(iv)")
                #expect(Self.relative(c.value, b.cells[flat.index(day: 0, spot: s, iv: v)].value) < 1e-12)
                // The vega along the sqrt axis is half the parallel one.
                #expect(Self.relative(c.vegaPerVolPoint, b.cells[flat.index(day: 0, spot: s, iv: v)].vegaPerVolPoint / 2) < 1e-6)
            }
        }
    }

    /// The portfolio holds each decision's first variant: here all three, cell by cell.
    @Test func portfolioIsTheSumOfItsVariants() throws {
        let g = try Self.grid(WhatIfShocks())
        #expect(g.blocks.map(\.decision) == ["put", "stock", "call", "portfolio"])
        #expect(g.portfolioMembers == ["put", "stock", "call"] && g.notEntered.isEmpty)
        let p = g.blocks[3]
        #expect(p.entryDay == 0)
        for j in p.cells.indices {
            let sum = g.blocks[0].cells[j].pnl + g.blocks[1].cells[j].pnl + g.blocks[2].cells[j].pnl
            #expect(abs(p.cells[j].pnl - sum) <= 1e-9 * max(1, abs(sum)))
        }
    }

    @Test func shocksTheStudyDoesNotAllowAreProblems() throws {
        let study = try Self.study()
        func problem(_ shocks: WhatIfShocks) -> WhatIfGrid.Problem? {
            if case let .failure(p) = WhatIfGrid.make(study: study, scenario: study.scenarios[0], shocks: shocks) { return p }
            return nil
        }
        // beta 1.5: −70% moves A by −105%.
        #expect(problem(WhatIfShocks(spotPercent: [-70, 0], betaScaled: true))
            == .init(axis: .spot, message: "-70 moves A by -105.0% (scaled by its beta, 1.5); allowed: shocks that leave every underlying's price above 0 (a move above -100%)"))
        #expect(problem(WhatIfShocks(spotPercent: [-70, 0])) == nil)
        #expect(problem(WhatIfShocks(days: [0, 121, 130]))
            == .init(axis: .days, message: "121,130 are past the horizon of scenario 's' (day 120) for put, which enters on day 0; allowed: days from 0 to 120 after entry"))
        // 30% ATM: −28.9 leaves more than 1 vol point, −29.5 less.
        #expect(problem(WhatIfShocks(ivVolPoints: [-28.9, 0])) == nil)
        #expect(problem(WhatIfShocks(ivVolPoints: [-29.5, 0]))
            == .init(axis: .iv, message: "-29.5 takes the ATM IV of the A put of put (strike 90, day 0 after entry, 40 trading days to expiry) from 30.0% to 0.5%; allowed: IV shocks of at least -29.0 vol points here (every open option's ATM IV stays at or above 1 vol point)"))
        // sqrt: the call's last day (τ = 1, day 103) takes 2× the shock, so −14.5 is the least.
        #expect(problem(WhatIfShocks(ivVolPoints: [-14.4, 0], days: [103], termResponse: .sqrt)) == nil)
        #expect(problem(WhatIfShocks(ivVolPoints: [-16, 0], days: [103], termResponse: .sqrt))?.message.hasPrefix(
            "-16 takes the ATM IV of the A call of call (strike 100, day 103 after entry, 1 trading days to expiry, sqrt term response × 2.00) from 30.0% to -2.0%; allowed: IV shocks of at least -14.5 vol points") == true)
    }

    // MARK: - The first card

    /// Every variant's unshocked day-0 cell is its position at its own entry marks: P&L exactly
    /// 0, value Σ q·m — the entry premium of the report's payoff curves for the option variants,
    /// Σ q·S₀ for the stock ones.
    @Test func firstCardUnshockedCellIsTheEntry() throws {
        let study = try repositoryStudy("rare-earths-us-china.json")
        let playbook = try #require(study.playbook)
        for scenario in study.scenarios {
            let g = try WhatIfGrid.make(study: study, scenario: scenario, shocks: WhatIfShocks()).get()
            #expect(g.blocks.count == playbook.variants.count + 1)
            let zero = g.index(day: 0, spot: 3, iv: 2)
            #expect(g.shocks.days[0] == 0 && g.shocks.spotPercent[3] == 0 && g.shocks.ivVolPoints[2] == 0)
            for b in g.blocks {
                #expect(b.cells[zero].pnl == 0, "\(scenario.name) \(b.label)")
                guard b.decision != "portfolio" else { continue }
                let index = try #require(playbook.variants.firstIndex { $0.decisionID == b.decision && $0.name == b.variant })
                let v = playbook.variants[index]
                if v.hasOptions {
                    let curves = try #require(PayoffCurves(study: study, playbook: playbook, variant: index, scenario: scenario))
                    #expect(!v.hasStock && b.cells[zero].value == curves.premium, "\(scenario.name) \(b.label)")
                } else {
                    // Σ q·S₀ (a dollar-neutral pair's is about 0: the tolerance is on the gross).
                    let net = b.legs.reduce(0.0) { $0 + $1.quantity * $1.startPrice }
                    let gross = b.legs.reduce(0.0) { $0 + abs($1.quantity * $1.startPrice) }
                    #expect(abs(b.cells[zero].value - net) <= 1e-12 * gross, "\(scenario.name) \(b.label)")
                }
            }
        }
    }
}
