/// The events of a drafted study and the scenarios the card ties to their outcomes (issue 20).
///
/// - An event is named by the decisions that trade around it ("ahead of the PDUFA date" →
///   `pdufa`). Words that name only a kind of event ("into the date", "after the summit") mean
///   the card's event of that kind when it has one (listed to decide).
/// - Its date: the one written in or right after its words ("the meeting on Oct 30", `CardDate`),
///   without a year the first such date after day 0, on a weekend or holiday the next trading
///   day (listed); else a placeholder, day 21 (listed). Two different dates: the first (listed).
/// - Its outcomes: the two of "either on A or on B"; else the conditions of the return bands
///   of the decisions that trade around it ("+15-25% if tariffs land at 50%", "could drop
///   50-60% on a CRL") and one outcome `other` for the rest; else one `unspecified` outcome.
///   Probabilities are equal, moves are empty (both listed to decide).
/// - A band's condition that is an outcome (one of the conditions above, or equal to an
///   "either … or" outcome, articles aside) ties its scenario to that outcome; the event's
///   other outcomes get a scenario each, so that the scenarios together span the event.
/// - Linking: a linked scenario says `"given": {event: outcome}` (the study format's link from a
///   scenario to an event's outcome, `StudyDecoder+Given.swift`): the event is written once, in
///   `scenarioDefaults.events`, and the scenario draws that outcome with probability 1.
struct EventPlan {
    var name: String
    var words: String
    var decision: Int
    var outcomes: [String] = []
    /// The outcomes are the card's conditions (and `other`), not an "either … or".
    var fromConditions = false
    /// Scenario name → outcome, for the conditions tied to an outcome.
    var tied: [String: String] = [:]
    var json: JSONValue = .object([])
    /// The dates the card writes for the event, with their key decisions, in card order.
    var dates: [(date: CardDate, decision: Int)] = []
}

extension Builder {
    /// Events named by a kind only ("the date") → the card's event of that kind, when there is one.
    mutating func resolveBareEvents() {
        // The first named event of each kind word ("date" → "PDUFA date"), found in one pass.
        var byKind: [String: Int] = [:]
        for (k, r) in readings.enumerated() where !r.eventIsBare && r.event != nil {
            for w in DecisionReader.asciiWords(r.eventWords ?? "") where DecisionReader.bareEventWords.contains(w) || w.hasSuffix("s") && DecisionReader.bareEventWords.contains(String(w.dropLast())) {
                let kind = DecisionReader.bareEventWords.contains(w) ? w : String(w.dropLast())
                if byKind[kind] == nil { byKind[kind] = k }
            }
        }
        for i in readings.indices where readings[i].eventIsBare {
            guard let keyword = readings[i].event?.lowercased(), let k = byKind[keyword] else { continue }
            let m = readings[k]
            guard let event = m.event else { continue }
            unresolved.append("key decision \(readings[i].number): 'the \(keyword)' is read as the card's '\(m.eventWords ?? event)' (event \(Self.eventName(event)), key decision \(m.number)); check it")
            readings[i].event = event
        }
    }

    /// The events (JSON for `scenarioDefaults.events`) and the scenarios, linked where the card
    /// ties a condition to an outcome.
    mutating func eventsAndScenarios() -> (events: [JSONValue], scenarios: [JSONValue], scenarioNames: [String]) {
        var order: [String] = []
        var plans: [String: EventPlan] = [:]
        var conditions: [String: [(text: String, name: String)]] = [:]
        var conditionNames: [String: Set<String>] = [:]
        var options: [String: DecisionReading] = [:]
        for r in readings where r.event != nil || r.kind == .eventStraddle || r.kind == .eventStrangle {
            let words = r.event ?? "the event"
            let name = Self.eventName(words)
            if plans[name] == nil {
                plans[name] = EventPlan(name: name, words: words, decision: r.number)
                order.append(name)
            }
            if r.outcomes.count == 2 && plans[name]!.outcomes.isEmpty { plans[name]!.outcomes = r.outcomes }
            if let date = r.eventDate { plans[name]!.dates.append((date, r.number)) }
            if (r.kind == .eventStraddle || r.kind == .eventStrangle) && options[name] == nil { options[name] = r }
            for b in r.bands {
                guard let c = b.condition else { continue }
                // An outcome needs a name: a condition of only an article or punctuation is not one.
                let stripped = DecisionReader.stripArticle(c), text = stripped.isEmpty ? DecisionReader.clean(c) : stripped
                guard !text.isEmpty else { continue }
                let scenario = DecisionReader.scenarioName(c)
                if conditionNames[name, default: []].insert(scenario).inserted { conditions[name, default: []].append((text, scenario)) }
            }
        }
        // Outcomes, and the conditions tied to them.
        for name in order {
            var plan = plans[name]!
            let conds = conditions[name] ?? []
            if !plan.outcomes.isEmpty {
                var outcomeByText: [String: String] = [:]
                for o in plan.outcomes where outcomeByText[o.lowercased()] == nil { outcomeByText[o.lowercased()] = o }
                for c in conds {
                    if let o = outcomeByText[c.text.lowercased()] { plan.tied[c.name] = o }
                }
            } else if !conds.isEmpty {
                plan.outcomes = conds.map(\.text)
                plan.outcomes.append(plan.outcomes.contains("other") ? "other outcomes" : "other")
                plan.fromConditions = true
                for c in conds { plan.tied[c.name] = c.text }
            }
            plans[name] = plan
        }
        var events: [JSONValue] = []
        for name in order {
            var plan = plans[name]!
            let outcomeNames = plan.outcomes.isEmpty ? ["unspecified"] : plan.outcomes
            let probability = 1 / Double(outcomeNames.count)
            let outcomes: [JSONValue] = outcomeNames.map { .object([JSONField("name", .string($0)), JSONField("probability", .number(probability)), JSONField("moves", .object([]))]) }
            let quoted = outcomeNames.map { "'\($0)'" }
            if plan.outcomes.isEmpty {
                unresolved.append("events: '\(name)' has one placeholder outcome without moves; add the outcomes the card implies, with probabilities and moves")
            } else if plan.fromConditions {
                unresolved.append("events: '\(name)' outcomes \(quoted.joined(separator: ", ")) are the card's conditions for the decisions around it and the rest; probability \(JSONText.wholeOrDecimal(probability)) each and no moves: set them (moves are per-asset log-moves)")
            } else {
                unresolved.append("events: '\(name)' outcomes \(quoted.joined(separator: " and ")) have probability \(JSONText.wholeOrDecimal(probability)) each and no moves; set them (moves are per-asset log-moves)")
            }
            var fields: [JSONField] = [JSONField("name", .string(name))]
            let dated = eventDate(plan)
            if let (date, day, note) = dated {
                eventDays[name] = day
                fields += [JSONField("date", .string(date.description)), JSONField("note", .string(note))]
            } else {
                eventDays[name] = DraftDefaults.eventDay
                fields += [
                    JSONField("day", .number(Double(DraftDefaults.eventDay))),
                    JSONField("note", .string("PLACEHOLDER date for '\(plan.words)' (key decision \(plan.decision)): set the announced date (\"date\": \"YYYY-MM-DD\") in place of day \(DraftDefaults.eventDay).")),
                ]
            }
            fields.append(JSONField("outcomes", .array(outcomes)))
            if let r = options[name] {
                let assets = underlyingSelectors(r.groups)
                fields.append(JSONField("ivPremium", .object([
                    JSONField("multiple", .number(DraftDefaults.eventIVMultiple)),
                    JSONField("rampDays", .number(Double(DraftDefaults.eventIVRampDays))),
                    JSONField("ramp", .string("linear")),
                    JSONField("assets", .array(assets.map { .string($0) })),
                    JSONField("note", .string("Assumed: implied vol rises by \(JSONText.wholeOrDecimal(DraftDefaults.eventIVMultiple)) × base over the \(DraftDefaults.eventIVRampDays) days before the event and is crushed on it.")),
                ])))
                unresolved.append("events: '\(name)' implied-vol premium (\(JSONText.wholeOrDecimal(DraftDefaults.eventIVMultiple)) × base IV, \(DraftDefaults.eventIVRampDays)-day ramp) is assumed")
            }
            if dated == nil {
                unresolved.append("events: '\(name)' is on day \(DraftDefaults.eventDay), a placeholder; set the date of '\(plan.words)'")
            }
            plan.json = .object(fields)
            plans[name] = plan
            events.append(plan.json)
        }

        // Scenarios: one per condition in card order; a tied condition brings its event's outcome scenarios.
        var names: [String] = [], named = Set<String>()
        var scenarios: [JSONValue] = []
        var linkedBy: [String: [String]] = [:]
        // Scenario → its event (the first that ties it), and event → outcome → its scenario name.
        var tiedEvent: [String: String] = [:]
        var outcomeScenario: [String: [String: String]] = [:]
        for e in order {
            for (scenario, o) in plans[e]!.tied.sorted(by: { $0.key < $1.key }) {
                if tiedEvent[scenario] == nil { tiedEvent[scenario] = e }
                if outcomeScenario[e, default: [:]][o] == nil { outcomeScenario[e, default: [:]][o] = scenario }
            }
        }
        let kinds = eventWordIndex(order)
        for r in readings {
            for b in r.bands {
                guard let c = b.condition else { continue }
                let scenario = DecisionReader.scenarioName(c)
                if named.contains(scenario) { continue }
                guard let e = tiedEvent[scenario] else {
                    names.append(scenario)
                    named.insert(scenario)
                    scenarios.append(.object([
                        JSONField("name", .string(scenario)), JSONField("weight", .number(1)),
                        JSONField("description", .string("The world where \(c) (the card's condition, key decision \(r.number)).")),
                        JSONField("note", .string("Set this world's weight and its view: drifts (per-asset map), volatilities and event outcome moves. As drafted every scenario is the same Monte Carlo world.")),
                    ]))
                    maybeLinked(scenario, condition: c, decision: r.number, kinds: kinds)
                    continue
                }
                let plan = plans[e]!
                if linkedBy[e] != nil { continue }
                for o in plan.outcomes {
                    let tiedName = outcomeScenario[e]?[o]
                    let name = tiedName ?? (o == plan.outcomes.last && plan.fromConditions ? Self.safeName("\(e)-other") : DecisionReader.scenarioName(o))
                    if !named.insert(name).inserted { continue }
                    names.append(name)
                    linkedBy[e, default: []].append(name)
                    scenarios.append(.object([
                        JSONField("name", .string(name)), JSONField("weight", .number(1)),
                        JSONField("description", .string("The world where '\(plan.words)' ends in '\(o)' (key decision \(plan.decision)).")),
                        JSONField("given", .object([JSONField(e, .string(o))])),
                        JSONField("note", .string("Linked to the outcome '\(o)' of event '\(e)' (given): every path draws that outcome. Set the outcome's moves once, in scenarioDefaults.events, and this world's weight and drifts here.")),
                    ]))
                }
            }
        }
        for e in order where linkedBy[e] != nil {
            unresolved.append("scenarios: \(linkedBy[e]!.map { "'\($0)'" }.joined(separator: ", ")) are linked to the outcomes of '\(e)' (\"given\": each draws its outcome with probability 1); set the outcomes' moves once, in scenarioDefaults.events")
        }
        return (events, scenarios, names)
    }

    /// The event's date from the card (`EventPlan.dates`, the first), its trading day and the
    /// event's note; nil (the placeholder day) when the card writes none that a study can use:
    /// no such day in the month, on or before day 0, or more than
    /// `DraftDefaults.longestHorizonDays` trading days after it (each listed).
    mutating func eventDate(_ plan: EventPlan) -> (date: CalendarDate, day: Int, note: String)? {
        guard let (written, decision) = plan.dates.first else { return nil }
        let name = plan.name
        for (other, k) in plan.dates.dropFirst() where other.date(after: start) != written.date(after: start) {
            unresolved.append("events: key decision \(k) writes '\(other.words)' for '\(name)', key decision \(decision) '\(written.words)'; the first is drafted: check it")
            break
        }
        guard var date = written.date(after: start) else {
            unresolved.append("events: '\(written.words)' (key decision \(decision)) is no date; '\(name)' is on a placeholder day: set its date")
            return nil
        }
        guard date > start else {
            unresolved.append("events: '\(name)' is dated \(date) ('\(written.words)', key decision \(decision)), on or before day 0 (\(start)); it is on a placeholder day: set its date or the start")
            return nil
        }
        var read = "read as \(date)" + (written.year == nil ? " (the first \(written.words) after day 0, \(start))" : "")
        let asWritten = date
        while date.isWeekend || calendar.holiday(on: date) != nil { date = date.adding(days: 1) }
        if date != asWritten {
            let why = asWritten.isWeekend ? "a \(asWritten.weekdayName)" : calendar.holidayPhrase(on: asWritten)!
            unresolved.append("events: '\(name)' is dated \(asWritten) ('\(written.words)', key decision \(decision)), \(why); drafted on the next trading day, \(date): check it")
            read += ", \(why): moved to the next trading day, \(date)"
        }
        let day = tradingDays(after: start, through: date)
        guard day <= DraftDefaults.longestHorizonDays else {
            unresolved.append("events: '\(name)' is dated \(date) ('\(written.words)', key decision \(decision)), \(day) trading days after day 0, beyond what the draft takes (\(DraftDefaults.longestHorizonDays)); it is on a placeholder day: set its date")
            return nil
        }
        return (date, day, "Date from the card: '\(written.words)' (key decision \(decision)), \(read); trading day \(day).")
    }

    /// The words of the events' names that say which event it is ("fomc" of `fomc-meeting`), each → its first event.
    func eventWordIndex(_ events: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for e in events {
            for w in e.split(separator: "-").map(String.init) where !DecisionReader.bareEventWords.contains(w) && w != "the" && out[w] == nil { out[w] = e }
        }
        return out
    }

    /// An untied condition that shares a word with an event's name may be one of its outcomes: listed.
    mutating func maybeLinked(_ scenario: String, condition: String, decision: Int, kinds: [String: String]) {
        for w in DecisionReader.asciiWords(condition) {
            if let e = kinds[w] {
                unresolved.append("scenarios: '\(scenario)' ('\(condition)', key decision \(decision)) names \(w), as does the event '\(e)'; if it is one of that event's outcomes, link the scenario to it (\"given\": {\"\(e)\": outcome})")
                return
            }
        }
    }
}
