import Testing
@testable import TradeSim

/// Decision specs lowered to legs (`DecisionSpec.Structure.legs`, `DecisionSpec.lowered`):
/// each kind's legs written out by hand from DESIGN §1, beta-neutral sizing from the betas,
/// tags resolved and weights normalised, and what the lowering refuses.
@Suite("Playbook lowering")
struct PlaybookLoweringTests {
    /// MP (0), REMX (1), LMT (2), XLI (3).
    static let universe = Universe([
        Asset(ticker: "MP", spot: 20, volatility: 0.5, beta: 2, tags: ["enabler", "processor"]),
        Asset(ticker: "REMX", spot: 50, volatility: 0.4, beta: 1.5, tags: ["enabler"]),
        Asset(ticker: "LMT", spot: 400, volatility: 0.25, beta: 0.5, tags: ["defense"]),
        Asset(ticker: "XLI", spot: 150, volatility: 0.2, beta: 1, tags: ["industrial"]),
    ])

    static func legs(_ s: DecisionSpec.Structure, overHoldings: Bool = false) throws -> (legs: [Leg], groupCount: Int) {
        try s.legs(in: universe, overHoldings: overHoldings)
    }

    static func option(_ asset: Int, _ type: OptionType, _ strike: StrikeRule, _ expiry: ExpiryRule, _ weight: Double, group: Int) -> Leg {
        Leg(asset: asset, instrument: .option(type, strike: strike, expiry: expiry), weight: weight, group: group)
    }

    // MARK: - Weights

    /// A tag's weight is split over its assets, an asset named twice gets the sum, and the
    /// weights are divided by their total: {MP: 1, enabler: 2} → MP 1 + 1 = 2, REMX 1, of 3.
    @Test func weightsResolveTagsAndNormalise() throws {
        let w = try (["MP": 1, "enabler": 2] as AssetWeights).resolved(in: Self.universe)
        #expect(w.map(\.asset) == [0, 1])
        #expect(w.map(\.weight) == [2.0 / 3, 1.0 / 3])
        let equal = try (["defense", "MP", "enabler"] as AssetWeights).resolved(in: Self.universe)
        #expect(equal.map(\.asset) == [0, 1, 2] && equal.map(\.weight) == [1.0 / 3, 1.0 / 3, 1.0 / 3])
        #expect(try AssetWeights.assets(selectedBy: ["*"], in: Self.universe) == [0, 1, 2, 3])
    }

    @Test func weightsThatDoNotResolve() {
        #expect(throws: PlaybookProblem.unknownSelector("TSLA")) { try (["MP", "TSLA"] as AssetWeights).resolved(in: Self.universe) }
        #expect(throws: PlaybookProblem.emptySelection) { try AssetWeights(equal: []).resolved(in: Self.universe) }
        #expect(throws: PlaybookProblem.weight(selector: "MP", 0)) { try (["MP": 0] as AssetWeights).resolved(in: Self.universe) }
    }

    // MARK: - Kinds

    @Test func basket() throws {
        let (legs, groups) = try Self.legs(.basket(["MP": 3, "LMT": 1], side: .short))
        #expect(legs == [Leg(asset: 0, instrument: .stock, weight: -0.75), Leg(asset: 2, instrument: .stock, weight: -0.25)])
        #expect(groups == 1)
    }

    /// Beta-neutral: the short side's weights × β_long / β_short. Long MP (β 2), short LMT and
    /// XLI equally (β 0.5·0.5 + 0.5·1 = 0.75): scale 2 / 0.75 = 8/3.
    @Test func pairDollarAndBetaNeutral() throws {
        let dollar = try Self.legs(.pair(long: ["MP"], short: ["LMT", "XLI"]))
        #expect(dollar.legs == [Leg(asset: 0, instrument: .stock, weight: 1, side: 1),
                                Leg(asset: 2, instrument: .stock, weight: -0.5, side: -1),
                                Leg(asset: 3, instrument: .stock, weight: -0.5, side: -1)])
        let beta = try Self.legs(.pair(long: ["MP"], short: ["LMT", "XLI"], neutral: .beta))
        #expect(beta.legs.map(\.weight) == [1, -0.5 * (2 / 0.75), -0.5 * (2 / 0.75)])
        // The two sides' beta exposures cancel: Σ w·β = 0.
        let exposure = beta.legs.reduce(0) { $0 + $1.weight * Self.universe.assets[$1.asset].beta }
        #expect(abs(exposure) < 1e-12)
    }

    @Test func pairsTheLoweringRefuses() throws {
        #expect(throws: PlaybookProblem.overlappingSides(ticker: "MP")) { try Self.legs(.pair(long: ["processor"], short: ["enabler"])) }
        // Short β: 0.5·0.5 + 0.5·(−0.5)… with LMT at β 0.5 and a made-up asset at −0.5.
        let hedged = Universe(Self.universe.assets + [Asset(ticker: "NEG", spot: 10, volatility: 0.2, beta: -0.5)])
        #expect(throws: PlaybookProblem.zeroShortBeta) {
            try DecisionSpec.Structure.pair(long: ["MP"], short: ["LMT", "NEG"], neutral: .beta).legs(in: hedged, overHoldings: false)
        }
        #expect(try DecisionSpec.Structure.pair(long: ["MP"], short: ["LMT", "NEG"]).legs(in: hedged, overHoldings: false).legs.count == 3)
    }

    /// Puts or put spreads per underlying, each underlying its own group.
    @Test func protection() throws {
        let spread = try Self.legs(.protection(underlyings: ["defense", "XLI"], .putSpread(short: .moneyness(0.8)), expiry: .tenorDays(63)))
        let k = DecisionSpec.Defaults.protectionStrike
        #expect(spread.legs == [Self.option(2, .put, k, .tenorDays(63), 1, group: 0), Self.option(2, .put, .moneyness(0.8), .tenorDays(63), -1, group: 0),
                                Self.option(3, .put, k, .tenorDays(63), 1, group: 1), Self.option(3, .put, .moneyness(0.8), .tenorDays(63), -1, group: 1)])
        #expect(spread.groupCount == 2)
        let puts = try Self.legs(.protection(underlyings: ["LMT"], .put(strike: .delta(-0.3)), expiry: .tenorDays(21)))
        #expect(puts.legs == [Self.option(2, .put, .delta(-0.3), .tenorDays(21), 1, group: 0)])
    }

    @Test func straddleAndStrangle() throws {
        let e = ExpiryRule.daysAfterEvent("m", 2)
        let straddle = try Self.legs(.eventStraddle(underlyings: ["enabler"], event: "m", expiry: e))
        #expect(straddle.legs == [Self.option(0, .call, .moneyness(1), e, 1, group: 0), Self.option(0, .put, .moneyness(1), e, 1, group: 0),
                                  Self.option(1, .call, .moneyness(1), e, 1, group: 1), Self.option(1, .put, .moneyness(1), e, 1, group: 1)])
        let strangle = try Self.legs(.eventStrangle(underlyings: ["MP"], event: "m", callStrike: .absolute(25), expiry: e))
        #expect(strangle.legs == [Self.option(0, .put, .moneyness(0.9), e, 1, group: 0), Self.option(0, .call, .absolute(25), e, 1, group: 0)])
        #expect(DecisionSpec.Structure.eventStrangle(underlyings: ["MP"], event: "m", daysBefore: 3, expiry: e).defaultEntry
                == .beforeEvent("m", days: 3))
        #expect(DecisionSpec.Structure.eventStraddle(underlyings: ["MP"], event: "m", expiry: e).defaultEntry == .beforeEvent("m", days: 5))
        #expect(DecisionSpec.Structure.basket(["MP"]).defaultEntry == .atStart)
    }

    /// A collar buys the stock, except over held stock (a hedge ratio), where it trades only
    /// the options.
    @Test func collarBoughtOrOverHoldings() throws {
        let collar = DecisionSpec.Structure.collar(underlyings: ["LMT"], expiry: .tenorDays(42))
        let bought = try Self.legs(collar)
        #expect(bought.legs == [Leg(asset: 2, instrument: .stock, weight: 1, group: 0),
                                Self.option(2, .put, .moneyness(0.9), .tenorDays(42), 1, group: 0),
                                Self.option(2, .call, .moneyness(1.1), .tenorDays(42), -1, group: 0)])
        #expect(try Self.legs(collar, overHoldings: true).legs == Array(bought.legs.dropFirst()))
    }

    @Test func explicitLegs() throws {
        let call = Leg.Instrument.option(.call, strike: .delta(0.5), expiry: .tenorDays(21))
        // One group per underlying (a premium budget or an option notional is split over
        // underlyings, README "Size"): XLI's two legs are one group, LMT's leg the second.
        let (legs, groups) = try Self.legs(.legs([.init(ticker: "XLI", .stock, quantity: -10), .init(ticker: "LMT", call, quantity: 1),
                                                  .init(ticker: "XLI", call, quantity: 2)]))
        #expect(legs == [Leg(asset: 3, instrument: .stock, weight: -10, group: 0), Leg(asset: 2, instrument: call, weight: 1, group: 1),
                         Leg(asset: 3, instrument: call, weight: 2, group: 0)])
        #expect(groups == 2)
        #expect(throws: PlaybookProblem.unknownSelector("industrial")) { try Self.legs(.legs([.init(ticker: "industrial", .stock, quantity: 1)])) }
        #expect(throws: PlaybookProblem.zeroQuantity(leg: 0)) { try Self.legs(.legs([.init(ticker: "XLI", .stock, quantity: 0)])) }
        #expect(throws: PlaybookProblem.dayCount("an option tenor", 0)) {
            try Self.legs(.legs([.init(ticker: "XLI", .option(.put, strike: .moneyness(1), expiry: .tenorDays(0)), quantity: 1)]))
        }
    }

    // MARK: - Entries, sizes, decisions

    /// On weakness without a watch list: the decision's own assets on the long side, each once,
    /// equally weighted; with one, its weights resolved.
    @Test func weaknessWatchList() throws {
        let legs = try Self.legs(.pair(long: ["enabler"], short: ["XLI"])).legs
        let own = try DecisionSpec.Entry.onWeakness(drop: 0.1, withinDays: 10).lowered(legs: legs, universe: Self.universe)
        #expect(own == .onWeakness(drop: 0.1, reference: .start, windowDays: 10, enterAtEnd: false, watch: [(0, 0.5), (1, 0.5)]))
        let given = try DecisionSpec.Entry.onWeakness(drop: 0.1, reference: .runningHigh, withinDays: 10, enterAtEnd: true, watch: ["XLI": 1])
            .lowered(legs: legs, universe: Self.universe)
        #expect(given == .onWeakness(drop: 0.1, reference: .runningHigh, windowDays: 10, enterAtEnd: true, watch: [(3, 1)]))
        #expect(throws: PlaybookProblem.dayCount("an on-weakness window", 0)) {
            try DecisionSpec.Entry.onWeakness(drop: 0.1, withinDays: 0).lowered(legs: legs, universe: Self.universe)
        }
    }

    @Test func sizesTheLegsCannotTake() throws {
        let basket = try Self.legs(.basket(["MP"])).legs
        #expect(Sizing.premiumBudget(100).problems(kind: .basket, legs: basket, holdings: [], universe: Self.universe)
                == [.premiumBudgetWithoutOptions(.basket)])
        let puts = try Self.legs(.protection(underlyings: ["XLI", "MP", "LMT"], expiry: .tenorDays(21))).legs
        // Unheld underlyings in universe order (MP, XLI), the held LMT not among them.
        #expect(Sizing.hedgeRatio(1).problems(kind: .protection, legs: puts, holdings: [Holding(asset: 2, quantity: 10)], universe: Self.universe)
                == [.hedgeRatioWithoutHolding(ticker: "MP"), .hedgeRatioWithoutHolding(ticker: "XLI")])
        #expect(Sizing.units(1).problems(kind: .protection, legs: puts, holdings: [], universe: Self.universe).isEmpty)
    }

    /// A decision's variants lower in order, the first held by the portfolio, each with its
    /// costs (the playbook's where it sets none) and its kind's default entry.
    @Test func decisionWithVariants() throws {
        let playbookCosts = CostModel(slippageBps: 5), ownCosts = CostModel(commissionPerContract: 0.65)
        let spec = DecisionSpec(id: "p", variants: [
            .init(name: "puts", .protection(underlyings: ["LMT"], expiry: .tenorDays(63)), size: .premiumBudget(1000)),
            .init(name: "spreads", .protection(underlyings: ["LMT"], .putSpread(short: .moneyness(0.85)), expiry: .tenorDays(63)),
                  size: .premiumBudget(1000), costs: ownCosts),
        ])
        let d = try spec.lowered(universe: Self.universe, costs: playbookCosts, holdings: [])
        #expect(d.kind == .protection && d.variants.map(\.name) == ["puts", "spreads"])
        #expect(d.variants.map(\.inPortfolio) == [true, false])
        #expect(d.variants.map(\.costs) == [playbookCosts, ownCosts])
        #expect(d.variants.map(\.legs.count) == [1, 2] && d.variants.allSatisfy { $0.entry == .atStart && $0.groupCount == 1 })
    }

    @Test func decisionsTheLoweringRefuses() throws {
        let puts = DecisionSpec.Variant(name: "a", .protection(underlyings: ["LMT"], expiry: .tenorDays(63)), size: .units(1))
        let basket = DecisionSpec.Variant(name: "b", .basket(["MP"]), size: .units(1))
        #expect(throws: PlaybookProblem.mixedKinds(.protection, .basket)) {
            try DecisionSpec(id: "x", variants: [puts, basket]).lowered(universe: Self.universe, costs: CostModel(), holdings: [])
        }
        #expect(throws: PlaybookProblem.duplicateName("a")) {
            try DecisionSpec(id: "x", variants: [puts, puts]).lowered(universe: Self.universe, costs: CostModel(), holdings: [])
        }
        #expect(throws: PlaybookProblem.emptySelection) {
            try DecisionSpec(id: "x", variants: []).lowered(universe: Self.universe, costs: CostModel(), holdings: [])
        }
        let one = DecisionSpec(id: "x", .basket(["MP"]), size: .notional(100))
        #expect(throws: PlaybookProblem.duplicateName("x")) { try Playbook(capital: 1000, decisions: [one, one], universe: Self.universe) }
        #expect(throws: PlaybookProblem.hedgeRatioWithoutHolding(ticker: "MP")) {
            try Playbook(capital: 1000, decisions: [DecisionSpec(id: "h", .collar(underlyings: ["MP"], expiry: .tenorDays(5)), size: .hedgeRatio(1))],
                         universe: Self.universe)
        }
    }
}
