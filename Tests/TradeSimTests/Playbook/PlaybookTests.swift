import Testing
@testable import TradeSim

/// The playbook (Playbook.swift): building one from specs, its variants in order, the held
/// quantities, and the cost model's commissions and fills, with hand-computed expectations.
@Suite("Playbook and costs")
struct PlaybookTests {
    static let universe = Universe([Asset(ticker: "MP", spot: 40, volatility: 0.5, tags: ["enabler"]),
                                    Asset(ticker: "LMT", spot: 500, volatility: 0.3, tags: ["defense"])])

    @Test func specsBecomeDecisionsWithTheirVariantsInOrder() throws {
        let a = DecisionSpec(id: "a", variants: [
            DecisionSpec.Variant(name: "long", .basket(["MP"]), size: .units(10)),
            DecisionSpec.Variant(name: "short", .basket(["MP"], side: .short), size: .units(10))])
        let b = DecisionSpec(id: "b", .basket(["defense"]), size: .notional(1_000))
        let playbook = try Playbook(capital: 10_000, decisions: [a, b], universe: Self.universe)
        #expect(playbook.decisions.map(\.id) == ["a", "b"])
        #expect(playbook.variants.map(\.decisionID) == ["a", "a", "b"])
        #expect(playbook.variants.map(\.name) == ["long", "short", ""])
        // The portfolio holds each decision's first variant.
        #expect(playbook.variants.map(\.inPortfolio) == [true, false, true])
        #expect(playbook.capital == 10_000)
    }

    @Test func aDecisionIdUsedTwiceIsRefused() {
        let spec = DecisionSpec(id: "x", .basket(["MP"]), size: .units(1))
        #expect(throws: PlaybookProblem.duplicateName("x")) {
            try Playbook(capital: 1, decisions: [spec, spec], universe: Self.universe)
        }
    }

    @Test func heldQuantitiesAddUpPerAsset() {
        let playbook = Playbook(capital: 1, holdings: [Holding(asset: 0, quantity: 100), Holding(asset: 0, quantity: -30)],
                                decisions: [])
        #expect(playbook.heldQuantity(asset: 0) == 70)
        #expect(playbook.heldQuantity(asset: 1) == 0)
    }

    /// Commission per share or per contract (100 units), at least the minimum; sign ignored.
    @Test func commissions() {
        let costs = CostModel(commissionPerShare: 0.01, commissionPerContract: 0.65, minimumCommission: 1)
        #expect(costs.commission(quantity: 250, isOption: false) == 2.5)
        #expect(costs.commission(quantity: -250, isOption: false) == 2.5)
        #expect(costs.commission(quantity: 50, isOption: false) == 1)                   // 0.50 → the minimum
        #expect(abs(costs.commission(quantity: 300, isOption: true) - 1.95) < 1e-12)   // 3 contracts × 0.65
        #expect(costs.commission(quantity: 0, isOption: true) == 0)                     // no fill, no minimum
    }

    /// Stock fills at the close ± slippage; option fills at mid ± (absolute + fractional)
    /// half-spread, never below 0.
    @Test func fills() {
        let costs = CostModel(slippageBps: 10, optionHalfSpread: 0.05, optionHalfSpreadFraction: 0.01)
        #expect(abs(costs.stockFill(price: 100, buying: true) - 100.1) < 1e-12)
        #expect(abs(costs.stockFill(price: 100, buying: false) - 99.9) < 1e-12)
        #expect(abs(costs.optionFill(mid: 2, buying: true) - 2.07) < 1e-12)
        #expect(abs(costs.optionFill(mid: 2, buying: false) - 1.93) < 1e-12)
        #expect(costs.optionFill(mid: 0.01, buying: false) == 0)
        // A cap: 0.05 + 1% of a 20.00 mid is 0.25, capped at 0.15 (buy 20.15, sell 19.85); a
        // 2.00 mid's 0.07 is under the cap and unchanged.
        var capped = costs
        capped.optionHalfSpreadMax = 0.15
        #expect(abs(capped.optionFill(mid: 20, buying: true) - 20.15) < 1e-12)
        #expect(abs(capped.optionFill(mid: 20, buying: false) - 19.85) < 1e-12)
        #expect(abs(capped.optionFill(mid: 2, buying: true) - 2.07) < 1e-12)
    }
}
