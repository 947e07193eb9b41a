import TradeSim

/// `--scenario NAME` (repeatable) on the commands that run a study: the indices of the
/// scenarios named, in the study's order, or every scenario when none is named. A name the
/// study does not have is a usage error listing the study's scenarios.
enum ScenarioSelection {
    static func indices(_ study: Study, _ a: ParsedArguments) throws -> [Int] {
        let names = a.strings("scenario")
        for name in names where study.scenario(named: name) == nil {
            throw CLIError.usage("--scenario must name a scenario of the study (\(study.scenarios.map(\.name).joined(separator: ", "))), got \(MessageText.echo(name))",
                                 command: a.command.name)
        }
        return study.scenarios.indices.filter { names.isEmpty || names.contains(study.scenarios[$0].name) }
    }
}
