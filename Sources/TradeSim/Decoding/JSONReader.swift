/// A JSON object being decoded: its members by name and its path in the document.
struct JSONObject: Sendable {
    let node: JSONNode
    let path: String
    let members: [String: JSONNode]
    let order: [String]
    let keyPositions: [String: (line: Int, column: Int)]

    /// The member `key` and its path, or nil when absent.
    func member(_ key: String) -> (node: JSONNode, path: String)? {
        members[key].map { ($0, JSONPath.join(path, key)) }
    }

    func has(_ key: String) -> Bool { members[key] != nil }
}

/// Building JSON paths: `scenarios[1].events[0].outcomes[2].probability`.
enum JSONPath {
    /// A plain key is joined with a dot; any other (empty, long, with a control character,
    /// a quote, a backslash or a bracket) is shown in brackets as `MessageText.json` shows it:
    /// `drifts["M\nP"]`.
    static func join(_ path: String, _ key: String) -> String {
        if isPlain(key) { return path.isEmpty ? key : path + "." + key }
        return path + "[" + MessageText.json(key) + "]"
    }

    static func isPlain(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= MessageText.limit
            && !key.unicodeScalars.contains { MessageText.needsEscape($0) || "\"\\[]".unicodeScalars.contains($0) }
    }

    static func index(_ path: String, _ i: Int) -> String { path + "[\(i)]" }
}

/// Decodes JSON nodes into values while collecting every problem with its location.
///
/// Each accessor records a problem (file, line, column, JSON path, found, allowed) and returns
/// nil when the value is missing or wrong, so a decoder can go on and report everything in
/// one pass.
struct JSONReader: Sendable {
    let file: String
    /// Every distinct problem, in the order found. A node decoded more than once (a
    /// `scenarioDefaults` field is read into every scenario) reports its problem once.
    private(set) var problems: [InputProblem] = []
    /// Problems reported so far, repeats included: a decoder compares it before and after a
    /// part to learn whether that part had a problem (a repeat counts; `problems` may not grow).
    private(set) var reports = 0
    private var seen: Set<String> = []

    init(file: String) { self.file = file }

    /// A problem at `node` (without a line and column when the node is not in the file: an
    /// edit's value, `JSONNode.unplaced`).
    mutating func problem(_ node: JSONNode?, _ path: String, found: String, allowed: String) {
        let placed = node.flatMap { $0.isUnplaced ? nil : $0 }
        append(InputProblem(file: file, line: placed?.line, column: placed?.column, path: path,
                            found: found, allowed: allowed))
    }

    /// A problem found in another file (a price CSV the study names), kept as it is.
    mutating func append(_ p: InputProblem) {
        reports += 1
        if seen.insert(p.description).inserted { problems.append(p) }
    }

    /// A problem about a member's name (an unknown field, an unknown ticker used as a key):
    /// located at the name.
    mutating func problemAtKey(_ object: JSONObject, _ key: String, found: String, allowed: String) {
        let position = object.keyPositions[key] ?? (object.node.line, object.node.column)
        let placed = position.line > 0
        append(InputProblem(file: file, line: placed ? position.line : nil, column: placed ? position.column : nil,
                            path: JSONPath.join(object.path, key), found: found, allowed: allowed))
    }

    /// A problem about a member that is absent from `object`: located at the object.
    mutating func missing(_ object: JSONObject, _ key: String, allowed: String) {
        problem(object.node, JSONPath.join(object.path, key), found: "nothing (the field is missing)", allowed: allowed)
    }

    // MARK: - Shapes

    mutating func object(_ node: JSONNode, _ path: String) -> JSONObject? {
        guard case let .object(members) = node.value else {
            problem(node, path, found: node.description, allowed: "an object { … }")
            return nil
        }
        var map: [String: JSONNode] = [:]
        var positions: [String: (line: Int, column: Int)] = [:]
        for m in members {
            map[m.key] = m.node
            positions[m.key] = (m.keyLine, m.keyColumn)
        }
        return JSONObject(node: node, path: path, members: map, order: members.map(\.key), keyPositions: positions)
    }

    mutating func array(_ node: JSONNode, _ path: String) -> [(node: JSONNode, path: String)]? {
        guard case let .array(elements) = node.value else {
            problem(node, path, found: node.summary, allowed: "an array [ … ]")
            return nil
        }
        return elements.enumerated().map { ($1, JSONPath.index(path, $0)) }
    }

    /// Reports every member of `object` not in `allowed`, with a spelling suggestion. Every
    /// object may also carry a `note` (free text for the reader of the file; JSON has no
    /// comments), which must be a string.
    mutating func rejectUnknown(_ object: JSONObject, allowed: [String]) {
        if let (n, p) = object.member("note") {
            if case .string = n.value {} else { problem(n, p, found: n.summary, allowed: "a string (a note for readers)") }
        }
        for key in object.order where !allowed.contains(key) && key != "note" {
            var text = allowed.joined(separator: ", ")
            if let guess = Self.closest(key, among: allowed) { text += " (did you mean '\(guess)'?)" }
            problemAtKey(object, key, found: "unknown field \(MessageText.echo(key))", allowed: text)
        }
    }

    // MARK: - Scalars

    mutating func number(_ node: JSONNode, _ path: String, _ rule: NumberRule) -> Double? {
        guard case let .number(x, _) = node.value, rule.allows(x) else {
            problem(node, path, found: node.summary, allowed: rule.phrase)
            return nil
        }
        return x
    }

    mutating func integer(_ node: JSONNode, _ path: String, min: Int, max: Int) -> Int? {
        let allowed = "a whole number from \(min) to \(max)"
        guard case let .number(x, _) = node.value, x == x.rounded(), x >= Double(min), x <= Double(max) else {
            problem(node, path, found: node.summary, allowed: allowed)
            return nil
        }
        return Int(x)
    }

    mutating func string(_ node: JSONNode, _ path: String, allowed: String = "a non-empty string") -> String? {
        guard case let .string(s) = node.value, !s.isEmpty else {
            problem(node, path, found: node.summary, allowed: allowed)
            return nil
        }
        return s
    }

    mutating func bool(_ node: JSONNode, _ path: String) -> Bool? {
        guard case let .bool(b) = node.value else {
            problem(node, path, found: node.summary, allowed: "true or false")
            return nil
        }
        return b
    }

    /// One of a fixed set of words.
    mutating func choice(_ node: JSONNode, _ path: String, _ words: [String]) -> String? {
        let allowed = "one of " + words.map { "\"\($0)\"" }.joined(separator: ", ")
        guard case let .string(s) = node.value, words.contains(s) else {
            problem(node, path, found: node.summary, allowed: allowed)
            return nil
        }
        return s
    }

    // MARK: - Members

    mutating func requiredNumber(_ o: JSONObject, _ key: String, _ rule: NumberRule) -> Double? {
        guard let (n, p) = o.member(key) else { missing(o, key, allowed: rule.phrase); return nil }
        return number(n, p, rule)
    }

    mutating func optionalNumber(_ o: JSONObject, _ key: String, _ rule: NumberRule) -> Double? {
        guard let (n, p) = o.member(key) else { return nil }
        return number(n, p, rule)
    }

    mutating func requiredString(_ o: JSONObject, _ key: String, allowed: String = "a non-empty string") -> String? {
        guard let (n, p) = o.member(key) else { missing(o, key, allowed: allowed); return nil }
        return string(n, p, allowed: allowed)
    }

    mutating func optionalString(_ o: JSONObject, _ key: String, allowed: String = "a non-empty string") -> String? {
        guard let (n, p) = o.member(key) else { return nil }
        return string(n, p, allowed: allowed)
    }

    mutating func optionalBool(_ o: JSONObject, _ key: String) -> Bool? {
        guard let (n, p) = o.member(key) else { return nil }
        return bool(n, p)
    }

    /// An array of non-empty strings.
    mutating func strings(_ node: JSONNode, _ path: String, allowed: String = "an array of non-empty strings") -> [String]? {
        guard let elements = array(node, path) else { return nil }
        var out: [String] = []
        var ok = true
        for (n, p) in elements {
            if let s = string(n, p, allowed: "a non-empty string") { out.append(s) } else { ok = false }
        }
        return ok ? out : nil
    }

    /// An object of name → number, in file order, each number checked against `rule`.
    mutating func numberMap(_ node: JSONNode, _ path: String, _ rule: NumberRule)
        -> (object: JSONObject, entries: [(key: String, value: Double, node: JSONNode, path: String)])? {
        guard let o = object(node, path) else { return nil }
        var out: [(key: String, value: Double, node: JSONNode, path: String)] = []
        for key in o.order {
            let (n, p) = o.member(key)!
            if let x = number(n, p, rule) { out.append((key, x, n, p)) }
        }
        return (o, out)
    }

    // MARK: - Suggestions

    /// The allowed word within edit distance 2 of `word`, if exactly one is closest.
    static func closest(_ word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return scored.filter { $0.1 == best.1 }.count == 1 ? best.0 : nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1,
                                       previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
