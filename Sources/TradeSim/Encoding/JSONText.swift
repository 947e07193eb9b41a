/// The JSON writer: every JSON token tradesim writes — run.json, the partial results' headers,
/// the drafted study (through `JSONValue`), the `--json` output of the commands — comes from
/// here, so strings are escaped and numbers spelled one way (RFC 8259).
///
/// - Strings: `"` and `\` escaped, `\n`, `\r`, `\t` by name, other control characters below
///   U+0020 as `\u00XX`; everything else as it is (UTF-8).
/// - Numbers: the shortest decimal that reads back as the same `Double` (`0.1`, `1.0`,
///   `1e-05`; zero as `0`), or `null` when undefined (nil, NaN, ±∞): a report never writes a
///   non-finite number.
/// - Objects and arrays written on one line: `{"key": value, …}`, `[a, b]` (members and
///   elements separated by `, `, keys from values by `: `).
package enum JSONText {
    /// A string token: `s` between double quotes, escaped as above.
    package static func string(_ s: String) -> String {
        // Nothing to escape (the usual case): the text as it is.
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return "\"" + s + "\"" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += "\\u" + String(u.value, radix: 16).leftPadded(4)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// A number token: the round-trip decimal, `0` for zero, `null` when undefined.
    package static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "null" }
        return x == 0 ? "0" : x.description
    }

    /// A number token as a person writes one in a study file: a whole number below 2⁵³ without
    /// a fraction (`250000`), any other as `number` writes it (`0.05`, `1e-07`).
    package static func wholeOrDecimal(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), abs(x) < 9_007_199_254_740_992 { return String(Int64(x)) }
        return number(x)
    }

    /// `true` or `false`.
    static func bool(_ b: Bool) -> String { b ? "true" : "false" }

    /// An object on one line from members whose values are already JSON text:
    /// `{"a": 1, "b": "x"}`.
    package static func object(_ members: KeyValuePairs<String, String>) -> String {
        object(members.map { ($0.key, $0.value) })
    }

    /// An object on one line from (key, JSON text) pairs, in their order.
    package static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    /// An array on one line from elements that are already JSON text: `[1, "a"]`.
    package static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ", ") + "]"
    }
}
