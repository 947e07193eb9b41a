import TradeSim

/// The `tradesim` entry point: dispatches to a command and maps errors to exit codes.
enum CLI {
    static func main(_ argv: [String]) -> Int32 {
        let args = Array(argv.dropFirst())
        do {
            try dispatch(args)
            return ExitCode.success.rawValue
        } catch let error as CLIError {
            report(error)
            return error.exitCode.rawValue
        } catch {
            Console.err("Error: \(Self.visible(String(describing: error)))\n")
            return ExitCode.failure.rawValue
        }
    }

    static func dispatch(_ args: [String]) throws {
        guard let first = args.first else {
            try Console.out(Help.overview(Commands.all, version: TradeSimVersion.string))
            return
        }
        switch first {
        case "--version", "-V", "version":
            try Console.out(TradeSimVersion.string + "\n")
            return
        case "help", "--help", "-h":
            if args.count > 1 {
                guard let c = Commands.named(args[1]) else {
                    throw CLIError.usage("unknown command '\(args[1])'", command: nil)
                }
                try Console.out(Help.command(c))
            } else {
                try Console.out(Help.overview(Commands.all, version: TradeSimVersion.string))
            }
            return
        default:
            break
        }
        guard let command = Commands.named(first) else {
            throw CLIError.usage("unknown command '\(first)'", command: nil)
        }
        let rest = Array(args.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            try Console.out(Help.command(command))
            return
        }
        let parsed = try ParsedArguments(rest, for: command)
        try command.run(parsed)
    }

    static func report(_ error: CLIError) {
        switch error {
        case let .usage(message, command):
            var text = "Error: \(visible(message))\n"
            if let name = command, let c = Commands.named(name) {
                text += "Usage: \(c.usage)\n  See 'tradesim \(name) --help'.\n"
            } else {
                text += "Usage: tradesim <command> [<options>]\n  See 'tradesim help'.\n"
            }
            Console.err(text)
        case let .data(message), let .failure(message), let .cannotCreate(message), let .io(message):
            Console.err("Error: \(visible(message))\n")
        case let .dataProblems(messages):
            for m in messages { Console.err("Error: \(visible(m))\n") }
        }
    }

    /// A message as it may reach a terminal: one line, every control character shown as an
    /// escape (`\n`, `\u{1B}`), so that text echoed from a file, a path or an argument can
    /// neither split the `Error:` line nor send escape sequences.
    static func visible(_ message: String) -> String { MessageText.visible(message) }
}
