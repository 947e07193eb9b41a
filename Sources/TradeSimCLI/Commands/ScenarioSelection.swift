import TradeSim

/// `--scenario NAME` (repeatable) on the commands that run a study: the indices of the
/// scenarios named, in the study's order, or every scenario when none is named. A name the
/// study does not have is a usage error listing the study's scenarios.
enum ScenarioSelection {
    static func indices(_ study: Study, _ a: ParsedArguments) throws -> [Int] {
        try indices([study], a)[0]
    }

    /// The same for several studies run together (`compare`): each name must be a scenario of
    /// at least one of them; each study runs the named scenarios it has.
    static func indices(_ studies: [Study], _ a: ParsedArguments) throws -> [[Int]] {
        let names = a.strings("scenario")
        var all: [String] = []
        for s in studies { for name in s.scenarios.map(\.name) where !all.contains(name) { all.append(name) } }
        for name in names where !all.contains(name) {
            throw CLIError.usage("--scenario must name a scenario of the \(studies.count == 1 ? "study" : "studies") (\(all.joined(separator: ", "))), got \(MessageText.echo(name))",
                                 command: a.command.name)
        }
        return studies.map { study in study.scenarios.indices.filter { names.isEmpty || names.contains(study.scenarios[$0].name) } }
    }
}
