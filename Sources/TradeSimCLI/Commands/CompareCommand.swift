import Foundation
import TradeSim

/// `tradesim compare A B`: two runs side by side — two studies run here on common random
/// numbers (paired standard errors), or two report folders of `tradesim run` (their summaries,
/// standard errors of independent runs) — each statistic's change B − A with its standard error.
enum CompareCommand {
    static let spec = CommandSpec(
        name: "compare",
        abstract: "Compare two runs (two studies on common random numbers, or two report folders): each statistic's change and its standard error.",
        discussion: """
        A and B are two study files or two report folders written by tradesim run. Two studies \
        both run here with the same --paths, --seed and --scenario (and --set, applied to both), \
        so path i of a scenario draws the same random numbers in both wherever the scenario is \
        built the same (common random numbers); the standard errors of the changes are paired: \
        the mean P&L's and P(profit)'s from the per-path differences, the quantiles', VaR's and \
        CVaR's by a paired bootstrap of the paths (\(PairedBootstrap.standard.resamples) \
        resamples, seed \(PairedBootstrap.standard.seed)). Two report folders are compared by \
        their summary.csv: the mean's standard error is that of independent runs, \
        √(mc_stderr_A² + mc_stderr_B²), and the other statistics have none. Rows are matched by \
        scenario name (with studies, and path count), decision and variant; a row of one run only \
        is listed with the other side empty. Writes reports/compare-<A>-<B>/ (or --out; <A> and \
        <B> the file names without .json, or the folders' names): compare.csv (per scenario, \
        blended, decision variant and portfolio: each statistic in A and B, the change, its \
        standard error and whether |change| > 1.96 s.e.), report.html and run.json.

        \(StudyEditOptions.help)

        \(OutputRule.folderHelp)
        """,
        arguments: [ArgumentSpec(name: "a", help: "Run A: a study file, or a report folder of tradesim run.", optional: false),
                    ArgumentSpec(name: "b", help: "Run B: of the same kind as A.", optional: false)],
        options: [
            StudyEditOptions.set,
            RunOptions.paths("Monte Carlo paths per scenario, in both runs (studies)."),
            RunOptions.seed("Random seed of both runs (studies)."),
            RunOptions.threads("Worker threads (studies)."),
            RunOptions.scenario("Only this scenario (repeatable; studies)."),
            OptionSpec(name: "out", valueName: "DIR", help: "Report folder.", kind: .text, defaultDescription: "reports/compare-<A>-<B>"),
            OptionSpec(name: "quiet", valueName: "", help: "Print nothing on success.", kind: .flag),
        ],
        run: run)

    /// What A or B is.
    enum Input {
        case study(String)
        case folder(String)

        var path: String { switch self { case let .study(p), let .folder(p): p } }

        /// "a study file ('s.json')", for messages.
        var described: String {
            switch self {
            case let .study(p): "a study file (\(MessageText.echo(p)))"
            case let .folder(p): "a report folder (\(MessageText.echo(p)))"
            }
        }

        /// Its name in the default report folder: the file's name without `.json`, or the folder's.
        var name: String {
            let trimmed = FileSystem.trimmingTrailingSlashes(path)
            var name = FileSystem.name(of: trimmed)
            if name == "." || name == ".." || name.isEmpty { name = FileSystem.realPath(trimmed).map(FileSystem.name) ?? "run" }
            if case .study = self, name.lowercased().hasSuffix(".json"), name.count > 5 { name.removeLast(5) }
            return name
        }
    }

    static let allowedInput = "a study file (JSON) or a report folder written by tradesim run"

    /// A study file or a report folder; a path that is neither is a data error naming it.
    static func input(_ path: String) throws -> Input {
        func refuse(_ found: String) -> CLIError {
            .data(InputProblem(file: path, path: "", found: found, allowed: allowedInput).description)
        }
        switch FileSystem.kind(followingLinks: path) {
        case .missing: throw refuse("no such file or folder")
        case .folder: return .folder(path)
        case .file: return .study(path)
        case .other, .symbolicLink: throw refuse("a device, pipe or socket, not a file or folder")
        }
    }

    static func run(_ a: ParsedArguments) throws {
        let first = try input(a.positional[0]), second = try input(a.positional[1])
        switch (first, second) {
        case let (.study(x), .study(y)): try compareStudies(a, x, y, names: (first.name, second.name))
        case let (.folder(x), .folder(y)): try compareFolders(a, x, y, names: (first.name, second.name))
        default:
            throw CLIError.usage("A and B must be two study files or two report folders, got \(first.described) and \(second.described)",
                                 command: "compare")
        }
    }

    // MARK: - Two studies

    static func compareStudies(_ a: ParsedArguments, _ pathA: String, _ pathB: String, names: (String, String)) throws {
        var clock = Stopwatch()
        let edits = try StudyEditOptions.edits(a, command: "compare")
        let loaded = [try StudyLoader.load(pathA, edits: edits), try StudyLoader.load(pathB, edits: edits)]
        for l in loaded {
            if case let .failure(problem) = l.study.requirePlaybook(file: l.path) { throw CLIError.data(problem.description) }
        }
        let (studyA, studyB) = (loaded[0].study, loaded[1].study)
        guard studyA.currency == studyB.currency else {
            throw CLIError.data("\(pathB): found the currency \(studyB.currency), A (\(pathA)) is in \(studyA.currency); "
                + "allowed: two studies in the same currency (their P&L are subtracted)")
        }
        let indices = try ScenarioSelection.indices([studyA, studyB], a)
        var configuration = RunOptions.configuration(a)
        // The two playbooks share their American legs' premium tables (as a sweep's cells do).
        configuration.premiumTables = PremiumTableCache()
        let quiet = a.has("quiet")
        for (l, i) in zip(loaded, indices) {
            try MemoryCheck.check(study: l.study, scenarioIndices: i, configuration: configuration, command: "compare", quiet: quiet)
        }
        let outPath = a.string("out") ?? "reports/compare-\(names.0)-\(names.1)"
        let folder = try ReportFolder(outPath, isDefault: !a.has("out"), reads: loaded[0].reads + loaded[1].reads)
        Interrupts.removeOnInterrupt(folder.staging.path)
        let loadSeconds = clock.lap()

        let counts = zip(loaded, indices).map { l, i in i.reduce(0) { $0 + l.study.scenarios[$1].pathCount(requested: configuration.paths) } }
        let progress = Progress(total: counts.reduce(0, +), enabled: !quiet && Console.stderrIsTerminal)
        let outcomes = zip(loaded, indices).map { l, i in
            Engine.run(study: l.study, scenarioIndices: i, configuration: configuration, progress: { progress.advance($0) })
        }
        progress.finish()
        let simulateSeconds = clock.lap()
        let bootstrap = PairedBootstrap.standard
        let rows = CompareTable.rows(a: outcomes[0], b: outcomes[1], bootstrap: bootstrap, threads: configuration.threads)
        let compareSeconds = clock.lap()
        let sides = (0..<2).map { k in
            CompareReport.Side(path: loaded[k].path, study: loaded[k].study.name, inputs: loaded[k].inputs, edits: edits,
                               members: [CompareReport.Side.scenarios(outcomes[k])])
        }
        let report = CompareReport(mode: .studies(configuration: configuration, bootstrap: bootstrap), a: sides[0], b: sides[1],
                                   rows: rows, currency: studyA.currency)
        let reportSeconds = clock.lap()
        let manifest = report.manifest(timings: [("load", loadSeconds), ("simulate", simulateSeconds), ("compare", compareSeconds),
                                                 ("report", reportSeconds), ("total", clock.total)])
        try folder.put(report.files + [("run.json", manifest)])
        if !quiet {
            try Console.out(portfolioTable(rows, currency: studyA.currency, paired: true))
            Console.err("tradesim compare: \(studyA.name) vs \(studyB.name), \(Plural.count(counts[0], "path")) and "
                + "\(Plural.count(counts[1], "path")) in \(NumberText.fixed(clock.total, digits: 2)) s → \(outPath)/\n")
        }
    }

    // MARK: - Two report folders

    /// The options that run studies; with report folders they are a usage error.
    static let studyOptions = ["set", "paths", "seed", "threads", "scenario"]

    /// The most bytes read of a summary.csv (far above any: a row per scenario × decision variant).
    static let summaryLimit = 16 << 20

    static func compareFolders(_ a: ParsedArguments, _ pathA: String, _ pathB: String, names: (String, String)) throws {
        var clock = Stopwatch()
        if let option = studyOptions.first(where: a.has) {
            throw CLIError.usage("--\(option) applies when A and B are studies (they run here); A and B are report folders, "
                + "compared by their summary.csv as written", command: "compare")
        }
        let folders = [try readFolder(pathA), try readFolder(pathB)]
        let outPath = a.string("out") ?? "reports/compare-\(names.0)-\(names.1)"
        let folder = try ReportFolder(outPath, isDefault: !a.has("out"), reads: folders.flatMap(\.reads))
        Interrupts.removeOnInterrupt(folder.staging.path)
        let loadSeconds = clock.lap()
        let rows = CompareTable.rows(a: folders[0].rows, b: folders[1].rows)
        let report = CompareReport(mode: .reportFolders, a: folders[0].side, b: folders[1].side, rows: rows, currency: nil)
        let reportSeconds = clock.lap()
        try folder.put(report.files + [("run.json", report.manifest(timings: [("load", loadSeconds), ("report", reportSeconds),
                                                                               ("total", clock.total)]))])
        if !a.has("quiet") {
            try Console.out(portfolioTable(rows, currency: nil, paired: false))
            Console.err("tradesim compare: \(pathA) vs \(pathB) (summaries: standard errors of independent runs) in "
                + "\(NumberText.fixed(clock.total, digits: 2)) s → \(outPath)/\n")
        }
    }

    /// A report folder as read: its summary rows, the side for run.json, the files read.
    struct Folder {
        var rows: [SummaryRow]
        var side: CompareReport.Side
        var reads: [OutputRule.Input]
    }

    /// Reads `path`/summary.csv (required, tradesim's header) and `path`/run.json (optional:
    /// what it records of its run is copied into run.json).
    static func readFolder(_ path: String) throws -> Folder {
        let summaryPath = path + (path.hasSuffix("/") ? "" : "/") + "summary.csv"
        if case .missing = FileSystem.kind(followingLinks: summaryPath) {
            throw CLIError.data(InputProblem(file: path, path: "", found: "a folder without summary.csv",
                                             allowed: "a report folder written by tradesim run (with summary.csv and run.json), or a study file").description)
        }
        let bytes = try StudyLoader.readBytes(summaryPath, what: "a summary.csv written by tradesim run", limit: summaryLimit,
                                              limitText: "\(summaryLimit >> 20) MiB")
        let rows: [SummaryRow]
        switch SummaryCSV.parse(utf8: bytes, file: summaryPath) {
        case let .success(r): rows = r
        case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
        }
        var inputs = [RunInput(role: "summary", path: StudyLoader.displayPath(summaryPath), contents: bytes)]
        var reads = [OutputRule.Input(role: "the summary file", path: summaryPath)]
        var study: String?
        var members: [(String, String)] = []
        let manifestPath = String(summaryPath.dropLast("summary.csv".count)) + "run.json"
        if case let .file(size) = FileSystem.kind(followingLinks: manifestPath), size < 1 << 24,
           let data = FileManager.default.contents(atPath: manifestPath),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["tool"] as? String == "tradesim" {
            inputs.append(RunInput(role: "run manifest", path: StudyLoader.displayPath(manifestPath), contents: [UInt8](data)))
            reads.append(OutputRule.Input(role: "the run manifest", path: manifestPath))
            study = object["study"] as? String
            if let command = object["command"] as? String { members.append(("command", JSONText.string(command))) }
            for key in ["seed", "paths"] {
                if let n = object[key] as? NSNumber { members.append((key, n.stringValue)) }
            }
        }
        return Folder(rows: rows, side: CompareReport.Side(path: path, study: study, inputs: inputs, members: members), reads: reads)
    }

    // MARK: - Console

    /// The portfolio per scenario (blended last), for people: A's and B's mean P&L, the change,
    /// its standard errors, and the statistics whose change is significant.
    static func portfolioTable(_ rows: [CompareRow], currency: String?, paired: Bool) -> String {
        var lines = [["scenario", "mean P&L A", "mean P&L B", "change"] + (paired ? ["± paired", "± independent"] : ["± independent"])
            + ["significant (|change| > 1.96 s.e.)"]]
        for r in rows where r.decision == "portfolio" {
            let significant = CompareStatistic.allCases.filter { r.isSignificant($0) == true }.map(\.label)
            lines.append([r.scenario, NumberText.fixed(r.a?.pnl.mean, digits: 0), NumberText.fixed(r.b?.pnl.mean, digits: 0),
                          NumberText.fixed(r.change(.meanPnL), digits: 0)]
                + (paired ? [NumberText.fixed(r.standardError(.meanPnL), digits: 0)] : [])
                + [NumberText.fixed(r.independentStandardError, digits: 0),
                   r.a == nil || r.b == nil ? "only in \(r.a == nil ? "B" : "A")" : significant.isEmpty ? "none" : significant.joined(separator: ", ")])
        }
        let money = currency.map { " (\($0))" } ?? ""
        return "Portfolio P&L\(money) by scenario, B − A\n" + ConsoleTable.render(lines, left: [0, lines[0].count - 1])
    }
}
