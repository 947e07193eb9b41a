import TradeSim

/// What a command-line value must be, so that parsing can check it and help can describe it.
enum ValueKind: Sendable {
    /// A number: finite, within the bounds (each optional, inclusive or not).
    case number(NumberRule)
    /// A whole number within the inclusive bounds.
    case integer(min: Int, max: Int)
    /// One of a fixed set of words.
    case choice([String])
    /// Any text (a path, a name).
    case text
    /// A flag without a value.
    case flag
}

/// One `--name value` option or `--name` flag.
struct OptionSpec: Sendable {
    var name: String
    var valueName: String
    var help: String
    var kind: ValueKind
    var required = false
    var repeatable = false
    /// Shown in help as "(default: …)"; the command applies it.
    var defaultDescription: String?

    var isFlag: Bool { if case .flag = kind { true } else { false } }

    /// `--spot <S>`, or `--json` for a flag.
    var synopsis: String { isFlag ? "--\(name)" : "--\(name) <\(valueName)>" }

    var allowedPhrase: String {
        switch kind {
        case let .number(rule): rule.phrase
        case let .integer(lo, hi): "a whole number from \(lo) to \(hi)"
        case let .choice(words): "one of " + words.joined(separator: ", ")
        case .text: "a value"
        case .flag: "no value"
        }
    }
}

/// A positional argument.
struct ArgumentSpec: Sendable {
    var name: String
    var help: String
    var optional = true
    var repeatable = false

    var synopsis: String {
        let core = "<\(name)>" + (repeatable ? " ..." : "")
        return optional ? "[\(core)]" : core
    }
}

/// A subcommand, declared once as data: parsing, validation and help are derived from it.
struct CommandSpec: Sendable {
    var name: String
    var abstract: String
    var discussion: String?
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []
    var run: @Sendable (ParsedArguments) throws -> Void

    /// `tradesim run [<study>] [--paths <N>] ...`: positional arguments, then options in declared order.
    var usage: String {
        var parts = ["tradesim", name] + arguments.map(\.synopsis)
        for o in options {
            let s = o.synopsis + (o.repeatable ? " ..." : "")
            parts.append(o.required ? s : "[\(s)]")
        }
        return parts.joined(separator: " ")
    }
}
