import Foundation
import Synchronization
import TradeSim

/// `tradesim run`: the playbook in every scenario, and the report set.
enum RunCommand {
    static let spec = CommandSpec(
        name: "run",
        abstract: "Run the study's playbook in its scenarios and write the report set.",
        discussion: """
        Writes reports/<study>/ (or --out) atomically: summary.csv, thesis.csv, \
        equity_quantiles.csv, pnl_histogram.csv, exits.csv, first_passage.csv, trades.csv (the \
        first 20 paths), attribution.csv, exposure.csv and concentration.csv (exposure and P&L \
        attribution on the first --analysis-paths paths), run.json and report.html. The same inputs and seed give the same CSV \
        bytes whatever --threads is. Progress goes to stderr when it is a terminal.

        With --shard i/n (0 ≤ i < n) it runs only slice i of every scenario's paths and writes a \
        partial result instead (to --out, default reports/<study>-shards/shard-<i>-of-<n>.tspart); \
        `tradesim merge` joins the n partials into the report set of the single run, byte for byte.

        \(StudyEditOptions.help) (Not with --shard: merge reads the study file as it is.)

        \(OutputRule.folderHelp) With --shard, --out names a file: \(OutputRule.fileHelp)
        """,
        arguments: [ArgumentSpec(name: "study", help: "Study file (default: \(StudyLoader.defaultStudy)).")],
        options: [
            RunOptions.paths(),
            RunOptions.seed(),
            RunOptions.threads(),
            RunOptions.scenario(),
            StudyEditOptions.set,
            OptionSpec(name: "analysis-paths", valueName: "N",
                       help: "Paths (the first ones) whose positions are valued again each day for exposure.csv and attribution.csv; 0: none.",
                       kind: .integer(min: 0, max: 100_000), defaultDescription: "\(defaultAnalysisPaths)"),
            OptionSpec(name: "out", valueName: "DIR", help: "Report folder (with --shard: the partial result's file).", kind: .text,
                       defaultDescription: "reports/<study>"),
            OptionSpec(name: "shard", valueName: "I/N", help: "Run slice I of N (from 0) and write a partial result.", kind: .text),
            OptionSpec(name: "force", valueName: "", help: "With --shard: replace an existing partial-result file.", kind: .flag),
            OptionSpec(name: "quiet", valueName: "", help: "Print nothing on success.", kind: .flag),
        ],
        run: run)

    static let tracedPaths = 20
    /// The position analysis' sample (`RunConfiguration.analysisPaths`).
    static let defaultAnalysisPaths = 500

    static func run(_ a: ParsedArguments) throws {
        var clock = Stopwatch()
        let edits = try StudyEditOptions.edits(a, command: "run")
        if !edits.isEmpty && a.has("shard") {
            throw CLIError.usage("--set does not combine with --shard (tradesim merge reads the study file as it is, without the changes)",
                                 command: "run")
        }
        let loaded = try StudyLoader.load(a.positional.first, edits: edits)
        let study = loaded.study
        if case let .failure(problem) = study.requirePlaybook(file: loaded.path) { throw CLIError.data(problem.description) }
        let indices = try ScenarioSelection.indices(study, a)
        var configuration = RunOptions.configuration(a, tracedPaths: tracedPaths)
        configuration.analysisPaths = a.integer("analysis-paths") ?? defaultAnalysisPaths
        // The equity sample shrinks for very long horizons, so memory does not grow with them.
        let longest = indices.map { study.scenarios[$0].horizonDays }.max() ?? 0
        configuration.equitySamplePaths = RunConfiguration.equitySamplePaths(horizonDays: longest)
        if a.has("force") && !a.has("shard") {
            throw CLIError.usage("--force applies only with --shard (a report folder is replaced without it when tradesim wrote it)", command: "run")
        }
        if a.has("shard") && a.has("analysis-paths") {
            throw CLIError.usage("--analysis-paths does not combine with --shard (tradesim merge values the first \(defaultAnalysisPaths) paths)",
                                 command: "run")
        }
        if let text = a.string("shard") {
            guard let shard = Shard(text) else {
                throw CLIError.usage("--shard must be I/N with 0 ≤ I < N (for example 0/4), got \(MessageText.echo(text))", command: "run")
            }
            configuration.shard = shard
            configuration.analysisPaths = 0  // merge values the first paths again
            try MemoryCheck.check(study: study, scenarioIndices: indices, configuration: configuration, command: "run", quiet: a.has("quiet"))
            try runShard(loaded: loaded, indices: indices, configuration: configuration, shard: shard,
                         out: a.string("out") ?? "reports/\(study.name)-shards/shard-\(shard.index)-of-\(shard.count).tspart",
                         isDefault: !a.has("out"), force: a.has("force"), quiet: a.has("quiet"))
            return
        }
        let outPath = a.string("out") ?? "reports/\(study.name)"
        let quiet = a.has("quiet")
        try MemoryCheck.check(study: study, scenarioIndices: indices, configuration: configuration, command: "run", quiet: quiet)
        // The folder is checked and prepared before the long work, so a bad --out fails fast,
        // and an interrupt removes what was written.
        let folder = try ReportFolder(outPath, isDefault: !a.has("out"), reads: loaded.reads)
        Interrupts.removeOnInterrupt(folder.staging.path)
        let loadSeconds = clock.lap()

        let total = indices.reduce(0) { $0 + study.scenarios[$1].pathCount(requested: configuration.paths) }
        let progress = Progress(total: total, enabled: !quiet && Console.stderrIsTerminal)
        let outcomes = Engine.run(study: study, scenarioIndices: indices, configuration: configuration,
                                  progress: { progress.advance($0) })
        progress.finish()
        let simulateSeconds = clock.lap()

        let summary = try ReportSetWriter.write(command: "run", study: study, outcomes: outcomes, blend: true,
                                                configuration: configuration, inputs: loaded.inputs, edits: edits, folder: folder,
                                                clock: &clock, timings: [("load", loadSeconds), ("simulate", simulateSeconds)]).summary
        if !quiet {
            try Console.out(portfolioTable(summary.filter { $0.decision == "portfolio" }, currency: study.currency))
            Console.err("tradesim run: \(study.name), \(Plural.count(indices.count, "scenario")), \(Plural.count(total, "path")) in "
                + "\(NumberText.fixed(clock.total, digits: 2)) s → \(outPath)/\n")
        }
    }

    /// One shard: its slice of every scenario, written as a partial result (a file under the
    /// output rule: built beside its place and renamed into it, removed on interrupt).
    static func runShard(loaded: StudyLoader.Loaded, indices: [Int], configuration: RunConfiguration, shard: Shard,
                         out: String, isDefault: Bool, force: Bool, quiet: Bool) throws {
        let clock = Stopwatch()
        var output = try TextOutput(file: out, isDefault: isDefault, force: force, reads: loaded.reads)
        if let staging = output.stagingPath { Interrupts.removeOnInterrupt(staging) }
        let total = indices.reduce(0) { $0 + shard.pathRange(paths: loaded.study.scenarios[$1].pathCount(requested: configuration.paths)).count }
        let progress = Progress(total: total, enabled: !quiet && Console.stderrIsTerminal)
        let outcomes = Engine.run(study: loaded.study, scenarioIndices: indices, configuration: configuration,
                                  progress: { progress.advance($0) })
        progress.finish()
        let partial = PartialResult(studyName: loaded.study.name, inputs: loaded.inputs, configuration: configuration,
                                    shard: shard, outcomes: outcomes)
        try output.write(bytes: partial.encoded())
        try output.finish()
        Interrupts.clear()
        if !quiet {
            Console.err("tradesim run: \(loaded.study.name), shard \(shard) (\(Plural.count(total, "path"))) in "
                + "\(NumberText.fixed(clock.total, digits: 2)) s → \(out)\n")
        }
    }

    /// The portfolio per scenario, for people.
    static func portfolioTable(_ rows: [SummaryRow], currency: String, over: String = "by scenario") -> String {
        var lines = [["scenario", "mean P&L", "p05", "p50", "p95", "P(profit)", "VaR95"]]
        for r in rows {
            lines.append([r.scenario, NumberText.fixed(r.pnl.mean, digits: 0), NumberText.fixed(r.pnl.quantile(0.05), digits: 0),
                          NumberText.fixed(r.pnl.quantile(0.5), digits: 0), NumberText.fixed(r.pnl.quantile(0.95), digits: 0),
                          NumberText.fixed(r.pnl.probabilityPositive, digits: 3), NumberText.fixed(r.pnl.var95, digits: 0)])
        }
        return "Portfolio P&L (\(currency)) \(over)\n" + ConsoleTable.render(lines, left: [0])
    }
}

/// Wall-clock laps for run.json.
struct Stopwatch {
    let start = Date()
    private var last = Date()

    mutating func lap() -> Double {
        let now = Date()
        defer { last = now }
        return now.timeIntervalSince(last)
    }

    var total: Double { Date().timeIntervalSince(start) }
}
