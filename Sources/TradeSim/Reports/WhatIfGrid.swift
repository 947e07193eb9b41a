import Foundation

/// The trader's price × vol × date what-if (a risk navigator's grid): each decision variant's
/// position, as the engine enters it, revalued under every combination of a spot shock, an
/// implied-vol shock and a number of days held (`WhatIfShocks`), and the portfolio's (the sum
/// of the variants it holds).
///
/// The position is `EntryPosition`'s: the one the engine enters on the variant's entry day (its
/// fixed day, day 0 for an entry on weakness) at the scenario's start prices, strikes,
/// quantities and entry marks by the engine's rules. It is held as entered — no stop, target or
/// planned exit, no costs or carry, the playbook's existing holdings left out. On day D = entry
/// + t with the shocked spots S = S₀·(1 + move) and IV shock v, leg k with quantity q is worth:
///
/// - stock: q·S;
/// - an option expired on or before D: q·ω(S − K)⁺, its intrinsic value at the shocked spot;
/// - an open option: q × its Black–Scholes–Merton mid on day D (`DecisionProgram.optionMid`,
///   the function the engine marks with: the scenario's ATM IV for day D and the remaining
///   tenor τ = expiry − D, shifted by (v/100)·r(τ), then the study's smile and spot–vol beta,
///   escrowed cash dividends, continuous yield), without the IV rescaling an event's outcome
///   draws on the paths.
///
/// value = Σ_k q_k·value_k and pnl = value − Σ_k q_k·m_k, m_k the entry marks (money). The
/// Greeks of a cell are central differences of its value (the model's own dynamics: smile,
/// spot–vol beta, expiries):
///
///     delta_dollars    = [V(S·(1 + h)) − V(S·(1 − h))] / (2h),   h = 10⁻⁵, every underlying bumped
///                      ≈ Σ q·S·∂V/∂S: money per 1.00 (100%) move; a 1% move makes about delta_dollars/100
///     vega_per_vol_pt  = [V(v + h_v) − V(v − h_v)] / (2h_v),      h_v = 0.001 vol points,
///                        along the grid's IV axis (with its term response: `sqrt` gives the
///                        term-weighted vega), money per vol point.
///
/// An option past its expiry contributes its intrinsic value's slope to the delta and nothing
/// to the vega.
public struct WhatIfGrid: Sendable {
    /// One cell: a variant's (or the portfolio's) value and P&L on one day under one pair of shocks.
    public struct Cell: Sendable, Hashable {
        /// Σ q·value (money).
        public var value: Double
        /// value − the entry value (money).
        public var pnl: Double
        /// Σ q·S·∂V/∂S by central differences (money per 1.00 move of every underlying).
        public var deltaDollars: Double
        /// ∂V/∂v along the IV axis by central differences (money per vol point).
        public var vegaPerVolPoint: Double
    }

    /// One decision variant's grid, or the portfolio's.
    public struct Block: Sendable {
        /// The decision's id ("portfolio" for the portfolio).
        public var decision: String
        /// The variant's name ("" for a single-variant decision and the portfolio).
        public var variant: String
        /// The day it enters; nil for the portfolio when its variants enter on different days.
        public var entryDay: Int?
        /// Σ q·m at entry (money; options at the entry mid, stock at its start price).
        public var entryValue: Double
        /// The option legs' part of it: Σ q·m over the options (negative for a net credit).
        public var premium: Double
        /// The position's legs (empty for the portfolio).
        public var legs: [LegDescription]
        /// On the paths an event's outcome also rescales some leg's IV (not in the grid).
        public var outcomeRescalesIV: Bool
        /// Cells in the order day, spot shock, IV shock (`WhatIfGrid.index`).
        public var cells: [Cell]

        /// "decision / variant", or the decision alone.
        public var label: String { variant.isEmpty ? decision : "\(decision) / \(variant)" }
    }

    /// One leg as entered, for people.
    public struct LegDescription: Sendable, Hashable {
        public var ticker: String
        /// "stock", "call" or "put".
        public var instrument: String
        /// nil for stock.
        public var strike: Double?
        /// The expiry day (nil for stock).
        public var expiryDay: Int?
        /// Signed quantity (shares; an option's in underlying units).
        public var quantity: Double
        /// Entry mark per share.
        public var entryMark: Double
        /// The underlying's start price.
        public var startPrice: Double
    }

    /// Why a grid cannot be computed: a shock or a day the study does not allow. `message`
    /// starts with the offending values of `axis` and ends with what is allowed.
    public struct Problem: Error, Sendable, Hashable {
        /// The axis at fault (the command line's option of the same name).
        public enum Axis: String, Sendable, Hashable { case spot, iv, days, scenario }
        public var axis: Axis
        public var message: String
    }

    /// The scenario whose start prices and IV surface the grid uses.
    public let scenario: Scenario
    public let shocks: WhatIfShocks
    /// The entered variants in playbook order, then the portfolio (when it holds one of them).
    public let blocks: [Block]
    /// The variants that never enter in the scenario (their event is not scheduled, or a
    /// premium budget cannot size a net credit), as "decision / variant".
    public let notEntered: [String]
    /// The labels of the variants the portfolio holds.
    public let portfolioMembers: [String]

    /// Central-difference steps: relative spot, and IV in vol points.
    static let spotStep = 1e-5
    static let volStep = 0.001

    /// The index of (day j, spot shock s, IV shock v) in a block's cells.
    public func index(day j: Int, spot s: Int, iv v: Int) -> Int {
        (j * shocks.spotPercent.count + s) * shocks.ivVolPoints.count + v
    }

    /// The date of day t after `entryDay` (nil when either is nil).
    public func date(entryDay: Int?, day t: Int) -> CalendarDate? {
        guard let e = entryDay, e + t < scenario.dates.count else { return nil }
        return scenario.dates[e + t]
    }

    // MARK: - Building

    /// The grid of `study`'s playbook in `scenario` under `shocks`; a problem when a spot shock
    /// takes a price to 0 or below, a day lies past the scenario's horizon for some variant, an
    /// IV shock leaves some open option's ATM IV below `WhatIfShocks.minimumATMVolatility`, or
    /// no variant enters. Precondition: the study has a playbook and `scenario` is one of its.
    public static func make(study: Study, scenario: Scenario, shocks: WhatIfShocks) -> Result<WhatIfGrid, Problem> {
        precondition(!shocks.spotPercent.isEmpty && !shocks.ivVolPoints.isEmpty && !shocks.days.isEmpty, "every axis needs a value")
        precondition(shocks.days.allSatisfy { $0 >= 0 } && (shocks.spotPercent + shocks.ivVolPoints).allSatisfy(\.isFinite))
        let playbook = study.runPlaybook
        let universe = study.universe
        let scenarioIndex = study.scenarios.firstIndex { $0.name == scenario.name } ?? 0
        let kernel = ScenarioKernel(scenario: scenario, scenarioIndex: scenarioIndex, universe: universe)
        var positions: [(variant: DecisionVariant, position: EntryPosition)] = []
        var notEntered: [String] = []
        for (index, v) in playbook.variants.enumerated() {
            let program = DecisionProgram(variant: v, index: index, scenario: scenario, universe: universe,
                                          startPrices: kernel.startPrice, listing: playbook.listing)
            if let p = EntryPosition(program: program, playbook: playbook, scenario: scenario, startPrices: kernel.startPrice,
                                     dividends: kernel.dividends) {
                positions.append((v, p))
            } else {
                notEntered.append(v.name.isEmpty ? v.decisionID : "\(v.decisionID) / \(v.name)")
            }
        }
        guard !positions.isEmpty else {
            return .failure(Problem(axis: .scenario, message: "\(MessageText.echo(scenario.name)): no decision variant enters there (their events are not scheduled, or a premium budget cannot size a net credit); allowed: a scenario where at least one enters"))
        }
        if let problem = spotProblem(positions.map(\.position), universe: universe, shocks: shocks)
            ?? dayProblem(positions, scenario: scenario, shocks: shocks)
            ?? volProblem(positions, universe: universe, shocks: shocks) {
            return .failure(problem)
        }
        var blocks = positions.map { block($0.variant, $0.position, startPrices: kernel.startPrice, universe: universe, shocks: shocks) }
        let members = positions.indices.filter { positions[$0].variant.inPortfolio }
        if !members.isEmpty {
            blocks.append(portfolio(members.map { blocks[$0] }))
        }
        return .success(WhatIfGrid(scenario: scenario, shocks: shocks, blocks: blocks, notEntered: notEntered,
                                   portfolioMembers: members.map { blocks[$0].label }))
    }

    /// A variant's block: every cell's value, P&L and Greeks.
    static func block(_ v: DecisionVariant, _ p: EntryPosition, startPrices: [Double], universe: Universe,
                      shocks: WhatIfShocks) -> Block {
        let legs = p.legs
        func value(day: Int, spotPercent x: Double, volPoints: Double, bump: Double) -> Double {
            var total = 0.0
            for k in legs.indices {
                let i = legs[k].asset
                let s = startPrices[i] * (1 + shocks.move(percent: x, beta: universe.assets[i].beta)) * bump
                guard let option = legs[k].option else { total += p.quantity[k] * s; continue }
                let shift = p.expiry[k] > day ? shocks.atmShift(volPoints: volPoints, tenorDays: p.expiry[k] - day) : 0
                total += p.quantity[k] * p.optionValue(leg: k, type: option.type, spot: s, day: day, atmShift: shift)
            }
            return total
        }
        let entryValue = legs.indices.reduce(0.0) { $0 + p.quantity[$1] * p.mid[$1] }
        var cells: [Cell] = []
        cells.reserveCapacity(shocks.days.count * shocks.spotPercent.count * shocks.ivVolPoints.count)
        for t in shocks.days {
            let d = p.entryDay + t
            for x in shocks.spotPercent {
                for v in shocks.ivVolPoints {
                    let worth = value(day: d, spotPercent: x, volPoints: v, bump: 1)
                    let h = spotStep, hv = volStep
                    let delta = (value(day: d, spotPercent: x, volPoints: v, bump: 1 + h)
                        - value(day: d, spotPercent: x, volPoints: v, bump: 1 - h)) / (2 * h)
                    let vega = (value(day: d, spotPercent: x, volPoints: v + hv, bump: 1)
                        - value(day: d, spotPercent: x, volPoints: v - hv, bump: 1)) / (2 * hv)
                    cells.append(Cell(value: worth, pnl: worth - entryValue, deltaDollars: delta, vegaPerVolPoint: vega))
                }
            }
        }
        let descriptions = legs.indices.map { k -> LegDescription in
            let i = legs[k].asset
            return LegDescription(ticker: universe.assets[i].ticker,
                                  instrument: legs[k].option.map { $0.type == .call ? "call" : "put" } ?? "stock",
                                  strike: legs[k].option == nil ? nil : p.strike[k], expiryDay: legs[k].option == nil ? nil : p.expiry[k],
                                  quantity: p.quantity[k], entryMark: p.mid[k], startPrice: startPrices[i])
        }
        let premium = legs.indices.filter { legs[$0].option != nil }.reduce(0.0) { $0 + p.quantity[$1] * p.mid[$1] }
        return Block(decision: v.decisionID, variant: v.name, entryDay: p.entryDay, entryValue: entryValue, premium: premium,
                     legs: descriptions, outcomeRescalesIV: p.program.atmScaled.contains(true), cells: cells)
    }

    /// The portfolio: the sum of its variants, cell by cell (each on its own day t after its entry).
    static func portfolio(_ members: [Block]) -> Block {
        var cells = members[0].cells
        for b in members.dropFirst() {
            for j in cells.indices {
                cells[j].value += b.cells[j].value
                cells[j].pnl += b.cells[j].pnl
                cells[j].deltaDollars += b.cells[j].deltaDollars
                cells[j].vegaPerVolPoint += b.cells[j].vegaPerVolPoint
            }
        }
        let days = Set(members.map(\.entryDay))
        return Block(decision: "portfolio", variant: "", entryDay: days.count == 1 ? members[0].entryDay : nil,
                     entryValue: members.dropFirst().reduce(members[0].entryValue) { $0 + $1.entryValue },
                     premium: members.dropFirst().reduce(members[0].premium) { $0 + $1.premium }, legs: [],
                     outcomeRescalesIV: members.contains { $0.outcomeRescalesIV }, cells: cells)
    }

    // MARK: - What the study allows

    /// A spot shock whose move takes some underlying of a position to 0 or below.
    static func spotProblem(_ positions: [EntryPosition], universe: Universe, shocks: WhatIfShocks) -> Problem? {
        var assets: [Int] = []
        for p in positions { for leg in p.legs where !assets.contains(leg.asset) { assets.append(leg.asset) } }
        for x in shocks.spotPercent {
            for i in assets {
                let beta = universe.assets[i].beta
                let move = shocks.move(percent: x, beta: beta)
                guard move <= -1 else { continue }
                let how = shocks.betaScaled ? " (scaled by its beta, \(JSONText.wholeOrDecimal(beta)))" : ""
                return Problem(axis: .spot, message: "\(percent(x)) moves \(universe.assets[i].ticker) by \(NumberText.fixed(move * 100, digits: 1))%\(how); "
                    + "allowed: shocks that leave every underlying's price above 0 (a move above -100%)")
            }
        }
        return nil
    }

    /// Days past the scenario's horizon for some variant (t > horizon − entry day).
    static func dayProblem(_ positions: [(variant: DecisionVariant, position: EntryPosition)], scenario: Scenario,
                           shocks: WhatIfShocks) -> Problem? {
        guard let latest = positions.max(by: { $0.position.entryDay < $1.position.entryDay }),
              let last = shocks.days.max() else { return nil }
        let limit = scenario.horizonDays - latest.position.entryDay
        guard last > limit else { return nil }
        let name = latest.variant.name.isEmpty ? latest.variant.decisionID : "\(latest.variant.decisionID) / \(latest.variant.name)"
        let beyond = shocks.days.filter { $0 > limit }.map(String.init).joined(separator: ",")
        return Problem(axis: .days, message: "\(beyond) \(shocks.days.filter { $0 > limit }.count == 1 ? "is" : "are") past the horizon of scenario "
            + "\(MessageText.echo(scenario.name)) (day \(scenario.horizonDays)) for \(name), which enters on day \(latest.position.entryDay); "
            + "allowed: days from 0 to \(limit) after entry")
    }

    /// An IV shock that leaves an open option's ATM IV below the minimum: the lowest shock,
    /// the option that binds, and the lowest shock allowed.
    static func volProblem(_ positions: [(variant: DecisionVariant, position: EntryPosition)], universe: Universe,
                           shocks: WhatIfShocks) -> Problem? {
        guard let lowest = shocks.ivVolPoints.min() else { return nil }
        // The highest of the lowest shocks each open option allows, and where it binds.
        var bound = -Double.infinity
        var binding: (name: String, leg: Int, position: EntryPosition, day: Int, atm: Double, response: Double)?
        for (v, p) in positions {
            for t in shocks.days {
                let d = p.entryDay + t
                for k in p.legs.indices where p.legs[k].option != nil && p.expiry[k] > d {
                    let tenor = p.expiry[k] - d
                    let atm = p.program.impliedVol(leg: k, day: d, tenor: tenor)
                    let r = shocks.response(tenorDays: tenor)
                    let least = (WhatIfShocks.minimumATMVolatility - atm) / r * 100
                    if least > bound {
                        bound = least
                        binding = (v.name.isEmpty ? v.decisionID : "\(v.decisionID) / \(v.name)", k, p, t, atm, r)
                    }
                }
            }
        }
        // The bound to 1e-9 vol points: a shock that leaves exactly the minimum is allowed.
        bound = (bound * 1e9).rounded() / 1e9
        guard let b = binding, lowest < bound else { return nil }
        let leg = b.position.legs[b.leg]
        let ticker = universe.assets[leg.asset].ticker
        let type = leg.option?.type == .call ? "call" : "put"
        let shocked = b.atm + lowest / 100 * b.response
        let response = shocks.termResponse == .flat ? "" : ", \(shocks.termResponse.rawValue) term response × \(NumberText.fixed(b.response, digits: 2))"
        // Rounded up to 0.1 vol point, so the shock shown is allowed.
        let allowed = (bound * 10).rounded(.up) / 10
        return Problem(axis: .iv, message: "\(percent(lowest)) takes the ATM IV of the \(ticker) \(type) of \(b.name) (strike \(JSONText.wholeOrDecimal(b.position.strike[b.leg])), "
            + "day \(b.day) after entry, \(b.position.expiry[b.leg] - b.position.entryDay - b.day) trading days to expiry\(response)) "
            + "from \(NumberText.fixed(b.atm * 100, digits: 1))% to \(NumberText.fixed(shocked * 100, digits: 1))%; "
            + "allowed: IV shocks of at least \(NumberText.fixed(allowed, digits: 1)) vol points here (every open option's ATM IV stays at or above "
            + "\(NumberText.fixed(WhatIfShocks.minimumATMVolatility * 100, digits: 0)) vol point)")
    }

    /// A shock as given: `-20`, `2.5`.
    static func percent(_ x: Double) -> String { JSONText.wholeOrDecimal(x) }
}
