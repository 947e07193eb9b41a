import Foundation

/// The position a decision variant enters on its entry day (its fixed day, day 0 for an entry
/// on weakness) at the scenario's start prices, by the engine's own rules
/// (`DecisionProgram.legStrike`, `.optionMid`, `.premiumBudgetUnits`, `.quantity`): each
/// option leg's expiry from its expiry rule, its strike from the strike rule, its entry mark at
/// the model mid, and every leg's signed quantity from the sizing. Costs, carry and the IV
/// rescaling an event's outcome draws are left out. What the report's payoff curves
/// (`PayoffCurves`) and the what-if grid (`WhatIfGrid`) value.
struct EntryPosition {
    /// The variant compiled for the scenario.
    let program: DecisionProgram
    /// The day it enters.
    let entryDay: Int
    /// The scenario's rate, continuous annual.
    let rate: Double
    /// The scenario's dividends (the escrowed spot of an option's mid).
    let dividends: DividendSchedule
    /// Per leg: its expiry day (the entry day for stock).
    let expiry: [Int]
    /// Per leg: its strike (money; 0 for stock).
    let strike: [Double]
    /// Per leg: its entry mark per share — the model mid for an option, the start price for stock.
    let mid: [Double]
    /// Per leg: its signed quantity (shares; an option's in underlying units).
    let quantity: [Double]

    /// The position of `p`'s variant in `scenario` entered at `startPrices`; nil when it never
    /// enters there, or a premium budget cannot size it (a net credit).
    init?(program p: DecisionProgram, playbook: Playbook, scenario: Scenario, startPrices: [Double], dividends: DividendSchedule) {
        guard !p.neverEnters else { return nil }
        let rate = scenario.rate
        let d = p.entryDay ?? 0
        let legs = p.legFacts
        var expiry = [Int](repeating: d, count: legs.count)
        var strike = [Double](repeating: 0, count: legs.count)
        var mid = [Double](repeating: 0, count: legs.count)
        for k in legs.indices {
            let spot = startPrices[legs[k].asset]
            guard let option = legs[k].option else { mid[k] = spot; continue }
            expiry[k] = p.expiry(leg: k, enteredOn: d)
            strike[k] = p.legStrike(leg: k, rule: option.strike, type: option.type, spot: spot, day: d, expiry: expiry[k], rate: rate)
            mid[k] = p.optionMid(leg: k, type: option.type, spot: spot, strike: strike[k], day: d, expiry: expiry[k], rate: rate,
                                 dividends: dividends)
        }
        guard let units = p.premiumBudgetUnits(mid: { mid[$0] }) else { return nil }
        program = p
        entryDay = d
        self.rate = rate
        self.dividends = dividends
        self.expiry = expiry
        self.strike = strike
        self.mid = mid
        quantity = legs.indices.map { p.quantity(leg: $0, spot: startPrices[legs[$0].asset], groupUnits: units, playbook: playbook) }
    }

    /// The legs, as the engine reads them.
    var legs: [DecisionProgram.LegFacts] { program.legFacts }

    /// Option leg k's value per share on `day` with its underlying at `spot`: its intrinsic
    /// ω·(S − K)⁺ on or after its expiry, else its Black–Scholes–Merton mid on that day
    /// (`DecisionProgram.optionMid`: the scenario's IV for the day and the remaining tenor, its
    /// ATM level + `atmShift`, at the strike's IV) — the rule the engine marks with.
    func optionValue(leg k: Int, type: OptionType, spot: Double, day: Int, atmShift: Double = 0) -> Double {
        expiry[k] <= day ? type.intrinsic(spot: spot, strike: strike[k])
            : program.optionMid(leg: k, type: type, spot: spot, strike: strike[k], day: day, expiry: expiry[k], rate: rate,
                                dividends: dividends, atmShift: atmShift)
    }
}
