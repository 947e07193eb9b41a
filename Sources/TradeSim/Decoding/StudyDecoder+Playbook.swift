import Foundation

/// Decoding the `playbook` of a study and lowering each decision (and variant) to legs.
extension StudyDecoder {
    static let playbookFields = ["capital", "holdings", "costs", "financingRate", "decisions", "listing"]
    static let listingFields = ["strikes", "strikeSteps", "expiries"]
    static let costFields = ["commissionPerShare", "commissionPerContract", "minimumCommission", "slippageBps",
                             "optionHalfSpread", "optionHalfSpreadFraction", "optionHalfSpreadMax", "contractMultiplier"]
    static let decisionFields = ["id", "kind", "description", "variants", "assets", "side", "size", "entry", "exit",
                                 "costs", "theses", "underlyings", "structure", "strike", "lowerStrike", "putStrike",
                                 "callStrike", "expiry", "long", "short", "neutral", "event", "daysBefore", "legs", "exercise"]
    /// Fields each kind takes besides the common ones.
    static let kindFields: [DecisionKind: [String]] = [
        .basket: ["assets", "side"],
        .protection: ["underlyings", "structure", "strike", "lowerStrike", "expiry", "exercise"],
        .pair: ["long", "short", "neutral"],
        .eventStraddle: ["underlyings", "event", "daysBefore", "strike", "expiry", "exercise"],
        .eventStrangle: ["underlyings", "event", "daysBefore", "putStrike", "callStrike", "expiry", "exercise"],
        .collar: ["underlyings", "putStrike", "callStrike", "expiry", "exercise"],
        .legs: ["legs", "exercise"],
    ]
    static let commonDecisionFields = ["id", "kind", "description", "variants", "size", "entry", "exit", "costs", "theses"]

    mutating func playbook(_ node: JSONNode, _ path: String, scenarios: [Scenario]) -> Playbook? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: Self.playbookFields)
        let capital = r.requiredNumber(o, "capital", NumberRule(min: 0, minInclusive: false, max: 1e15))
        let financing = r.optionalNumber(o, "financingRate", NumberRule(min: 0, max: 1)) ?? 0
        var costs = CostModel()
        if let (n, p) = o.member("costs") { costs = costModel(n, p, base: costs) ?? costs }
        var holdings: [Holding] = []
        if let (n, p) = o.member("holdings"), let list = r.array(n, p) {
            for (hn, hp) in list {
                guard let h = r.object(hn, hp) else { continue }
                r.rejectUnknown(h, allowed: ["ticker", "quantity"])
                let ticker = r.requiredString(h, "ticker")
                let quantity = r.requiredNumber(h, "quantity", NumberRule(min: -1e12, max: 1e12))
                if let t = ticker, universe.index(of: t) == nil {
                    r.problem(h.member("ticker")!.node, JSONPath.join(hp, "ticker"), found: MessageText.json(t), allowed: "a ticker of the universe")
                }
                if let t = ticker, let i = universe.index(of: t), let q = quantity { holdings.append(Holding(asset: i, quantity: q)) }
            }
        }
        var decisions: [Decision] = []
        guard let (dn, dp) = o.member("decisions") else {
            r.missing(o, "decisions", allowed: "an array of decisions")
            return nil
        }
        guard let list = r.array(dn, dp) else { return nil }
        if list.isEmpty { r.problem(dn, dp, found: "an empty array", allowed: "at least one decision") }
        var ids: Set<String> = []
        for (en, ep) in list {
            guard let d = decision(en, ep, base: costs, holdings: holdings, scenarios: scenarios) else { continue }
            if ids.contains(d.id) {
                r.problem(en, JSONPath.join(ep, "id"), found: "\(MessageText.json(d.id)) a second time", allowed: "a decision id used once")
            }
            ids.insert(d.id)
            decisions.append(d)
        }
        var listing: OptionListing?
        if let (n, p) = o.member("listing") {
            listing = optionListing(n, p)
            if listing != nil, decisions.count == list.count { checkWholeContracts(decisions, list) }
        }
        guard let capital else { return nil }
        return Playbook(capital: capital, holdings: holdings, costs: costs, financingRate: financing, decisions: decisions,
                        listing: listing)
    }

    /// `listing`: `{"strikes": "usEquity" | a step, "strikeSteps": {"TICKER": step}, "expiries":
    /// "monthly" | "weekly"}`, each optional (defaults: the US equity ladder, monthly expiries);
    /// the study's holidays move listed expiries.
    mutating func optionListing(_ node: JSONNode, _ path: String) -> OptionListing? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: Self.listingFields)
        var listing = OptionListing(holidays: calendar.holidays)
        let step = NumberRule(min: 0.01, max: 1e6)
        if let (n, p) = o.member("strikes") {
            if case .string = n.value {
                if r.choice(n, p, ["usEquity"]) == nil { return nil }
            } else if let x = r.number(n, p, step) {
                listing.strikes = .uniform(step: x)
            } else {
                return nil
            }
        }
        if let (n, p) = o.member("strikeSteps"), let map = r.numberMap(n, p, step) {
            for entry in map.entries {
                if let i = universe.index(of: entry.key) {
                    listing.assetStrikes[i] = .uniform(step: entry.value)
                } else {
                    r.problem(entry.node, entry.path, found: "a step for \(MessageText.json(entry.key))", allowed: "a ticker of the universe")
                }
            }
        }
        if let (n, p) = o.member("expiries") {
            guard let w = r.choice(n, p, ExpiryCycle.allCases.map(\.rawValue)) else { return nil }
            listing.expiries = ExpiryCycle(rawValue: w)!
        }
        return listing
    }

    /// With listed options every option leg holds a whole number of contracts per unit of its
    /// group: each option leg's weight (a `legs` quantity) must be a whole number.
    mutating func checkWholeContracts(_ decisions: [Decision], _ nodes: [(node: JSONNode, path: String)]) {
        for (d, (node, path)) in zip(decisions, nodes) {
            for v in d.variants {
                for leg in v.legs where leg.isOption && leg.weight != leg.weight.rounded() {
                    r.problem(node, path, found: "an option leg of \(leg.weight) contracts per unit in decision \(MessageText.json(d.id))",
                              allowed: "whole contracts per unit with \"listing\" (a legs quantity such as 1 or -2)")
                    return
                }
            }
        }
    }

    mutating func costModel(_ node: JSONNode, _ path: String, base: CostModel) -> CostModel? {
        guard let o = r.object(node, path) else { return nil }
        r.rejectUnknown(o, allowed: Self.costFields)
        var c = base
        let money = NumberRule(min: 0, max: 1e6)
        if let x = r.optionalNumber(o, "commissionPerShare", money) { c.commissionPerShare = x }
        if let x = r.optionalNumber(o, "commissionPerContract", money) { c.commissionPerContract = x }
        if let x = r.optionalNumber(o, "minimumCommission", money) { c.minimumCommission = x }
        if let x = r.optionalNumber(o, "slippageBps", NumberRule(min: 0, max: 10_000)) { c.slippageBps = x }
        if let x = r.optionalNumber(o, "optionHalfSpread", money) { c.optionHalfSpread = x }
        if let x = r.optionalNumber(o, "optionHalfSpreadFraction", NumberRule(min: 0, max: 1)) { c.optionHalfSpreadFraction = x }
        if let x = r.optionalNumber(o, "optionHalfSpreadMax", money) { c.optionHalfSpreadMax = x }
        if let x = r.optionalNumber(o, "contractMultiplier", NumberRule(min: 1, max: 1e6)) { c.contractMultiplier = x }
        return c
    }

    // MARK: - Decisions

    /// A decision's fields: a variant's own, falling back to the decision's.
    struct DecisionFields {
        let own: JSONObject?
        let base: JSONObject

        func member(_ key: String) -> (node: JSONNode, path: String)? {
            own?.member(key) ?? base.member(key)
        }
    }

    mutating func decision(_ node: JSONNode, _ path: String, base costs: CostModel, holdings: [Holding],
                           scenarios: [Scenario]) -> Decision? {
        guard let o = r.object(node, path) else { return nil }
        let id = r.requiredString(o, "id", allowed: Self.namePhrase)
        if let id, !Self.isSafeName(id) || id == "portfolio" {
            r.problem(o.member("id")!.node, JSONPath.join(path, "id"), found: MessageText.json(id), allowed: Self.namePhrase + ", not \"portfolio\"")
        }
        var kind: DecisionKind?
        if let (n, p) = o.member("kind") {
            if let w = r.choice(n, p, DecisionKind.allCases.map(\.rawValue)) { kind = DecisionKind(rawValue: w) }
        } else {
            r.missing(o, "kind", allowed: "one of " + DecisionKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        guard let kind else { r.rejectUnknown(o, allowed: Self.decisionFields); return nil }
        let allowed = Self.commonDecisionFields + Self.kindFields[kind]!
        r.rejectUnknown(o, allowed: allowed)
        let description = r.optionalString(o, "description") ?? ""

        var variantObjects: [JSONObject?] = [nil]
        var variantNames = [""]
        if let (vn, vp) = o.member("variants"), let list = r.array(vn, vp) {
            if list.isEmpty { r.problem(vn, vp, found: "an empty array", allowed: "at least one variant, or no 'variants'") }
            variantObjects = []
            variantNames = []
            for (xn, xp) in list {
                guard let v = r.object(xn, xp) else { continue }
                let fixed = ["id", "kind", "variants", "description"]
                let own = ["name"] + allowed.filter { !fixed.contains($0) }
                for key in v.order where fixed.contains(key) {
                    r.problemAtKey(v, key, found: "'\(key)', which a variant cannot set",
                                   allowed: "the variant's name and fields of its decision to override: \(own.dropFirst().joined(separator: ", "))")
                }
                r.rejectUnknown(v, allowed: own + fixed)
                let given = r.requiredString(v, "name", allowed: Self.namePhrase)
                let name = given ?? "?"
                if given != nil, !Self.isSafeName(name) {
                    r.problem(v.member("name")?.node ?? xn, JSONPath.join(xp, "name"), found: MessageText.json(name), allowed: Self.namePhrase)
                }
                if variantNames.contains(name) {
                    r.problem(v.member("name")?.node ?? xn, JSONPath.join(xp, "name"), found: "\(MessageText.json(name)) a second time", allowed: "distinct variant names")
                }
                variantObjects.append(v)
                variantNames.append(name)
            }
        }
        var variants: [DecisionSpec.Variant] = []
        for (k, v) in variantObjects.enumerated() {
            let f = DecisionFields(own: v, base: o)
            if let spec = variantSpec(kind: kind, f, variantName: variantNames[k], path: path, costs: costs, holdings: holdings,
                                      scenarios: scenarios) {
                variants.append(spec)
            }
        }
        guard let id, variants.count == variantObjects.count else { return nil }
        // (An empty 'variants', reported above: no legs, the decision kept for the id checks.)
        if variants.isEmpty { return Decision(id: id, kind: kind, description: description, variants: []) }
        do {
            let decision = try DecisionSpec(id: id, description: description, variants: variants)
                .lowered(universe: universe, costs: costs, holdings: holdings, checkingNames: false)
            // A decision's exit over its variants: "assign" where none of them sells an option (a
            // variant's own "assign" over no sold option was reported in `variantSpec`, which then
            // left no decision to get here).
            if variantObjects.contains(where: { $0 != nil }), let (xn, xp) = o.member("exit"),
               decision.variants.contains(where: { $0.exits.assignment == .assign }),
               !decision.variants.contains(where: { $0.legs.contains(where: \.isSoldOption) }) {
                assignsNothing(xn, xp)
            }
            return decision
        } catch {
            // (Each variant's pieces were lowered above, and a name used twice reported there.)
            r.problem(node, path, found: error.description, allowed: "a decision that lowers to legs")
            return nil
        }
    }

    /// `"assignment": "assign"` in exit object `n` of a decision that sells no option.
    mutating func assignsNothing(_ n: JSONNode, _ p: String) {
        guard let (an, ap) = r.object(n, p)?.member("assignment") else { return }
        r.problem(an, ap, found: "\"assign\" on a decision that sells no option",
                  allowed: "\"assign\" on a decision with a sold American option (a put spread's lower put, a collar's call, a sold leg), else \"hold\"")
    }

    // MARK: - Specs

    /// One variant's spec, read from its fields (falling back to the decision's). Its pieces
    /// are lowered as they are read (`DecisionSpec.Structure.legs`, `Sizing.problems`,
    /// `DecisionSpec.Entry.lowered`): the checks that follow need the legs and the entry day,
    /// and every problem is reported in the order of the fields.
    mutating func variantSpec(kind: DecisionKind, _ f: DecisionFields, variantName: String, path: String,
                              costs base: CostModel, holdings: [Holding], scenarios: [Scenario]) -> DecisionSpec.Variant? {
        let before = r.reports
        var costs = base
        if let (n, p) = f.member("costs") { costs = costModel(n, p, base: base) ?? base }
        guard let read = structure(kind: kind, f, path) else { return nil }
        let structure = read.structure

        // Legs: an explicit list whose every leg failed leaves none (its problems are reported).
        var legs: [Leg] = []
        if case let .legs(given) = structure, given.isEmpty {
            legs = []
        } else {
            // Over held exposure (hedgeRatio) a collar's stock is the holding.
            let overHoldings = sizingPeek(f)?.isHedgeRatio ?? false
            do {
                legs = try structure.legs(in: universe, overHoldings: overHoldings).legs
            } catch {
                reportLowering(error, at: read.shortSide ?? f.member("kind") ?? f.member("id"), path: path)
                return nil
            }
        }

        // Size
        var sizing: Sizing?
        if let (sn, sp) = f.member("size") {
            sizing = size(sn, sp, kind: kind)
        } else {
            missingField(f, "size", path, "{\"notional\": money}, {\"units\": n}, {\"premiumBudget\": money} or {\"hedgeRatio\": h}")
        }
        if let sizing {
            for a in Sizing.unheldAssets(of: legs, holdings: holdings, sizing: sizing) {
                r.problem(f.member("size")!.node, f.member("size")!.path, found: "a hedge ratio on \(universe.assets[a].ticker), which the playbook does not hold",
                          allowed: "holdings of every underlying (playbook.holdings) for a hedge ratio, or another size")
            }
        }

        // Entry and exits
        var entrySpec: DecisionSpec.Entry?
        var entry = (try? read.defaultEntry.lowered(legs: legs, universe: universe)) ?? .atStart
        if let (en, ep) = f.member("entry"), let given = entryRule(en, ep) {
            entrySpec = given
            do { entry = try given.lowered(legs: legs, universe: universe) } catch { reportLowering(error, at: (en, ep), path: path) }
        }
        var exits = ExitRules()
        if let (xn, xp) = f.member("exit") { exits = exitRules(xn, xp, event: read.event) ?? exits }
        // "assign" where nothing is sold: on a variant's own exit, or a decision's without
        // variants (a decision's exit over variants is checked against all of them: `decision`).
        if exits.assignment == .assign, !legs.contains(where: \.isSoldOption),
           f.own?.member("exit") != nil || f.own == nil, let (xn, xp) = f.member("exit") {
            assignsNothing(xn, xp)
        }
        for name in DecisionVariant.events(entry: entry, exits: exits, legs: legs)
        where !incompleteScenarios && !scenarios.contains(where: { $0.event(named: name) != nil }) {
            let located = f.member("event") ?? f.member("entry") ?? f.member("exit") ?? f.member("expiry")
            r.problem(located?.node, located?.path ?? path, found: "event \(MessageText.json(name)), which no scenario schedules",
                      allowed: "the name of an event in a scenario (\(Set(scenarios.flatMap { $0.events.map(\.name) }).sorted().joined(separator: ", ")))")
        }
        if !incompleteScenarios { checkEntryReachable(entry: entry, scenarios: scenarios, f: f, path: path) }
        checkExpiryAfterEntry(entry: entry, legs: legs, scenarios: scenarios, f: f, path: path)

        var theses: [Thesis] = []
        if let (tn, tp) = f.member("theses"), let list = r.array(tn, tp) {
            for (xn, xp) in list { if let t = thesis(xn, xp, scenarios: scenarios, kind: kind) { theses.append(t) } }
        }
        let exercise = exerciseStyle(f.own.flatMap { $0.has("exercise") ? $0 : nil } ?? f.base)
        guard let sizing, r.reports == before else { return nil }
        return DecisionSpec.Variant(name: variantName, structure, size: sizing, entry: entrySpec, exits: exits, costs: costs, theses: theses,
                                    exercise: exercise)
    }

    /// A kind's own fields as a structure, with what the checks after it need: the event it is
    /// built around (the default of the exit's and expiry's), the entry it takes when it sets
    /// none, and where its short side is (a pair's). Nil after a problem that leaves no legs to
    /// check the rest against; after other problems, a structure to go on checking with.
    struct ReadStructure {
        var structure: DecisionSpec.Structure
        var event: String?
        var defaultEntry: DecisionSpec.Entry
        var shortSide: (node: JSONNode, path: String)?
    }

    mutating func structure(kind: DecisionKind, _ f: DecisionFields, _ path: String) -> ReadStructure? {
        switch kind {
        case .basket:
            let side = f.member("side").flatMap { r.choice($0.node, $0.path, DecisionSpec.Side.allCases.map(\.rawValue)) }
                .flatMap(DecisionSpec.Side.init) ?? .long
            guard let (an, ap) = f.member("assets") else { missingField(f, "assets", path, "a map of tickers/tags to weights, or an array of tickers/tags (equal weights)"); return nil }
            guard let weights = assetWeights(an, ap) else { return nil }
            return ReadStructure(structure: .basket(weights, side: side), defaultEntry: .atStart)

        case .pair:
            guard let (ln, lp) = f.member("long") else { missingField(f, "long", path, "the long side: tickers/tags or a weight map"); return nil }
            guard let (sn, sp) = f.member("short") else { missingField(f, "short", path, "the short side: tickers/tags or a weight map"); return nil }
            let neutral = f.member("neutral").flatMap { r.choice($0.node, $0.path, DecisionSpec.Neutrality.allCases.map(\.rawValue)) }
                .flatMap(DecisionSpec.Neutrality.init) ?? .dollar
            guard let long = assetWeights(ln, lp), let short = assetWeights(sn, sp) else { return nil }
            return ReadStructure(structure: .pair(long: long, short: short, neutral: neutral), defaultEntry: .atStart, shortSide: (sn, sp))

        case .protection:
            guard let (names, underlyings) = underlyingList(f, path) else { return nil }
            let structure = f.member("structure").flatMap { r.choice($0.node, $0.path, ["put", "putSpread"]) } ?? "put"
            let strike = strikeRule(f, "strike", path, default: DecisionSpec.Defaults.protectionStrike)
            let expiry = expiryRule(f, path, event: nil)
            var lower: StrikeRule?
            if structure == "putSpread" {
                lower = strikeRule(f, "lowerStrike", path, default: nil)
                if lower == nil && f.member("lowerStrike") == nil { missingField(f, "lowerStrike", path, "the short put's strike, e.g. {\"moneyness\": 0.8}") }
                if let strike, let lower, let located = f.member("lowerStrike") {
                    checkStrikeOrder(low: lower, high: strike, bothPuts: true, equalAllowed: false, underlyings: underlyings,
                                     located: located, atLow: true, lowName: "the short put's", highName: "the long put's",
                                     allowed: "a lower strike below the long put's")
                }
            } else if let (n, p) = (f.own ?? f.base).member("lowerStrike") {
                // (A variant may inherit a decision-level lowerStrike meant for its spread sibling.)
                r.problem(n, p, found: "'lowerStrike' with structure \"put\"", allowed: "'lowerStrike' only with \"putSpread\"")
            }
            guard let strike, let expiry else { return nil }
            // (A spread whose short strike failed goes on as puts: its problem is reported.)
            let protection: DecisionSpec.Protection = lower.map { .putSpread(long: strike, short: $0) } ?? .put(strike: strike)
            return ReadStructure(structure: .protection(underlyings: names, protection, expiry: expiry), defaultEntry: .atStart)

        case .eventStraddle, .eventStrangle:
            guard let (names, underlyings) = underlyingList(f, path) else { return nil }
            let event = f.member("event").flatMap { r.string($0.node, $0.path) }
            if event == nil && f.member("event") == nil { missingField(f, "event", path, "the name of a scheduled event") }
            let given = f.member("daysBefore")
            let parsed = given.flatMap { r.integer($0.node, $0.path, min: 0, max: 252) }
            let expiry = expiryRule(f, path, event: event)
            var strikes: [StrikeRule?]
            if kind == .eventStraddle {
                strikes = [strikeRule(f, "strike", path, default: DecisionSpec.Defaults.straddleStrike)]
            } else {
                strikes = [strikeRule(f, "putStrike", path, default: DecisionSpec.Defaults.putStrike),
                           strikeRule(f, "callStrike", path, default: DecisionSpec.Defaults.callStrike)]
                if let put = strikes[0], let call = strikes[1] { checkPutBelowCall(put: put, call: call, f, underlyings: underlyings) }
            }
            guard let expiry, strikes.allSatisfy({ $0 != nil }) else { return nil }
            let days = parsed ?? DecisionSpec.Defaults.daysBeforeEvent
            // (A missing event, reported above, leaves the legs to check; an invalid daysBefore,
            // reported once, derives no entry.)
            let structure: DecisionSpec.Structure = kind == .eventStraddle
                ? .eventStraddle(underlyings: names, event: event ?? "", daysBefore: days, strike: strikes[0]!, expiry: expiry)
                : .eventStrangle(underlyings: names, event: event ?? "", daysBefore: days, putStrike: strikes[0]!,
                                 callStrike: strikes[1]!, expiry: expiry)
            let entersBefore = event != nil && (given == nil || parsed != nil)
            return ReadStructure(structure: structure, event: event, defaultEntry: entersBefore ? structure.defaultEntry : .atStart)

        case .collar:
            guard let (names, underlyings) = underlyingList(f, path) else { return nil }
            let put = strikeRule(f, "putStrike", path, default: DecisionSpec.Defaults.putStrike)
            let call = strikeRule(f, "callStrike", path, default: DecisionSpec.Defaults.callStrike)
            let expiry = expiryRule(f, path, event: nil)
            guard let put, let call, let expiry else { return nil }
            checkPutBelowCall(put: put, call: call, f, underlyings: underlyings)
            return ReadStructure(structure: .collar(underlyings: names, putStrike: put, callStrike: call, expiry: expiry), defaultEntry: .atStart)

        case .legs:
            guard let (ln, lp) = f.member("legs") else { missingField(f, "legs", path, "an array of legs"); return nil }
            guard let list = r.array(ln, lp) else { return nil }
            if list.isEmpty { r.problem(ln, lp, found: "an empty array", allowed: "at least one leg") }
            var legs: [DecisionSpec.ExplicitLeg] = []
            for (xn, xp) in list {
                if let leg = explicitLeg(xn, xp) { legs.append(leg) }
            }
            return ReadStructure(structure: .legs(legs), defaultEntry: .atStart)
        }
    }

    /// A problem the lowering found in fields the decoder read without finding it (a pair's
    /// sides that overlap, a beta-neutral short side of beta 0), at `located`.
    mutating func reportLowering(_ problem: PlaybookProblem, at located: (node: JSONNode, path: String)?, path: String) {
        switch problem {
        case let .overlappingSides(ticker):
            r.problem(located?.node, located?.path ?? path, found: "\(ticker) on both sides", allowed: "disjoint long and short sides")
        case .zeroShortBeta:
            r.problem(located?.node, located?.path ?? path, found: "a short side with beta 0", allowed: "a short side with non-zero beta for \"neutral\": \"beta\"")
        default:
            r.problem(located?.node, located?.path ?? path, found: problem.description, allowed: "a decision that lowers to legs")
        }
    }

    /// A strangle's or collar's put strike at or below its call strike (see `checkStrikeOrder`),
    /// reported at the strike the decision gives (putStrike when both are given).
    mutating func checkPutBelowCall(put: StrikeRule, call: StrikeRule, _ f: DecisionFields, underlyings: [Int]) {
        guard let located = f.member("putStrike") ?? f.member("callStrike") else { return }  // the defaults are in order
        let atPut = f.member("putStrike") != nil
        checkStrikeOrder(low: put, high: call, bothPuts: false, equalAllowed: true, underlyings: underlyings, located: located,
                         atLow: atPut, lowName: "the put's", highName: "the call's",
                         allowed: atPut ? "a put strike at or below the call strike" : "a call strike at or above the put strike")
    }

    mutating func missingField(_ f: DecisionFields, _ key: String, _ path: String, _ allowed: String) {
        r.missing(f.base, key, allowed: allowed)
    }

    /// Assets with weights: `{"MP": 0.6, "enabler": 0.4}` or `["MP", "REMX"]` (equal weights),
    /// each selector checked here (resolved and normalised by `AssetWeights.resolved(in:)`).
    mutating func assetWeights(_ node: JSONNode, _ path: String) -> AssetWeights? {
        if case let .array(elements) = node.value {
            guard let idx = selectors(node, path), !idx.isEmpty else {
                if elements.isEmpty { r.problem(node, path, found: "an empty array", allowed: "at least one ticker or tag") }
                return nil
            }
            return AssetWeights(equal: Self.strings(elements))
        }
        guard let (object, entries) = r.numberMap(node, path, NumberRule(min: 0, minInclusive: false, max: 1e6)) else { return nil }
        for e in entries where universe.resolve(e.key).isEmpty {
            r.problemAtKey(object, e.key, found: "\(MessageText.json(e.key)), which is no ticker or tag", allowed: universe.selectorPhrase)
            return nil
        }
        if entries.isEmpty { r.problem(node, path, found: "an empty object", allowed: "at least one ticker or tag with a weight > 0") }
        guard !entries.isEmpty else { return nil }
        return AssetWeights(weighted: entries.map { AssetWeights.Entry($0.key, weight: $0.value) })
    }

    /// The underlyings' selectors, and the assets they name (for the strike-order checks).
    mutating func underlyingList(_ f: DecisionFields, _ path: String) -> (names: [String], assets: [Int])? {
        guard let (n, p) = f.member("underlyings") else {
            missingField(f, "underlyings", path, "an array of tickers or tags")
            return nil
        }
        guard let idx = selectors(n, p) else { return nil }
        if idx.isEmpty { r.problem(n, p, found: "an empty array", allowed: "at least one ticker or tag") }
        guard !idx.isEmpty, case let .array(elements) = n.value else { return nil }
        return (Self.strings(elements), idx)
    }

    /// The strings of an array `selectors` accepted.
    static func strings(_ elements: [JSONNode]) -> [String] {
        elements.compactMap { if case let .string(s) = $0.value { s } else { nil } }
    }

    mutating func strikeRule(_ f: DecisionFields, _ key: String, _ path: String, default value: StrikeRule?) -> StrikeRule? {
        guard let (n, p) = f.member(key) else { return value }
        return strike(n, p)
    }

    mutating func strike(_ n: JSONNode, _ p: String) -> StrikeRule? {
        let allowed = "\"atm\", {\"moneyness\": m} (K = m × spot at entry), {\"delta\": Δ} or {\"price\": K}"
        if case let .string(s) = n.value {
            if s == "atm" { return .moneyness(1) }
            r.problem(n, p, found: n.summary, allowed: allowed)
            return nil
        }
        guard let o = r.object(n, p) else { return nil }
        r.rejectUnknown(o, allowed: ["moneyness", "delta", "price"])
        switch (o.member("moneyness"), o.member("delta"), o.member("price")) {
        case let (m?, nil, nil): return r.number(m.node, m.path, NumberRule(min: 0, minInclusive: false, max: 100)).map { .moneyness($0) }
        case let (nil, d?, nil):
            guard let x = r.number(d.node, d.path, NumberRule(min: -1, minInclusive: false, max: 1, maxInclusive: false)) else { return nil }
            guard x != 0 else { r.problem(d.node, d.path, found: "0", allowed: "a delta in (0, 1) for calls or (−1, 0) for puts"); return nil }
            return .delta(x)
        case let (nil, nil, k?): return r.number(k.node, k.path, .positive).map { .absolute($0) }
        default:
            r.problem(n, p, found: n.summary, allowed: "exactly one of " + allowed)
            return nil
        }
    }

    mutating func expiryRule(_ f: DecisionFields, _ path: String, event: String?) -> ExpiryRule? {
        guard let (n, p) = f.member("expiry") else {
            missingField(f, "expiry", path, "a tenor (\"6m\", a number of trading days) or {\"daysAfterEvent\": n}")
            return nil
        }
        switch n.value {
        case .object:
            guard let o = r.object(n, p) else { return nil }
            r.rejectUnknown(o, allowed: ["daysAfterEvent", "event"])
            let days = o.member("daysAfterEvent").flatMap { r.integer($0.node, $0.path, min: -252, max: 1000) }
            if o.member("daysAfterEvent") == nil { r.missing(o, "daysAfterEvent", allowed: "trading days after the event") }
            let name = r.optionalString(o, "event") ?? event
            guard let days else { return nil }
            guard let name else {
                r.missing(o, "event", allowed: "the name of a scheduled event")
                return nil
            }
            return .daysAfterEvent(name, days)
        default:
            guard let d = horizon(n, p) else { return nil }
            return .tenorDays(d)
        }
    }

    func sizingPeek(_ f: DecisionFields) -> Sizing? {
        guard let (n, _) = f.member("size"), case let .object(members) = n.value, members.count == 1,
              case let .number(x, _) = members[0].node.value else { return nil }
        switch members[0].key {
        case "hedgeRatio": return .hedgeRatio(x)
        case "notional": return .notional(x)
        default: return nil
        }
    }

    mutating func size(_ n: JSONNode, _ p: String, kind: DecisionKind) -> Sizing? {
        guard let o = r.object(n, p) else { return nil }
        let forms = ["notional", "units", "premiumBudget", "hedgeRatio"]
        r.rejectUnknown(o, allowed: forms)
        let given = forms.filter { o.has($0) }
        guard given.count == 1 else {
            r.problem(n, p, found: given.isEmpty ? "no size" : "\(given.joined(separator: " and "))",
                      allowed: "exactly one of notional (money), units, premiumBudget (money), hedgeRatio")
            return nil
        }
        let (vn, vp) = o.member(given[0])!
        switch given[0] {
        case "notional": return r.number(vn, vp, NumberRule(min: 0, minInclusive: false, max: 1e15)).map { .notional($0) }
        case "units": return r.number(vn, vp, NumberRule(min: 0, minInclusive: false, max: 1e12)).map { .units($0) }
        case "premiumBudget":
            if !kind.takesPremiumBudget {
                r.problem(vn, vp, found: "a premium budget for a \(kind.rawValue)", allowed: "notional or units (a \(kind.rawValue) has no options)")
                return nil
            }
            return r.number(vn, vp, NumberRule(min: 0, minInclusive: false, max: 1e15)).map { .premiumBudget($0) }
        default: return r.number(vn, vp, NumberRule(min: 0, minInclusive: false, max: 100)).map { .hedgeRatio($0) }
        }
    }

    mutating func explicitLeg(_ n: JSONNode, _ p: String) -> DecisionSpec.ExplicitLeg? {
        guard let o = r.object(n, p) else { return nil }
        r.rejectUnknown(o, allowed: ["ticker", "type", "quantity", "strike", "expiry", "exercise"])
        let ticker = r.requiredString(o, "ticker")
        if let t = ticker, universe.index(of: t) == nil {
            r.problem(o.member("ticker")!.node, JSONPath.join(p, "ticker"), found: MessageText.json(t), allowed: "a ticker of the universe")
        }
        let type = o.member("type").flatMap { r.choice($0.node, $0.path, ["stock", "call", "put"]) }
        if o.member("type") == nil { r.missing(o, "type", allowed: "\"stock\", \"call\" or \"put\"") }
        let quantity = r.requiredNumber(o, "quantity", NumberRule(min: -1e12, max: 1e12))
        if quantity == 0 { r.problem(o.member("quantity")!.node, JSONPath.join(p, "quantity"), found: "0", allowed: "a non-zero quantity (+ long, − short)") }
        guard let ticker, universe.index(of: ticker) != nil, let type, let quantity, quantity != 0 else { return nil }
        if type == "stock" {
            for key in ["strike", "expiry", "exercise"] where o.has(key) {
                r.problem(o.member(key)!.node, JSONPath.join(p, key), found: "'\(key)' on a stock leg", allowed: "'\(key)' only on option legs")
            }
            return DecisionSpec.ExplicitLeg(ticker: ticker, .stock, quantity: quantity)
        }
        let f = DecisionFields(own: nil, base: o)
        let k = strikeRule(f, "strike", p, default: DecisionSpec.Defaults.legStrike)
        let e = expiryRule(f, p, event: nil)
        let exercise = exerciseStyle(o)
        guard let k, let e, exercise != nil || !o.has("exercise") else { return nil }
        return DecisionSpec.ExplicitLeg(ticker: ticker, .option(type == "call" ? .call : .put, strike: k, expiry: e), quantity: quantity,
                                        exercise: exercise)
    }

    mutating func entryRule(_ n: JSONNode, _ p: String) -> DecisionSpec.Entry? {
        if case let .string(s) = n.value {
            if s == "start" { return .atStart }
            r.problem(n, p, found: n.summary, allowed: "\"start\" or an object with day, date, onWeakness or daysBeforeEvent")
            return nil
        }
        guard let o = r.object(n, p) else { return nil }
        r.rejectUnknown(o, allowed: ["day", "date", "onWeakness", "daysBeforeEvent", "event"])
        if let (en, ep) = o.member("event"), !o.has("daysBeforeEvent") {
            r.problem(en, ep, found: "'event' without 'daysBeforeEvent'", allowed: "'event' only with daysBeforeEvent (the entry N days before it)")
        }
        let rules = ["day", "date", "onWeakness", "daysBeforeEvent"].filter { o.has($0) }
        if rules.count > 1 {
            r.problem(o.member(rules[1])!.node, JSONPath.join(p, rules[1]), found: "both '\(rules[0])' and '\(rules[1])'",
                      allowed: "one entry rule: day, date, onWeakness or daysBeforeEvent")
            return nil
        }
        if let (dn, dp) = o.member("day") { return r.integer(dn, dp, min: 0, max: 100_000).map { .onDay($0) } }
        if let (dn, dp) = o.member("date") { return date(dn, dp).map { .onDate($0) } }
        if let (dn, dp) = o.member("daysBeforeEvent") {
            let days = r.integer(dn, dp, min: 0, max: 1000)
            guard let name = r.requiredString(o, "event", allowed: "the name of a scheduled event"), let days else { return nil }
            return .beforeEvent(name, days: days)
        }
        if let (wn, wp) = o.member("onWeakness") {
            guard let w = r.object(wn, wp) else { return nil }
            r.rejectUnknown(w, allowed: ["drop", "reference", "within", "otherwise", "watch"])
            let drop = r.requiredNumber(w, "drop", NumberRule(min: 0, minInclusive: false, max: 1, maxInclusive: false))
            let reference = w.member("reference").flatMap { r.choice($0.node, $0.path, ["start", "runningHigh"]) } ?? "start"
            var window: Int?
            if let (xn, xp) = w.member("within") { window = horizon(xn, xp) } else { r.missing(w, "within", allowed: Horizon.allowed) }
            let otherwise = w.member("otherwise").flatMap { r.choice($0.node, $0.path, ["skip", "enterAtEnd"]) } ?? "skip"
            // Without a watch list the lowering watches the decision's own assets.
            let watch = w.member("watch").map { assetWeights($0.node, $0.path) }
            guard let drop, let window, watch == nil || watch! != nil else { return nil }
            return .onWeakness(drop: drop, reference: reference == "start" ? .start : .runningHigh, withinDays: window,
                               enterAtEnd: otherwise == "enterAtEnd", watch: watch ?? nil)
        }
        r.problem(n, p, found: "an object without an entry rule", allowed: "one of day, date, onWeakness, daysBeforeEvent")
        return nil
    }

    mutating func exitRules(_ n: JSONNode, _ p: String, event: String?) -> ExitRules? {
        guard let o = r.object(n, p) else { return nil }
        r.rejectUnknown(o, allowed: ["takeProfit", "stopLoss", "horizon", "daysAfterEvent", "event", "assignment"])
        var e = ExitRules()
        e.takeProfit = r.optionalNumber(o, "takeProfit", NumberRule(min: 0, minInclusive: false, max: 100))
        e.stopLoss = r.optionalNumber(o, "stopLoss", NumberRule(min: 0, minInclusive: false, max: 100))
        if let (hn, hp) = o.member("horizon") { e.horizonDays = horizon(hn, hp) }
        if let (dn, dp) = o.member("daysAfterEvent") {
            let days = r.integer(dn, dp, min: 0, max: 1000)
            let name = r.optionalString(o, "event") ?? event
            if name == nil { r.missing(o, "event", allowed: "the name of a scheduled event") }
            if let days, let name { e.afterEvent = (name, days) }
        }
        if let (an, ap) = o.member("assignment"),
           let rule = r.choice(an, ap, ExitRules.Assignment.allCases.map(\.rawValue)).flatMap(ExitRules.Assignment.init(rawValue:)) {
            e.assignment = rule
        }
        return e
    }

    /// An option that would expire on or before its entry day (in a scenario where both are
    /// known in advance) is an error.
    /// An entry that no scenario can reach (after every horizon, on a date no scenario has, or
    /// more days before an event than the event is from the start) would never fire: a mistake.
    mutating func checkEntryReachable(entry: EntryRule, scenarios: [Scenario], f: DecisionFields, path: String) {
        guard !scenarios.isEmpty else { return }
        let located = f.member("entry") ?? f.member("daysBefore")
        let node = located?.node, at = located?.path ?? path
        // Unreachable: the entry rule never fires (`EntryRule.schedule`) in any scenario (for an
        // event, in any scenario that schedules it: an unscheduled one is reported apart).
        let relevant = entry.event.map { name in scenarios.filter { $0.event(named: name) != nil } } ?? scenarios
        guard !relevant.isEmpty, relevant.allSatisfy({ entry.schedule(in: $0) == .never }) else { return }
        switch entry {
        case let .onDay(d):
            let longest = scenarios.map(\.horizonDays).max()!
            r.problem(node, at, found: "day \(d), after every scenario's last day (the longest horizon is \(longest))",
                      allowed: "a day from 0 to \(longest)")
        case let .onDate(date):
            let first = scenarios.map { $0.dates.first! }.min()!, last = scenarios.map { $0.dates.last! }.max()!
            let why = date.isWeekend ? " (a \(date.weekdayName))"
                : (date >= first && date <= last ? " (a day none of the scenarios has)" : ", outside every scenario")
            // One range when the scenarios share their days, else each scenario's.
            let ranges = Set(scenarios.map { "\($0.dates.first!) to \($0.dates.last!)" })
            let allowed = ranges.count == 1 ? "a trading day of a scenario, from \(first) to \(last)"
                : "a trading day of a scenario (" + scenarios.map { "\($0.name): \($0.dates.first!) to \($0.dates.last!)" }.joined(separator: "; ") + ")"
            r.problem(node, at, found: "\(date)\(why)", allowed: allowed)
        case let .beforeEvent(name, days):
            let latest = relevant.compactMap { $0.event(named: name)?.day }.max()!
            r.problem(node, at, found: "\(days) days before event \(MessageText.json(name)), which is on day \(latest) at the latest",
                      allowed: "at most \(latest) days before it (day 0 is the first day)")
        case .atStart, .onWeakness:
            break
        }
    }

    mutating func checkExpiryAfterEntry(entry: EntryRule, legs: [Leg], scenarios: [Scenario], f: DecisionFields, path: String) {
        for (k, l) in legs.enumerated() {
            guard case let .option(_, _, expiry) = l.instrument else { continue }
            if case let .tenorDays(t) = expiry, t < 1 {
                r.problem(f.member("expiry")?.node, f.member("expiry")?.path ?? path, found: "a tenor of \(t) days", allowed: "at least 1 trading day")
                return
            }
            for s in scenarios {
                // Where both are known before the run: a fixed entry day and an event-relative expiry.
                let entryDay = entry.day(in: s)
                var expiryDay: Int?
                if case let .day(d)? = expiry.resolved(in: s) { expiryDay = d }
                if let entryDay, let expiryDay, expiryDay <= entryDay {
                    let located = f.member("expiry") ?? legExpiry(f, leg: k)
                    r.problem(located?.node, located?.path ?? path,
                              found: "an option expiring on day \(expiryDay) in scenario \(MessageText.json(s.name)), on or before its entry on day \(entryDay)",
                              allowed: "an expiry after the entry day")
                    return
                }
            }
        }
    }

    /// Where an explicit leg's expiry is (a `legs` decision's leg k is `legs[k]`).
    func legExpiry(_ f: DecisionFields, leg k: Int) -> (node: JSONNode, path: String)? {
        guard let (ln, lp) = f.member("legs"), case let .array(items) = ln.value, k < items.count,
              case let .object(members) = items[k].value, let e = members.first(where: { $0.key == "expiry" }) else { return nil }
        return (e.node, JSONPath.join(JSONPath.index(lp, k), "expiry"))
    }

    mutating func thesis(_ n: JSONNode, _ p: String, scenarios: [Scenario], kind: DecisionKind) -> Thesis? {
        guard let o = r.object(n, p) else { return nil }
        r.rejectUnknown(o, allowed: ["claim", "metric", "low", "high", "test", "scenarios", "given"])
        let claim = r.requiredString(o, "claim", allowed: "the card's words for the claim")
        let metric = o.member("metric").flatMap { r.choice($0.node, $0.path, Thesis.Metric.allCases.map(\.rawValue)) }.flatMap(Thesis.Metric.init) ?? .return
        if metric == .relativeReturnBps && kind != .pair {
            r.problem(o.member("metric")!.node, JSONPath.join(p, "metric"), found: "\"relativeReturnBps\" on a \(kind.rawValue)", allowed: "relativeReturnBps only for pairs")
        }
        let low = r.optionalNumber(o, "low", NumberRule(min: -1e12, max: 1e12))
        let high = r.optionalNumber(o, "high", NumberRule(min: -1e12, max: 1e12))
        let test = o.member("test").flatMap { r.choice($0.node, $0.path, ["within", "atLeast", "atMost"]) }.flatMap(Thesis.Test.init) ?? .within
        if low == nil && high == nil { r.problem(n, p, found: "neither low nor high", allowed: "a band: low and/or high") }
        if let l = low, let h = high, l > h {
            r.problem(o.member("high")!.node, JSONPath.join(p, "high"), found: "\(h), below low \(l)", allowed: "high ≥ low")
        }
        if test == .atLeast && low == nil { r.missing(o, "low", allowed: "the lower bound for \"atLeast\"") }
        if test == .atMost && high == nil { r.missing(o, "high", allowed: "the upper bound for \"atMost\"") }
        var names: [String] = []
        if let (sn, sp) = o.member("scenarios"), let list = r.strings(sn, sp) {
            let elements: [JSONNode] = { if case let .array(a) = sn.value { return a } else { return [] } }()
            for (k, name) in list.enumerated() where !scenarios.contains(where: { $0.name == name }) {
                r.problem(elements[k], JSONPath.index(sp, k), found: MessageText.json(name), allowed: "a scenario of the study (\(scenarios.map(\.name).joined(separator: ", ")))")
            }
            names = list
        }
        let given = o.member("given").map { thesisConditions($0.node, $0.path, scenarios: scenarios) } ?? []
        guard let claim else { return nil }
        return Thesis(claim: claim, metric: metric, low: low, high: high, test: test, scenarios: names, given: given)
    }

    /// A thesis's `given`, `{event: outcome}`: each event one the study's scenarios write, each
    /// outcome one of its outcomes (or, for an event no scenario gives outcomes, any name: a
    /// historical scenario states what happened).
    mutating func thesisConditions(_ n: JSONNode, _ p: String, scenarios: [Scenario]) -> [ThesisCondition] {
        guard let o = r.object(n, p) else { return [] }
        var out: [ThesisCondition] = []
        for key in o.order {
            guard let (vn, vp) = o.member(key) else { continue }
            guard let outcome = r.string(vn, vp, allowed: "the name of one of \(MessageText.json(key))'s outcomes") else { continue }
            let events = scenarios.flatMap(\.events).filter { $0.name == key }
            // Written in the study but in no decoded scenario: that scenario failed, and its
            // problem is reported already (no follow-on problem here).
            if events.isEmpty && eventHomes[key] != nil { continue }
            if events.isEmpty {
                let names = eventHomes.keys.sorted()
                r.problem(vn, vp, found: "\(MessageText.json(key)), which is no event of the study",
                          allowed: names.isEmpty ? "an event of the study's scenarios (it has none)"
                              : "an event of the study's scenarios (\(names.map(MessageText.json).joined(separator: ", ")))")
                continue
            }
            let named = Set(events.flatMap { $0.outcomes.map(\.name) } + events.compactMap(\.statedOutcome))
            if events.contains(where: { !$0.outcomes.isEmpty }) && !named.contains(outcome) {
                r.problem(vn, vp, found: MessageText.json(outcome),
                          allowed: "an outcome of \(MessageText.json(key)) (\(named.sorted().map(MessageText.json).joined(separator: ", ")))")
                continue
            }
            out.append(ThesisCondition(event: key, outcome: outcome))
        }
        return out
    }
}
