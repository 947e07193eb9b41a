/// Everything a run keeps about one scenario.
public struct ScenarioOutcomes: Sendable {
    /// The scenario run.
    public let scenario: Scenario
    /// Its index in the study's scenarios.
    public let scenarioIndex: Int
    /// Paths held (a shard's slice, or all).
    public let paths: Int
    /// One per decision variant, in playbook order.
    public var variants: [VariantOutcomes]
    /// Portfolio P&L (equity at the end − equity at the start), money.
    public var portfolioPnL: [Double]
    /// Portfolio max drawdown in money (single precision, as the variants').
    public var portfolioMaxDrawdown: [Float]
    /// Equity on day 0 (capital plus the holdings' value).
    public var startEquity: Double
    /// Portfolio equity per day for the first `equitySample` paths: `[day][path]`.
    public var equitySample: [[Double]]
    /// Every leg of every trade on the first `tracedPaths` paths, in path order.
    public var trades: [TradeRecord]
    /// Each variant's P&L per day on the traced paths: `[variant][path][day]`.
    public var dailyPnL: [[[Double]]]
    /// False when the paths are runs from different start dates (a rolling backtest): then
    /// day d has no single date.
    public var datesAreShared = true
    /// The first date of each run `combine` joined (path k started on `runStartDates[k]`);
    /// empty for the outcomes of one run.
    public var runStartDates: [CalendarDate] = []
    /// Global index of the first path held: 0, or where a shard's slice begins (its arrays
    /// hold paths firstPath ..< firstPath + paths).
    public var firstPath = 0
    /// Exposure over time and P&L attribution on the run's first `RunConfiguration.analysisPaths`
    /// paths (nil when none were asked for, and for shards, joined slices and combined runs).
    public var analysis: PositionAnalysis?
    /// A backtest with an option chain: the first quote the run needed and the chain lacks
    /// (`ChainGap`; nil: none).
    package var chainGap: ChainGap?
    /// A backtest with an option chain: its option legs traded and were marked at the chain's
    /// quotes (`Engine.runEach(study:configuration:chain:)`), not at model prices.
    package var atChainQuotes = false

    /// The per-path P&L of `decision`'s variant `variant`, or of the portfolio (`portfolio`,
    /// variant ""); nil when the scenario has no such row.
    public func pnl(decision: String, variant: String) -> [Double]? {
        if decision == "portfolio" && variant.isEmpty { return portfolioPnL }
        return variants.first { $0.decisionID == decision && $0.variantName == variant }?.pnl
    }

    /// The variants' per-path and per-chunk results of `parts`, one after the other.
    static func concatenatedVariants(_ parts: [ScenarioOutcomes]) -> [VariantOutcomes] {
        var variants = parts[0].variants
        for k in variants.indices {
            variants[k].pnl = parts.flatMap { $0.variants[k].pnl }
            variants[k].returns = parts.flatMap { $0.variants[k].returns }
            variants[k].returnChunkSums = parts.flatMap { $0.variants[k].returnChunkSums }
            variants[k].returnChunkCounts = parts.flatMap { $0.variants[k].returnChunkCounts }
            variants[k].maxDrawdown = parts.flatMap { $0.variants[k].maxDrawdown }
            variants[k].holdingDays = parts.flatMap { $0.variants[k].holdingDays }
            variants[k].exitReason = parts.flatMap { $0.variants[k].exitReason }
            variants[k].relativeReturnBps = parts.flatMap { $0.variants[k].relativeReturnBps }
        }
        return variants
    }

    /// A shard's slices joined in path order: the outcomes of the single run, value for value.
    /// The slices must be of one scenario, consecutive and in order.
    public static func joined(_ slices: [ScenarioOutcomes]) -> ScenarioOutcomes {
        precondition(!slices.isEmpty)
        let variants = concatenatedVariants(slices)
        let days = slices[0].equitySample.count
        var out = ScenarioOutcomes(scenario: slices[0].scenario, scenarioIndex: slices[0].scenarioIndex,
                                   paths: slices.reduce(0) { $0 + $1.paths }, variants: variants,
                                   portfolioPnL: slices.flatMap(\.portfolioPnL), portfolioMaxDrawdown: slices.flatMap(\.portfolioMaxDrawdown),
                                   startEquity: slices[0].startEquity,
                                   equitySample: (0..<days).map { d in slices.flatMap { $0.equitySample[d] } },
                                   trades: slices.flatMap(\.trades),
                                   dailyPnL: slices[0].dailyPnL.indices.map { k in slices.flatMap { $0.dailyPnL[k] } })
        out.firstPath = slices[0].firstPath
        return out
    }

    /// Runs of one playbook (e.g. a backtest from several start dates) as one distribution:
    /// run k becomes path k. Per-day data is kept for the days each run has.
    public static func combine(_ runs: [ScenarioOutcomes], scenario: Scenario) -> ScenarioOutcomes {
        precondition(!runs.isEmpty)
        let variants = concatenatedVariants(runs)
        let days = runs.map { $0.equitySample.count }.max() ?? 0
        let equity = (0..<days).map { d in runs.flatMap { d < $0.equitySample.count ? $0.equitySample[d] : [] } }
        var trades: [TradeRecord] = []
        for (k, run) in runs.enumerated() {
            trades += run.trades.map { var t = $0; t.path = k; return t }
        }
        var out = ScenarioOutcomes(scenario: scenario, scenarioIndex: runs[0].scenarioIndex, paths: runs.reduce(0) { $0 + $1.paths },
                                   variants: variants, portfolioPnL: runs.flatMap(\.portfolioPnL),
                                   portfolioMaxDrawdown: runs.flatMap(\.portfolioMaxDrawdown),
                                   startEquity: runs[0].startEquity, equitySample: equity, trades: trades,
                                   dailyPnL: runs[0].dailyPnL.indices.map { k in runs.flatMap { $0.dailyPnL[k] } })
        out.datesAreShared = runs.count == 1
        out.analysis = runs.count == 1 ? runs[0].analysis : nil
        out.atChainQuotes = runs[0].atChainQuotes
        out.runStartDates = runs.map { $0.scenario.dates[0] }
        return out
    }
}
