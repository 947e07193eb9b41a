import Foundation
import TradeSim

/// `tradesim grid`: the trader's price × vol × date what-if — each decision variant's position
/// as the engine enters it, revalued under spot shocks × IV shocks × days (`WhatIfGrid`).
enum GridCommand {
    static let spec = CommandSpec(
        name: "grid",
        abstract: "Revalue each decision's entered position under spot shocks × IV shocks × days held (a risk navigator's what-if).",
        discussion: """
        Each decision variant's position as the engine enters it — on its entry day (day 0 for an \
        entry on weakness) at the scenario's start prices, strikes, quantities and premiums by the \
        engine's rules — is held as entered (no exits, costs or carry) and revalued t trading days \
        after its entry (--days) with every underlying's price moved by --spot percent (× its beta \
        with --spot-beta) and every open option's at-the-money IV moved by --iv vol points, before \
        the study's smile and spot–vol beta. --term-response flat adds the IV shock to every tenor; \
        sqrt scales it by min(\(JSONText.wholeOrDecimal(WhatIfShocks.maximumResponse)), √(\(WhatIfShocks.referenceTenorDays)/τ)), τ the option's trading days to \
        expiry (short-dated vol moves more). Open options are marked as the engine marks them \
        (Black–Scholes–Merton mid at the scenario's IV for the day and the remaining tenor); \
        options past expiry at their intrinsic value. The portfolio adds the variants it holds. \
        Lists are comma-separated and sorted here; a value given twice, a spot shock at or below \
        -100, a day past the scenario's horizon for some variant, or an IV shock that would leave \
        an open option's ATM IV below \(NumberText.fixed(WhatIfShocks.minimumATMVolatility * 100, digits: 0)) vol point is a usage error (exit 64) \
        naming what is allowed. Writes reports/<study>-grid/ (or --out): grid.csv (per variant \
        and the portfolio × day × spot shock × IV shock: value, P&L from entry, delta_dollars and \
        vega_per_vol_pt by central differences), report.html (a P&L heat map per variant and \
        day) and run.json; prints the portfolio's P&L at the first and last day.

        \(StudyEditOptions.help)

        \(OutputRule.folderHelp)
        """,
        arguments: [ArgumentSpec(name: "study", help: "Study file (default: \(StudyLoader.defaultStudy)).")],
        options: [
            OptionSpec(name: "scenario", valueName: "NAME", help: "The scenario whose start prices and IV surface are used.", kind: .text,
                       defaultDescription: "the study's first"),
            OptionSpec(name: "spot", valueName: "PCTS", help: "Spot shocks in percent of each underlying's price, each > -100 and ≤ \(JSONText.wholeOrDecimal(spotLimit)).",
                       kind: .text, defaultDescription: numbers(WhatIfShocks.defaultSpotPercent)),
            OptionSpec(name: "iv", valueName: "VOLPTS", help: "IV shocks in vol points added to the ATM IV (5 = +0.05), each from -\(JSONText.wholeOrDecimal(ivLimit)) to \(JSONText.wholeOrDecimal(ivLimit)).",
                       kind: .text, defaultDescription: numbers(WhatIfShocks.defaultIVVolPoints)),
            OptionSpec(name: "days", valueName: "DAYS", help: "Trading days after each variant's entry day, whole numbers ≥ 0.", kind: .text,
                       defaultDescription: WhatIfShocks.defaultDays.map(String.init).joined(separator: ",")),
            OptionSpec(name: "term-response", valueName: "flat|sqrt", help: "How an IV shock spreads over tenors.",
                       kind: .choice(WhatIfShocks.TermResponse.allCases.map(\.rawValue)), defaultDescription: "flat"),
            OptionSpec(name: "spot-beta", valueName: "", help: "Scale each underlying's spot shock by its beta (universe[].beta).", kind: .flag),
            StudyEditOptions.set,
            OptionSpec(name: "out", valueName: "DIR", help: "Report folder.", kind: .text, defaultDescription: "reports/<study>-grid"),
            OptionSpec(name: "quiet", valueName: "", help: "Print nothing on success.", kind: .flag),
        ],
        run: run)

    /// The largest spot shock (percent) and |IV shock| (vol points) allowed.
    static let spotLimit = 1000.0
    static let ivLimit = 100.0
    /// The most values a list may hold: spot and IV shocks, days.
    static let maximumShocks = 41
    static let maximumDays = 24

    static func numbers(_ xs: [Double]) -> String { xs.map(JSONText.wholeOrDecimal).joined(separator: ",") }

    /// The values of list option `name` (comma-separated), sorted; `allowed` says what each may
    /// be. A malformed item, a value `valid` refuses, a repeat or more than `maximum` values is a
    /// usage error: "--spot must be <allowed>, comma-separated (at most N), got …".
    static func list(_ a: ParsedArguments, _ name: String, allowed: String, maximum: Int, whole: Bool = false,
                     valid: (Double) -> Bool) throws -> [Double]? {
        guard let text = a.string(name) else { return nil }
        func refuse(_ found: String) -> CLIError {
            .usage("--\(name) must be \(allowed), comma-separated (at most \(maximum)), got \(found)", command: "grid")
        }
        var values: [Double] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw refuse("an empty value in \(MessageText.echo(text))") }
            guard let x = ParsedArguments.parseNumber(trimmed), !whole || Int(trimmed) != nil, valid(x) else {
                throw refuse(MessageText.echo(trimmed) + (trimmed == text ? "" : " in \(MessageText.echo(text))"))
            }
            guard !values.contains(x) else { throw refuse("\(MessageText.echo(trimmed)) twice") }
            values.append(x)
        }
        guard values.count <= maximum else { throw refuse("\(values.count) values") }
        return values.sorted()
    }

    /// The grid's axes from --spot, --iv, --days, --term-response and --spot-beta.
    static func shocks(_ a: ParsedArguments) throws -> WhatIfShocks {
        let spot = try list(a, "spot", allowed: "percent moves, each above -100 and at most \(JSONText.wholeOrDecimal(spotLimit))",
                            maximum: maximumShocks) { $0 > -100 && $0 <= spotLimit }
        let iv = try list(a, "iv", allowed: "vol points, each from -\(JSONText.wholeOrDecimal(ivLimit)) to \(JSONText.wholeOrDecimal(ivLimit))",
                          maximum: maximumShocks) { abs($0) <= ivLimit }
        let days = try list(a, "days", allowed: "whole numbers of trading days from 0 to 100000", maximum: maximumDays,
                            whole: true) { $0 >= 0 && $0 <= 100_000 }
        return WhatIfShocks(spotPercent: spot ?? WhatIfShocks.defaultSpotPercent, ivVolPoints: iv ?? WhatIfShocks.defaultIVVolPoints,
                            days: days.map { $0.map { Int($0) } } ?? WhatIfShocks.defaultDays,
                            termResponse: a.string("term-response").flatMap(WhatIfShocks.TermResponse.init(rawValue:)) ?? .flat,
                            betaScaled: a.has("spot-beta"))
    }

    static func run(_ a: ParsedArguments) throws {
        var clock = Stopwatch()
        let edits = try StudyEditOptions.edits(a, command: "grid")
        let shocks = try shocks(a)
        let loaded = try StudyLoader.load(a.positional.first, edits: edits)
        let study = loaded.study
        if case let .failure(problem) = study.requirePlaybook(file: loaded.path) { throw CLIError.data(problem.description) }
        let scenario = try study.scenarios[ScenarioSelection.indices(study, a)[0]]
        let outPath = a.string("out") ?? "reports/\(study.name)-grid"
        let grid: WhatIfGrid
        switch WhatIfGrid.make(study: study, scenario: scenario, shocks: shocks) {
        case let .success(g): grid = g
        case let .failure(problem): throw CLIError.usage("--\(problem.axis.rawValue) \(problem.message)", command: "grid")
        }
        let folder = try ReportFolder(outPath, isDefault: !a.has("out"), reads: loaded.reads)
        Interrupts.removeOnInterrupt(folder.staging.path)
        let computeSeconds = clock.lap()
        let report = GridReport(study: study, grid: grid)
        let reportSeconds = clock.lap()
        let manifest = report.manifest(inputs: loaded.inputs, edits: edits,
                                       timings: [("compute", computeSeconds), ("report", reportSeconds), ("total", clock.total)])
        try folder.put(report.files + [("run.json", manifest)])
        if !a.has("quiet") {
            try Console.out(table(grid, currency: study.currency))
            let cells = shocks.days.count * shocks.spotPercent.count * shocks.ivVolPoints.count
            Console.err("tradesim grid: \(study.name), \(scenario.name), \(Plural.count(grid.blocks.count, "block")) × \(Plural.count(cells, "cell")) in "
                + "\(NumberText.fixed(clock.total, digits: 2)) s → \(outPath)/\n")
        }
    }

    /// The portfolio's P&L (or the first variant's, when the portfolio holds none that enters)
    /// at the first and the last day: IV shocks down from the highest, spot shocks across.
    static func table(_ grid: WhatIfGrid, currency: String) -> String {
        let b = grid.blocks.first { $0.decision == "portfolio" } ?? grid.blocks[0]
        let s = grid.shocks
        // Whole units, or cents for a position whose P&L stays under 100.
        let digits = (b.cells.map { abs($0.pnl) }.max() ?? 0) < 100 ? 2 : 0
        var out = ""
        for j in Set([0, s.days.count - 1]).sorted() {
            let t = s.days[j]
            let when = grid.date(entryDay: b.entryDay, day: t).map { " (\($0))" } ?? ""
            let name = b.decision == "portfolio" ? "Portfolio" : b.label
            out += (out.isEmpty ? "" : "\n") + "\(name) P&L (\(currency)) in \(grid.scenario.name), day \(t) after entry\(when): IV shock (vol pts) down, spot shock (%) across\n"
            var rows = [["IV \\ spot"] + s.spotPercent.map(signed)]
            for v in s.ivVolPoints.indices.reversed() {
                rows.append([signed(s.ivVolPoints[v])] + s.spotPercent.indices.map { x in
                    NumberText.fixed(b.cells[grid.index(day: j, spot: x, iv: v)].pnl, digits: digits)
                })
            }
            out += ConsoleTable.render(rows, left: [0])
        }
        return out
    }

    /// +5, -10, 0.
    static func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + JSONText.wholeOrDecimal(x) }
}
