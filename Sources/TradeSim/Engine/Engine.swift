/// How a run is carried out (not what it computes: results do not depend on `threads` or
/// `lanesPerBlock`).
public struct RunConfiguration: Sendable {
    /// Paths per scenario (a deterministic scenario runs one: `Scenario.pathCount(requested:)`).
    public var paths: Int
    /// The run's seed: every path's random stream is keyed by (seed, scenario, path index).
    public var seed: UInt64
    /// Worker threads (≥ 1); the results do not depend on it.
    public var threads: Int
    /// Paths a block runs together (rounded up to whole chunks of 64); the results do not depend on it.
    public var lanesPerBlock: Int
    /// Portfolio equity is kept per day for this many paths (the first ones) for the
    /// equity quantiles; everything else is per path only.
    public var equitySamplePaths: Int

    /// The equity sample a run keeps: 10,000 paths, fewer where the horizon is so long that
    /// they would pass 128 MiB (paths × (days + 1) × 8 bytes; 167 paths at the longest horizon,
    /// 100,000 days), so a long horizon does not multiply the memory. 10,000 for every horizon
    /// up to 1,677 days.
    public static func equitySamplePaths(horizonDays: Int) -> Int {
        let budgetBytes = 128 << 20
        return max(1, min(10_000, budgetBytes / ((horizonDays + 1) * 8)))
    }
    /// Trades and daily P&L are recorded for this many paths (the first ones).
    public var tracedPaths: Int
    /// Exposure and P&L attribution (`PositionAnalysis`) are computed on this many paths (the
    /// first ones; 0: none): their daily prices and trades are kept for a replay after the run.
    public var analysisPaths = 0
    /// Keep every path's return (and pair spread) even where no thesis tests it.
    public var keepPathReturns: Bool
    /// Run only this shard's slice of every scenario's paths (nil: all of them).
    public var shard: Shard?
    /// American legs' premium tables kept across runs (a sweep's cells share one); nil: each
    /// run builds its own. The results do not depend on it.
    public var premiumTables: PremiumTableCache?

    /// Paths per block: `lanesPerBlock` rounded up to whole chunks of the return sums.
    var blockPaths: Int {
        let chunk = VariantOutcomes.chunkPaths
        return max(1, (lanesPerBlock + chunk - 1) / chunk) * chunk
    }

    /// A configuration: `paths` and `seed` decide the results; the rest how much is kept and how it is run.
    public init(paths: Int, seed: UInt64, threads: Int = 1, lanesPerBlock: Int = 256, equitySamplePaths: Int = 10_000,
                tracedPaths: Int = 0, keepPathReturns: Bool = false, shard: Shard? = nil) {
        self.shard = shard
        self.tracedPaths = tracedPaths
        self.keepPathReturns = keepPathReturns
        self.paths = paths
        self.seed = seed
        self.threads = threads
        self.lanesPerBlock = lanesPerBlock
        self.equitySamplePaths = equitySamplePaths
    }
}

/// The payoff engine: runs a study's playbook in its scenarios, path by path and day by day,
/// in parallel blocks of paths whose results land in path order.
public enum Engine {
    /// Runs `scenarioIndices` of `study`, which must have a playbook (`Study.requirePlaybook`).
    /// A scripted or replayed scenario runs one path.
    /// `progress`, when given, is called (from worker threads) with the number of paths each
    /// finished block held.
    public static func run(study: Study, scenarioIndices: [Int], configuration c: RunConfiguration,
                           progress: (@Sendable (Int) -> Void)? = nil) -> [ScenarioOutcomes] {
        let playbook = study.runPlaybook
        return scenarioIndices.map { index in
            runScenario(study: study, playbook: playbook, scenarioIndex: index, configuration: c, progress: progress)
        }
    }

    /// The position analysis of scenario `scenarioIndex` on its first `analysisPaths` paths, as
    /// a run of `configuration` computes it (the paths' streams depend only on their index, so
    /// running only those paths gives the same analysis): what `tradesim merge` adds to the
    /// outcomes joined from shards, which keep none.
    public static func positionAnalysis(study: Study, scenarioIndex: Int, configuration c: RunConfiguration) -> PositionAnalysis? {
        guard c.analysisPaths > 0 else { return nil }
        let paths = study.scenarios[scenarioIndex].pathCount(requested: c.paths)
        let sample = RunConfiguration(paths: min(paths, c.analysisPaths), seed: c.seed, threads: c.threads,
                                      lanesPerBlock: c.lanesPerBlock, equitySamplePaths: 0, tracedPaths: 0)
        var configuration = sample
        configuration.analysisPaths = c.analysisPaths
        return runScenario(study: study, playbook: study.runPlaybook, scenarioIndex: scenarioIndex, configuration: configuration,
                           progress: nil).analysis
    }

    /// Runs many small scenarios (a rolling backtest's replays) in parallel, one thread each,
    /// results in scenario order. The study must have a playbook, as for `run`.
    public static func runEach(study: Study, configuration c: RunConfiguration) -> [ScenarioOutcomes] {
        runEach(study: study, configuration: c, chain: nil)
    }

    /// `runEach` with a `chain` (a backtest's option chain): every option leg enters, is marked and exits at
    /// the chain's quotes (`ChainFills`): the playbook's modelled option half-spread is not
    /// charged (the quoted spread is the cost), American premium tables are not built, the
    /// position analysis values option legs at their quotes (`PositionAnalysis`), and each outcome's `chainGap` is the first quote the run lacked
    /// (its numbers are then not to be reported). A chain's contracts are listed ones: a playbook
    /// without a `listing` trades them in whole contracts too (`OptionListing()`'s defaults).
    package static func runEach(study: Study, configuration c: RunConfiguration, chain: ChainFills?) -> [ScenarioOutcomes] {
        var listed = study.runPlaybook
        if chain != nil && listed.listing == nil { listed.listing = OptionListing() }
        let playbook = listed
        var single = c
        single.threads = 1
        let config = single
        return Parallel.map(count: study.scenarios.count, threads: c.threads) { index in
            runScenario(study: study, playbook: playbook, scenarioIndex: index, configuration: config, progress: nil, chain: chain)
        }
    }

    static func runScenario(study: Study, playbook: Playbook, scenarioIndex: Int, configuration c: RunConfiguration,
                            progress: (@Sendable (Int) -> Void)?, chain fills: ChainFills? = nil) -> ScenarioOutcomes {
        let scenario = study.scenarios[scenarioIndex]
        let kernel = ScenarioKernel(scenario: scenario, scenarioIndex: scenarioIndex, universe: study.universe)
        let paths = scenario.pathCount(requested: c.paths)
        let chain = fills.map { ChainMarks(fills: $0, scenario: scenario, universe: study.universe, listing: playbook.listing) }
        // With a chain the quoted spread is the cost: no modelled half-spread on top.
        let variants = chain == nil ? playbook.variants : playbook.variants.map { v in
            var v = v
            v.costs.optionHalfSpread = 0
            v.costs.optionHalfSpreadFraction = 0
            v.costs.optionHalfSpreadMax = nil
            return v
        }
        let startPrices = kernel.startPrice
        let programs = variants.enumerated().map {
            DecisionProgram(variant: $1, index: $0, scenario: scenario, universe: study.universe, startPrices: startPrices,
                            listing: playbook.listing)
        }
        let holdingsValue = playbook.holdings.reduce(0.0) { $0 + $1.quantity * startPrices[$1.asset] }
        let startEquity = playbook.capital + holdingsValue
        // American legs' premium tables, once for every block (`AmericanMarks`).
        let american = chain == nil && programs.contains { $0.legAmerican.contains(true) }
            ? AmericanMarks(programs: programs, scenario: scenario, universe: study.universe, threads: c.threads,
                            cache: c.premiumTables) : .none
        let runner = BlockRunner(kernel: kernel, programs: programs, playbook: playbook, rate: scenario.rate,
                                 horizon: scenario.horizonDays, startEquity: startEquity, american: american, chain: chain)
        // A shard runs its slice of the paths; everything below is indexed from its first path.
        let range = c.shard.map { $0.pathRange(paths: paths) } ?? 0..<paths
        let sampleEnd = min(paths, c.equitySamplePaths)
        let tracedEnd = min(paths, c.tracedPaths)
        let analysisEnd = min(paths, c.analysisPaths)
        // Per-path returns and pair spreads only where a thesis tests them (or when asked).
        let keepReturns = variants.map { v in c.keepPathReturns || v.theses.contains { $0.metric == .return } }
        let keepRelative = variants.map { v in v.kind == .pair && (c.keepPathReturns || v.theses.contains { $0.metric == .relativeReturnBps }) }
        let buffers = OutcomeBuffers(range: range, variants: variants.count, keepReturns: keepReturns, keepRelative: keepRelative,
                                     days: scenario.horizonDays, sampleEnd: sampleEnd, tracedEnd: tracedEnd,
                                     analysisEnd: analysisEnd, assets: kernel.assetCount)
        defer { buffers.deallocateRest() }
        let lanes = c.blockPaths
        let blocks = (range.count + lanes - 1) / lanes
        let results = Parallel.map(count: blocks, threads: c.threads) { b -> BlockRunner.BlockResult in
            let first = range.lowerBound + b * lanes
            let count = min(lanes, range.upperBound - first)
            let result = runner.run(firstPath: first, lanes: count, seed: c.seed, into: buffers)
            progress?(count)
            return result
        }
        let chainGap = results.compactMap(\.chainGap).min { $0.date < $1.date }
        let records = results.flatMap(\.trades)
        assert(buffers.allWritten(), "the engine left a result slot unwritten")
        let trades = records.filter { $0.path < tracedEnd }
        var analysis: PositionAnalysis?
        if buffers.analysisPaths > 0 {
            let sample = PathSample(buffers: buffers, trades: records.filter { $0.path < analysisEnd })
            analysis = PositionAnalysis(sample: sample, programs: programs, playbook: playbook, kernel: kernel,
                                        premiumTable: { runner.premiumTable(programs[$0], leg: $1, day: $2, expiry: $3) },
                                        chain: chain, threads: c.threads)
        }
        // Each per-path buffer becomes an array and is freed in turn.
        let count = range.count
        func take<T>(_ buffer: UnsafeMutableBufferPointer<T>) -> [T] { OutcomeBuffers.takeArray(buffer, count: count) }
        let outcomes = variants.enumerated().map { k, v in
            VariantOutcomes(decisionID: v.decisionID, variantName: v.name, kind: v.kind, inPortfolio: v.inPortfolio,
                            pnl: take(buffers.pnl[k]), returns: buffers.returns[k].map(take) ?? [],
                            returnChunkSums: OutcomeBuffers.takeArray(buffers.returnSums[k], count: buffers.chunks),
                            returnChunkCounts: OutcomeBuffers.takeArray(buffers.returnCounts[k], count: buffers.chunks),
                            maxDrawdown: take(buffers.maxDrawdown[k]), holdingDays: take(buffers.holdingDays[k]),
                            exitReason: take(buffers.exitReason[k]), mayBeAssigned: v.mayBeAssigned,
                            relativeReturnBps: buffers.relative[k].map(take) ?? [])
        }
        let equity = buffers.equitySample.map { OutcomeBuffers.takeArray($0, count: buffers.samplePaths) }
        let traced = buffers.tracedPaths
        let days = scenario.horizonDays + 1
        let daily: [[[Double]]] = (0..<variants.count).map { k in
            (0..<traced).map { path in
                let start = (k * traced + path) * days
                return Array(buffers.dailyPnL[start..<(start + days)])
            }
        }
        var out = ScenarioOutcomes(scenario: scenario, scenarioIndex: scenarioIndex, paths: count, variants: outcomes,
                                   portfolioPnL: take(buffers.portfolioPnL), portfolioMaxDrawdown: take(buffers.portfolioDrawdown),
                                   startEquity: startEquity, equitySample: equity, trades: trades, dailyPnL: daily)
        out.firstPath = range.lowerBound
        out.analysis = analysis
        out.chainGap = chainGap
        out.atChainQuotes = chain != nil
        return out
    }
}
