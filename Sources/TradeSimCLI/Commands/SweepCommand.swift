import Foundation
import TradeSim

/// `tradesim sweep`: the study run once per cell of a grid of changed inputs, every cell on the
/// same random numbers, each compared with the base cell path by path.
enum SweepCommand {
    static let spec = CommandSpec(
        name: "sweep",
        abstract: "Run the study over a grid of changed inputs on common random numbers and compare each cell with the base.",
        discussion: """
        Each --vary PATH=V1,V2,… names a JSON path of the study (as --set takes it) and its \
        values (JSON values, comma-separated; null removes the member: "no stop"). The cells are \
        every combination (the first --vary changing slowest), at most \(SweepGrid.maximumCells); \
        the base cell takes each path's FIRST value (list the value to compare with first). Every \
        cell is validated before any runs (exit 65 names the cell), then each is a whole run on \
        the same seed, scenarios and paths, so path i of every cell draws the same random numbers \
        (common random numbers): a decision's stop or strike changes what it does on a path, not \
        the path. Writes reports/<study>-sweep/ (or --out): sweep.csv (per cell × scenario and \
        blended × decision variant and portfolio: mean P&L, mc_stderr, p05/p50/p95, P(profit), \
        VaR95/CVaR95, mean return, and the difference of the mean from the base cell with its \
        paired standard error and the independent-seed one), report.html (heat maps of the \
        differences) and run.json.

        \(StudyEditOptions.help) Every cell has the --set changes, then its own values.

        \(OutputRule.folderHelp)
        """,
        arguments: [ArgumentSpec(name: "study", help: "Study file (default: \(StudyLoader.defaultStudy)).")],
        options: [
            OptionSpec(name: "vary", valueName: "PATH=V1,V2,...", help: "A path and its values (repeatable; the first value is the base cell's).",
                       kind: .text, required: true, repeatable: true),
            StudyEditOptions.set,
            RunOptions.paths("Monte Carlo paths per scenario, in every cell."),
            RunOptions.seed("Random seed (every cell's)."),
            RunOptions.threads(),
            RunOptions.scenario(),
            OptionSpec(name: "out", valueName: "DIR", help: "Report folder.", kind: .text, defaultDescription: "reports/<study>-sweep"),
            OptionSpec(name: "quiet", valueName: "", help: "Print nothing on success.", kind: .flag),
        ],
        run: run)

    /// The grid of the --vary options; a malformed one, a path named twice or too many cells is
    /// a usage error.
    static func grid(_ a: ParsedArguments) throws -> SweepGrid {
        var varies: [[StudyEdit]] = []
        for argument in a.strings("vary") {
            let list: [StudyEdit]
            switch StudyEdit.parseList(argument) {
            case let .success(l): list = l
            case let .failure(error): throw CLIError.usage("--vary \(error.message)", command: "sweep")
            }
            if varies.contains(where: { $0[0].path == list[0].path }) {
                throw CLIError.usage("--vary names \(MessageText.echo(list[0].path)) twice; give a path once, with all its values comma-separated",
                                     command: "sweep")
            }
            varies.append(list)
        }
        let grid = SweepGrid(varies)
        if grid.cellCount > SweepGrid.maximumCells {
            let product = varies.map { String($0.count) }.joined(separator: " × ")
            throw CLIError.usage("--vary makes \(product) = \(grid.cellCount == Int.max ? "too many" : String(grid.cellCount)) cells; "
                + "allowed: at most \(SweepGrid.maximumCells) (each cell is a whole run of the study): vary fewer values, or sweep in parts",
                command: "sweep")
        }
        return grid
    }

    /// "cell 3 (stopLoss=0.1, moneyness=0.8)" for messages.
    static func cellName(_ grid: SweepGrid, _ k: Int) -> String {
        "cell \(k) (" + grid.edits(k).map(\.description).joined(separator: ", ") + ")"
    }

    static func run(_ a: ParsedArguments) throws {
        var clock = Stopwatch()
        let sets = try StudyEditOptions.edits(a, command: "sweep")
        let grid = try grid(a)
        func cellStudy(_ loaded: StudyLoader.Loaded, _ k: Int) throws -> Study {
            do {
                return try StudyLoader.study(loaded, edits: sets + grid.edits(k))
            } catch let CLIError.dataProblems(messages) {
                throw CLIError.dataProblems(messages + ["the study of the sweep's \(cellName(grid, k)) is not valid; "
                    + "allowed: --vary values that make a valid study"])
            }
        }
        let loaded: StudyLoader.Loaded
        do {
            loaded = try StudyLoader.load(a.positional.first, edits: sets + grid.edits(0))
        } catch let CLIError.dataProblems(messages) {
            throw CLIError.dataProblems(messages + ["the study of the sweep's \(cellName(grid, 0)) is not valid; "
                + "allowed: --vary values that make a valid study"])
        }
        let study = loaded.study
        if case let .failure(problem) = study.requirePlaybook(file: loaded.path) { throw CLIError.data(problem.description) }
        let indices = try ScenarioSelection.indices(study, a)
        // Every cell is checked before any runs: a bad value fails at once, not after hours.
        let scenarioNames = study.scenarios.map(\.name)
        for k in 1..<max(1, grid.cellCount) {
            let s = try cellStudy(loaded, k)
            guard s.scenarios.map(\.name) == scenarioNames else {
                throw CLIError.data("\(loaded.path): the sweep's \(cellName(grid, k)) has the scenarios \(s.scenarios.map(\.name).joined(separator: ", ")); "
                    + "allowed: the base cell's, \(scenarioNames.joined(separator: ", ")) (the cells are compared scenario by scenario)")
            }
        }
        var configuration = RunOptions.configuration(a)
        // The cells share their American legs' premium tables: a cell that leaves the IVs,
        // rate and tenors alone builds none.
        configuration.premiumTables = PremiumTableCache()
        let quiet = a.has("quiet")
        try MemoryCheck.check(study: study, scenarioIndices: indices, configuration: configuration, command: "sweep", quiet: quiet)
        let outPath = a.string("out") ?? "reports/\(study.name)-sweep"
        let folder = try ReportFolder(outPath, isDefault: !a.has("out"), reads: loaded.reads)
        Interrupts.removeOnInterrupt(folder.staging.path)
        let loadSeconds = clock.lap()

        let perCell = indices.reduce(0) { $0 + study.scenarios[$1].pathCount(requested: configuration.paths) }
        let progress = Progress(total: perCell * grid.cellCount, enabled: !quiet && Console.stderrIsTerminal)
        var rows: [SweepRow] = []
        var base: SweepTable.Base?
        var baseOutcomes: [ScenarioOutcomes] = []
        for k in 0..<grid.cellCount {
            let cell = k == 0 ? study : try cellStudy(loaded, k)
            let outcomes = Engine.run(study: cell, scenarioIndices: indices, configuration: configuration,
                                      progress: { progress.advance($0) })
            if k == 0 {
                base = SweepTable.Base(outcomes: outcomes, threads: configuration.threads)
                baseOutcomes = outcomes
            }
            rows += SweepTable.rows(cell: k, values: grid.values(k), outcomes: outcomes, base: base!, threads: configuration.threads)
        }
        progress.finish()
        let simulateSeconds = clock.lap()
        let report = SweepReport(study: study, grid: grid, rows: rows, baseOutcomes: baseOutcomes, configuration: configuration)
        let reportSeconds = clock.lap()
        let manifest = report.manifest(inputs: loaded.inputs, edits: sets,
                                       timings: [("load", loadSeconds), ("simulate", simulateSeconds), ("report", reportSeconds),
                                                 ("total", clock.total)])
        try folder.put(report.files + [("run.json", manifest)])
        if !quiet {
            try Console.out(portfolioTable(rows, grid: grid, currency: study.currency))
            Console.err("tradesim sweep: \(study.name), \(Plural.count(grid.cellCount, "cell")) × \(Plural.count(perCell, "path")) in "
                + "\(NumberText.fixed(clock.total, digits: 2)) s → \(outPath)/\n")
        }
    }

    /// The portfolio per cell (blended, or the only scenario), for people.
    static func portfolioTable(_ rows: [SweepRow], grid: SweepGrid, currency: String) -> String {
        let portfolio = rows.filter { $0.summary.decision == "portfolio" }
        let scenario = portfolio.contains { $0.summary.scenario == "blended" } ? "blended" : portfolio.first?.summary.scenario ?? ""
        var lines = [grid.paths.map { $0.split(separator: ".").last.map(String.init) ?? $0 } + ["mean P&L", "vs base", "± paired", "± independent"]]
        for r in portfolio where r.summary.scenario == scenario {
            lines.append(r.values + [NumberText.fixed(r.summary.pnl.mean, digits: 0), NumberText.fixed(r.difference?.mean, digits: 0),
                                     NumberText.fixed(r.difference?.standardError, digits: 0),
                                     NumberText.fixed(r.independentStandardError, digits: 0)])
        }
        return "Portfolio P&L (\(currency)), \(scenario), by cell (cell 0 the base)\n" + ConsoleTable.render(lines, left: Set(0..<grid.paths.count))
    }
}
