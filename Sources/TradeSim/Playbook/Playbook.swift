/// The decisions of a study, their money and costs: what the engine runs in every scenario.
public struct Playbook: Sendable, Equatable {
    /// Cash at the start, in the study currency.
    public var capital: Double
    /// Existing positions held through every scenario (the exposure protection overlays).
    public var holdings: [Holding]
    /// Costs that apply unless a decision sets its own.
    public var costs: CostModel
    /// Annual rate charged on negative portfolio cash, accrued per trading day.
    public var financingRate: Double
    /// The decisions, in playbook order.
    public var decisions: [Decision]
    /// Listed options (whole contracts, listed strikes and expiries); nil: idealised options.
    public var listing: OptionListing?

    /// A playbook of decisions already lowered to legs.
    public init(capital: Double, holdings: [Holding] = [], costs: CostModel = CostModel(), financingRate: Double = 0,
                decisions: [Decision], listing: OptionListing? = nil) {
        self.capital = capital
        self.holdings = holdings
        self.costs = costs
        self.financingRate = financingRate
        self.decisions = decisions
        self.listing = listing
    }

    /// A playbook of decisions built in Swift, each lowered to legs (`DecisionSpec.lowered`)
    /// against `universe` (the study's). Throws where a spec does not lower, and for a
    /// decision id used twice.
    public init(capital: Double, holdings: [Holding] = [], costs: CostModel = CostModel(), financingRate: Double = 0,
                decisions specs: [DecisionSpec], universe: Universe, listing: OptionListing? = nil) throws(PlaybookProblem) {
        var ids: Set<String> = []
        var decisions: [Decision] = []
        for spec in specs {
            guard ids.insert(spec.id).inserted else { throw .duplicateName(spec.id) }
            decisions.append(try spec.lowered(universe: universe, costs: costs, holdings: holdings))
        }
        self.init(capital: capital, holdings: holdings, costs: costs, financingRate: financingRate, decisions: decisions,
                  listing: listing)
    }

    /// Every decision variant, lowered, in playbook order (a decision's variants together).
    public var variants: [DecisionVariant] { decisions.flatMap(\.variants) }

    /// Units of an asset held (0 when none).
    public func heldQuantity(asset: Int) -> Double {
        holdings.filter { $0.asset == asset }.reduce(0) { $0 + $1.quantity }
    }
}

/// A position held from day 0 (not bought: part of the starting portfolio).
public struct Holding: Sendable, Hashable {
    /// The asset's index in the universe.
    public var asset: Int
    /// Units held (negative for a short).
    public var quantity: Double

    /// A holding of `quantity` units of asset `asset`.
    public init(asset: Int, quantity: Double) {
        self.asset = asset
        self.quantity = quantity
    }
}

/// Trading costs and carry.
///
/// Stock fills are at the close ± `slippageBps` (buys pay more, sells get less); option fills
/// at the model mid ± the half-spread (absolute per unit plus a fraction of the mid, at most
/// `optionHalfSpreadMax` per unit when set). Each fill
/// (one leg, one day) pays commission per share or per contract (`contractMultiplier` units),
/// at least `minimumCommission`. Short stock pays `borrowFee` of the asset (annual, on the
/// short's value at each close, /252 per trading day held).
public struct CostModel: Sendable, Hashable {
    /// Money per share traded.
    public var commissionPerShare: Double
    /// Money per option contract (`contractMultiplier` units) traded.
    public var commissionPerContract: Double
    /// The least commission a fill pays.
    public var minimumCommission: Double
    /// Stock slippage from the close, in basis points.
    public var slippageBps: Double
    /// Option half-spread, in price units per unit.
    public var optionHalfSpread: Double
    /// Option half-spread as a fraction of the mid.
    public var optionHalfSpreadFraction: Double
    /// The largest option half-spread, in price units per unit (nil: no cap). Quoted spreads
    /// widen with the premium much less than in proportion: a fraction of the mid that suits
    /// cheap options overcharges deep in-the-money ones, which this caps.
    public var optionHalfSpreadMax: Double?
    /// Units per option contract (100).
    public var contractMultiplier: Double

    /// Costs; zero by default, 100 units a contract.
    public init(commissionPerShare: Double = 0, commissionPerContract: Double = 0, minimumCommission: Double = 0,
                slippageBps: Double = 0, optionHalfSpread: Double = 0, optionHalfSpreadFraction: Double = 0,
                optionHalfSpreadMax: Double? = nil, contractMultiplier: Double = 100) {
        self.commissionPerShare = commissionPerShare
        self.commissionPerContract = commissionPerContract
        self.minimumCommission = minimumCommission
        self.slippageBps = slippageBps
        self.optionHalfSpread = optionHalfSpread
        self.optionHalfSpreadFraction = optionHalfSpreadFraction
        self.optionHalfSpreadMax = optionHalfSpreadMax
        self.contractMultiplier = contractMultiplier
    }

    /// Commission for one fill of `quantity` units (sign ignored).
    public func commission(quantity: Double, isOption: Bool) -> Double {
        let q = abs(quantity)
        guard q > 0 else { return 0 }
        let raw = isOption ? commissionPerContract * q / contractMultiplier : commissionPerShare * q
        return Swift.max(raw, minimumCommission)
    }

    /// The price a stock fill gets: close × (1 ± slippage), worse for the trader.
    public func stockFill(price: Double, buying: Bool) -> Double {
        price * (1 + (buying ? 1 : -1) * slippageBps / 10_000)
    }

    /// The price an option fill gets: mid ± half-spread, never below 0; the half-spread is
    /// `optionHalfSpread` + `optionHalfSpreadFraction` × mid, at most `optionHalfSpreadMax`.
    public func optionFill(mid: Double, buying: Bool) -> Double {
        let proportional = optionHalfSpread + optionHalfSpreadFraction * mid
        let half = optionHalfSpreadMax.map { Swift.min(proportional, $0) } ?? proportional
        return Swift.max(mid + (buying ? half : -half), 0)
    }
}

/// A decision of the playbook with its variants (alternatives run side by side on the same
/// paths; the portfolio holds the first).
public struct Decision: Sendable, Equatable {
    /// The decision's id (unique in the playbook).
    public var id: String
    /// The decision's kind.
    public var kind: DecisionKind
    /// What the card says about it.
    public var description: String
    /// Its variants, lowered (at least one; the first is held by the portfolio).
    public var variants: [DecisionVariant]

    /// A decision with its lowered variants.
    public init(id: String, kind: DecisionKind, description: String = "", variants: [DecisionVariant]) {
        self.id = id
        self.kind = kind
        self.description = description
        self.variants = variants
    }
}
