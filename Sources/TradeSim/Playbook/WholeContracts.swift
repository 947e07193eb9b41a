/// Whole listed contracts bought within a premium budget, costs included.
///
/// A group of legs (a put, a put spread, a straddle, a collar's stock and options) is bought in
/// units: one unit is `contracts` contracts of each leg (integers, negative for a sold leg),
/// each on `CostModel.contractMultiplier` shares (a stock leg: that many shares per contract).
/// n units cost
///
///     cost(n) = Σ_legs n·c_i·m·fill_i + Σ_legs commission(n·c_i·m)
///
/// with fill_i the leg's fill (`CostModel.optionFill` of an option's mid, `stockFill` of a
/// stock's price; paid when bought, received when sold) and the commission of each fill
/// (`CostModel.commission`: per contract or per share, with the minimum). The budget buys the
/// largest n with cost(n) ≤ budget; what it leaves is cash.
public struct WholeContracts: Sendable, Hashable {
    /// Units of the group bought (each leg holds n·c_i contracts).
    public var units: Int
    /// Money spent on premium and commissions (study currency): cost(units).
    public var spent: Double
    /// The budget's leftover: budget − spent (≥ 0).
    public var leftover: Double

    /// The most units of a group whose legs hold `contracts` contracts per unit (signed,
    /// whole) at `mids` (per share: an option's model mid, a stock's price; `isOption` tells
    /// which, every leg an option when omitted) that `budget` (study currency, ≥ 0) buys with
    /// `costs`; 0 units when the group is a net credit (a premium budget cannot size it), or
    /// when the budget cannot buy one unit.
    public init(budget: Double, contracts: [Int], mids: [Double], isOption: [Bool]? = nil, costs: CostModel) {
        precondition(contracts.count == mids.count && (isOption?.count ?? mids.count) == mids.count, "one mid per leg")
        let option = isOption ?? Array(repeating: true, count: mids.count)
        func fill(_ k: Int) -> Double {
            option[k] ? costs.optionFill(mid: mids[k], buying: contracts[k] > 0) : costs.stockFill(price: mids[k], buying: contracts[k] > 0)
        }
        func cost(_ n: Int) -> Double {
            var total = 0.0
            for k in contracts.indices where contracts[k] != 0 {
                let shares = Double(n * contracts[k]) * costs.contractMultiplier
                total += Self.entryCost(shares: shares, mid: mids[k], isOption: option[k], costs: costs)
            }
            return total
        }
        // cost(n) ≥ n·perUnit (a commission is at least its per-contract part), so n is at most
        // budget / perUnit; cost is non-decreasing in n, so the answer is found by bisection.
        // With a net debit per unit (premium > 0) every term of cost(n) is non-decreasing in n.
        var premium = 0.0, perUnit = 0.0
        for k in contracts.indices where contracts[k] != 0 {
            let shares = Double(contracts[k]) * costs.contractMultiplier
            premium += shares * fill(k)
            perUnit += option[k] ? Double(abs(contracts[k])) * costs.commissionPerContract : abs(shares) * costs.commissionPerShare
        }
        perUnit += premium
        guard budget.isFinite, budget > 0, premium > 0 else {
            self.init(units: 0, budget: budget, spent: 0)
            return
        }
        var low = 0, high = Int(Swift.min((budget / perUnit).rounded(.down), Double(Int32.max)))
        while low < high {
            let mid = (low + high + 1) / 2
            if cost(mid) <= budget { low = mid } else { high = mid - 1 }
        }
        self.init(units: low, budget: budget, spent: low > 0 ? cost(low) : 0)
    }

    /// What entering one leg costs (study currency): q·fill + commission(q), with q the signed
    /// shares (an option's in underlying units; negative when sold, which receives the fill),
    /// fill `CostModel.optionFill` of an option's mid or `stockFill` of a stock's price. A trade's
    /// spent premium is the sum over its legs (`PositionAnalysis.spent`).
    public static func entryCost(shares: Double, mid: Double, isOption: Bool, costs: CostModel) -> Double {
        let fill = isOption ? costs.optionFill(mid: mid, buying: shares > 0) : costs.stockFill(price: mid, buying: shares > 0)
        return shares * fill + costs.commission(quantity: shares, isOption: isOption)
    }

    private init(units: Int, budget: Double, spent: Double) {
        self.units = units
        self.spent = spent
        self.leftover = Swift.max(budget, 0) - spent
    }
}
