import Foundation
import TradeSim

/// `tradesim backtest`: the playbook on real price history.
enum BacktestCommand {
    static let defaultStudy = "scenarios/rare-earths-backtest-2025.json"

    static let spec = CommandSpec(
        name: "backtest",
        abstract: "Replay the study's playbook on real price history, once or from every N-th day.",
        discussion: """
        Uses the study's historical scenario (its rate, dated events and implied-vol model) on the \
        closes in --prices (default: that scenario's own prices): one run from --start to --end, or \
        with --every N a run from every N-th trading day of the window to --end, reported together \
        as the scenario 'historical' (one path per start date). Options are marked with the trailing \
        realized vol (impliedVol.realizedWindowDays, default 21 days) × impliedVol.baseMultiple plus \
        the event premium, unless the price file has an IV column. Writes the report set with \
        trades.csv (every leg of every trade) and the first window's tearsheet: equity.csv (each \
        decision variant's and the portfolio's value, daily P&L, daily return and drawdown at every \
        close), monthly_returns.csv (compounded per month and year) and tearsheet.csv (annual \
        return, volatility, Sharpe, Sortino, max drawdown, Calmar); report.html shows them.

        With --chain FILE (an option chain CSV in optopsy's columns) every option leg trades a \
        quoted contract instead: chosen among the quotes of its entry date (no look-ahead), the \
        expiry nearest the leg's rule (a tie: the later), then the strike nearest its moneyness, or \
        the delta nearest its delta at the quote's IV (a tie: the lower strike); bought at the ask, \
        sold at the bid (the modelled half-spread is not added), marked at the mid every day it is \
        held, settled at intrinsic on the close at expiry. A contract without a quote on a day it \
        is held is an error (exit 65) naming the date and the contract. The position analysis \
        (attribution, exposure) values option legs at the mids, with the Greeks at each quote's \
        IV (the file's, else the one its mid implies); early_exercise.csv has its header only.

        \(StudyEditOptions.help)

        \(OutputRule.folderHelp)
        """,
        arguments: [ArgumentSpec(name: "study", help: "Study file (default: \(defaultStudy)).")],
        options: [
            OptionSpec(name: "prices", valueName: "PATH", help: "A folder of TICKER.csv files or one wide CSV.", kind: .text,
                       defaultDescription: "the study's history.prices"),
            OptionSpec(name: "start", valueName: "DATE", help: "First day of the window, YYYY-MM-DD.", kind: .text),
            OptionSpec(name: "end", valueName: "DATE", help: "Last day of the window, YYYY-MM-DD.", kind: .text),
            OptionSpec(name: "every", valueName: "N", help: "Start a run every N trading days.", kind: .integer(min: 1, max: 10_000)),
            OptionSpec(name: "align", valueName: "", help: "Forward-fill dates a ticker lacks (with a warning).", kind: .flag),
            OptionSpec(name: "chain", valueName: "FILE", help: "Option chain CSV: fill option legs at its bids and asks.", kind: .text),
            RunOptions.threads(),
            StudyEditOptions.set,
            OptionSpec(name: "out", valueName: "DIR", help: "Report folder.", kind: .text, defaultDescription: "reports/<study>"),
            OptionSpec(name: "quiet", valueName: "", help: "Print nothing on success.", kind: .flag),
        ],
        run: run)

    static func date(_ a: ParsedArguments, _ name: String) throws -> CalendarDate? {
        guard let text = a.string(name) else { return nil }
        guard let d = CalendarDate(iso: text) else {
            throw CLIError.usage("--\(name) must be a date YYYY-MM-DD, got \(MessageText.echo(text))", command: "backtest")
        }
        return d
    }

    static func run(_ a: ParsedArguments) throws {
        var clock = Stopwatch()
        let start = try date(a, "start"), end = try date(a, "end")
        if let start, let end, end <= start {
            throw CLIError.usage("--end must be after --start, got \(start) and \(end)", command: "backtest")
        }
        let edits = try StudyEditOptions.edits(a, command: "backtest")
        var loaded = try StudyLoader.load(a.positional.first ?? defaultStudy, edits: edits)
        let study = loaded.study
        if case let .failure(problem) = study.requirePlaybook(file: loaded.path) { throw CLIError.data(problem.description) }
        guard let template = study.scenarios.first(where: { if case .historical = $0.model { true } else { false } }),
              case let .historical(history) = template.model else {
            throw CLIError.data("\(loaded.path): found no historical scenario; allowed: a study with a scenario of \"model\": \"historical\" (its events, rate and implied-vol model drive the backtest)")
        }
        // Prices: --prices (relative to the working directory) or the scenario's own.
        let reference: String
        let series: [PriceSeries]
        let record = { (path: String, bytes: [UInt8]) in loaded.inputs.append(RunInput(role: "prices", path: StudyLoader.displayPath(path), contents: bytes)) }
        var read: [(String, [UInt8])] = []
        if let prices = a.string("prices") {
            reference = prices
            switch StudyLoader.loadPrices(prices, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), read: { read.append(($0, $1)) }) {
            case let .success(s): series = s
            case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
            }
        } else {
            reference = history.reference
            let directory = URL(fileURLWithPath: loaded.path).deletingLastPathComponent()
            switch StudyLoader.loadPrices(history.reference, relativeTo: directory, read: { _, _ in }) {
            case let .success(s): series = s
            case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
            }
        }
        for (path, bytes) in read {
            record(path, bytes)
            loaded.reads.append(OutputRule.Input(role: "the price file", path: StudyLoader.displayPath(path)))
        }
        // The option chain (relative to the working directory).
        var chain: ChainFills?
        if let file = a.string("chain") {
            let bytes = try StudyLoader.readBytes(file, what: "an option chain CSV", limit: .prices)
            switch OptionChain.parse(utf8: bytes, file: file) {
            case let .success(c): chain = ChainFills(c)
            case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
            }
            loaded.inputs.append(RunInput(role: "chain", path: StudyLoader.displayPath(file), contents: bytes))
            loaded.reads.append(OutputRule.Input(role: "the option chain", path: StudyLoader.displayPath(file)))
        }
        let plan = BacktestPlan(template: template, universe: study.universe, series: series, pricesReference: reference,
                                start: start, end: end, every: a.integer("every"), align: a.has("align"),
                                settingNames: BacktestPlan.SettingNames(start: "--start", end: "--end", align: "--align"))
        let runs: BacktestPlan.Runs
        switch plan.runs() {
        case let .success(r): runs = r
        case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
        }
        for w in runs.warnings { Console.err("Warning: \(MessageText.visible(w))\n") }

        var replay = study
        replay.scenarios = runs.scenarios
        var configuration = RunConfiguration(paths: 1, seed: 0, threads: a.integer("threads") ?? Parallel.processorCount,
                                             tracedPaths: 1)
        configuration.analysisPaths = 1
        let outPath = a.string("out") ?? "reports/\(study.name)"
        let folder = try ReportFolder(outPath, isDefault: !a.has("out"), reads: loaded.reads)
        Interrupts.removeOnInterrupt(folder.staging.path)
        let loadSeconds = clock.lap()
        let each = Engine.runEach(study: replay, configuration: configuration, chain: chain)
        // A quote the runs lacked: the earliest (the first run's on a tie).
        if let chain, let gap = each.compactMap(\.chainGap).min(by: { $0.date < $1.date }) {
            folder.staging.remove()
            throw CLIError.data(gap.problem(file: chain.file, underlyings: chain.underlyings).description)
        }
        let outcomes = [ScenarioOutcomes.combine(each, scenario: runs.scenarios[0])]
        let simulateSeconds = clock.lap()

        var reportConfiguration = configuration
        reportConfiguration.paths = each.count
        let set = try ReportSetWriter.write(command: "backtest", study: replay, outcomes: outcomes, blend: false, backtest: true,
                                            configuration: reportConfiguration, inputs: loaded.inputs, edits: edits, folder: folder,
                                            clock: &clock, timings: [("load", loadSeconds), ("simulate", simulateSeconds)])
        if !a.has("quiet") {
            if let tearsheet = set.tearsheet { try Console.out(Self.tearsheetTable(tearsheet, currency: study.currency)) }
            if each.count > 1 {
                // Overlapping windows: their spread, without a standard error.
                try Console.out("\n" + RunCommand.portfolioTable(set.summary.filter { $0.decision == "portfolio" }, currency: study.currency,
                                                               over: "over \(each.count) overlapping windows"))
            }
            Console.err("tradesim backtest: \(study.name), \(each.count) run\(each.count == 1 ? "" : "s") from \(runs.dates.first!) "
                + "to \(runs.dates.last!) in \(NumberText.fixed(clock.total, digits: 2)) s → \(outPath)/\n")
        }
    }

    /// The first window's P&L and daily-return metrics per decision variant and the portfolio
    /// (tearsheet.csv's), for people.
    static func tearsheetTable(_ t: Tearsheet, currency: String) -> String {
        func pct(_ x: Double?) -> String { x.map { NumberText.fixed($0 * 100, digits: 1) + "%" } ?? "—" }
        var lines = [["series", "P&L", "return", "annual", "volatility", "Sharpe", "max drawdown"]]
        for series in t.series {
            let c = series.curve, m = series.metrics
            let pnl = (c.values.last ?? c.startValue) - c.startValue
            lines.append([c.label, NumberText.fixed(pnl, digits: 0), pct(c.startValue > 0 ? pnl / c.startValue : nil), pct(m.annualReturn),
                          pct(m.annualVolatility), m.sharpeRatio.map { NumberText.fixed($0, digits: 2) } ?? "—", pct(m.maxDrawdown)])
        }
        let window = t.series.first.map { "\($0.curve.dates.first.map(String.init(describing:)) ?? "") to \($0.curve.dates.last.map(String.init(describing:)) ?? "")" } ?? ""
        let which = t.windowStarts.count > 1 ? ", the first of \(t.windowStarts.count) windows:" : ""
        return "Backtest\(which) \(window) (\(currency))\n" + ConsoleTable.render(lines, left: [0])
    }
}
