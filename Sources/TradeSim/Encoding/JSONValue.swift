/// A JSON document built in memory and written as text, with object members kept in the order
/// they were added (so a drafted study reads top-down like a hand-written one).
///
/// Written two-space indented, its tokens by `JSONText` (the one JSON writer): strings
/// escaped there, numbers as a person writes them in a study (`JSONText.wholeOrDecimal`:
/// `250000`, `0.2`).
package indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([JSONField])

    /// The value of the first member named `key` (objects only).
    package subscript(key: String) -> JSONValue? {
        guard case let .object(fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    /// The element at `index` (arrays only).
    package subscript(index: Int) -> JSONValue? {
        guard case let .array(a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }

    /// The string, for a `.string`; nil otherwise.
    package var stringValue: String? { if case let .string(s) = self { s } else { nil } }
    /// The number, for a `.number`; nil otherwise.
    package var numberValue: Double? { if case let .number(x) = self { x } else { nil } }
    /// The elements, for an `.array`; nil otherwise.
    package var arrayValue: [JSONValue]? { if case let .array(a) = self { a } else { nil } }
    /// The member names in order, for an `.object`; empty otherwise.
    package var keys: [String] { if case let .object(f) = self { f.map(\.key) } else { [] } }

    /// The text of the value, ending without a newline.
    package func text(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case let .string(s): out += JSONText.string(s)
        case let .number(x): out += JSONText.wholeOrDecimal(x)
        case let .bool(b): out += JSONText.bool(b)
        case let .array(items):
            // Short arrays of scalars stay on one line, as a person writes `["MP", "USAR"]`.
            if items.allSatisfy(\.isScalar) {
                let inline = JSONText.array(items.map { $0.text() })
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
                out += String(repeating: "  ", count: indent + 1) + JSONText.string(f.key) + ": "
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
}

/// One member of a JSON object.
package struct JSONField: Sendable, Equatable {
    /// The member's name.
    package var key: String
    /// The member's value.
    package var value: JSONValue
    /// A member `key`: `value`.
    package init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
