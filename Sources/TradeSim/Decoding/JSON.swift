/// A parsed JSON value with the line and column where it starts, so that every problem found
/// later (a wrong type, a value out of range) can name its place in the file.
struct JSONNode: Sendable {
    enum Value: Sendable {
        case null
        case bool(Bool)
        /// The number and its literal text (kept for messages: "found 1e400").
        case number(Double, String)
        case string(String)
        case array([JSONNode])
        /// Members in file order (duplicate keys are rejected by the parser), with the
        /// line and column of each member's name.
        case object([JSONMember])
    }

    var value: Value
    /// 1-based line and column (in Unicode scalars) of the value's first character.
    var line: Int
    var column: Int

    /// A short description of the value for "found …" in messages.
    var summary: String {
        switch value {
        case .null: "null"
        case let .bool(b): String(b)
        case let .number(_, text): MessageText.echo(text, quote: nil)
        case let .string(s): MessageText.json(s)
        case let .array(a): "an array of \(a.count)"
        case .object: "an object"
        }
    }

    /// What a message says was found: "an array of 2", "a string \"MP\"", "a number 7",
    /// "true", "null", "an object".
    var description: String {
        switch value {
        case .null, .bool, .array, .object: summary
        case .number, .string: typeName + " " + summary
        }
    }

    var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One member of a JSON object: its name, where the name starts, and its value.
struct JSONMember: Sendable {
    var key: String
    var keyLine: Int
    var keyColumn: Int
    var node: JSONNode
}

/// A JSON syntax error at a line and column.
struct JSONSyntaxError: Error, Sendable, Equatable {
    var line: Int
    var column: Int
    var found: String
    var expected: String
}

/// A strict RFC 8259 parser (what Foundation's JSONDecoder accepts, minus its extensions):
/// no comments, no trailing commas, no NaN/Infinity literals, no leading zeros, no unescaped
/// control characters in strings, valid UTF-8 and surrogate pairs. It also rejects duplicate
/// keys in an object (a typo must not silently shadow a value), numbers that overflow a
/// double (1e400), and nesting deeper than 256 levels (no stack exhaustion on hostile input).
struct JSONParser {
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var parser = JSONParser(bytes: bytes)
        // A UTF-8 byte-order mark is tolerated.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3; parser.lineStart = 3 }
        try parser.skipWhitespace()
        let node = try parser.parseValue(depth: 0)
        try parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.error(expected: "end of input after the top-level value")
        }
        return node
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: - Positions and errors

    // Column in Unicode scalars, counted incrementally from the last position asked about on
    // the same line (linear overall, even for a megabyte on one line).
    private var cacheLineStart = -1
    private var cacheIndex = 0
    private var cacheColumn = 1

    private var column: Int {
        mutating get {
            if cacheLineStart != lineStart || cacheIndex > index {
                cacheLineStart = lineStart
                cacheIndex = lineStart
                cacheColumn = 1
            }
            while cacheIndex < index && cacheIndex < bytes.count {
                if bytes[cacheIndex] & 0xC0 != 0x80 { cacheColumn += 1 }
                cacheIndex += 1
            }
            return cacheColumn
        }
    }

    private mutating func error(expected: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: column, found: describeHere(), expected: expected)
    }

    private func describeHere() -> String {
        guard index < bytes.count else { return "end of input" }
        let b = bytes[index]
        if b == 0x0A { return "end of line" }
        if b == 0 { return "a NUL byte (\\0): binary data, not text" }
        if b < 0x20 { return "control character U+\(String(b, radix: 16, uppercase: true).leftPadded(4))" }
        // Show the next few characters of the token.
        var end = index
        while end < bytes.count && end - index < 12 && !" \t\r\n,:]}".utf8.contains(bytes[end]) { end += 1 }
        if end == index { end = index + 1 }
        // (Bytes that are not UTF-8 show as U+FFFD here: the message says UTF-8 is expected.)
        return MessageText.echo(String(decoding: bytes[index..<end], as: UTF8.self))
    }

    // MARK: - Grammar

    private mutating func skipWhitespace() throws(JSONSyntaxError) {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard depth < Self.maximumDepth else {
            throw error(expected: "at most \(Self.maximumDepth) levels of nesting")
        }
        guard index < bytes.count else { throw error(expected: "a value") }
        let startLine = line, startColumn = column
        let value: JSONNode.Value
        switch bytes[index] {
        case UInt8(ascii: "{"): value = try parseObject(depth: depth)
        case UInt8(ascii: "["): value = try parseArray(depth: depth)
        case UInt8(ascii: "\""): value = .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); value = .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); value = .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = try parseNumber()
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw error(expected: "a JSON value (NaN and Infinity are not JSON numbers)")
        default:
            throw error(expected: "a value (object, array, string, number, true, false or null)")
        }
        return JSONNode(value: value, line: startLine, column: startColumn)
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
            throw error(expected: "a value (object, array, string, number, true, false or null)")
        }
        index += w.count
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONNode.Value {
        index += 1  // {
        var members: [JSONMember] = []
        var seen: Set<String> = []
        try skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error(expected: "a member name in double quotes")
            }
            let keyLine = line, keyColumn = column
            let key = try parseString()
            if seen.contains(key) {
                throw JSONSyntaxError(line: keyLine, column: keyColumn, found: "a second member \(MessageText.json(key))",
                                      expected: "each member name once per object")
            }
            seen.insert(key)
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error(expected: "':' after the member name \(MessageText.json(key))")
            }
            index += 1
            try skipWhitespace()
            let node = try parseValue(depth: depth + 1)
            members.append(JSONMember(key: key, keyLine: keyLine, keyColumn: keyColumn, node: node))
            try skipWhitespace()
            guard index < bytes.count else { throw error(expected: "',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                try skipWhitespace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
                    throw error(expected: "another member after ',' (trailing commas are not JSON)")
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            throw error(expected: "',' or '}' after the value of \(MessageText.json(key))")
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONNode.Value {
        index += 1  // [
        var elements: [JSONNode] = []
        try skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            try skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            try skipWhitespace()
            guard index < bytes.count else { throw error(expected: "',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                try skipWhitespace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                    throw error(expected: "another element after ',' (trailing commas are not JSON)")
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            throw error(expected: "',' or ']' after an array element")
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONNode.Value {
        let start = index
        func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digit(index) else {
            if index < bytes.count && (bytes[index] == UInt8(ascii: "I") || bytes[index] == UInt8(ascii: "N")) {
                throw error(expected: "a digit (NaN and Infinity are not JSON numbers)")
            }
            throw error(expected: "a digit")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if digit(index) { throw error(expected: "no leading zeros in a number") }
        } else {
            while digit(index) { index += 1 }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digit(index) else { throw error(expected: "a digit after the decimal point") }
            while digit(index) { index += 1 }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard digit(index) else { throw error(expected: "a digit in the exponent") }
            while digit(index) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let x = Double(text), x.isFinite else {
            index = start
            throw JSONSyntaxError(line: line, column: column, found: MessageText.echo(text, quote: nil),
                                  expected: "a number within the range of a double (about ±1.8e308)")
        }
        return .number(x, text)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        while true {
            guard index < bytes.count else { throw error(expected: "a closing '\"'") }
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error(expected: "an escape character") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if code >= 0xD800 && code <= 0xDBFF {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error(expected: "a low surrogate \\uDC00–\\uDFFF after a high surrogate")
                        }
                        index += 2
                        let low = try hex4()
                        guard low >= 0xDC00 && low <= 0xDFFF else {
                            throw error(expected: "a low surrogate \\uDC00–\\uDFFF after a high surrogate")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if code >= 0xDC00 && code <= 0xDFFF {
                        throw error(expected: "a high surrogate before a low surrogate")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error(expected: "a valid Unicode escape") }
                    scalars.append(scalar)
                default:
                    index -= 1
                    throw error(expected: "one of the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
                }
            case 0x00..<0x20:
                throw error(expected: "no unescaped control characters inside a string")
            case 0x00..<0x80:
                scalars.append(Unicode.Scalar(b))
                index += 1
            default:
                scalars.append(try utf8Scalar())
            }
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error(expected: "four hexadecimal digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error(expected: "four hexadecimal digits")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    /// Decodes one multi-byte UTF-8 sequence, rejecting overlong forms and surrogates.
    private mutating func utf8Scalar() throws(JSONSyntaxError) -> Unicode.Scalar {
        let at = index
        guard let (scalar, length) = bytes.withUnsafeBufferPointer({ UTF8Sequence.decode($0, at: at) }) else {
            throw error(expected: "valid UTF-8 text")
        }
        index += length
        return scalar
    }
}
