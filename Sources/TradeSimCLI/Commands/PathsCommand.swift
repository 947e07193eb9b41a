import Foundation
import TradeSim

/// `tradesim paths`: simulated paths as long CSV.
enum PathsCommand {
    static let spec = CommandSpec(
        name: "paths",
        abstract: "Write simulated price paths as long CSV (scenario, path, day, date, ticker, price, iv).",
        discussion: """
        One row per scenario, path, day (0 to the horizon) and ticker. 'iv' is the model implied \
        vol of a 21-trading-day (about 30-calendar-day) option that day. Scripted and replayed \
        scenarios have one path. The same seed gives the same bytes whatever --threads is; rows \
        are written in path order as they are made, so memory stays flat whatever --paths is.

        \(OutputRule.fileHelp)
        """,
        arguments: [ArgumentSpec(name: "study", help: "Study file (default: \(StudyLoader.defaultStudy)).")],
        options: [
            RunOptions.scenario(),
            OptionSpec(name: "paths", valueName: "N", help: "Paths per scenario.", kind: .integer(min: 1, max: 10_000_000),
                       defaultDescription: "10"),
            RunOptions.seed(),
            RunOptions.threads(),
            OptionSpec(name: "out", valueName: "FILE", help: "Write to FILE instead of standard output.", kind: .text),
            OptionSpec(name: "force", valueName: "", help: "Replace an existing --out file.", kind: .flag),
        ],
        run: run)

    static let lanesPerBlock = 64

    static func run(_ a: ParsedArguments) throws {
        let loaded = try StudyLoader.load(a.positional.first)
        let study = loaded.study
        let paths = a.integer("paths") ?? 10
        let seed = UInt64(a.integer("seed") ?? 42)
        let threads = a.integer("threads") ?? Parallel.processorCount
        let selected = try ScenarioSelection.indices(study, a).map { (offset: $0, element: study.scenarios[$0]) }
        if a.has("force") && !a.has("out") {
            throw CLIError.usage("--force applies only with --out", command: "paths")
        }
        var output = try a.string("out").map { try TextOutput(file: $0, force: a.has("force"), reads: loaded.reads) } ?? TextOutput()
        if let staging = output.stagingPath { Interrupts.removeOnInterrupt(staging) }
        do {
            try write(study: study, selected: selected, paths: paths, seed: seed, threads: threads, to: &output)
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
        Interrupts.clear()
    }

    static func write(study: Study, selected: [(offset: Int, element: Scenario)], paths: Int, seed: UInt64, threads: Int,
                      to output: inout TextOutput) throws {
        try output.write(PathsCSV.header)
        for (index, scenario) in selected {
            let sampler = PathSampler(scenario: scenario, scenarioIndex: index, universe: study.universe)
            let impliedVols = sampler.impliedVols(tenorDays: PathsCSV.ivTenorDays)
            let count = scenario.pathCount(requested: paths)
            let blocks = (count + lanesPerBlock - 1) / lanesPerBlock
            // Batches of blocks bound the memory; each batch is rendered in parallel, written in order.
            let batch = max(threads * 4, 1)
            var start = 0
            while start < blocks {
                let end = min(blocks, start + batch)
                let batchStart = start
                let texts = Parallel.map(count: end - start, threads: threads) { k in
                    let b = batchStart + k
                    let first = b * lanesPerBlock
                    let paths = sampler.paths(firstPath: first, count: min(lanesPerBlock, count - first), seed: seed)
                    return PathsCSV.rows(paths, scenario: scenario, universe: study.universe, impliedVols: impliedVols)
                }
                for t in texts { try output.write(t) }
                start = end
            }
        }
    }
}
