/// The events of a drafted study and the scenarios the card ties to their outcomes (issue 20).
///
/// - An event is named by the decisions that trade around it ("ahead of the PDUFA date" →
///   `pdufa`). Words that name only a kind of event ("into the date", "after the summit") mean
///   the card's event of that kind when it has one (listed to decide).
/// - Its outcomes: the two of "either on A or on B"; else the conditions of the return bands
///   of the decisions that trade around it ("+15-25% if tariffs land at 50%", "could drop
///   50-60% on a CRL") and one outcome `other` for the rest; else one `unspecified` outcome.
///   Probabilities are equal, moves are empty (both listed to decide).
/// - A band's condition that is an outcome (one of the conditions above, or equal to an
///   "either … or" outcome, articles aside) ties its scenario to that outcome; the event's
///   other outcomes get a scenario each, so that the scenarios together span the event.
/// - Linking: the study format has no field that points from a scenario to an event's outcome.
///   A linked scenario therefore carries its own `events` (which replace `scenarioDefaults`'s):
///   the same events, with the tied event's outcomes reduced to its outcome at probability 1.
///   The drafter writes these copies; an edit to the event afterwards must be made in each
///   (listed to decide).
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
}

extension Builder {
    /// Events named by a kind only ("the date") → the card's event of that kind, when there is one.
    mutating func resolveBareEvents() {
        for i in readings.indices where readings[i].eventIsBare {
            guard let keyword = readings[i].event?.lowercased() else { continue }
            let match = readings.first { r in
                !r.eventIsBare && r.number != readings[i].number && r.eventWords.map {
                    DecisionReader.asciiWords($0).contains(keyword) || DecisionReader.asciiWords($0).contains(keyword + "s")
                } ?? false
            }
            guard let m = match, let event = m.event else { continue }
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
        var options: [String: DecisionReading] = [:]
        for r in readings where r.event != nil || r.kind == .eventStraddle || r.kind == .eventStrangle {
            let words = r.event ?? "the event"
            let name = Self.eventName(words)
            if plans[name] == nil {
                plans[name] = EventPlan(name: name, words: words, decision: r.number)
                order.append(name)
            }
            if r.outcomes.count == 2 && plans[name]!.outcomes.isEmpty { plans[name]!.outcomes = r.outcomes }
            if (r.kind == .eventStraddle || r.kind == .eventStrangle) && options[name] == nil { options[name] = r }
            for b in r.bands {
                guard let c = b.condition else { continue }
                let text = DecisionReader.stripArticle(c), scenario = DecisionReader.scenarioName(c)
                if !(conditions[name] ?? []).contains(where: { $0.name == scenario }) { conditions[name, default: []].append((text, scenario)) }
            }
        }
        // Outcomes, and the conditions tied to them.
        for name in order {
            var plan = plans[name]!
            let conds = conditions[name] ?? []
            if !plan.outcomes.isEmpty {
                for c in conds {
                    if let o = plan.outcomes.first(where: { $0.lowercased() == c.text.lowercased() }) { plan.tied[c.name] = o }
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
                unresolved.append("events: '\(name)' outcomes \(quoted.joined(separator: ", ")) are the card's conditions for the decisions around it and the rest; probability \(JSONValue.number(probability)) each and no moves: set them (moves are per-asset log-moves)")
            } else {
                unresolved.append("events: '\(name)' outcomes \(quoted.joined(separator: " and ")) have probability \(JSONValue.number(probability)) each and no moves; set them (moves are per-asset log-moves)")
            }
            var fields: [JSONField] = [
                JSONField("name", .string(name)), JSONField("day", .number(Double(DraftDefaults.eventDay))),
                JSONField("note", .string("PLACEHOLDER date for '\(plan.words)' (key decision \(plan.decision)): set the announced date (\"date\": \"YYYY-MM-DD\") in place of day \(DraftDefaults.eventDay).")),
                JSONField("outcomes", .array(outcomes)),
            ]
            if let r = options[name] {
                let assets = underlyingSelectors(r.groups)
                fields.append(JSONField("ivPremium", .object([
                    JSONField("multiple", .number(DraftDefaults.eventIVMultiple)),
                    JSONField("rampDays", .number(Double(DraftDefaults.eventIVRampDays))),
                    JSONField("ramp", .string("linear")),
                    JSONField("assets", .array(assets.map { .string($0) })),
                    JSONField("note", .string("Assumed: implied vol rises by \(JSONValue.number(DraftDefaults.eventIVMultiple)) × base over the \(DraftDefaults.eventIVRampDays) days before the event and is crushed on it.")),
                ])))
                unresolved.append("events: '\(name)' implied-vol premium (\(JSONValue.number(DraftDefaults.eventIVMultiple)) × base IV, \(DraftDefaults.eventIVRampDays)-day ramp) is assumed")
            }
            unresolved.append("events: '\(name)' is on day \(DraftDefaults.eventDay), a placeholder; set the date of '\(plan.words)'")
            plan.json = .object(fields)
            plans[name] = plan
            events.append(plan.json)
        }

        // Scenarios: one per condition in card order; a tied condition brings its event's outcome scenarios.
        var names: [String] = []
        var scenarios: [JSONValue] = []
        var linkedBy: [String: [String]] = [:]
        func tiedEvent(_ scenario: String) -> String? { order.first { plans[$0]!.tied[scenario] != nil } }
        for r in readings {
            for b in r.bands {
                guard let c = b.condition else { continue }
                let scenario = DecisionReader.scenarioName(c)
                if names.contains(scenario) { continue }
                guard let e = tiedEvent(scenario) else {
                    names.append(scenario)
                    scenarios.append(.object([
                        JSONField("name", .string(scenario)), JSONField("weight", .number(1)),
                        JSONField("description", .string("The world where \(c) (the card's condition, key decision \(r.number)).")),
                        JSONField("note", .string("Set this world's weight and its view: drifts (per-asset map), volatilities and event outcome moves. As drafted every scenario is the same Monte Carlo world.")),
                    ]))
                    maybeLinked(scenario, condition: c, decision: r.number, events: order)
                    continue
                }
                let plan = plans[e]!
                for o in plan.outcomes {
                    let tiedName = plan.tied.first { $0.value == o }.map(\.key)
                    let name = tiedName ?? (o == plan.outcomes.last && plan.fromConditions ? Self.safeName("\(e)-other") : DecisionReader.scenarioName(o))
                    if names.contains(name) { continue }
                    names.append(name)
                    linkedBy[e, default: []].append(name)
                    let own: [JSONValue] = order.map { n in
                        guard n == e, case let .object(fields) = plans[n]!.json else { return plans[n]!.json }
                        return .object(fields.map { f in
                            f.key == "outcomes" ? JSONField("outcomes", .array([.object([JSONField("name", .string(o)), JSONField("probability", .number(1)), JSONField("moves", .object([]))])])) : f
                        })
                    }
                    scenarios.append(.object([
                        JSONField("name", .string(name)), JSONField("weight", .number(1)),
                        JSONField("description", .string("The world where '\(plan.words)' ends in '\(o)' (key decision \(plan.decision)).")),
                        JSONField("events", .array(own)),
                        JSONField("note", .string("Linked to the outcome '\(o)' of event '\(e)': this scenario's own events (which replace scenarioDefaults.events) give that outcome probability 1. Set the outcome's moves here and in scenarioDefaults, and this world's weight and drifts.")),
                    ]))
                }
            }
        }
        for e in order where linkedBy[e] != nil {
            unresolved.append("scenarios: \(linkedBy[e]!.map { "'\($0)'" }.joined(separator: ", ")) are linked to the outcomes of '\(e)' (each scenario's own events give its outcome probability 1; the study format has no field that points to an outcome, so an edit to the event must be made in scenarioDefaults and in each of these)")
        }
        return (events, scenarios, names)
    }

    /// An untied condition that shares a word with an event's name may be one of its outcomes: listed.
    mutating func maybeLinked(_ scenario: String, condition: String, decision: Int, events: [String]) {
        let generic: Set<String> = ["meeting", "date", "decision", "summit", "vote", "the", "earnings", "talks", "report", "ruling"]
        let words = Set(DecisionReader.asciiWords(condition))
        for e in events {
            let shared = e.split(separator: "-").map(String.init).filter { !generic.contains($0) && words.contains($0) }
            if let w = shared.first {
                unresolved.append("scenarios: '\(scenario)' ('\(condition)', key decision \(decision)) names \(w), as does the event '\(e)'; if it is one of that event's outcomes, give the scenario the event's outcome (as a linked scenario's own events do)")
                return
            }
        }
    }
}
