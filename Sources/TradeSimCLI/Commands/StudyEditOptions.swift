import TradeSim

/// `--set PATH=VALUE`, shared by `run`, `backtest` and `sweep`: changes to the study made
/// before it is validated (`StudyEdit`).
enum StudyEditOptions {
    static let set = OptionSpec(name: "set", valueName: "PATH=VALUE",
                                help: "Change the study before it runs: the JSON VALUE at PATH (null removes it; repeatable).",
                                kind: .text, repeatable: true)

    /// The paragraph of help that says what PATH and VALUE are.
    static let help = """
        --set PATH=VALUE changes the study as read, before it is checked (repeatable, applied in \
        order): PATH as error messages print it (playbook.decisions[0].exit.stopLoss), with [ID] \
        for the array element whose id, name or ticker is ID (playbook.decisions[enabler-basket]) \
        and ["name"] for a member name with '.', '[', ']' or '='; VALUE one JSON value (a string \
        in double quotes; null removes the member). Members missing on the way are created. The \
        changed study is validated like the file (exit 65); run.json lists the changes under "sets".
        """

    /// The `--set` values of `a`, parsed; a malformed one is a usage error.
    static func edits(_ a: ParsedArguments, command: String) throws -> [StudyEdit] {
        try a.strings("set").map { argument in
            switch StudyEdit.parse(argument) {
            case let .success(edit): return edit
            case let .failure(error): throw CLIError.usage("--set \(error.message)", command: command)
            }
        }
    }
}
