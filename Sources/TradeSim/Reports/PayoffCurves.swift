import Foundation

/// The P&L of one decision variant against the move of its underlyings, at the planned exit
/// and at expiry: what the report's payoff charts draw.
///
/// The position is the one the engine enters on the variant's entry day (its fixed day, day 0
/// for an entry on weakness) at the scenario's start prices (`EntryPosition`, the engine's own
/// rules): strikes from the strike rule, premiums at the model mid, quantities from the sizing.
/// Costs, carry (dividends, borrow) and the IV rescaling an event's outcome draws are left out.
///
/// The planned exit day is the first of: the last option's expiry, entry + `exit.horizon`
/// trading days, the `exit.daysAfterEvent` day (not before entry), the scenario's end — the
/// exits known without a path (a stop or a target depends on it). With x the underlying's move
/// (a decimal) and S = S₀(1 + x), leg k with quantity q and entry mid m is worth, at the exit
/// day X: S for stock, its intrinsic ω·(S − K)⁺ if it expired on or before X, else its
/// Black–Scholes–Merton mid on day X with the scenario's IV for that day and its remaining
/// tenor — the rule the engine marks with. At expiry every option is at its intrinsic value
/// (each at its own expiry). P&L = Σ q·(value − m), money.
struct PayoffCurves {
    /// Why the position closes on the planned exit day.
    enum ExitRule: String { case expiry = "last expiry", horizon = "holding horizon", event = "event exit", end = "scenario end" }

    /// One underlying's legs: their P&L at each move, when only this underlying moves.
    struct Curve {
        var asset: Int
        /// The underlying's price at entry, S₀ (money).
        var startPrice: Double
        var atExit: [Double]
        var atExpiry: [Double]
    }

    /// Moves of the underlyings, decimals (−0.5 … 0.5).
    var moves: [Double]
    var entryDay: Int
    var exitDay: Int
    var exitRule: ExitRule
    var lastExpiry: Int
    /// Σ q·mid over the option legs at entry (money; negative for a net credit).
    var premium: Double
    /// Per leg: its strike (money), nil for stock.
    var strikes: [Double?]
    /// True when an event's outcome rescales some leg's IV on the paths (not drawn here).
    var outcomeRescalesIV: Bool
    /// One curve per underlying, in the order the legs first name them.
    var perUnderlying: [Curve]

    /// The whole position when every underlying moves by the same x: the sum of the
    /// per-underlying curves (each leg's value depends on its own underlying only).
    var wholeAtExit: [Double] { Self.sum(perUnderlying.map(\.atExit)) }
    var wholeAtExpiry: [Double] { Self.sum(perUnderlying.map(\.atExpiry)) }

    static func sum(_ curves: [[Double]]) -> [Double] {
        guard let first = curves.first else { return [] }
        return curves.dropFirst().reduce(first) { zip($0, $1).map { $0 + $1 } }
    }

    /// −50% … +50% in steps of 0.5%.
    static let defaultMoves = (-100...100).map { Double($0) / 200 }

    /// The curves of variant `index` of `playbook` (the run's) in `scenario` of `study`, from the
    /// engine's compiled form of it (`DecisionProgram`, `ScenarioKernel`'s start prices and dividends).
    init?(study: Study, playbook: Playbook, variant index: Int, scenario: Scenario, moves: [Double] = Self.defaultMoves) {
        let scenarioIndex = study.scenarios.firstIndex { $0.name == scenario.name } ?? 0
        let kernel = ScenarioKernel(scenario: scenario, scenarioIndex: scenarioIndex, universe: study.universe)
        let program = DecisionProgram(variant: playbook.variants[index], index: index, scenario: scenario, universe: study.universe,
                                      startPrices: kernel.startPrice, listing: playbook.listing)
        self.init(program: program, playbook: playbook, scenario: scenario, startPrices: kernel.startPrice,
                  dividends: kernel.dividends, moves: moves)
    }

    /// The curves of `program`'s variant in `scenario`; nil when it never enters there, or a
    /// premium budget cannot size it (a net credit). The position is `EntryPosition`'s.
    init?(program p: DecisionProgram, playbook: Playbook, scenario: Scenario, startPrices: [Double],
          dividends: DividendSchedule, moves: [Double] = Self.defaultMoves) {
        guard let position = EntryPosition(program: p, playbook: playbook, scenario: scenario, startPrices: startPrices,
                                           dividends: dividends) else { return nil }
        let d = position.entryDay
        let legs = p.legFacts
        let expiry = position.expiry, strike = position.strike, mid = position.mid, q = position.quantity
        let optionLegs = legs.indices.filter { legs[$0].option != nil }
        let last = optionLegs.map { expiry[$0] }.max() ?? scenario.horizonDays
        // The first time exit; on a tie the engine's priority: event, expiry, holding horizon.
        var candidates: [(Int, ExitRule)] = [(scenario.horizonDays, .end)]
        if let h = p.variant.exits.horizonDays { candidates.append((d + h, .horizon)) }
        candidates.append((last, .expiry))
        if let e = p.exitEventDay { candidates.append((max(e, d), .event)) }
        let exit = candidates.reversed().min { $0.0 < $1.0 }!
        entryDay = d
        exitDay = exit.0
        exitRule = exit.1
        lastExpiry = last
        premium = optionLegs.reduce(0) { $0 + q[$1] * mid[$1] }
        outcomeRescalesIV = p.atmScaled.contains(true)
        strikes = legs.indices.map { legs[$0].option == nil ? nil : strike[$0] }
        self.moves = moves
        var assets: [Int] = []
        for leg in legs where !assets.contains(leg.asset) { assets.append(leg.asset) }
        perUnderlying = assets.map { i in
            let mine = legs.indices.filter { legs[$0].asset == i }
            var atExit: [Double] = [], atExpiry: [Double] = []
            for x in moves {
                let s = startPrices[i] * (1 + x)
                var pnlExit = 0.0, pnlExpiry = 0.0
                for k in mine {
                    guard let option = legs[k].option else {
                        pnlExit += q[k] * (s - mid[k])
                        pnlExpiry += q[k] * (s - mid[k])
                        continue
                    }
                    let intrinsic = option.type.intrinsic(spot: s, strike: strike[k])
                    let valueAtExit = position.optionValue(leg: k, type: option.type, spot: s, day: exit.0)
                    pnlExit += q[k] * (valueAtExit - mid[k])
                    pnlExpiry += q[k] * (intrinsic - mid[k])
                }
                atExit.append(pnlExit)
                atExpiry.append(pnlExpiry)
            }
            return Curve(asset: i, startPrice: startPrices[i], atExit: atExit, atExpiry: atExpiry)
        }
    }
}
