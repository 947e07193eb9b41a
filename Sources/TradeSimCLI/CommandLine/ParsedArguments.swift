import TradeSim

/// The values of one command line, checked against its `CommandSpec`.
struct ParsedArguments: Sendable {
    let command: CommandSpec
    /// Values by option name, in the order given (flags hold "").
    private(set) var values: [String: [String]] = [:]
    /// Positional arguments in order.
    private(set) var positional: [String] = []

    /// Parses `arguments` (without the program and command names).
    /// Throws `CLIError.usage` naming the flag and what is allowed.
    init(_ arguments: [String], for command: CommandSpec) throws {
        self.command = command
        var i = 0
        var onlyPositional = false
        while i < arguments.count {
            let token = arguments[i]
            i += 1
            if onlyPositional || !token.hasPrefix("-") || token == "-" || isNegativeNumber(token) {
                positional.append(token)
                continue
            }
            if token == "--" { onlyPositional = true; continue }
            guard token.hasPrefix("--") else {
                throw usage("unknown option \(MessageText.echo(token))")
            }
            var name = String(token.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = command.options.first(where: { $0.name == name }) else {
                throw usage("unknown option \(MessageText.echo("--" + name))")
            }
            if spec.isFlag {
                if inlineValue != nil { throw usage("--\(name) takes no value") }
                values[name, default: []].append("")
                continue
            }
            let value: String
            if let v = inlineValue {
                value = v
            } else {
                // A value never starts with "--": `--paths --quiet` lacks the number (negative
                // numbers, `-0.5`, start with one dash).
                guard i < arguments.count, !arguments[i].hasPrefix("--") else {
                    let next = i < arguments.count ? ", before \(MessageText.echo(arguments[i]))" : ""
                    throw usage("missing value for --\(name)\(next) (expected \(spec.allowedPhrase))")
                }
                value = arguments[i]
                i += 1
            }
            if values[name] != nil && !spec.repeatable {
                throw usage("--\(name) given more than once")
            }
            try check(value, for: spec)
            values[name, default: []].append(value)
        }
        for spec in command.options where spec.required && values[spec.name] == nil {
            throw usage("missing --\(spec.name) <\(spec.valueName)> (\(spec.allowedPhrase))")
        }
        let maxPositional = command.arguments.contains(where: \.repeatable) ? Int.max : command.arguments.count
        if positional.count > maxPositional {
            let extra = positional[command.arguments.count]
            throw usage("unexpected argument \(MessageText.echo(extra))")
        }
        let requiredCount = command.arguments.filter { !$0.optional }.count
        if positional.count < requiredCount {
            let missing = command.arguments.filter { !$0.optional }[positional.count]
            throw usage("missing <\(missing.name)>")
        }
    }

    private func usage(_ message: String) -> CLIError {
        .usage(message, command: command.name)
    }

    private func check(_ value: String, for spec: OptionSpec) throws {
        switch spec.kind {
        case let .number(rule):
            guard let x = Self.parseNumber(value) else {
                throw usage("--\(spec.name) must be \(rule.phrase), got \(MessageText.echo(value))")
            }
            guard rule.allows(x) else {
                throw usage("--\(spec.name) must be \(rule.phrase), got \(MessageText.echo(value))")
            }
        case let .integer(lo, hi):
            guard let n = Int(value), n >= lo, n <= hi else {
                throw usage("--\(spec.name) must be \(spec.allowedPhrase), got \(MessageText.echo(value))")
            }
        case let .choice(words):
            guard words.contains(value) else {
                throw usage("--\(spec.name) must be \(spec.allowedPhrase), got \(MessageText.echo(value))")
            }
        case .text:
            guard !value.isEmpty else { throw usage("--\(spec.name) needs a non-empty value") }
        case .flag:
            break
        }
    }

    /// A decimal number in the usual notation (`-0.5`, `1e-3`); rejects `nan`, `inf`,
    /// hexadecimal and anything that overflows to infinity.
    static func parseNumber(_ text: String) -> Double? {
        let allowed = Set("0123456789+-.eE")
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }),
              let x = Double(text), x.isFinite else { return nil }
        return x
    }

    private func isNegativeNumber(_ token: String) -> Bool {
        token.count > 1 && token.hasPrefix("-") && Self.parseNumber(token) != nil
    }

    // MARK: - Typed access (values were checked while parsing)

    func has(_ name: String) -> Bool { values[name] != nil }

    func string(_ name: String) -> String? { values[name]?.last }

    func strings(_ name: String) -> [String] { values[name] ?? [] }

    func number(_ name: String) -> Double? { string(name).flatMap(Self.parseNumber) }

    func integer(_ name: String) -> Int? { string(name).flatMap { Int($0) } }
}
