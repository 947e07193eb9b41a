import TradeSim

/// `tradesim validate FILE...`: checks study files and prints every problem.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate",
        abstract: "Check study files and print every problem found.",
        discussion: """
        Each problem is printed as 'Error: file:line:column: JSON path: found …; allowed: …'. \
        Exits 0 when every file is valid, 65 when any is not.
        """,
        arguments: [ArgumentSpec(name: "file", help: "Study files to check.", optional: false, repeatable: true)],
        run: run)

    static func run(_ a: ParsedArguments) throws {
        var problems: [String] = []
        for file in a.positional {
            do {
                let loaded = try StudyLoader.load(file)
                let s = loaded.study
                try Console.out("\(file): OK — study '\(s.name)', \(Plural.count(s.universe.count, "asset")), \(Plural.count(s.scenarios.count, "scenario"))\n")
            } catch let CLIError.dataProblems(list) {
                problems += list
            } catch let CLIError.data(message) {
                problems.append(message)
            }
        }
        if !problems.isEmpty { throw CLIError.dataProblems(problems) }
    }
}
