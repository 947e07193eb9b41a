/// The one lowering of decision specs to legs (DESIGN §2: composite kinds lower to plain legs
/// before the engine sees them). The study decoder calls these same functions on the specs it
/// reads, so a study file and a playbook built in Swift lower alike.
extension DecisionSpec {
    /// The decision with every variant lowered (`Variant.lowered`); the first variant is the
    /// one the portfolio holds. `costs` are the playbook's (a variant may set its own);
    /// `holdings` are what a hedge ratio sizes against.
    public func lowered(universe: Universe, costs: CostModel, holdings: [Holding]) throws(PlaybookProblem) -> Decision {
        var names: Set<String> = []
        for v in variants where !names.insert(v.name).inserted { throw .duplicateName(v.name) }
        return try lowered(universe: universe, costs: costs, holdings: holdings, checkingNames: false)
    }

    /// `lowered(universe:costs:holdings:)`, the variants' names unchecked when not
    /// `checkingNames` (the study decoder reports a name used twice where it stands).
    func lowered(universe: Universe, costs: CostModel, holdings: [Holding], checkingNames: Bool) throws(PlaybookProblem) -> Decision {
        if checkingNames { return try lowered(universe: universe, costs: costs, holdings: holdings) }
        guard let kind = variants.first?.structure.kind else { throw .emptySelection }
        var lowered: [DecisionVariant] = []
        for (k, v) in variants.enumerated() {
            guard v.structure.kind == kind else { throw .mixedKinds(kind, v.structure.kind) }
            lowered.append(try v.lowered(decisionID: id, inPortfolio: k == 0, universe: universe, costs: costs, holdings: holdings))
        }
        return Decision(id: id, kind: kind, description: description, variants: lowered)
    }
}

extension DecisionSpec.Variant {
    /// The variant as the engine runs it: its structure's legs (`Structure.legs`, each option
    /// with its exercise style: the explicit leg's, else the variant's, else the asset's), its size
    /// checked against them (`Sizing.problems`), its entry (the kind's default when nil) with
    /// its watch list resolved (`Entry.lowered`), its costs (the playbook's when nil).
    func lowered(decisionID: String, inPortfolio: Bool, universe: Universe, costs: CostModel,
                        holdings: [Holding]) throws(PlaybookProblem) -> DecisionVariant {
        var (legs, groups) = try structure.legs(in: universe, overHoldings: size.isHedgeRatio)
        let explicit: [ExerciseStyle?]
        if case let .legs(given) = structure { explicit = given.map(\.exercise) } else { explicit = legs.map { _ in nil } }
        for k in legs.indices where legs[k].isOption {
            legs[k].exercise = explicit[k] ?? exercise ?? universe.assets[legs[k].asset].exercise
        }
        if let problem = size.problems(kind: structure.kind, legs: legs, holdings: holdings, universe: universe).first { throw problem }
        let entry = try (self.entry ?? structure.defaultEntry).lowered(legs: legs, universe: universe)
        return DecisionVariant(decisionID: decisionID, name: name, kind: structure.kind, legs: legs, sizing: size, groupCount: groups,
                               entry: entry, exits: exits, costs: self.costs ?? costs, theses: theses, inPortfolio: inPortfolio)
    }
}

extension DecisionSpec.Structure {
    /// The legs of one unit of the structure and the number of underlying groups:
    /// - basket: stock per asset, weight ±wᵢ (− for a short basket); one group;
    /// - protection: per underlying g, a put (weight +1), and for a spread the lower put (−1);
    /// - pair: the long side's stocks at +wᵢ (side +1), the short side's at −wⱼ·s (side −1),
    ///   s = 1 dollar-neutral or β_long/β_short beta-neutral (`Neutrality.shortScale`); one group;
    /// - straddle: per underlying a call and a put at the strike (+1 each);
    /// - strangle: per underlying a put at the put strike and a call at the call strike (+1 each);
    /// - collar: per underlying stock (+1; left out `overHoldings`, where the holding is the
    ///   stock), a put (+1) and a call (−1);
    /// - legs: each leg as given (weight = its quantity), one group per underlying (in the
    ///   order of their first legs), so a spread's legs are sized as one unit.
    func legs(in universe: Universe, overHoldings: Bool) throws(PlaybookProblem) -> (legs: [Leg], groupCount: Int) {
        switch self {
        case let .basket(assets, side):
            let sign = side == .long ? 1.0 : -1.0
            return (try assets.resolved(in: universe).map { Leg(asset: $0.asset, instrument: .stock, weight: sign * $0.weight) }, 1)

        case let .pair(longSide, shortSide, neutral):
            let long = try longSide.resolved(in: universe), short = try shortSide.resolved(in: universe)
            if let overlap = long.first(where: { l in short.contains { $0.asset == l.asset } }) {
                throw .overlappingSides(ticker: universe.assets[overlap.asset].ticker)
            }
            let scale = try neutral.shortScale(long: long, short: short, universe: universe)
            return (long.map { Leg(asset: $0.asset, instrument: .stock, weight: $0.weight, side: 1) }
                + short.map { Leg(asset: $0.asset, instrument: .stock, weight: -$0.weight * scale, side: -1) }, 1)

        case let .protection(underlyings, protection, expiry):
            let assets = try AssetWeights.assets(selectedBy: underlyings, in: universe)
            try Self.check(expiry)
            var legs: [Leg] = []
            for (g, a) in assets.enumerated() {
                switch protection {
                case let .put(strike):
                    legs.append(Leg(asset: a, instrument: .option(.put, strike: strike, expiry: expiry), weight: 1, group: g))
                case let .putSpread(long, short):
                    legs.append(Leg(asset: a, instrument: .option(.put, strike: long, expiry: expiry), weight: 1, group: g))
                    legs.append(Leg(asset: a, instrument: .option(.put, strike: short, expiry: expiry), weight: -1, group: g))
                }
            }
            return (legs, assets.count)

        case let .eventStraddle(underlyings, _, _, strike, expiry):
            return try Self.options(underlyings, [(.call, strike), (.put, strike)], expiry, universe)

        case let .eventStrangle(underlyings, _, _, putStrike, callStrike, expiry):
            return try Self.options(underlyings, [(.put, putStrike), (.call, callStrike)], expiry, universe)

        case let .collar(underlyings, putStrike, callStrike, expiry):
            let assets = try AssetWeights.assets(selectedBy: underlyings, in: universe)
            try Self.check(expiry)
            var legs: [Leg] = []
            for (g, a) in assets.enumerated() {
                if !overHoldings { legs.append(Leg(asset: a, instrument: .stock, weight: 1, group: g)) }
                legs.append(Leg(asset: a, instrument: .option(.put, strike: putStrike, expiry: expiry), weight: 1, group: g))
                legs.append(Leg(asset: a, instrument: .option(.call, strike: callStrike, expiry: expiry), weight: -1, group: g))
            }
            return (legs, assets.count)

        case let .legs(given):
            guard !given.isEmpty else { throw .emptySelection }
            var legs: [Leg] = []
            var underlyings: [Int] = []
            for (k, leg) in given.enumerated() {
                guard let asset = universe.index(of: leg.ticker) else { throw .unknownSelector(leg.ticker) }
                guard leg.quantity != 0 else { throw .zeroQuantity(leg: k) }
                if case let .option(_, _, expiry) = leg.instrument { try Self.check(expiry) }
                // One group per underlying, as the other kinds: a spread's legs are sized together.
                let group = underlyings.firstIndex(of: asset) ?? underlyings.count
                if group == underlyings.count { underlyings.append(asset) }
                legs.append(Leg(asset: asset, instrument: leg.instrument, weight: leg.quantity, group: group))
            }
            return (legs, underlyings.count)
        }
    }

    /// The entry when a variant sets none: `daysBefore` trading days before the event for the
    /// event kinds, else at the start.
    var defaultEntry: DecisionSpec.Entry {
        switch self {
        case let .eventStraddle(_, event, daysBefore, _, _), let .eventStrangle(_, event, daysBefore, _, _, _):
            .beforeEvent(event, days: daysBefore)
        default:
            .atStart
        }
    }

    /// The event an event straddle or strangle is built around.
    var event: String? {
        switch self {
        case let .eventStraddle(_, event, _, _, _), let .eventStrangle(_, event, _, _, _, _): event
        default: nil
        }
    }

    /// Options on each underlying, one per (type, strike), weight +1, one group per underlying.
    static func options(_ underlyings: [String], _ strikes: [(OptionType, StrikeRule)], _ expiry: ExpiryRule,
                        _ universe: Universe) throws(PlaybookProblem) -> (legs: [Leg], groupCount: Int) {
        let assets = try AssetWeights.assets(selectedBy: underlyings, in: universe)
        try check(expiry)
        var legs: [Leg] = []
        for (g, a) in assets.enumerated() {
            for (type, k) in strikes { legs.append(Leg(asset: a, instrument: .option(type, strike: k, expiry: expiry), weight: 1, group: g)) }
        }
        return (legs, assets.count)
    }

    /// A tenor of at least one trading day.
    static func check(_ expiry: ExpiryRule) throws(PlaybookProblem) {
        if case let .tenorDays(t) = expiry, t < 1 { throw .dayCount("an option tenor", t) }
    }
}

extension DecisionSpec.Neutrality {
    /// The factor on the short side's weights: 1 dollar-neutral; β_long / β_short beta-neutral,
    /// with β of a side = Σ wᵢ·βᵢ over its resolved weights (summing to 1), so the two sides'
    /// beta exposures cancel at entry. Throws for a short side with |β| ≤ 10⁻⁹.
    func shortScale(long: [(asset: Int, weight: Double)], short: [(asset: Int, weight: Double)],
                           universe: Universe) throws(PlaybookProblem) -> Double {
        guard self == .beta else { return 1 }
        let betaLong = long.reduce(0) { $0 + $1.weight * universe.assets[$1.asset].beta }
        let betaShort = short.reduce(0) { $0 + $1.weight * universe.assets[$1.asset].beta }
        guard abs(betaShort) > 1e-9 else { throw .zeroShortBeta }
        return betaLong / betaShort
    }
}

extension DecisionSpec.Entry {
    /// The entry rule the engine runs. On weakness without a watch list the decision's own
    /// assets are watched, equally weighted: those of its legs on the long side of a pair (or
    /// of no pair), each once in leg order. Throws for negative day counts and a window
    /// below one day.
    func lowered(legs: [Leg], universe: Universe) throws(PlaybookProblem) -> EntryRule {
        switch self {
        case .atStart: return .atStart
        case let .onDay(d):
            guard d >= 0 else { throw .dayCount("an entry day", d) }
            return .onDay(d)
        case let .onDate(date): return .onDate(date)
        case let .beforeEvent(name, days):
            guard days >= 0 else { throw .dayCount("an entry before the event", days) }
            return .beforeEvent(name, days: days)
        case let .onWeakness(drop, reference, window, enterAtEnd, watch):
            guard window >= 1 else { throw .dayCount("an on-weakness window", window) }
            var watched: [(asset: Int, weight: Double)]
            if let watch {
                watched = try watch.resolved(in: universe)
            } else {
                var assets: [Int] = []
                for l in legs where l.side >= 0 && !assets.contains(l.asset) { assets.append(l.asset) }
                watched = assets.map { ($0, 1 / Double(assets.count)) }
            }
            return .onWeakness(drop: drop, reference: reference, windowDays: window, enterAtEnd: enterAtEnd, watch: watched)
        }
    }
}

extension Sizing {
    /// True for a hedge ratio (a size relative to held stock).
    var isHedgeRatio: Bool { if case .hedgeRatio = self { true } else { false } }

    /// What is wrong with this size for legs of `kind`: a premium budget for a kind without
    /// options (`DecisionKind.takesPremiumBudget`); a hedge ratio on an underlying the
    /// playbook does not hold (one problem per such asset, in universe order).
    func problems(kind: DecisionKind, legs: [Leg], holdings: [Holding], universe: Universe) -> [PlaybookProblem] {
        if case .premiumBudget = self, !kind.takesPremiumBudget { return [.premiumBudgetWithoutOptions(kind)] }
        return Self.unheldAssets(of: legs, holdings: holdings, sizing: self).map { .hedgeRatioWithoutHolding(ticker: universe.assets[$0].ticker) }
    }

    /// For a hedge ratio, the legs' assets of which `holdings` hold 0 units, in universe order
    /// (a hedge ratio sizes each leg as h × the units held of its asset); empty for other sizes.
    static func unheldAssets(of legs: [Leg], holdings: [Holding], sizing: Sizing) -> [Int] {
        guard sizing.isHedgeRatio else { return [] }
        return Set(legs.map(\.asset)).sorted().filter { a in holdings.filter { $0.asset == a }.reduce(0) { $0 + $1.quantity } == 0 }
    }
}

extension DecisionKind {
    /// Whether a premium budget can size the kind: every kind but the stock-only basket and pair.
    var takesPremiumBudget: Bool { self != .basket && self != .pair }
}
