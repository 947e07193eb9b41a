/// A study drafted from a card's text (`tradesim draft`): the study as JSON, what was read
/// from each key decision, and what the rules could not decide.
///
/// The study validates as it is: values the card does not give (spots, volatilities, sizes,
/// the event's date, scenario weights and views) are filled with `DraftDefaults` and listed in
/// `unresolved`, and unknown tickers become placeholder assets `TBD-1`, `TBD-2`, … with a
/// `note` saying what they stand for. Every decision's `note` quotes its bullet and says how
/// each value was read.
package struct StudyDraft: Sendable {
    package var study: JSONValue
    package var readings: [DecisionReading]
    package var unresolved: [String]
    /// What the user should see even with `--quiet`: spots taken from stale closes.
    package var warnings: [String] = []

    /// The study file's text.
    package var json: String { study.text() + "\n" }

    /// Drafts a study from a card. Refused (`InputProblems`, naming `cardName`): a card of more
    /// than `DraftLimits.cardBytes` bytes or `DraftLimits.decisions` key decisions, one without
    /// a decision the rules read, and one whose study would hold more assets than a study may
    /// (`StudyDecoder.maximumAssets`).
    /// - Parameters:
    ///   - cardText: the card as text.
    ///   - cardName: the card's file name, for the notes and the fallback study name.
    ///   - start: day 0 of the study (a weekday); `startStated` false lists it as to decide.
    ///   - history: daily closes (e.g. `--prices`); a named ticker with a series gets its spot
    ///     and volatility from it (`MarketEstimate`) instead of placeholders, and is a ticker
    ///     wherever the card names it (`TickerEvidence`).
    ///   - tickers: the symbols of `--tickers FILE`: tickers, and then the only unmarked capitalised
    ///     words read as tickers.
    ///   - calendar: the study's `calendar`, the exchange whose holidays by rule it closes
    ///     (`ExchangeCalendar`); `start` must not be one of them.
    package static func draft(cardText: String, cardName: String, start: CalendarDate, startStated: Bool,
                             history: [PriceSeries] = [], tickers: Set<String>? = nil, calendar: ExchangeCalendar = .nyse,
                             version: String = TradeSimVersion.string) -> Result<StudyDraft, InputProblems> {
        let bytes = cardText.utf8.count
        guard bytes <= DraftLimits.cardBytes else {
            return .failure(InputProblems([InputProblem(file: cardName, path: "", found: "\(bytes) bytes of text",
                allowed: "a card of at most \(DraftLimits.cardBytes) bytes (4 MiB; a card is a few kilobytes)")]))
        }
        let card = Card.parse(cardText)
        guard card.decisions.count <= DraftLimits.decisions else {
            return .failure(InputProblems([InputProblem(file: cardName, path: "Key Decisions", found: "\(card.decisions.count) key-decision bullets",
                allowed: "at most \(DraftLimits.decisions) key decisions on a card")]))
        }
        if let closure = calendar.holidayPhrase(on: start) {
            return .failure(InputProblems([InputProblem(file: cardName, path: "start", found: "\(start) (\(closure))",
                allowed: "a trading day")]))
        }
        let reader = DecisionReader.shared
        var evidence = TickerEvidence(certain: TickerEvidence.marked(in: cardText), listIsComplete: tickers != nil)
        evidence.certain.formUnion(history.map(\.ticker))
        evidence.certain.formUnion(tickers ?? [])
        var readings: [DecisionReading] = []
        var unresolved: [String] = []
        var exits: [(number: Int, text: String)] = []
        for (k, bullet) in card.decisions.enumerated() {
            if let r = reader.read(bullet, number: k + 1, evidence: evidence) {
                readings.append(r)
            } else if reader.closesAPosition(bullet) {
                exits.append((k + 1, bullet))
            } else {
                unresolved.append("key decision \(k + 1): not a decision (it names no trade: long/short, buy/sell, own, accumulate, overweight/underweight, puts/protection/hedge, pair/vs/against, straddles/strangles, collar); not drafted: \"\(DecisionReader.excerpt(bullet))\"")
            }
        }
        // Trims and exits: the take-profit of the decision that opens the position, else not read.
        let holders = DecisionReader.longBaskets(readings)
        for e in exits {
            unresolved.append(reader.applyExit(e.text, number: e.number, to: &readings, holders: holders, evidence: evidence))
        }
        unresolved.sort { Self.bulletNumber($0) < Self.bulletNumber($1) }
        if readings.isEmpty {
            let found = card.decisions.isEmpty ? "no key-decision bullets" : "\(card.decisions.count) bullet(s), none naming a decision kind"
            return .failure(InputProblems([InputProblem(file: cardName, path: "Key Decisions", found: found,
                allowed: "a card with 'Key Decisions' followed by bullet lines (•, -, *, 1.) that say what to do: go long …, buy puts on …, pair: long … vs short …, straddles around …")]))
        }
        var builder = Builder(card: card, cardName: cardName, readings: readings, start: start, version: version)
        builder.calendar = calendar
        for series in history { builder.history[series.ticker] = series }
        builder.unresolved = unresolved + readings.flatMap(\.unresolved)
        builder.unresolved.sort { Self.bulletNumber($0) < Self.bulletNumber($1) }
        var ambiguous: [String] = [], unlisted: [String] = []
        for r in readings {
            for t in r.ambiguousTickers where !ambiguous.contains(t) { ambiguous.append(t) }
            for w in r.unlistedWords where !unlisted.contains(w) { unlisted.append(w) }
        }
        builder.unresolved += ambiguous.map { "universe: \($0) is read as a ticker from its capitals alone (not written $\($0) or (\($0)), not in --prices or --tickers); check it" }
        builder.unresolved += unlisted.map { "universe: \($0) is not read as an asset: --tickers does not list it and the card does not mark it ($\($0)); add it to the list if it is one" }
        if !startStated {
            builder.unresolved.insert("start: \(start) is the next trading day after today; set the study's day 0 (start)", at: 0)
        }
        let study = builder.build()
        guard builder.tickers.count <= StudyDecoder.maximumAssets else {
            let placeholders = builder.placeholderFor.count
            return .failure(InputProblems([InputProblem(file: cardName, path: "Key Decisions",
                found: "\(builder.tickers.count) assets to draft (\(builder.tickers.count - placeholders) tickers and \(placeholders) placeholders TBD-n)",
                allowed: "at most \(StudyDecoder.maximumAssets) assets in a study: a card that names fewer tickers and groups, or split into several cards")]))
        }
        // Every scenario holds every event (its own or the defaults'): their product is what a run and the validator handle.
        let pairs = builder.eventCount * builder.scenarioCount
        guard pairs <= DraftLimits.scenarioEventPairs else {
            return .failure(InputProblems([InputProblem(file: cardName, path: "Key Decisions",
                found: "\(builder.eventCount) events and \(builder.scenarioCount) scenarios to draft (\(pairs) scenario-event pairs)",
                allowed: "at most \(DraftLimits.scenarioEventPairs) scenario-event pairs (each scenario holds every event): a card that names fewer events and conditions, or split into several cards")]))
        }
        return .success(StudyDraft(study: study, readings: builder.readings, unresolved: builder.unresolved, warnings: builder.warnings))
    }

    /// The key decision an item of the list is about (its "key decision N:"), others after all of them, in order.
    static func bulletNumber(_ item: String) -> Int {
        guard item.hasPrefix("key decision ") else { return Int.max }
        return Int(item.dropFirst(13).prefix { $0.isNumber }) ?? Int.max
    }
}

/// Assembles the study JSON from the readings.
struct Builder {
    let card: Card
    let cardName: String
    var readings: [DecisionReading]
    let start: CalendarDate
    let version: String
    var unresolved: [String] = []

    /// Universe in order of first mention: ticker → tags, and what each placeholder stands for.
    var tickers: [String] = []
    /// Position of each ticker in `tickers`.
    var position: [String: Int] = [:]
    var tags: [String: [String]] = [:]
    var tagSets: [String: Set<String>] = [:]
    /// Tag → its assets in universe order (what `tickers.filter { tags[$0].contains(tag) }`
    /// gives, kept up to date instead of recomputed for every decision).
    var assetsByTag: [String: [String]] = [:]
    var placeholderFor: [String: String] = [:]
    var groupAssets: [String: [String]] = [:]
    /// Closes by ticker, for spots and volatilities.
    var history: [String: PriceSeries] = [:]
    /// The exchange whose holidays the study's `calendar` names.
    var calendar: ExchangeCalendar = .nyse
    /// Spots by ticker, as written in the universe (holding quantities are sized on them).
    var spots: [String: Double] = [:]
    var warnings: [String] = []
    /// The drafted study's events and scenarios (`DraftLimits.scenarioEventPairs` bounds their product).
    var eventCount = 0
    var scenarioCount = 0
    /// Each event's trading day: from the card's date, else the placeholder `DraftDefaults.eventDay`.
    var eventDays: [String: Int] = [:]

    init(card: Card, cardName: String, readings: [DecisionReading], start: CalendarDate, version: String) {
        self.card = card
        self.cardName = cardName
        self.readings = readings
        self.start = start
        self.version = version
    }

    mutating func build() -> JSONValue {
        // Universe: every group's tickers and placeholders, tagged with the group's tag.
        for i in readings.indices {
            for g in readings[i].groups + readings[i].longGroups + readings[i].shortGroups { addGroup(g, decision: readings[i].number) }
            let n = readings[i].number
            if readings[i].kind != .pair && readings[i].groups.isEmpty {
                let g = placeholderGroup("decision-\(n)-names", phrase: "the names of key decision \(n)", decision: n)
                readings[i].groups = [g]
                unresolved.append("key decision \(n): it names no assets; a placeholder group '\(g.tag!)' is used")
            }
            for side in ["long", "short"] where readings[i].kind == .pair
                && (side == "long" ? readings[i].longGroups : readings[i].shortGroups).isEmpty {
                let g = placeholderGroup("decision-\(n)-\(side)", phrase: "the \(side) side of key decision \(n)", decision: n)
                if side == "long" { readings[i].longGroups = [g] } else { readings[i].shortGroups = [g] }
                unresolved.append("key decision \(n): the pair's \(side) side is not named; a placeholder group '\(g.tag!)' is used")
            }
        }
        // A pair's sides must not share an asset (tags are shared across decisions): the short
        // side loses what the long side holds, and falls back to a placeholder if nothing is left.
        for i in readings.indices where readings[i].kind == .pair {
            let longAssets = Set(underlyingSelectors(readings[i].longGroups).flatMap(assets))
            let shortSelectors = underlyingSelectors(readings[i].shortGroups)
            let shortAssets = shortSelectors.flatMap(assets)
            guard shortAssets.contains(where: longAssets.contains) else { continue }
            var kept: [String] = [], held = Set<String>()
            for t in shortAssets where !longAssets.contains(t) && held.insert(t).inserted { kept.append(t) }
            let n = readings[i].number
            if kept.isEmpty {
                readings[i].shortGroups = [placeholderGroup("decision-\(n)-short", phrase: "the short side of key decision \(n)", decision: n)]
            } else {
                readings[i].shortGroups = [DecisionReading.Group(phrase: shortSelectors.joined(separator: ", "), tag: nil, tickers: kept, offset: 0)]
            }
            unresolved.append("key decision \(n): the pair's short side (\(shortSelectors.joined(separator: ", "))) shares assets with its long side; the short side is \(underlyingSelectors(readings[i].shortGroups).joined(separator: ", ")) — check it")
        }
        var estimated: [String] = []
        var noHistory: [String] = []
        var universe: [JSONValue] = []
        for t in tickers { universe.append(universeEntry(t, estimated: &estimated, noHistory: &noHistory)) }
        if !noHistory.isEmpty {
            unresolved.append("universe: spot \(JSONText.wholeOrDecimal(DraftDefaults.spot)) and volatility \(JSONText.wholeOrDecimal(DraftDefaults.volatility)) are placeholders for \(noHistory.joined(separator: ", ")); set them (and drift, dividendYield, borrowFee, beta, correlation)")
        }
        if !estimated.isEmpty {
            unresolved.append("universe: spot and volatility of \(estimated.joined(separator: ", ")) come from their closes before \(start); set drift, dividendYield, borrowFee, beta and a correlation")
        }

        // Events and scenarios, scenarios linked to the outcomes the card ties them to (EventPlan).
        resolveBareEvents()
        var (events, scenarios, scenarioNames) = eventsAndScenarios()
        eventCount = events.count
        scenarioCount = max(scenarios.count, 1)
        if scenarios.isEmpty {
            scenarios = [.object([
                JSONField("name", .string("base")), JSONField("weight", .number(1)),
                JSONField("description", .string("One Monte Carlo world: the card states no conditions for its claims.")),
                JSONField("note", .string("Add the card's upside and downside worlds as scenarios with weights and drifts.")),
            ])]
        }
        unresolved.append("scenarios: \(scenarios.count == 1 ? "'\((scenarioNames.first ?? "base"))'" : scenarioNames.map { "'\($0)'" }.joined(separator: ", ")) \(scenarios.count == 1 ? "has no view of its own" : "have equal weights and no views of their own"): set weights, drifts and event outcome moves")

        // Holdings the decisions protect ("our existing IBB holding"): in the portfolio from day 0, not bought.
        var holdings: [JSONValue] = []
        var heldTickers = Set<String>()
        for r in readings where r.holdingWords != nil {
            let amount = r.sizeNumber.map { $0 * DraftDefaults.capital / r.sizeDivisor } ?? DraftDefaults.stockNotional
            let assetsHeld = underlyingSelectors(r.groups).flatMap(assets)
            for t in assetsHeld where heldTickers.insert(t).inserted {
                let spot = spots[t] ?? DraftDefaults.spot
                let quantity = amount / Double(assetsHeld.count) / spot
                holdings.append(.object([JSONField("ticker", .string(t)), JSONField("quantity", .number(quantity))]))
                unresolved.append("holdings: \(t) \(JSONText.wholeOrDecimal(quantity)) units stand for '\(r.holdingWords!)' (key decision \(r.number)); the card gives no size: \(JSONText.wholeOrDecimal(amount / Double(assetsHeld.count))) at spot \(JSONText.wholeOrDecimal(spot)) assumed; set its quantity")
            }
        }

        // Decisions.
        var ids = DecisionIDs()
        var decisions: [JSONValue] = []
        var horizonDays = 0
        for r in readings {
            let (value, days) = decision(r, ids: &ids, scenarioNames: scenarioNames)
            decisions.append(value)
            if (r.kind == .eventStraddle || r.kind == .eventStrangle) && daysBefore(r) < DraftDefaults.daysBeforeEvent {
                unresolved.append("key decision \(r.number): the event is on trading day \(eventDay(r)), so the options are entered \(daysBefore(r)) days before it (day 0), not \(DraftDefaults.daysBeforeEvent)")
            }
            horizonDays = max(horizonDays, days)
        }
        // A month past the last event.
        if let last = eventDays.values.max() { horizonDays = max(horizonDays, last + 21) }
        let horizon = Self.horizonText(days: max(horizonDays, 21))
        // The exchange's holidays by rule: the study names its calendar (`ExchangeCalendar`, one definition for the decoder and the draft).
        if calendar != .none {
            unresolved.append("calendar: \"\(calendar.rawValue)\" closes the \(calendar.rawValue.uppercased()) holidays by rule (README, Calendar); unscheduled closures are not among them: list those in holidays")
        }

        var defaults: [JSONField] = [JSONField("horizon", .string(horizon)), JSONField("rate", .number(DraftDefaults.rate))]
        if !events.isEmpty { defaults.append(JSONField("events", .array(events))) }
        defaults.append(JSONField("note", .string("The horizon covers the longest decision. The rate is assumed; add a correlation (none given: independent assets), jumps and implied-vol settings.")))

        var metadata: [JSONField] = [JSONField("card", .string(cardName))]
        if !card.title.isEmpty { metadata.append(JSONField("title", .string(card.title))) }
        if !card.categories.isEmpty { metadata.append(JSONField("categories", .string(card.categories.joined(separator: "; ")))) }
        if let s = card.sentiment { metadata.append(JSONField("sentiment", .string(s))) }
        if let s = card.sentimentScore { metadata.append(JSONField("sentimentScore", .number(s))) }
        if let m = card.marketImpact { metadata.append(JSONField("marketImpact", .number(m))) }
        metadata.append(JSONField("drafted", .string("tradesim draft \(version)")))

        unresolved.append("playbook: capital \(JSONText.wholeOrDecimal(DraftDefaults.capital)), sizes (\(JSONText.wholeOrDecimal(DraftDefaults.stockNotional)) notional per stock decision, \(JSONText.wholeOrDecimal(DraftDefaults.optionPremium)) premium per option decision) and costs are assumptions")

        let name = Self.studyName(title: card.title, cardName: cardName)
        var description = card.title
        if !card.summary.isEmpty { description += description.isEmpty ? card.summary : " — " + card.summary }
        return .object([
            JSONField("name", .string(name)),
            JSONField("description", .string(description.isEmpty ? "Drafted from \(cardName)." : description)),
            JSONField("note", .string("Drafted by tradesim draft \(version) from \(cardName). To decide before trusting a run: " + unresolved.enumerated().map { "(\($0.offset + 1)) \($0.element)" }.joined(separator: " "))),
            JSONField("currency", .string("USD")),
            JSONField("start", .string(start.description)),
            JSONField("calendar", .string(calendar.rawValue)),
            JSONField("universe", .array(universe)),
            JSONField("scenarioDefaults", .object(defaults)),
            JSONField("scenarios", .array(scenarios)),
            JSONField("playbook", .object([
                JSONField("note", .string("The card's key decisions, one each. Sizes, costs, strikes and exits not on the card are assumptions to edit; each decision's note says what was read from the card.")),
                JSONField("capital", .number(DraftDefaults.capital)),
            ] + (holdings.isEmpty ? [] : [JSONField("holdings", .array(holdings))]) + [
                JSONField("costs", .object(DraftDefaults.costs)),
                JSONField("decisions", .array(decisions)),
            ])),
            JSONField("metadata", .object(metadata)),
        ])
    }

    // MARK: - Universe

    /// One universe entry: spot and volatility from the ticker's closes when `--prices` has them, else placeholders.
    mutating func universeEntry(_ t: String, estimated: inout [String], noHistory: inout [String]) -> JSONValue {
        var spot = DraftDefaults.spot, volatility = DraftDefaults.volatility
        var note = "Named on the card. Spot and volatility are placeholders: set the latest close and a volatility."
        if let what = placeholderFor[t] {
            note = "PLACEHOLDER for \(what): set the ticker, spot and volatility."
        } else if let series = history[t] {
            if let m = MarketEstimate(series: series, before: start) {
                let gap = tradingDays(after: m.spotDate, through: start)
                if gap > DraftDefaults.stalePricesDays {
                    warnings.append("\(series.file): the latest close of \(t) before \(start) is \(m.spotDate), \(gap) trading days earlier (more than \(DraftDefaults.stalePricesDays)); its spot is stale: pass newer prices or set the spot")
                }
                spot = m.spot
                volatility = m.volatility
                note = "Spot: the close of \(m.spotDate) in \(series.file); volatility: the realized volatility of the \(m.returns) daily log returns ending that day (sample standard deviation × √252)."
                estimated.append(t)
            } else {
                note = "Named on the card; \(series.file) has too few closes before \(start) (at least \(MarketEstimate.minimumReturns + 1) needed), so spot and volatility are placeholders."
                noHistory.append(t)
            }
        } else {
            noHistory.append(t)
        }
        spots[t] = spot
        var f: [JSONField] = [JSONField("ticker", .string(t)), JSONField("spot", .number(spot)),
                              JSONField("volatility", .number(volatility))]
        if let tg = tags[t], !tg.isEmpty { f.append(JSONField("tags", .array(tg.map { .string($0) }))) }
        f.append(JSONField("note", .string(note)))
        return .object(f)
    }

    /// Trading days (weekdays not in the calendar's holidays) in `(from, through]`.
    func tradingDays(after from: CalendarDate, through: CalendarDate) -> Int {
        guard from < through else { return 0 }
        let holidays = Set(calendar.holidays(from: from, through: through))
        var n = 0, d = from.adding(days: 1)
        while d <= through {
            if !d.isWeekend && !holidays.contains(d) { n += 1 }
            d = d.adding(days: 1)
        }
        return n
    }

    mutating func addGroup(_ g: DecisionReading.Group, decision: Int) {
        var members = g.tickers
        for phrase in g.placeholders {
            let t = "TBD-\(placeholderFor.count + 1)"
            placeholderFor[t] = "'\(phrase)' (key decision \(decision))"
            members.append(t)
            unresolved.append("universe: \(t) stands for '\(phrase)' (key decision \(decision)); set its ticker, spot and volatility")
        }
        if let tag = g.tag {
            if members.isEmpty {
                if let existing = groupAssets[tag], !existing.isEmpty { return }
                let t = "TBD-\(placeholderFor.count + 1)"
                placeholderFor[t] = "the group '\(g.phrase)' (tag \(tag), key decision \(decision))"
                members.append(t)
                unresolved.append("universe: \(t) stands for '\(g.phrase)' (tag \(tag), key decision \(decision)); set its tickers (each tagged \(tag)), spots and volatilities")
            }
            groupAssets[tag, default: []] += members
        }
        for t in members {
            if position[t] == nil {
                position[t] = tickers.count
                tickers.append(t)
            }
            if let tag = g.tag, tagSets[t, default: []].insert(tag).inserted {
                tags[t, default: []].append(tag)
                // Into the tag's list at its universe position (the end, unless t was named before).
                let list = assetsByTag[tag] ?? [], p = position[t]!
                var lo = 0, hi = list.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if position[list[mid]]! < p { lo = mid + 1 } else { hi = mid }
                }
                assetsByTag[tag, default: []].insert(t, at: lo)
            }
        }
    }

    /// A group for assets the card does not name (tag `tag`), added to the universe with its
    /// placeholder asset.
    mutating func placeholderGroup(_ tag: String, phrase: String, decision: Int) -> DecisionReading.Group {
        let g = DecisionReading.Group(phrase: phrase, tag: tag, offset: 0)
        addGroup(g, decision: decision)
        return g
    }

    /// The universe tickers a selector (a tag or a ticker) names.
    func assets(_ selector: String) -> [String] {
        position[selector] != nil ? [selector] : assetsByTag[selector] ?? []
    }

    /// A group's selectors: its tag, or its tickers when it has none.
    func selectors(_ g: DecisionReading.Group) -> [String] {
        if let tag = g.tag { return [tag] }
        return g.tickers
    }

    /// The selectors of a decision's groups; when two of them name one asset (a ticker and a
    /// tag holding it, or two tags sharing one), the assets themselves, each once.
    func underlyingSelectors(_ groups: [DecisionReading.Group]) -> [String] {
        var out: [String] = [], seen = Set<String>()
        for s in groups.flatMap(selectors) where seen.insert(s).inserted { out.append(s) }
        // One selector names each of its assets once (a ticker, or a tag's list).
        if out.count < 2 { return out }
        let named = out.flatMap(assets)
        if Set(named).count < named.count {
            var unique: [String] = [], held = Set<String>()
            for t in named where held.insert(t).inserted { unique.append(t) }
            return unique
        }
        return out
    }

    // MARK: - Decisions

    /// The decision's JSON and the trading days it needs.
    func decision(_ r: DecisionReading, ids: inout DecisionIDs, scenarioNames: [String]) -> (JSONValue, Int) {
        var f: [JSONField] = []
        let baseID: String
        switch r.kind {
        case .basket: baseID = "\(r.side)-" + (underlyingSelectors(r.groups).first ?? "basket")
        case .protection: baseID = "protect-" + (underlyingSelectors(r.groups).first ?? "names")
        case .pair: baseID = "pair-" + (underlyingSelectors(r.longGroups).first ?? "long")
        case .eventStraddle: baseID = Self.eventName(r.event ?? "event") + "-straddles"
        case .eventStrangle: baseID = Self.eventName(r.event ?? "event") + "-strangles"
        case .collar: baseID = "collar-" + (underlyingSelectors(r.groups).first ?? "names")
        case .legs: baseID = "legs"
        }
        f.append(JSONField("id", .string(ids.unique(baseID.lowercased()))))
        f.append(JSONField("kind", .string(r.kind.rawValue)))
        f.append(JSONField("description", .string(r.text)))
        f.append(JSONField("note", .string("From key decision \(r.number) of the card. Read: " + r.readings.joined(separator: "; ") + ".")))

        let tenor = r.horizon ?? (r.kind.isOption ? DraftDefaults.optionExpiry : DraftDefaults.horizon)
        // A size the card states as a share of capital replaces the default notional or premium.
        // number × capital / divisor: "1.5% of book" → 1.5 × 1,000,000 / 100 = 15,000 exactly.
        let stated = r.sizeNumber.map { $0 * DraftDefaults.capital / r.sizeDivisor }
        let stockSize = stated ?? DraftDefaults.stockNotional
        let optionSize = stated ?? DraftDefaults.optionPremium
        let sizeField: JSONValue = r.holdingWords != nil ? .object([JSONField("hedgeRatio", .number(1))]) : .object([])
        // Exits the card states, for the kinds whose exit block holds nothing else.
        var statedExits: [JSONField] = []
        if let sl = r.stopLoss { statedExits.append(JSONField("stopLoss", .number(sl))) }
        if let tp = r.takeProfit { statedExits.append(JSONField("takeProfit", .number(tp))) }
        let tenorDays = Horizon.tradingDays(tenor) ?? 63
        var days = tenorDays
        switch r.kind {
        case .basket:
            f.append(JSONField("assets", .array(underlyingSelectors(r.groups).map { .string($0) })))
            if r.side == "short" { f.append(JSONField("side", .string("short"))) }
            f.append(JSONField("size", .object([JSONField("notional", .number(stockSize))])))
            if let drop = r.weaknessDrop {
                f.append(JSONField("entry", .object([JSONField("onWeakness", .object([
                    JSONField("drop", .number(drop)), JSONField("reference", .string("runningHigh")),
                    JSONField("within", .string("1m")), JSONField("otherwise", .string("enterAtEnd")),
                ]))])))
                days += 21
            }
            var exit: [JSONField] = []
            if let sl = r.stopLoss { exit.append(JSONField("stopLoss", .number(sl))) }
            if let tp = r.takeProfit {
                exit.append(JSONField("takeProfit", .number(tp)))
            } else if let target = r.bands.first(where: { $0.test == "atLeast" && ($0.low ?? 0) > 0 && $0.claim.lowercased().contains("target") }) {
                exit.append(JSONField("takeProfit", .number(target.high ?? target.low!)))
            }
            exit.append(JSONField("horizon", .string(tenor)))
            f.append(JSONField("exit", .object(exit)))
        case .protection:
            f.append(JSONField("underlyings", .array(underlyingSelectors(r.groups).map { .string($0) })))
            f.append(JSONField("strike", .object([JSONField("moneyness", .number(DraftDefaults.putMoneyness))])))
            if r.structures.contains("putSpread") {
                f.append(JSONField("lowerStrike", .object([JSONField("moneyness", .number(DraftDefaults.spreadLowerMoneyness))])))
            }
            if r.structures.count == 1 { f.append(JSONField("structure", .string(r.structures[0]))) }
            f.append(JSONField("expiry", .string(tenor)))
            f.append(JSONField("size", r.holdingWords != nil ? sizeField : .object([JSONField("premiumBudget", .number(optionSize))])))
            if !statedExits.isEmpty { f.append(JSONField("exit", .object(statedExits))) }
        case .pair:
            f.append(JSONField("long", .array(underlyingSelectors(r.longGroups).map { .string($0) })))
            f.append(JSONField("short", .array(underlyingSelectors(r.shortGroups).map { .string($0) })))
            if r.neutrals.count == 1 { f.append(JSONField("neutral", .string(r.neutrals[0]))) }
            f.append(JSONField("size", .object([JSONField("notional", .number(stockSize))])))
            f.append(JSONField("exit", .object(statedExits + [JSONField("horizon", .string(tenor))])))
        case .eventStraddle, .eventStrangle:
            f.append(JSONField("underlyings", .array(underlyingSelectors(r.groups).map { .string($0) })))
            f.append(JSONField("event", .string(Self.eventName(r.event ?? "the event"))))
            f.append(JSONField("daysBefore", .number(Double(daysBefore(r)))))
            if r.kind == .eventStraddle { f.append(JSONField("strike", .string("atm"))) }
            f.append(JSONField("expiry", .string(tenor)))
            f.append(JSONField("size", .object([JSONField("premiumBudget", .number(optionSize))])))
            f.append(JSONField("exit", .object(statedExits + [JSONField("daysAfterEvent", .number(Double(DraftDefaults.daysAfterEvent)))])))
            days = eventDay(r) - daysBefore(r) + tenorDays
        case .collar:
            f.append(JSONField("underlyings", .array(underlyingSelectors(r.groups).map { .string($0) })))
            f.append(JSONField("putStrike", .object([JSONField("moneyness", .number(DraftDefaults.collarPutMoneyness))])))
            f.append(JSONField("callStrike", .object([JSONField("moneyness", .number(DraftDefaults.collarCallMoneyness))])))
            f.append(JSONField("expiry", .string(tenor)))
            f.append(JSONField("size", r.holdingWords != nil ? sizeField : .object([JSONField("notional", .number(stockSize))])))
            if !statedExits.isEmpty { f.append(JSONField("exit", .object(statedExits))) }
        case .legs: break
        }
        if !r.bands.isEmpty && r.kind.thesisMeasuresBands {
            f.append(JSONField("theses", .array(r.bands.map { b in
                var t: [JSONField] = [JSONField("claim", .string(b.claim)), JSONField("metric", .string(b.metric))]
                if let lo = b.low { t.append(JSONField("low", .number(lo))) }
                if let hi = b.high { t.append(JSONField("high", .number(hi))) }
                t.append(JSONField("test", .string(b.test)))
                if let c = b.condition { t.append(JSONField("scenarios", .array([.string(DecisionReader.scenarioName(c))]))) }
                return .object(t)
            })))
        }
        var variants: [JSONValue] = []
        if r.kind == .protection && r.structures.count > 1 {
            variants = r.structures.map { .object([JSONField("name", .string($0 == "put" ? "puts" : "put-spreads")), JSONField("structure", .string($0))]) }
        }
        if r.kind == .pair && r.neutrals.count > 1 {
            variants = r.neutrals.map { .object([JSONField("name", .string("\($0)-neutral")), JSONField("neutral", .string($0))]) }
        }
        if !variants.isEmpty { f.append(JSONField("variants", .array(variants))) }
        return (.object(f), days)
    }

    /// The trading day of the event a decision trades around (the placeholder day when the card gives no date).
    func eventDay(_ r: DecisionReading) -> Int {
        eventDays[Self.eventName(r.event ?? "the event")] ?? DraftDefaults.eventDay
    }

    /// Event options are entered `DraftDefaults.daysBeforeEvent` days before the event, or on day 0 when it is sooner.
    func daysBefore(_ r: DecisionReading) -> Int {
        min(DraftDefaults.daysBeforeEvent, eventDay(r))
    }

    // MARK: - Names

    /// Decision ids, unique: the base name, then base-2, base-3, … (`safeName` with a suffix).
    /// Remembers the next suffix to try for each base, so that n decisions of one base cost
    /// n tries, not n²/2.
    struct DecisionIDs {
        var used: Set<String> = []
        var nextSuffix: [String: Int] = [:]

        mutating func unique(_ base: String) -> String {
            var id = Builder.safeName(base)
            var k = nextSuffix[base] ?? 2
            // Suffixes below k were taken when last tried, and ids are never released.
            if used.contains(id) {
                repeat {
                    id = Builder.safeName(base, suffix: "-\(k)")
                    k += 1
                } while used.contains(id)
                nextSuffix[base] = k
            }
            used.insert(id)
            return id
        }
    }

    /// "US-China meeting" → "us-china-meeting".
    static func eventName(_ words: String) -> String {
        var parts = DecisionReader.asciiWords(words).filter { $0 != "the" && $0 != "dates" && $0 != "date" }
        // "the date" alone (no event of that kind on the card) is named "date", never "".
        if parts.isEmpty { parts = DecisionReader.asciiWords(words).filter { $0 != "the" } }
        let name = safeName(parts.prefix(6).joined(separator: "-"))
        return name.isEmpty ? "event" : name
    }

    /// The study's name from the card's title (at most 64 characters, cut at a word), else its file name.
    static func studyName(title: String, cardName: String) -> String {
        let source = title.isEmpty ? String(cardName.split(separator: "/").last ?? "card").split(separator: ".").first.map(String.init) ?? "card" : title
        let words = DecisionReader.asciiWords(source)
        var name = ""
        for w in words {
            if name.count + w.count + 1 > 64 { break }
            name += (name.isEmpty ? "" : "-") + w
        }
        return name.isEmpty ? "drafted-card" : name
    }

    /// A name the study format accepts (letters, digits, '-'; at most 64, cut between words when longer).
    static func safeName(_ s: String, suffix: String = "") -> String {
        // ASCII letters and digits kept, every other scalar a '-'; runs of '-' made one, ends trimmed.
        var bytes: [UInt8] = []
        var dash = false
        for u in s.unicodeScalars {
            let v = u.value
            if (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) {
                if dash && !bytes.isEmpty { bytes.append(0x2D) }
                dash = false
                bytes.append(UInt8(v))
            } else {
                dash = true
            }
        }
        // Longer than the format allows: cut between words (at a '-') when there is one to cut at.
        let room = max(0, 64 - suffix.count)
        if bytes.count > room {
            let cut = bytes[..<room].lastIndex(of: 0x2D).flatMap { $0 > 0 && bytes[room] != 0x2D ? $0 : nil } ?? room
            bytes.removeSubrange(cut...)
        }
        return String(decoding: bytes, as: UTF8.self) + suffix
    }

    static func horizonText(days: Int) -> String {
        if days % 63 == 0 && days % 126 != 0 { return "\(days / 63)q" }
        if days % 21 == 0 { return "\(days / 21)m" }
        return "\(days)d"
    }
}
