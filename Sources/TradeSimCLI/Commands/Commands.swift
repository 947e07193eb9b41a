/// Every subcommand, declared once; help and parsing derive from these declarations.
enum Commands {
    static let all: [CommandSpec] = [
        RunCommand.spec,
        MergeCommand.spec,
        BacktestCommand.spec,
        SweepCommand.spec,
        CompareCommand.spec,
        GridCommand.spec,
        PriceCommand.spec,
        ImpliedVolCommand.spec,
        ValidateCommand.spec,
        PathsCommand.spec,
        MetricsCommand.spec,
        DraftCommand.spec,
        FitSurfaceCommand.spec,
    ]

    static func named(_ name: String) -> CommandSpec? {
        all.first { $0.name == name }
    }
}
