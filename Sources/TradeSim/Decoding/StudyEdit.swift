/// A change to a study's JSON made before it is decoded (`--set PATH=VALUE`, a cell of a
/// sweep): the value at a path replaced or added, or, with `null`, removed. The edited study
/// is then validated exactly as a file is (`StudyDecoder.decode(_:file:edits:loadHistory:)`).
///
/// PATH is written as problems print it, steps joined by `.`:
/// - `name`, or `["name"]` (JSON-quoted, for a name holding `.`, `[`, `]`, `=` or spaces): an
///   object's member;
/// - `[N]`: element N (from 0) of an array;
/// - `[ID]` on an array: its element (an object) whose `id`, `name` or `ticker` is the string
///   ID — `playbook.decisions[enabler-basket]`, `scenarios[talks-unlock-supply]`, `universe[MP]`.
///
/// VALUE is one JSON value (RFC 8259: a string needs its double quotes, `"atm"`). `null`
/// removes an object's member (nothing happens when it is absent: `stopLoss=null` means "no
/// stop" whether or not the file has one); it cannot remove an array's element. Members
/// missing on the way are created as objects (`exit.stopLoss` on a decision without `exit`).
public struct StudyEdit: Sendable {
    /// One step of a path.
    public enum Step: Sendable, Equatable {
        /// An object's member.
        case member(String)
        /// An array's element by position, from 0.
        case index(Int)
        /// An array's element by its `id`, `name` or `ticker`; an object's member of that name.
        case element(String)
    }

    /// The path as given (`playbook.decisions[enabler-basket].exit.stopLoss`).
    public let path: String
    /// The path's steps.
    public let steps: [Step]
    /// The new value, positioned nowhere (line 0: it is not in the file); `.null` removes.
    let value: JSONNode

    /// The value as compact JSON (`0.1`, `"atm"`, `{"moneyness":0.8}`, `null`).
    public var valueText: String { value.compactText }
    /// True when the edit removes the member (`null`).
    public var removes: Bool { if case .null = value.value { true } else { false } }
    /// `PATH=VALUE`, the value as compact JSON.
    public var description: String { path + "=" + valueText }

    /// A bad `PATH=VALUE` argument: what is wrong, for a usage message.
    public struct SyntaxError: Error, Sendable, Equatable {
        /// The message, after the option's name: "must be PATH=VALUE …".
        public var message: String
    }

    static let pathPhrase = "names joined by '.', [N] for an array's element N, [ID] for the element whose id, name or ticker is ID"

    // MARK: - Parsing

    /// `PATH=VALUE`: one edit.
    public static func parse(_ argument: String) -> Result<StudyEdit, SyntaxError> {
        parseTarget(argument).flatMap { path, steps, valueText in
            parseValues(valueText, list: false, argument: argument).map {
                StudyEdit(path: path, steps: steps, value: $0[0])
            }
        }
    }

    /// `PATH=V1,V2,…`: one edit per value, in order (each value a JSON value; commas inside
    /// strings, arrays and objects belong to the value).
    public static func parseList(_ argument: String) -> Result<[StudyEdit], SyntaxError> {
        parseTarget(argument).flatMap { path, steps, valueText in
            parseValues(valueText, list: true, argument: argument).map { values in
                values.map { StudyEdit(path: path, steps: steps, value: $0) }
            }
        }
    }

    /// The path before the first `=` outside brackets, its steps, and the text after it.
    static func parseTarget(_ argument: String) -> Result<(String, [Step], String), SyntaxError> {
        let chars = Array(argument.unicodeScalars)
        func fail(_ what: String, at i: Int) -> Result<(String, [Step], String), SyntaxError> {
            .failure(SyntaxError(message: "has a bad PATH in \(MessageText.echo(argument)): \(what) at character \(i + 1); "
                + "allowed: \(pathPhrase)"))
        }
        func noEquals(_ what: String) -> Result<(String, [Step], String), SyntaxError> {
            .failure(SyntaxError(message: "must be PATH=VALUE (for example playbook.decisions[0].exit.stopLoss=0.1), "
                + "got \(MessageText.echo(argument)) \(what)"))
        }
        enum State { case start, afterDot, inName, afterBracket }
        var state = State.start
        var steps: [Step] = []
        var name = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch (state, c) {
            case (.start, "="): return noEquals("with nothing before '='")
            case (.start, "."), (.afterDot, "."), (.afterDot, "="): return fail("an empty name", at: i)
            case (.afterDot, "["): return fail("'[' after '.'", at: i)
            case (_, "]"): return fail("']' without '['", at: i)
            case (.inName, "."), (.afterBracket, "."):
                if state == .inName { steps.append(.member(String(name))); name = String.UnicodeScalarView() }
                state = .afterDot
            case (.inName, "="), (.afterBracket, "="):
                if state == .inName { steps.append(.member(String(name))) }
                let path = String(String.UnicodeScalarView(chars[0..<i]))
                return .success((path, steps, String(String.UnicodeScalarView(chars[(i + 1)...]))))
            case (_, "["):
                if state == .inName { steps.append(.member(String(name))); name = String.UnicodeScalarView() }
                guard let (step, next) = bracket(chars, from: i + 1) else { return fail("an unclosed or empty '['", at: i) }
                steps.append(step)
                state = .afterBracket
                i = next
                continue
            case (.afterBracket, _): return fail("\(MessageText.echo(String(c))) after ']' (expected '.', '[' or '=')", at: i)
            default:
                name.append(c)
                state = .inName
            }
            i += 1
        }
        return noEquals("without '='")
    }

    /// The step in brackets starting at `from` (after '['), and the index after its ']'.
    private static func bracket(_ chars: [Unicode.Scalar], from: Int) -> (Step, Int)? {
        var i = from
        if i < chars.count && chars[i] == "\"" {
            // A JSON string: up to the closing quote not escaped.
            i += 1
            while i < chars.count && chars[i] != "\"" { i += chars[i] == "\\" ? 2 : 1 }
            guard i < chars.count, i + 1 < chars.count, chars[i + 1] == "]" else { return nil }
            let text = String(String.UnicodeScalarView(chars[from...i]))
            guard let node = try? JSONParser.parse(Array(text.utf8)), case let .string(s) = node.value else { return nil }
            return (.element(s), i + 2)
        }
        while i < chars.count && chars[i] != "]" { i += 1 }
        guard i < chars.count, i > from else { return nil }
        let text = String(String.UnicodeScalarView(chars[from..<i]))
        if text.unicodeScalars.allSatisfy({ $0.properties.numericType == .decimal && $0.isASCII }), let n = Int(text) {
            return (.index(n), i + 1)
        }
        return (.element(text), i + 1)
    }

    /// One JSON value (`list`: one or more, comma-separated), positioned nowhere.
    static func parseValues(_ text: String, list: Bool, argument: String) -> Result<[JSONNode], SyntaxError> {
        let wrapped = list ? "[" + text + "]" : text
        let node: JSONNode
        do {
            node = try JSONParser.parse(Array(wrapped.utf8))
        } catch {
            // The character within VALUE (the list's '[' is not the user's).
            let at = max(1, error.column - (list ? 1 : 0))
            let quoted = list ? "\"text\",\"other\"" : "\"text\""
            return .failure(SyntaxError(message: "has a VALUE that is not JSON in \(MessageText.echo(argument)): found \(error.found) "
                + "at character \(at) of the value; expected \(error.expected) (a string needs its double quotes, "
                + "kept from the shell as in 'PATH=\(quoted)')"))
        }
        if list {
            guard case let .array(values) = node.value, !values.isEmpty else {
                return .failure(SyntaxError(message: "has no VALUE in \(MessageText.echo(argument)); allowed: one or more JSON values, comma-separated"))
            }
            return .success(values.map(\.detached))
        }
        return .success([node.detached])
    }
}
