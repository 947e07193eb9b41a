import TradeSim

/// The options of the commands that run a study — `--paths`, `--seed`, `--threads`,
/// `--scenario` — declared once; each command words its own help where it differs.
enum RunOptions {
    static func paths(_ help: String = "Monte Carlo paths per scenario.") -> OptionSpec {
        OptionSpec(name: "paths", valueName: "N", help: help, kind: .integer(min: 1, max: 100_000_000), defaultDescription: "10000")
    }

    static func seed(_ help: String = "Random seed.") -> OptionSpec {
        OptionSpec(name: "seed", valueName: "N", help: help, kind: .integer(min: 0, max: Int.max), defaultDescription: "42")
    }

    static func threads(_ help: String = "Worker threads.") -> OptionSpec {
        OptionSpec(name: "threads", valueName: "N", help: help, kind: .integer(min: 1, max: 1024), defaultDescription: "the number of processors")
    }

    static func scenario(_ help: String = "Only this scenario (repeatable).") -> OptionSpec {
        OptionSpec(name: "scenario", valueName: "NAME", help: help, kind: .text, repeatable: true)
    }

    /// The run's configuration from those options: 10,000 paths, seed 42 and every processor
    /// unless given.
    static func configuration(_ a: ParsedArguments, equitySamplePaths: Int = 0, tracedPaths: Int = 0) -> RunConfiguration {
        RunConfiguration(paths: a.integer("paths") ?? 10_000, seed: UInt64(a.integer("seed") ?? 42),
                         threads: a.integer("threads") ?? Parallel.processorCount, equitySamplePaths: equitySamplePaths,
                         tracedPaths: tracedPaths)
    }
}
