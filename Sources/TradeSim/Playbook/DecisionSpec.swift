/// A decision as a card states it — a kind with its own fields (a straddle's event and strike,
/// a pair's sides), a size, an entry, exits, costs and theses — before it is lowered to legs
/// (`lowered(universe:costs:holdings:)`, the one lowering the study decoder uses too).
///
/// Assets are named as in a study file: by ticker, by tag or `*`. A decision may list
/// variants (alternatives run side by side on the same paths; the portfolio holds the first),
/// each a complete set of the fields of one kind.
///
/// Built in Swift, a straddle around an event and a put spread (the card's decisions 4 and 2):
///
/// ```swift
/// let straddles = DecisionSpec(
///     id: "meeting-straddles",
///     .eventStraddle(underlyings: ["MP", "USAR"], event: "us-china-meeting", daysBefore: 5,
///                    strike: .moneyness(1), expiry: .tenorDays(21)),
///     size: .premiumBudget(20_000),
///     exits: ExitRules(afterEvent: (event: "us-china-meeting", days: 2)))
/// let protection = DecisionSpec(
///     id: "magnet-protection",
///     .protection(underlyings: ["magnet-exposed"],
///                 .putSpread(long: .moneyness(0.95), short: .moneyness(0.85)), expiry: .tenorDays(126)),
///     size: .premiumBudget(40_000))
/// let playbook = try Playbook(capital: 1_000_000, decisions: [straddles, protection], universe: universe)
/// ```
public struct DecisionSpec: Sendable, Hashable {
    /// Names the decision in every report (letters, digits, `-`, `_`, `.`).
    public var id: String
    /// What the card says about it.
    public var description: String
    /// At least one; names distinct ("" for a decision without variants).
    public var variants: [Variant]

    /// A decision without variants.
    public init(id: String, description: String = "", _ structure: Structure, size: Sizing, entry: Entry? = nil,
                exits: ExitRules = ExitRules(), costs: CostModel? = nil, theses: [Thesis] = [], exercise: ExerciseStyle? = nil) {
        self.init(id: id, description: description,
                  variants: [Variant(name: "", structure, size: size, entry: entry, exits: exits, costs: costs, theses: theses,
                                     exercise: exercise)])
    }

    /// A decision with variants (of one kind).
    public init(id: String, description: String = "", variants: [Variant]) {
        self.id = id
        self.description = description
        self.variants = variants
    }

    /// One alternative of a decision.
    public struct Variant: Sendable, Hashable {
        /// Names the variant in reports ("" when the decision has one).
        public var name: String
        /// What it trades.
        public var structure: Structure
        /// How much (money, a premium budget, a notional, a hedge ratio).
        public var size: Sizing
        /// When it enters; nil: the kind's default (`Structure.defaultEntry`).
        public var entry: Entry?
        /// When it exits.
        public var exits: ExitRules
        /// Its costs; nil: the playbook's.
        public var costs: CostModel?
        /// The card's claims about it.
        public var theses: [Thesis]
        /// The exercise style of its option legs; nil: each underlying's (`Asset.exercise`).
        /// An explicit leg's own `exercise` overrides it.
        public var exercise: ExerciseStyle?

        /// A variant named `name` (see the properties).
        public init(name: String, _ structure: Structure, size: Sizing, entry: Entry? = nil, exits: ExitRules = ExitRules(),
                    costs: CostModel? = nil, theses: [Thesis] = [], exercise: ExerciseStyle? = nil) {
            self.name = name
            self.structure = structure
            self.size = size
            self.entry = entry
            self.exits = exits
            self.costs = costs
            self.theses = theses
            self.exercise = exercise
        }
    }

    /// What a decision trades, per kind (DESIGN §1), with the defaults a study file assumes.
    /// Option underlyings are tickers or tags; each underlying is a group that a premium
    /// budget or a notional is split across equally.
    public enum Structure: Sendable, Hashable {
        /// Long (or short) a weighted basket of stocks.
        case basket(AssetWeights, side: Side = .long)
        /// Puts, or put spreads (long the higher strike, short the lower), on each underlying.
        case protection(underlyings: [String], Protection = .put(), expiry: ExpiryRule)
        /// Long one side, short the other: the short side's weights scaled by `neutral`'s rule.
        case pair(long: AssetWeights, short: AssetWeights, neutral: Neutrality = .dollar)
        /// A call and a put at one strike on each underlying, entered `daysBefore` trading days
        /// before the event.
        case eventStraddle(underlyings: [String], event: String, daysBefore: Int = Defaults.daysBeforeEvent,
                           strike: StrikeRule = Defaults.straddleStrike, expiry: ExpiryRule)
        /// A put below and a call above on each underlying, entered `daysBefore` trading days
        /// before the event.
        case eventStrangle(underlyings: [String], event: String, daysBefore: Int = Defaults.daysBeforeEvent,
                           putStrike: StrikeRule = Defaults.putStrike, callStrike: StrikeRule = Defaults.callStrike,
                           expiry: ExpiryRule)
        /// Long stock, long a put below, short a call above, on each underlying; over held
        /// stock (a `hedgeRatio` size) the holding is the stock and only the options are traded.
        case collar(underlyings: [String], putStrike: StrikeRule = Defaults.putStrike,
                    callStrike: StrikeRule = Defaults.callStrike, expiry: ExpiryRule)
        /// Explicit legs, each its own group.
        case legs([ExplicitLeg])

        /// The decision kind the structure lowers to.
        public var kind: DecisionKind {
            switch self {
            case .basket: .basket
            case .protection: .protection
            case .pair: .pair
            case .eventStraddle: .eventStraddle
            case .eventStrangle: .eventStrangle
            case .collar: .collar
            case .legs: .legs
            }
        }
    }

    /// Long or short (a basket).
    public enum Side: String, Sendable, Hashable, CaseIterable {
        case long
        case short
    }

    /// A protection decision's options on each underlying.
    public enum Protection: Sendable, Hashable {
        /// One long put.
        case put(strike: StrikeRule = Defaults.protectionStrike)
        /// Long a put at `long`, short a put at the lower `short`: the payoff max(K_long − S, 0) −
        /// max(K_short − S, 0), at most K_long − K_short.
        case putSpread(long: StrikeRule = Defaults.protectionStrike, short: StrikeRule)
    }

    /// How a pair's short side is sized against its long side.
    public enum Neutrality: String, Sendable, Hashable, CaseIterable {
        /// Equal money on both sides at entry.
        case dollar
        /// Equal beta exposure at entry: the short side's money × β_long / β_short, with each
        /// side's beta the weighted sum of its assets' betas (Σ wᵢ·βᵢ, weights summing to 1).
        case beta
    }

    /// A leg of a `legs` decision: a stock or an option on a ticker, with a signed quantity
    /// (+ long, − short) per unit of size.
    public struct ExplicitLeg: Sendable, Hashable {
        /// The underlying's ticker.
        public var ticker: String
        /// Stock, or an option with its strike and expiry rules.
        public var instrument: Leg.Instrument
        /// Signed units per unit of size (+ long, − short).
        public var quantity: Double
        /// An option's exercise style; nil: the decision's, else the asset's.
        public var exercise: ExerciseStyle?

        /// A leg of `quantity` × `instrument` on `ticker`.
        public init(ticker: String, _ instrument: Leg.Instrument, quantity: Double, exercise: ExerciseStyle? = nil) {
            self.ticker = ticker
            self.instrument = instrument
            self.quantity = quantity
            self.exercise = exercise
        }
    }

    /// When a decision enters, with its assets named by ticker or tag (lowered to `EntryRule`).
    public enum Entry: Sendable, Hashable {
        case atStart
        /// On this trading day (0 is the first).
        case onDay(Int)
        /// On this date (a trading day of the scenario, else never).
        case onDate(CalendarDate)
        /// This many trading days before the named event.
        case beforeEvent(String, days: Int)
        /// When the watched basket closes `drop` (0.08 = 8%) below its reference on a day within
        /// 1…`withinDays`; else skip or, with `enterAtEnd`, enter on the window's last day.
        /// `watch` nil: the decision's own assets (a pair's long side), equally weighted.
        case onWeakness(drop: Double, reference: EntryRule.WeaknessReference = .start, withinDays: Int,
                        enterAtEnd: Bool = false, watch: AssetWeights? = nil)
    }

    /// The values a study file's omitted fields take.
    public enum Defaults {
        /// A protection put's strike (and a put spread's long strike): 95% of spot.
        public static let protectionStrike = StrikeRule.moneyness(0.95)
        /// A straddle's strike: at the money.
        public static let straddleStrike = StrikeRule.moneyness(1)
        /// A strangle's or collar's put strike: 90% of spot.
        public static let putStrike = StrikeRule.moneyness(0.9)
        /// A strangle's or collar's call strike: 110% of spot.
        public static let callStrike = StrikeRule.moneyness(1.1)
        /// An explicit option leg's strike: at the money.
        public static let legStrike = StrikeRule.moneyness(1)
        /// Trading days before its event that an event straddle or strangle enters.
        public static let daysBeforeEvent = 5
    }
}
