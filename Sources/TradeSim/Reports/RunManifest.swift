/// `run.json`: what produced a report — tool version, inputs and their SHA-256, seed, paths,
/// threads, the scenarios run, the conventions in force, and timings. Everything but
/// `timings_seconds` (and `threads`) is the same for the same inputs and seed.
struct RunManifest: Sendable {
    var command: String
    var study: Study
    var inputs: [RunInput]
    var seed: UInt64
    var paths: Int
    var threads: Int
    var lanesPerBlock: Int
    var equitySamplePaths: Int
    var tracedPaths: Int
    var outcomes: [ScenarioOutcomes]
    var outputs: [String]
    var timings: [(name: String, seconds: Double)]

    init(command: String, study: Study, inputs: [RunInput], configuration: RunConfiguration,
                outcomes: [ScenarioOutcomes], outputs: [String], timings: [(name: String, seconds: Double)]) {
        self.command = command
        self.study = study
        self.inputs = inputs
        seed = configuration.seed
        paths = configuration.paths
        threads = configuration.threads
        lanesPerBlock = configuration.lanesPerBlock
        equitySamplePaths = configuration.equitySamplePaths
        tracedPaths = configuration.tracedPaths
        self.outcomes = outcomes
        self.outputs = outputs
        self.timings = timings
    }

    static let conventions: [(String, String)] = [
        ("time", "trading days, 252 per year; weekends and listed holidays are not trading days"),
        ("rates", "continuously compounded, annual"),
        ("volatility", "annual"),
        ("returns", "decimals (0.05 = 5%); columns in basis points end in _bps"),
        ("money", "the study currency, unrounded"),
        ("options", "European, Black-Scholes-Merton with continuous dividend yield; Greeks raw (vega per 1.00 vol, theta per year)"),
        ("quantiles", "type 7 (linear interpolation between order statistics); blended: the weighted generalisation"),
        ("var_cvar", "of final P&L as positive losses: k = ceil((1 - level) * n), VaR = -(k-th worst), CVaR = -(mean of the k worst)"),
        ("stdev", "sample standard deviation (n - 1); mc_stderr = stdev / sqrt(n)"),
        ("max_drawdown", "per path, largest fall from the running peak of the decision's P&L (portfolio: equity), in money"),
        ("blended", "the mixture of the scenarios' distributions with weights normalised over the scenarios run"),
        ("random", "xoshiro256** per path keyed by (seed, scenario index, path index) via SplitMix64; diffusion normals by Box–Muller, jump and noise normals by Wichura AS 241"),
    ]

    var json: String {
        var lines: [String] = []
        func field(_ key: String, _ value: String) { lines.append("  \(JSONText.string(key)): \(value)") }
        field("tool", JSONText.string("tradesim"))
        field("version", JSONText.string(TradeSimVersion.string))
        field("command", JSONText.string(command))
        field("study", JSONText.string(study.name))
        field("inputs", "[\n" + inputs.map { "    " + $0.json }.joined(separator: ",\n") + "\n  ]")
        field("seed", String(seed))
        field("paths", String(paths))
        field("threads", String(threads))
        field("lanes_per_block", String(lanesPerBlock))
        field("equity_sample_paths", String(equitySamplePaths))
        field("traced_paths", String(tracedPaths))
        let total = outcomes.reduce(0) { $0 + $1.scenario.weight }
        field("scenarios", "[\n" + outcomes.map { o in
            let s = o.scenario
            let model: String = { switch s.model { case .monteCarlo: "monteCarlo"; case .scripted: "scripted"; case .historical: "historical" } }()
            return "    " + JSONText.object([
                "name": JSONText.string(s.name), "model": JSONText.string(model), "weight": JSONText.number(s.weight),
                "blend_weight": JSONText.number(total > 0 ? s.weight / total : nil), "horizon_days": String(s.horizonDays),
                "start": JSONText.string(s.dates.first!.description), "end": JSONText.string(s.dates.last!.description),
                "paths": String(o.paths),
            ])
        }.joined(separator: ",\n") + "\n  ]")
        field("conventions", "{\n" + Self.conventions.map { "    \(JSONText.string($0.0)): \(JSONText.string($0.1))" }
            .joined(separator: ",\n") + "\n  }")
        field("outputs", JSONText.array(outputs.map(JSONText.string)))
        field("timings_seconds", JSONText.object(timings.map { ($0.name, JSONText.number(($0.seconds * 1000).rounded() / 1000)) }))
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }
}
