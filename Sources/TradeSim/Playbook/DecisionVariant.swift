/// One decision variant lowered to legs: everything the engine needs, nothing composite.
public struct DecisionVariant: Sendable, Equatable {
    /// The decision's id.
    public var decisionID: String
    /// The variant's name ("" when the decision has a single variant).
    public var name: String
    /// The decision's kind.
    public var kind: DecisionKind
    /// The legs, each a stock or an option with a signed weight.
    public var legs: [Leg]
    /// How the weights become quantities at entry.
    public var sizing: Sizing
    /// Number of underlying groups the size is split across (premium budget, notional of
    /// option decisions).
    public var groupCount: Int
    /// When it enters.
    public var entry: EntryRule
    /// When it exits.
    public var exits: ExitRules
    /// Its trading costs and carry.
    public var costs: CostModel
    /// The card's claims about it.
    public var theses: [Thesis]
    /// True for the variant the portfolio holds (each decision's first).
    public var inPortfolio: Bool

    /// A lowered variant (the playbook's lowering builds them: `DecisionSpec.lowered`).
    public init(decisionID: String, name: String, kind: DecisionKind, legs: [Leg], sizing: Sizing, groupCount: Int,
                entry: EntryRule, exits: ExitRules, costs: CostModel, theses: [Thesis], inPortfolio: Bool) {
        self.decisionID = decisionID
        self.name = name
        self.kind = kind
        self.legs = legs
        self.sizing = sizing
        self.groupCount = groupCount
        self.entry = entry
        self.exits = exits
        self.costs = costs
        self.theses = theses
        self.inPortfolio = inPortfolio
    }

    /// Some leg is an option.
    public var hasOptions: Bool { legs.contains { $0.isOption } }
    /// Some leg is stock.
    public var hasStock: Bool { legs.contains { !$0.isOption } }
    /// The variant sells an American option and its exit rules assign it when its holder's
    /// early exercise is optimal (`ExitRules.Assignment.assign`).
    public var mayBeAssigned: Bool {
        exits.assignment == .assign && legs.contains(where: \.isSoldAmerican)
    }

    /// The scheduled events the variant refers to (its entry's, its event exit's, its options'
    /// expiries'), each once, in that order.
    public var events: [String] { Self.events(entry: entry, exits: exits, legs: legs) }

    /// The events that `entry`, `exits` and `legs` refer to, each once, in that order.
    static func events(entry: EntryRule, exits: ExitRules, legs: [Leg]) -> [String] {
        var names: [String] = []
        if let e = entry.event { names.append(e) }
        if let e = exits.afterEvent?.event { names.append(e) }
        for l in legs { if case let .option(_, _, .daysAfterEvent(e, _)) = l.instrument { names.append(e) } }
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// False where the variant never enters in `scenario`: its entry rule never fires there
    /// (`EntryRule.schedule(in:)`), or an event it refers to (`events`) is not scheduled.
    public func canEnter(in scenario: Scenario) -> Bool {
        entry.schedule(in: scenario) != .never && events.allSatisfy { scenario.event(named: $0) != nil }
    }
}

/// One leg: a stock or an option (European or American) on an asset, with a signed weight that sizing turns
/// into a quantity at entry.
public struct Leg: Sendable, Hashable {
    /// The underlying stock, or an option on it whose strike and expiry are set by
    /// rules on the entry day.
    public enum Instrument: Sendable, Hashable {
        case stock
        case option(OptionType, strike: StrikeRule, expiry: ExpiryRule)
    }

    /// The underlying's index in the universe.
    public var asset: Int
    /// Stock, or an option.
    public var instrument: Instrument
    /// Signed quantity per unit of size (see `Sizing`); + long, − short.
    public var weight: Double
    /// The underlying group the leg belongs to (for budgets split across underlyings).
    public var group: Int
    /// Pair side (+1 long side, −1 short side, 0 not a pair).
    public var side: Int
    /// An option's exercise style (the leg's own, else its decision's, else its asset's:
    /// `Asset.exercise`); European for stock, where it means nothing.
    public var exercise: ExerciseStyle

    /// A leg on asset `asset`.
    public init(asset: Int, instrument: Instrument, weight: Double, group: Int = 0, side: Int = 0,
                exercise: ExerciseStyle = .european) {
        self.asset = asset
        self.instrument = instrument
        self.weight = weight
        self.group = group
        self.side = side
        self.exercise = exercise
    }

    /// The leg is an American option.
    public var isAmerican: Bool { isOption && exercise == .american }

    /// The leg sells an option (its holder, on the other side, may exercise it).
    public var isSoldOption: Bool { isOption && weight < 0 }

    /// The leg sells an American option: its holder may exercise it early (`ExitRules.Assignment`).
    public var isSoldAmerican: Bool { isSoldOption && exercise == .american }

    /// The leg is an option.
    public var isOption: Bool { if case .option = instrument { true } else { false } }
}
