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
            Console.err("Error: \(error)\n")
            return ExitCode.failure.rawValue
        }
    }

    static func dispatch(_ args: [String]) throws {
        guard let first = args.first else {
            Console.out(Help.overview(Commands.all, version: TradeSimVersion.string))
            return
        }
        switch first {
        case "--version", "-V", "version":
            Console.out(TradeSimVersion.string + "\n")
            return
        case "help", "--help", "-h":
            if args.count > 1 {
                guard let c = Commands.named(args[1]) else {
                    throw CLIError.usage("unknown command '\(args[1])'", command: nil)
                }
                Console.out(Help.command(c))
            } else {
                Console.out(Help.overview(Commands.all, version: TradeSimVersion.string))
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
            Console.out(Help.command(command))
            return
        }
        let parsed = try ParsedArguments(rest, for: command)
        try command.run(parsed)
    }

    static func report(_ error: CLIError) {
        switch error {
        case let .usage(message, command):
            var text = "Error: \(message)\n"
            if let name = command, let c = Commands.named(name) {
                text += "Usage: \(c.usage)\n  See 'tradesim \(name) --help'.\n"
            } else {
                text += "Usage: tradesim <command> [<options>]\n  See 'tradesim help'.\n"
            }
            Console.err(text)
        case let .data(message), let .failure(message):
            Console.err("Error: \(message)\n")
        case let .dataProblems(messages):
            for m in messages { Console.err("Error: \(m)\n") }
        }
    }
}
