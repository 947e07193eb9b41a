import Foundation

/// A decision variant compiled for one scenario: event names resolved to days, the implied
/// vols its option legs will be marked with, everything per-path work should not recompute.
/// Immutable and shared by every block of the run (a class, so handing it to the daily steps
/// costs one reference count, not one per array it holds).
final class DecisionProgram: Sendable {
    let variant: DecisionVariant
    let index: Int
    /// Fixed entry day, when the rule gives one (nil for on-weakness).
    let entryDay: Int?
    /// True when the decision cannot enter in this scenario (its event is absent, or its
    /// day lies outside the scenario).
    let neverEnters: Bool
    /// Day on which the event exit fires, if any.
    let exitEventDay: Int?
    /// Per leg: its expiry rule in this scenario (`ExpiryRule.resolved(in:listing:)`); nil for stock.
    let legExpiry: [ExpiryRule.Resolved?]
    /// Listed options (strikes on the ladder, whole contracts), or nil.
    let listing: OptionListing?
    /// Per option leg that leads its group: the group (the leg, then the later legs on the same
    /// asset with the same strike and expiry rules, which reuse its d₁ and d₂: a straddle's call
    /// and put), and which of them are puts — built once, so the daily marks allocate nothing.
    ///
    /// Row k of `optionGroups` (`FlatRows`) holds the group leg k leads (empty for a leg that
    /// leads none); `groupIsPut` stands beside its elements (which are American: `legAmerican`).
    let optionGroups: FlatRows<Int>
    let groupIsPut: [Bool]
    /// The passes of the daily mark, in leg order: each run of consecutive stock legs is one
    /// pass, each option group (at its leading leg) another.
    enum MarkPass { case stocks(Range<Int>), options(lead: Int) }
    let markPasses: [MarkPass]
    /// Implied vol per option leg asset: `iv[leg][day * (maxTenor + 1) + tenor]`.
    let ivTable: [[Double]]
    let maxTenor: Int
    /// Per option leg: the expiry every lane's position will have when the entry day is fixed
    /// (or the expiry is event-relative); nil otherwise (on weakness with a tenor), and for
    /// stock legs.
    let plannedExpiry: [Int?]
    /// Per option leg with a planned expiry: the day's shared terms for each day before it
    /// (`plannedTerms[leg * (horizon + 1) + day]`), computed once per run instead of once per
    /// block and day.
    let plannedTerms: [OptionDayTerms]
    /// Weakness watch list with 1/S₀ folded into the weights.
    let watchScaled: [(asset: Int, weight: Double)]
    let dividendYield: [Double]
    let borrowFee: [Double]
    /// The scenario's surface, for the strike and IV rules at entries and exits.
    let volModel: ImpliedVolModel
    /// Per asset: its price on the scenario's first day (the surface's reference spot).
    let referenceSpot: [Double]
    /// Per leg: the lane form of the strike IV when the leg's asset has a smile or a spot–vol
    /// beta (each lane then has its own IV); nil for flat, spot-independent IVs and for stock.
    let laneVolatility: [LaneVolatility?]
    /// Per leg: an option whose ATM IV an event's outcome rescales on each lane
    /// (`EventOutcome.ivAfter`; the lane's factor in `PathBlock.ivScale`).
    let atmScaled: [Bool]
    /// Facts the daily steps read, kept apart from `variant` so reading them copies nothing
    /// that holds a reference: each leg's asset; whether a stop, target or holding horizon can
    /// close a lane; whether the entry is watched every day (on weakness).
    let legAsset: [Int]
    /// Per leg: an American option (`Leg.isAmerican`), marked at its American value.
    let legAmerican: [Bool]
    /// Per leg: a sold American option, whose first close with its holder's early exercise
    /// optimal is recorded (`BlockRunner.watchExercise`).
    let legShortAmerican: [Bool]
    /// The sold American legs are assigned at that close (`DecisionVariant.mayBeAssigned`).
    let assigns: Bool
    let hasPathExitRule: Bool
    let entersAnyDay: Bool
    /// What entries and exits read of each leg — its asset, option type and strike rule (nil
    /// for stock), weight, budget group and pair side — and of the variant: these hold no
    /// references, so a lane's entry or exit copies no strings or arrays (the variant's legs
    /// hold event names in their expiry rules).
    struct LegFacts {
        let asset: Int
        let option: (type: OptionType, strike: StrikeRule)?
        let weight: Double
        let group: Int
        let side: Int
    }
    let legFacts: [LegFacts]
    let sizing: Sizing
    let costs: CostModel
    /// Per leg: `costs` with the contract multiplier of the leg's asset (`Asset.contractMultiplier`).
    let legCosts: [CostModel]
    let groupCount: Int
    let hasStock: Bool
    let isPair: Bool

    init(variant: DecisionVariant, index: Int, scenario: Scenario, universe: Universe, startPrices: [Double],
         listing: OptionListing? = nil) {
        self.variant = variant
        self.index = index
        self.listing = listing
        let horizon = scenario.horizonDays
        entryDay = variant.entry.day(in: scenario)
        exitEventDay = variant.exits.eventExitDay(in: scenario)
        neverEnters = !variant.canEnter(in: scenario)
        // Each option leg's expiry in this scenario (nil for stock, and where the event is not
        // scheduled: the variant then never enters).
        let expiries = variant.legs.map { leg -> ExpiryRule.Resolved? in
            if case let .option(_, _, rule) = leg.instrument { return rule.resolved(in: scenario, listing: listing) }
            return nil
        }
        legExpiry = expiries
        let fixed = expiries.map { e -> Int? in if case let .day(d)? = e { d } else { nil } }
        let tenors = expiries.map { e -> Int? in if case let .tenor(t)? = e { t } else { nil } }
        // Listed expiries: per entry day, the day of the listed expiry.
        let listedDays = expiries.map { e -> [Int]? in if case let .listed(days)? = e { days } else { nil } }

        var shares: [Int?] = []
        for (k, leg) in variant.legs.enumerated() {
            var found: Int?
            if case let .option(_, strike, expiry) = leg.instrument {
                for j in 0..<k {
                    if case let .option(_, s2, e2) = variant.legs[j].instrument, variant.legs[j].asset == leg.asset,
                       s2 == strike, e2 == expiry, shares[j] == nil {
                        found = j
                        break
                    }
                }
            }
            shares.append(found)
        }
        optionGroups = FlatRows(variant.legs.indices.map { k in
            variant.legs[k].isOption && shares[k] == nil ? [k] + variant.legs.indices.filter { shares[$0] == k } : []
        })
        groupIsPut = optionGroups.elements.map { k -> Bool in if case let .option(t, _, _) = variant.legs[k].instrument { t == .put } else { true } }
        var passes: [MarkPass] = []
        for (k, leg) in variant.legs.enumerated() {
            if !leg.isOption {
                if case let .stocks(run)? = passes.last, run.upperBound == k {
                    passes[passes.count - 1] = .stocks(run.lowerBound..<(k + 1))
                } else {
                    passes.append(.stocks(k..<(k + 1)))
                }
            } else if shares[k] == nil {
                passes.append(.options(lead: k))
            }
        }
        markPasses = passes

        // Longest tenor any option can have left on any day.
        var longest = 0
        for k in variant.legs.indices {
            if let t = tenors[k] { longest = max(longest, t) }
            if let f = fixed[k] { longest = max(longest, f) }
            if let days = listedDays[k] { for (d, e) in days.enumerated() { longest = max(longest, e - d) } }
        }
        maxTenor = longest
        var table: [[Double]] = []
        for leg in variant.legs {
            guard leg.isOption else { table.append([]); continue }
            var row = [Double](repeating: 0, count: (horizon + 1) * (longest + 1))
            for d in 0...horizon {
                for t in 0...longest {
                    row[d * (longest + 1) + t] = scenario.impliedVol(asset: leg.asset, day: d, tenorDays: t, universe: universe)
                }
            }
            table.append(row)
        }
        ivTable = table
        let start = entryDay
        plannedExpiry = variant.legs.indices.map { k in
            variant.legs[k].isOption
                ? fixed[k] ?? start.flatMap { d in tenors[k].map { d + $0 } ?? listedDays[k].map { $0[Swift.min(d, $0.count - 1)] } } : nil
        }
        let iv = table, planned = plannedExpiry
        // One flat table (a nested one is read through an outlined generic getter in the mark).
        var terms: [OptionDayTerms] = []
        terms.reserveCapacity(variant.legs.count * (horizon + 1))
        for k in variant.legs.indices {
            let q = universe.assets[variant.legs[k].asset].dividendYield
            for d in 0...horizon {
                // Days on or after the planned expiry are never read (the group has expired).
                guard let e = planned[k], d < e else {
                    terms.append(OptionDayTerms(sigma: 0, tenorDays: 0, rate: 0, dividendYield: 0))
                    continue
                }
                terms.append(OptionDayTerms(sigma: iv[k][d * (longest + 1) + min(e - d, longest)], tenorDays: e - d,
                                            rate: scenario.rate, dividendYield: q))
            }
        }
        plannedTerms = terms

        if case let .onWeakness(_, _, _, _, watch) = variant.entry {
            watchScaled = watch.map { ($0.asset, $0.weight / startPrices[$0.asset]) }
        } else {
            watchScaled = []
        }
        legAsset = variant.legs.map(\.asset)
        legAmerican = variant.legs.map(\.isAmerican)
        legShortAmerican = variant.legs.map(\.isSoldAmerican)
        assigns = variant.mayBeAssigned
        legFacts = variant.legs.map { leg in
            var option: (type: OptionType, strike: StrikeRule)?
            if case let .option(type, strike, _) = leg.instrument { option = (type, strike) }
            return LegFacts(asset: leg.asset, option: option, weight: leg.weight, group: leg.group, side: leg.side)
        }
        isPair = variant.kind == .pair
        sizing = variant.sizing
        costs = variant.costs
        legCosts = variant.legs.map { leg in
            var c = variant.costs
            if let m = universe.assets[leg.asset].contractMultiplier { c.contractMultiplier = m }
            return c
        }
        groupCount = variant.groupCount
        hasStock = variant.hasStock
        hasPathExitRule = variant.exits.stopLoss != nil || variant.exits.takeProfit != nil || variant.exits.horizonDays != nil
        if case .onWeakness = variant.entry { entersAnyDay = true } else { entersAnyDay = false }
        dividendYield = universe.assets.map(\.dividendYield)
        borrowFee = universe.assets.map(\.borrowFee)
        volModel = scenario.impliedVol
        referenceSpot = startPrices
        atmScaled = variant.legs.map { leg in leg.isOption && scenario.events.contains { $0.changesImpliedVolByOutcome(asset: leg.asset) } }
        let scaled = atmScaled
        laneVolatility = variant.legs.indices.map { k in
            let leg = variant.legs[k]
            return leg.isOption ? LaneVolatility(model: scenario.impliedVol, asset: leg.asset, referenceSpot: startPrices[leg.asset],
                                                 rate: scenario.rate, dividendYield: universe.assets[leg.asset].dividendYield,
                                                 perLaneLevel: scaled[k]) : nil
        }
    }

    /// The expiry day of option leg `k` entered on day `d` (`ExpiryRule.Resolved.day(enteredOn:)`).
    func expiry(leg k: Int, enteredOn d: Int) -> Int {
        legExpiry[k]?.day(enteredOn: d) ?? d
    }

    /// ATM implied vol of leg `k` on `day` with `tenor` trading days left.
    @inline(__always)
    func impliedVol(leg k: Int, day: Int, tenor: Int) -> Double {
        ivTable[k][day * (maxTenor + 1) + min(tenor, maxTenor)]
    }

    /// The IV of option leg `k` at `strike` on `day` with `tenor` days left and the asset at
    /// `spot` (`ImpliedVolModel.strikeVolatility`), around the ATM level × `atmScale` + `atmShift`.
    func strikeVolatility(leg k: Int, day: Int, tenor: Int, strike: Double, spot: Double, rate: Double, atmScale: Double = 1,
                          atmShift: Double = 0) -> Double {
        let atm = impliedVol(leg: k, day: day, tenor: tenor) * atmScale + atmShift
        guard laneVolatility[k] != nil else { return atm }
        let i = legAsset[k]
        return volModel.strikeVolatility(asset: i, atm: atm, strike: strike, spot: spot, referenceSpot: referenceSpot[i], rate: rate,
                                         dividendYield: dividendYield[i], years: Double(tenor) / TradingCalendar.tradingDaysPerYear)
    }
}
