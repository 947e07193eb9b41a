/// A scenario's `given`: the world in which named events end in a named outcome (issue 20).
///
///     "given": {"us-china-meeting": "hard line"}
///     "given": {"us-china-meeting": {"hard line": 0.75, "status quo": 0.25}}
///
/// Each key names an event of the scenario's events (its own `events`, else `scenarioDefaults`'s);
/// the value is one of the event's outcomes, which the scenario then draws with probability 1,
/// or a map of its outcomes to probabilities summing to 1 (within 1e-9; an outcome not in the
/// map gets 0). Everything else about the event is kept as written once: its day, every
/// outcome's moves, its noise and its `ivPremium`. The scenario is thus the event written into
/// its own `events` with these probabilities, and runs as that copy would, bit for bit: the
/// path draws one uniform per event as before, and the outcome-priced implied vol (`ivPremium`
/// `"outcomes"`) is this scenario's, Σ p·(m − m̄)² + noise² over its probabilities (with one
/// outcome certain, the noise alone), as for any scenario whose events give their own
/// probabilities.
///
/// Monte Carlo scenarios only (scripted and historical events have no outcomes); not in
/// `scenarioDefaults` (a scenario's world is its own).
extension StudyDecoder {
    static let givenAllowed = "an outcome name of the event, or a map of its outcomes to probabilities summing to 1"

    /// The names of the events written in the study, each with where it is first written
    /// (`scenarioDefaults` or `scenarios[i]`), for `given`'s messages.
    static func eventHomes(defaults: JSONNode?, scenarios: JSONNode?) -> [String: String] {
        var homes: [String: String] = [:]
        func note(_ node: JSONNode?, _ home: String) {
            guard case let .object(members)? = node?.value, let events = members.first(where: { $0.key == "events" })?.node,
                  case let .array(list) = events.value else { return }
            for e in list {
                if case let .object(fields) = e.value, case let .string(name)? = fields.first(where: { $0.key == "name" })?.node.value,
                   homes[name] == nil {
                    homes[name] = home
                }
            }
        }
        note(defaults, "scenarioDefaults")
        if case let .array(list)? = scenarios?.value {
            for (i, s) in list.enumerated() { note(s, "scenarios[\(i)]") }
        }
        return homes
    }

    /// Applies a scenario's `given` to its decoded `events`. `written` are the names of the
    /// events its list holds (some may have failed to decode: their problems are already
    /// reported); `ownEvents` says whether that list is the scenario's own.
    mutating func applyGiven(_ node: JSONNode, _ path: String, to events: inout [ScheduledEvent], written: [String], ownEvents: Bool) {
        guard let g = r.object(node, path) else { return }
        let names = events.map(\.name)
        let theirNames = names.isEmpty ? "none: give the scenario \"events\", or scenarioDefaults"
            : names.map { MessageText.json($0) }.joined(separator: ", ")
        for key in g.order {
            let (vn, vp) = g.member(key)!
            guard let k = events.firstIndex(where: { $0.name == key }) else {
                if written.contains(key) { continue }
                let allowed = "an event of this scenario (\(theirNames))"
                switch eventHomes[key] {
                case "scenarioDefaults"? where ownEvents:
                    r.problemAtKey(g, key, found: "\(MessageText.json(key)), an event of scenarioDefaults that this scenario's own \"events\" replace",
                                   allowed: allowed)
                case let home?:
                    r.problemAtKey(g, key, found: "\(MessageText.json(key)), an event of \(home) only", allowed: allowed)
                case nil:
                    let guess = JSONReader.closest(key, among: names).map { " (did you mean \(MessageText.json($0))?)" } ?? ""
                    r.problemAtKey(g, key, found: "\(MessageText.json(key)), which is no event of the study", allowed: allowed + guess)
                }
                continue
            }
            let outcomes = events[k].outcomes.map(\.name)
            let theirOutcomes = outcomes.map { MessageText.json($0) }.joined(separator: ", ")
            var probabilities = [Double](repeating: 0, count: outcomes.count)
            switch vn.value {
            case let .string(outcome):
                guard let o = outcomes.firstIndex(of: outcome) else {
                    r.problem(vn, vp, found: "\(MessageText.json(outcome)), which is no outcome of \(MessageText.json(key))",
                              allowed: "one of its outcomes (\(theirOutcomes)), or a map of them to probabilities summing to 1")
                    continue
                }
                probabilities[o] = 1
            case .object:
                guard let (map, entries) = r.numberMap(vn, vp, .probability) else { continue }
                if map.order.isEmpty {
                    r.problem(vn, vp, found: "an empty object", allowed: "at least one outcome of \(MessageText.json(key)) with its probability")
                    continue
                }
                var ok = entries.count == map.order.count
                for e in entries {
                    guard let o = outcomes.firstIndex(of: e.key) else {
                        r.problemAtKey(map, e.key, found: "\(MessageText.json(e.key)), which is no outcome of \(MessageText.json(key))",
                                       allowed: "one of its outcomes (\(theirOutcomes))")
                        ok = false
                        continue
                    }
                    probabilities[o] = e.value
                }
                guard ok else { continue }
                let total = entries.reduce(0) { $0 + $1.value }
                if abs(total - 1) > 1e-9 {
                    r.problem(vn, vp, found: "probabilities summing to \(total)", allowed: "probabilities summing to 1 (within 1e-9)")
                    continue
                }
            default:
                r.problem(vn, vp, found: vn.summary, allowed: Self.givenAllowed)
                continue
            }
            for o in probabilities.indices { events[k].outcomes[o].probability = probabilities[o] }
        }
    }
}
