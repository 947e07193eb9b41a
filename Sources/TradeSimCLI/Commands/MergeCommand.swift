import Foundation
import TradeSim

/// `tradesim merge`: the partial results of `run --shard i/n` joined into the report set.
enum MergeCommand {
    static let spec = CommandSpec(
        name: "merge",
        abstract: "Join the partial results of `run --shard` into the report set of the whole run.",
        discussion: """
        Checks that the partials belong together (the same tradesim version, inputs with the \
        same SHA-256, seed, paths and shard count; every shard 0…n−1 exactly once), then writes \
        the report set exactly as one `tradesim run` with the same inputs and seed would: the \
        CSV files are byte for byte the same. The study is read from the path the partials \
        name (or --study), and must still have the SHA-256 they recorded.

        \(OutputRule.folderHelp)
        """,
        arguments: [ArgumentSpec(name: "partial", help: "Partial results (.tspart), one per shard.", optional: false, repeatable: true)],
        options: [
            OptionSpec(name: "study", valueName: "FILE", help: "The study file, if not where the partials name it.", kind: .text),
            OptionSpec(name: "out", valueName: "DIR", help: "Report folder.", kind: .text, defaultDescription: "reports/<study>"),
            RunOptions.threads("Worker threads for the reports."),
            OptionSpec(name: "quiet", valueName: "", help: "Print nothing on success.", kind: .flag),
        ],
        run: run)

    static func run(_ a: ParsedArguments) throws {
        var clock = Stopwatch()
        let files = a.positional
        let threads = a.integer("threads") ?? Parallel.processorCount
        var bytes: [[UInt8]] = []
        for file in files {
            // A partial holds every path's results of its slice: it must fit in memory.
            bytes.append(try StudyLoader.readBytes(file, what: "a partial result written by `tradesim run --shard`",
                                                   limit: MemoryCheck.usableBytes / 2, limitText: MemoryCheck.size(MemoryCheck.usableBytes / 2)))
        }
        // Each file's SHA-256 and header, the files in parallel (hashing is most of the reading);
        // the first refusal in file order is reported.
        let read = bytes
        var headers: [PartialResult.Header] = []
        for result in Parallel.map(count: files.count, threads: threads, { PartialResult.header(read[$0], file: files[$0]) }) {
            switch result {
            case let .success(h): headers.append(h)
            case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
            }
        }
        try checkTogether(headers, files: files)
        let first = headers[0].settings
        // The study, and every input, as the shards read them.
        let studyPath = a.string("study") ?? first.inputs.first { $0.role == "study" }?.path ?? ""
        let loaded = try StudyLoader.load(studyPath)
        if case let .failure(problem) = loaded.study.requirePlaybook(file: loaded.path) { throw CLIError.data(problem.description) }
        let recorded = first.inputs.map { "\($0.role) \($0.sha256)" }
        let now = loaded.inputs.map { "\($0.role) \($0.sha256)" }
        guard recorded == now else {
            throw CLIError.data("\(studyPath): found inputs whose SHA-256 differ from those the partials recorded "
                + "(\(first.inputs.map { "\($0.path) \($0.sha256.prefix(12))…" }.joined(separator: ", "))); "
                + "allowed: the study and data files the shards ran on, unchanged")
        }
        var partials: [PartialResult] = []
        let (study, checked) = (loaded.study, headers)
        for result in Parallel.map(count: files.count, threads: threads, { PartialResult.decode(read[$0], header: checked[$0], file: files[$0], study: study) }) {
            switch result {
            case let .success(p): partials.append(p)
            case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
            }
        }
        partials.sort { $0.settings.shard.index < $1.settings.shard.index }
        func fileOf(_ p: PartialResult) -> String { files[headers.firstIndex { $0.settings.shard == p.settings.shard } ?? 0] }
        // Per scenario, the slices in shard order must tile its paths.
        var outcomes: [ScenarioOutcomes] = []
        for (k, index) in headers[0].scenarioIndices.enumerated() {
            let slices = partials.map { $0.outcomes[k] }
            let expected = loaded.study.scenarios[index].pathCount(requested: partials[0].settings.paths)
            var next = 0
            for (p, slice) in zip(partials, slices) {
                guard slice.firstPath == next else {
                    throw CLIError.data("\(fileOf(p)): found scenario "
                        + "\(slice.scenario.name) paths from \(slice.firstPath); allowed: paths from \(next) (the slices must tile the run)")
                }
                next += slice.paths
            }
            guard next == expected else {
                throw CLIError.data("\(files[0]): found \(next) paths of scenario \(loaded.study.scenarios[index].name) in the partials; "
                    + "allowed: \(expected), the run's")
            }
            if let other = slices.firstIndex(where: { $0.startEquity.bitPattern != slices[0].startEquity.bitPattern }) {
                throw CLIError.data("\(fileOf(partials[other])): found scenario "
                    + "\(slices[other].scenario.name) starting with equity \(slices[other].startEquity); allowed: \(slices[0].startEquity), "
                    + "as in shard 0 (every shard starts from the same equity)")
            }
            outcomes.append(ScenarioOutcomes.joined(slices))
        }
        var configuration = partials[0].configuration(threads: threads)
        // The position analysis of the run (shards keep none): its first paths run again.
        configuration.analysisPaths = RunCommand.defaultAnalysisPaths
        for k in outcomes.indices {
            outcomes[k].analysis = Engine.positionAnalysis(study: loaded.study, scenarioIndex: outcomes[k].scenarioIndex,
                                                           configuration: configuration)
        }
        let outPath = a.string("out") ?? "reports/\(loaded.study.name)"
        let quiet = a.has("quiet")
        let partialReads = files.map { OutputRule.Input(role: "the partial result", path: $0) }
        let folder = try ReportFolder(outPath, isDefault: !a.has("out"), reads: loaded.reads + partialReads)
        Interrupts.removeOnInterrupt(folder.staging.path)
        let loadSeconds = clock.lap()
        let summary = try ReportSetWriter.write(command: "merge", study: loaded.study, outcomes: outcomes, blend: true,
                                                configuration: configuration, inputs: loaded.inputs, folder: folder, clock: &clock,
                                                timings: [("load", loadSeconds)]).summary
        if !quiet {
            try Console.out(RunCommand.portfolioTable(summary.filter { $0.decision == "portfolio" }, currency: loaded.study.currency))
            Console.err("tradesim merge: \(loaded.study.name), \(Plural.count(partials.count, "shard")) → \(outPath)/\n")
        }
    }

    /// Same version (ours), inputs, seed, sizes, scenarios and shard count; shards 0…n−1 once each.
    static func checkTogether(_ headers: [PartialResult.Header], files: [String]) throws {
        let first = headers[0].settings, firstScenarios = headers[0].scenarioIndices
        for (file, header) in zip(files, headers) {
            let h = header.settings
            guard h.version == TradeSimVersion.string else {
                throw CLIError.data("\(file): found a partial result of tradesim \(h.version); allowed: one of tradesim \(TradeSimVersion.string) (this merge)")
            }
            let same: [(String, Bool)] = [
                ("study inputs", h.inputs.map(\.sha256) == first.inputs.map(\.sha256)), ("seed", h.seed == first.seed),
                ("paths", h.paths == first.paths), ("equity sample", h.equitySamplePaths == first.equitySamplePaths),
                ("traced paths", h.tracedPaths == first.tracedPaths), ("scenarios", header.scenarioIndices == firstScenarios),
                ("shard count", h.shard.count == first.shard.count),
            ]
            if let (what, _) = same.first(where: { !$0.1 }) {
                throw CLIError.data("\(file): found a partial result with other \(what) than \(files[0]); "
                    + "allowed: the shards of one run (same inputs, seed, --paths, --scenario and N)")
            }
        }
        // n ≤ Shard.maximumCount (checked with the header), and nothing here is sized by it:
        // the shards seen are at most the files given.
        let n = first.shard.count
        var seen: [Int: String] = [:]
        for (file, h) in zip(files, headers.map(\.settings)) {
            if let other = seen[h.shard.index] {
                throw CLIError.data("\(file): found shard \(h.shard) again (also in \(other)); allowed: each shard once")
            }
            seen[h.shard.index] = file
        }
        if seen.count < n, let missing = (0..<n).first(where: { seen[$0] == nil }) {
            throw CLIError.data("\(files[0]): found \(headers.count) of \(n) shards, shard \(missing)/\(n) missing; "
                + "allowed: all \(n) shards of the run")
        }
    }
}
