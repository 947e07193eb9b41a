import Foundation
import TradeSim

/// `tradesim draft CARD.txt`: a study drafted from a card's text, to edit before running.
enum DraftCommand {
    static let spec = CommandSpec(
        name: "draft",
        abstract: "Draft a study from a trade-idea card's text (decisions, horizons, bands, events).",
        discussion: """
        Reads the card's key-decision bullets with a table of rules (README, 'tradesim draft'): \
        one decision per bullet, its kind, horizon or expiry, return bands as theses, entries on \
        weakness, alternatives as variants, named events, tickers and the groups the card names \
        as tags. With --prices, named tickers get their spot and realized volatility from their \
        closes before --start. The study validates as written; what the card does not say (spots, sizes, the \
        event's date, scenario views, placeholder tickers TBD-1, …) is filled with stated \
        assumptions, noted in the study and listed on stderr. Writes to standard output, or to \
        --out FILE.

        \(OutputRule.fileHelp)
        """,
        arguments: [ArgumentSpec(name: "card", help: "The card as a text file.", optional: false)],
        options: [
            OptionSpec(name: "out", valueName: "FILE", help: "Write the study to FILE.", kind: .text),
            OptionSpec(name: "start", valueName: "DATE", help: "Day 0 of the study, YYYY-MM-DD (a weekday).", kind: .text,
                       defaultDescription: "the next weekday after today"),
            OptionSpec(name: "prices", valueName: "PATH", help: "Daily closes (a folder of TICKER.csv or one CSV): spots and 126-day realized vols for the tickers the card names.", kind: .text),
            OptionSpec(name: "tickers", valueName: "FILE", help: "The card's tickers, one or more a line ($ optional, # comments): then the only unmarked capitalised words read as tickers.", kind: .text),
            OptionSpec(name: "calendar", valueName: "NAME", help: "The exchange whose holidays the study lists: nyse or none.", kind: .text,
                       defaultDescription: "nyse"),
            OptionSpec(name: "force", valueName: "", help: "Replace an existing --out file.", kind: .flag),
            OptionSpec(name: "quiet", valueName: "", help: "Do not list what is left to decide on stderr.", kind: .flag),
        ],
        run: run)

    static func run(_ a: ParsedArguments) throws {
        let file = a.positional[0]
        let calendarName = a.string("calendar") ?? "nyse"
        guard let calendar = ExchangeCalendar(rawValue: calendarName) else {
            throw CLIError.usage("--calendar must be nyse or none, got \(MessageText.echo(calendarName))", command: "draft")
        }
        var start: CalendarDate
        let stated = a.string("start") != nil
        if let text = a.string("start") {
            guard let d = CalendarDate(iso: text), !d.isWeekend else {
                throw CLIError.usage("--start must be a weekday as YYYY-MM-DD, got \(MessageText.echo(text))", command: "draft")
            }
            if let holiday = calendar.holiday(on: d) {
                throw CLIError.usage("--start must be a trading day, got \(MessageText.echo(text)) (\(holiday), an NYSE holiday)", command: "draft")
            }
            start = d
        } else {
            start = CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))).adding(days: 1)
            while start.isWeekend || calendar.holiday(on: start) != nil { start = start.adding(days: 1) }
        }
        if a.has("force") && !a.has("out") {
            throw CLIError.usage("--force applies only with --out", command: "draft")
        }
        var reads = [OutputRule.Input(role: "the card", path: file)]
        if let list = a.string("tickers") { reads.append(OutputRule.Input(role: "the ticker list", path: list)) }
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let prices = a.string("prices"), case let .success(files) = StudyLoader.priceFiles(prices, relativeTo: here) {
            reads += files.map { OutputRule.Input(role: "the price file", path: StudyLoader.displayPath($0.path)) }
        }
        // The output is checked before any work, so a refused --out changes nothing.
        var output = try a.string("out").map { try TextOutput(file: $0, force: a.has("force"), reads: reads) } ?? TextOutput()
        if let staging = output.stagingPath { Interrupts.removeOnInterrupt(staging) }
        do {
            try draft(a, file: file, start: start, stated: stated, calendar: calendar, into: &output)
        } catch {
            output.abandon()
            throw error
        }
        Interrupts.clear()
    }

    static func draft(_ a: ParsedArguments, file: String, start: CalendarDate, stated: Bool, calendar: ExchangeCalendar,
                      into output: inout TextOutput) throws {
        let bytes = try StudyLoader.readBytes(file, what: "a card as text", limit: .card)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CLIError.data("\(file): found bytes that are not UTF-8 text; allowed: a card as UTF-8 text")
        }
        var history: [PriceSeries] = []
        if let prices = a.string("prices") {
            switch StudyLoader.loadPrices(prices, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
            case let .success(s):
                // Notes name the files as the user would (relative to the working folder).
                history = s.map { var x = $0; x.file = StudyLoader.displayPath(x.file); return x }
            case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
            }
        }
        var tickers: Set<String>?
        if let list = a.string("tickers") {
            let bytes = try StudyLoader.readBytes(list, what: "a list of tickers as text", limit: .card)
            guard let listText = String(validating: bytes, as: UTF8.self) else {
                throw CLIError.data("\(list): found bytes that are not UTF-8 text; allowed: a list of tickers as UTF-8 text")
            }
            switch TickerEvidence.parseList(listText, file: list) {
            case let .success(t): tickers = t
            case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
            }
        }
        let draft: StudyDraft
        switch StudyDraft.draft(cardText: text, cardName: file, start: start, startStated: stated, history: history,
                                tickers: tickers, calendar: calendar) {
        case let .success(d): draft = d
        case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
        }
        // The draft must validate as written; if it does not, that is a drafter bug, not bad input.
        if case let .failure(p) = StudyDecoder.decode(Array(draft.json.utf8), file: "(drafted study)") {
            throw CLIError.failure("the drafted study does not validate (a tradesim bug):\n" + p.description)
        }
        try output.write(draft.json)
        try output.finish()
        // Stale spots are said even with --quiet.
        for w in draft.warnings { Console.err("Warning: \(w)\n") }
        if !a.has("quiet") {
            var lines = "Drafted \(draft.readings.count) decision\(draft.readings.count == 1 ? "" : "s") from \(file)"
                + (a.string("out").map { " into \($0)" } ?? "") + ". To decide (\(draft.unresolved.count)):\n"
            for (k, u) in draft.unresolved.enumerated() { lines += "  \(k + 1). \(u)\n" }
            Console.err(lines)
        }
    }
}
