/// User text as messages show it: the one place where a cell, a JSON key or string, a ticker
/// or a header name from an input file is quoted for an `Error:` line.
///
/// Rules (`echo`):
/// - the text is put between `quote` characters ('…' for CSV cells, "…" for JSON strings),
///   or none (`quote: nil`, for names in a list such as a CSV header);
/// - characters a terminal would act on are shown as visible escapes: `\n`, `\r`, `\t`, `\0`,
///   other C0 controls, DEL and the C1 controls as `\u{1B}`; the bidirectional overrides and
///   isolates (U+202A–U+202E, U+2066–U+2069) and the line/paragraph separators (U+2028,
///   U+2029) as `\u{202E}`; a byte that is not UTF-8 as `\xFF`;
/// - a backslash is shown as `\\`, so every escape is unambiguous (a quote character inside
///   is shown as it is: the quotes only delimit);
/// - text longer than `limit` Unicode scalars is cut after `limit` and marked:
///   `'AAAA…' (10000 characters)` (the count is of Unicode scalars).
/// Work is proportional to the part shown, plus one count of the rest when it is cut.
package enum MessageText {
    /// The number of characters (Unicode scalars) shown of a long text.
    package static let limit = 80

    /// `text` between quotes, escaped and cut as described above.
    package static func echo(_ text: String, quote: Character? = "'", limit: Int = Self.limit) -> String {
        var text = text
        return text.withUTF8 { echo(utf8: $0, quote: quote, limit: limit) }
    }

    /// A JSON string or key as a message shows it: `echo` between double quotes.
    package static func json(_ text: String) -> String { echo(text, quote: "\"") }

    /// UTF-8 bytes (valid or not) between quotes, escaped and cut as described above.
    package static func echo(utf8 bytes: UnsafeBufferPointer<UInt8>, quote: Character? = "'", limit: Int = Self.limit) -> String {
        let q = quote?.unicodeScalars.first
        var out = String.UnicodeScalarView()
        if let q { out.append(q) }
        var shown = 0
        var i = 0
        while i < bytes.count && shown < limit {
            guard let (scalar, length) = UTF8Sequence.decode(bytes, at: i) else {
                append(hexEscape: bytes[i], to: &out)
                i += 1
                shown += 1
                continue
            }
            if scalar == "\\" {
                out.append("\\")
                out.append(scalar)
            } else {
                append(scalar, to: &out)
            }
            i += length
            shown += 1
        }
        if let q { out.append(q) }
        var result = String(out)
        if i < bytes.count {
            // Count the rest (one pass, no copy): every byte that starts a scalar or is not UTF-8.
            var total = shown
            var k = i
            while k < bytes.count {
                k += UTF8Sequence.decode(bytes, at: k)?.length ?? 1
                total += 1
            }
            if q == nil { result += "…" } else { result.insert("…", at: result.index(before: result.endIndex)) }
            result += " (\(total) characters)"
        }
        return result
    }

    /// Names in a message: each echoed without quotes, joined by `separator`; past `count`
    /// names the list is cut and says how many there are: `T0, T1, … (10000 tickers)`.
    package static func list(_ names: [String], separator: String = ", ", count: Int = 20, noun: String) -> String {
        let shown = names.prefix(count).map { echo($0, quote: nil) }.joined(separator: separator)
        return names.count <= count ? shown : shown + separator + "… (\(names.count) \(noun))"
    }

    /// `text` with every character a terminal would act on shown as an escape (as in
    /// `echo`), but nothing else changed: no quotes, no cut, backslashes as they are. The
    /// last guard before a message is printed (`InputProblem.description`).
    package static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return String(out)
    }

    // MARK: - Escapes

    /// Controls (C0, DEL, C1), bidirectional overrides and isolates, line and paragraph separators.
    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    static func append(_ s: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        guard needsEscape(s) else { out.append(s); return }
        let short: String? = switch s {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        case "\0": "\\0"
        default: nil
        }
        out.append(contentsOf: (short ?? "\\u{\(String(s.value, radix: 16, uppercase: true))}").unicodeScalars)
    }

    static func append(hexEscape byte: UInt8, to out: inout String.UnicodeScalarView) {
        let hex = String(byte, radix: 16, uppercase: true)
        out.append(contentsOf: ("\\x" + (byte < 0x10 ? "0" : "") + hex).unicodeScalars)
    }
}

/// Decoding one UTF-8 sequence strictly (RFC 3629): no overlong forms, no surrogates, nothing
/// above U+10FFFF, no truncated sequence.
enum UTF8Sequence {
    /// The scalar starting at byte `i` and its length in bytes, or nil when the bytes there
    /// are not UTF-8.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        let b0 = bytes[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let count: Int
        var code: UInt32
        switch b0 {
        case 0xC2...0xDF: count = 2; code = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: count = 3; code = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: count = 4; code = UInt32(b0 & 0x07)
        default: return nil
        }
        guard i + count <= bytes.count else { return nil }
        for k in 1..<count {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            code = code << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = count == 2 ? 0x80 : (count == 3 ? 0x800 : 0x10000)
        guard code >= minimum, let scalar = Unicode.Scalar(code) else { return nil }
        return (scalar, count)
    }
}
