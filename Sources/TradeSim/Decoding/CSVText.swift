/// Splitting CSV bytes (RFC 4180: comma-separated, optional double quotes with "" escapes)
/// into records, keeping 1-based line numbers for messages, and refusing what is not text.
///
/// Rules: a field that starts with `"` runs to the matching closing quote (commas and line
/// breaks inside are part of it, `""` is one quote; anything after the closing quote is kept);
/// a line ends at LF or CRLF; a blank line is skipped. Fields are byte ranges of the file, so
/// reading is one pass over the bytes and a cell becomes text only when a message shows it.
///
/// Refused, at the first offending byte (file:line:column, column in characters): a NUL byte
/// (binary data) and bytes that are not UTF-8 (RFC 3629). A quote left open is reported at the
/// line where its field began.
enum CSVText {
    /// One field of a record: its bytes in the file (quotes included).
    struct Field {
        var start: Int
        var end: Int
        /// The field began with a double quote: its value is the text between the quotes
        /// (`""` read as `"`) followed by anything after the closing quote.
        var quoted: Bool
    }

    /// Why reading ended before the end of the file.
    enum Stop {
        /// A NUL byte or bytes that are not UTF-8: the file is not text.
        case notText(InputProblem)
        /// A quoted field runs to the end of the file.
        case openQuote(InputProblem)
    }

    struct Record {
        /// The 1-based line where the record begins.
        var line: Int
        var fields: [Field]
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"),
                       carriageReturn = UInt8(ascii: "\r"), space = UInt8(ascii: " ")

    /// Calls `body` with each record in order until it returns false; returns what ended
    /// reading early (binary content, a quote never closed), if anything. The record's storage
    /// is reused: `body` must not keep it.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, file: String, _ body: (Record) -> Bool) -> Stop? {
        let n = bytes.count
        var i = 0
        var line = 1
        var lineStart = 0
        var record = Record(line: 1, fields: [])

        /// The problem at byte i: a NUL, or bytes that are not UTF-8.
        func notText(_ i: Int) -> Stop {
            // Column in characters: everything before i on this line is valid UTF-8.
            var column = 1
            for k in lineStart..<i where bytes[k] & 0xC0 != 0x80 { column += 1 }
            let found = bytes[i] == 0 ? "a NUL byte (\\0): binary data, not text"
                : "the byte \(MessageText.echo(utf8: UnsafeBufferPointer(rebasing: bytes[i..<i + 1]), quote: nil)), which is not UTF-8 text"
            return .notText(InputProblem(file: file, line: line, column: column, path: "", found: found,
                                         allowed: "a CSV text file in UTF-8 (no NUL bytes)"))
        }

        while true {
            let start = i
            var tail = i  // where the unquoted part of the field begins
            let quoted = i < n && bytes[i] == quote
            if quoted {
                let quoteLine = line
                i += 1
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n && bytes[i + 1] == quote { i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    if b == newline {
                        line += 1
                        lineStart = i + 1
                    } else if b == 0 {
                        return notText(i)
                    } else if b >= 0x80 {
                        guard let (_, length) = UTF8Sequence.decode(bytes, at: i) else { return notText(i) }
                        i += length
                        continue
                    }
                    i += 1
                }
                guard closed else {
                    return .openQuote(InputProblem(file: file, line: quoteLine, path: "", found: "a quoted field that is never closed",
                                                   allowed: "a closing '\"' for every opening one"))
                }
                tail = i
            }
            while i < n {
                let b = bytes[i]
                if b == comma || b == newline { break }
                if b == 0 { return notText(i) }
                if b >= 0x80 {
                    guard let (_, length) = UTF8Sequence.decode(bytes, at: i) else { return notText(i) }
                    i += length
                    continue
                }
                i += 1
            }
            var end = i
            // CRLF: the CR belongs to the line break (not inside quotes).
            if (i == n || bytes[i] == newline) && end > tail && bytes[end - 1] == carriageReturn { end -= 1 }
            record.fields.append(Field(start: start, end: end, quoted: quoted))
            if i < n && bytes[i] == comma {
                i += 1
                continue
            }
            let blank = record.fields.count == 1 && end == start
            if !blank && !body(record) { return nil }
            record.fields.removeAll(keepingCapacity: true)
            guard i < n else { return nil }
            i += 1  // the newline
            line += 1
            lineStart = i
            record.line = line
            if i == n { return nil }
        }
    }

    // MARK: - Values

    /// The field's value (quotes removed, `""` as `"`), with spaces trimmed at both ends when
    /// `trimmed`, passed to `body` as bytes: a view of the file for an unquoted field.
    static func withValue<T>(_ f: Field, in bytes: UnsafeBufferPointer<UInt8>, trimmed: Bool = true,
                             _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        func trim(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            guard trimmed else { return b }
            var lo = 0, hi = b.count
            while lo < hi && b[lo] == space { lo += 1 }
            while hi > lo && b[hi - 1] == space { hi -= 1 }
            return UnsafeBufferPointer(rebasing: b[lo..<hi])
        }
        guard f.quoted else { return body(trim(UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]))) }
        var value: [UInt8] = []
        value.reserveCapacity(f.end - f.start)
        var i = f.start + 1
        while i < f.end {
            if bytes[i] == quote {
                if i + 1 < f.end && bytes[i + 1] == quote { value.append(quote); i += 2; continue }
                i += 1
                break
            }
            value.append(bytes[i])
            i += 1
        }
        value.append(contentsOf: bytes[i..<f.end])
        return value.withUnsafeBufferPointer { body(trim($0)) }
    }

    /// A date `YYYY-MM-DD` (nil for anything else).
    static func date(_ value: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        value.count == 10 ? CalendarDate(iso: String(decoding: value, as: UTF8.self)) : nil
    }

    /// The field's value as text.
    static func string(_ f: Field, in bytes: UnsafeBufferPointer<UInt8>, trimmed: Bool = true) -> String {
        withValue(f, in: bytes, trimmed: trimmed) { String(decoding: $0, as: UTF8.self) }
    }

    /// The field's value as a message shows it: quoted, escaped and cut (`MessageText.echo`),
    /// or "an empty cell".
    static func echo(_ f: Field, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        withValue(f, in: bytes) { $0.isEmpty ? "an empty cell" : MessageText.echo(utf8: $0) }
    }
}
