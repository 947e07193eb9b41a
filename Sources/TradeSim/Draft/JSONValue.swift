/// A JSON value built in memory and written as text, with object members kept in the order
/// they were added (so a drafted study reads top-down like a hand-written one).
///
/// Output is RFC 8259 JSON, two-space indented; numbers print in their shortest round-trip
/// form (`0.2`, `250000`), strings escape `"`, `\` and the control characters.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([JSONField])

    /// The value of the first member named `key` (objects only).
    public subscript(key: String) -> JSONValue? {
        guard case let .object(fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    /// The element at `index` (arrays only).
    public subscript(index: Int) -> JSONValue? {
        guard case let .array(a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }

    public var stringValue: String? { if case let .string(s) = self { s } else { nil } }
    public var numberValue: Double? { if case let .number(x) = self { x } else { nil } }
    public var arrayValue: [JSONValue]? { if case let .array(a) = self { a } else { nil } }
    public var keys: [String] { if case let .object(f) = self { f.map(\.key) } else { [] } }

    /// The text of the value, ending without a newline.
    public func text(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case let .string(s): out += Self.quoted(s)
        case let .number(x): out += Self.number(x)
        case let .bool(b): out += b ? "true" : "false"
        case let .array(items):
            // Short arrays of scalars stay on one line, as a person writes `["MP", "USAR"]`.
            if items.allSatisfy(\.isScalar) {
                let inline = "[" + items.map { $0.text() }.joined(separator: ", ") + "]"
                if inline.count <= 80 { out += inline; return }
            }
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (k, item) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                item.write(into: &out, indent: indent + 1)
                out += k + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case let .object(fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{\n"
            for (k, f) in fields.enumerated() {
                out += String(repeating: "  ", count: indent + 1) + Self.quoted(f.key) + ": "
                f.value.write(into: &out, indent: indent + 1)
                out += k + 1 < fields.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// Whole numbers below 2⁵³ without a fraction (`250000`), others in Swift's shortest
    /// round-trip form (`0.05`, `1e-07`). Non-finite numbers have no JSON form and are never
    /// built by the drafter; they print as `null`.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 9_007_199_254_740_992 { return String(Int64(x)) }
        return "\(x)"
    }

    /// RFC 8259 string escaping, as the reports write it (`JSONText`); a string with nothing
    /// to escape (no `"`, `\\` or control character) is copied as it is.
    static func quoted(_ s: String) -> String {
        if s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return JSONText.string(s) }
        return "\"" + s + "\""
    }
}

/// One member of a JSON object.
public struct JSONField: Sendable, Equatable {
    public var key: String
    public var value: JSONValue
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
