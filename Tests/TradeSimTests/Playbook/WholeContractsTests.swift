import Testing
@testable import TradeSim

/// Whole contracts within a premium budget. Expected values worked by hand from the rule in
/// `WholeContracts`' doc comment: n units cost n·Σ cᵢ·100·fillᵢ plus each leg's commission.
@Suite("Whole contracts")
struct WholeContractsTests {
    static let listedCosts = CostModel(commissionPerContract: 0.65, optionHalfSpread: 0.05)

    @Test("A put spread: 27 units of 361.30 within 10,000")
    func putSpread() {
        // fills 5.25 (bought) and 1.65 (sold): 360 of premium and 2 × 0.65 commission per unit
        let w = WholeContracts(budget: 10_000, contracts: [1, -1], mids: [5.20, 1.70], costs: Self.listedCosts)
        #expect(w.units == 27)
        #expect(abs(w.spent - 9_755.10) < 1e-9)
        #expect(abs(w.leftover - 244.90) < 1e-9)
    }

    @Test("Minimum commissions: two units cost 740 (20 of commission), one unit 380 exceeds 365")
    func minimumCommission() {
        var costs = Self.listedCosts
        costs.minimumCommission = 10
        let two = WholeContracts(budget: 800, contracts: [1, -1], mids: [5.20, 1.70], costs: costs)
        #expect(two.units == 2)
        #expect(abs(two.spent - 740) < 1e-9)
        let none = WholeContracts(budget: 365, contracts: [1, -1], mids: [5.20, 1.70], costs: costs)
        #expect(none.units == 0 && none.spent == 0 && none.leftover == 365)
        // without the minimum the same 800 buys 2 units for 722.60
        let plain = WholeContracts(budget: 800, contracts: [1, -1], mids: [5.20, 1.70], costs: Self.listedCosts)
        #expect(plain.units == 2 && abs(plain.spent - 722.60) < 1e-9)
    }

    @Test("A budget spent exactly, a straddle, a ratio spread")
    func exactAndShapes() {
        let exact = WholeContracts(budget: 1_200, contracts: [1], mids: [4], costs: CostModel())
        #expect(exact.units == 3 && exact.spent == 1_200 && exact.leftover == 0)
        let straddle = WholeContracts(budget: 5_000, contracts: [1, 1], mids: [6.1, 5.9], costs: CostModel())
        #expect(straddle.units == 4 && abs(straddle.leftover - 200) < 1e-9)
        // 1 × 2 put ratio: 100·(3 − 2·1.2) = 60 per unit
        let ratio = WholeContracts(budget: 1_000, contracts: [1, -2], mids: [3, 1.2], costs: CostModel())
        #expect(ratio.units == 16 && abs(ratio.spent - 960) < 1e-9)
    }

    @Test("A net credit, a zero or non-finite budget: no units, the budget left as cash")
    func unsizable() {
        #expect(WholeContracts(budget: 1_000, contracts: [-1], mids: [3], costs: CostModel()).units == 0)
        #expect(WholeContracts(budget: 1_000, contracts: [1, -1], mids: [1, 3], costs: CostModel()).units == 0)
        #expect(WholeContracts(budget: 0, contracts: [1], mids: [3], costs: CostModel()).units == 0)
        #expect(WholeContracts(budget: .infinity, contracts: [1], mids: [3], costs: CostModel()).units == 0)
        let small = WholeContracts(budget: 299, contracts: [1], mids: [3], costs: CostModel())
        #expect(small.units == 0 && small.leftover == 299)
    }
}
