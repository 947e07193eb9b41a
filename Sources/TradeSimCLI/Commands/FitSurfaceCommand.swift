import TradeSim

/// `tradesim fit-surface`: the implied-vol surface (ATM term points, skew slope and curvature)
/// fitted to one date of an option chain CSV (`OptionChain`, `SurfaceFit`).
enum FitSurfaceCommand {
    static let spec = CommandSpec(
        name: "fit-surface",
        abstract: "Fit the implied-vol surface (ATM per expiry, skew slope, curvature) to an option chain CSV.",
        discussion: """
        CHAIN is a CSV with optopsy's columns: underlying_symbol, underlying_price, quote_date, \
        expiration, option_type (call/put/c/p), strike, bid, ask; optional implied_volatility, \
        volume, open_interest (other columns are ignored). The surface is \
        σ = atm(expiry) + slope·x + curvature·x², x = ln(K/F)/√τ clamped to ±2.5, τ = trading days/252, \
        fitted by weighted least squares to the European Black–Scholes implied vols of the \
        out-of-the-money mids (weights: (vega/spread)²). Quotes with a zero bid, in the money, \
        expired, with a mid no volatility gives, or in an expiry with fewer than 3 usable strikes \
        are skipped and counted. Without --rate and --dividend each expiry's rate and yield are \
        the ones its quotes imply by put–call parity, C − P = e^(−rτ)·(F − K), fitted over the \
        strikes quoted on both sides (with one of them given, parity sets the other). Errors are fit − quote in vol points. The last line (the \
        "surface" key with --json) is the fit in the study's impliedVol syntax. --json adds \
        every used quote's error under "quote_errors".
        """,
        arguments: [ArgumentSpec(name: "chain", help: "Option chain CSV (optopsy's columns).", optional: false)],
        options: [
            OptionSpec(name: "date", valueName: "YYYY-MM-DD", help: "The quote date to fit (needed when the file has several).", kind: .text),
            OptionSpec(name: "underlying", valueName: "TICKER", help: "The underlying to fit (needed when the file has several).", kind: .text),
            OptionSpec(name: "rate", valueName: "R", help: "Continuously compounded annual risk-free rate, -1 to 1.",
                       kind: .number(NumberRule(min: -1, max: 1)), defaultDescription: "each expiry's, from put–call parity"),
            OptionSpec(name: "dividend", valueName: "Q", help: "Continuous annual dividend yield, -1 to 1.",
                       kind: .number(NumberRule(min: -1, max: 1)), defaultDescription: "each expiry's, from put–call parity"),
            OptionSpec(name: "json", valueName: "", help: "Print one JSON object instead of tables.", kind: .flag),
        ],
        run: run)

    static func run(_ a: ParsedArguments) throws {
        let file = a.positional[0]
        var date: CalendarDate?
        if let text = a.string("date") {
            guard text.count == 10, let d = CalendarDate(iso: text) else {
                throw CLIError.usage("--date must be a date YYYY-MM-DD, got \(MessageText.echo(text))", command: "fit-surface")
            }
            date = d
        }
        let bytes = try StudyLoader.readBytes(file, what: "an option chain CSV", limit: .prices)
        let chain: OptionChain
        switch OptionChain.parse(utf8: bytes, file: file) {
        case let .success(c): chain = c
        case let .failure(p): throw CLIError.dataProblems(p.problems.map(\.description))
        }
        let quotes = try select(chain, date: date, underlying: a.string("underlying"))
        let fit: SurfaceFit
        switch SurfaceFit.fit(quotes, rate: a.number("rate"), dividendYield: a.number("dividend")) {
        case let .success(f): fit = f
        case let .failure(p): throw CLIError.data(InputProblem(file: file, path: "", found: p.found, allowed: p.allowed).description)
        }
        try Console.out(a.has("json") ? json(fit, quoteCount: quotes.count) + "\n" : table(fit, quoteCount: quotes.count))
    }

    /// The quotes of one date and one underlying: the ones named, or the file's only ones.
    static func select(_ chain: OptionChain, date: CalendarDate?, underlying: String?) throws -> [OptionQuote] {
        let dates = chain.quoteDates, names = chain.underlyings
        func missing(_ found: String, _ allowed: String) -> CLIError {
            .data(InputProblem(file: chain.file, path: "", found: found, allowed: allowed).description)
        }
        if let date, !dates.contains(date) {
            throw missing("no quotes on \(date) (quote dates: \(MessageText.list(dates.map(\.description), count: 8, noun: "dates")))",
                          "a --date that is one of the file's quote dates")
        }
        if let underlying, !names.contains(underlying) {
            throw missing("no quotes of \(MessageText.echo(underlying)) (underlyings: \(MessageText.list(names, count: 8, noun: "underlyings")))",
                          "an --underlying that is one of the file's underlying_symbol values")
        }
        guard date != nil || dates.count == 1 else {
            throw CLIError.usage("\(chain.file) has quotes on \(dates.count) dates (\(MessageText.list(dates.map(\.description), count: 8, noun: "dates"))); "
                + "choose one with --date", command: "fit-surface")
        }
        guard underlying != nil || names.count == 1 else {
            throw CLIError.usage("\(chain.file) has quotes on \(names.count) underlyings (\(MessageText.list(names, count: 8, noun: "underlyings"))); "
                + "choose one with --underlying", command: "fit-surface")
        }
        let d = date ?? dates[0], u = underlying ?? names[0]
        let quotes = chain.quotes.filter { $0.quoteDate == d && $0.underlying == u }
        guard !quotes.isEmpty else {
            throw missing("no quotes of \(u) on \(d)", "a --date and --underlying that the file quotes together")
        }
        return quotes
    }

    // MARK: - Output

    /// The fit in the study's `impliedVol` syntax: ATM term points and the skew.
    static func studySurface(_ fit: SurfaceFit) -> String {
        let terms = fit.expiries.map { JSONText.object([("days", String($0.tradingDays)), ("vol", JSONText.number($0.pooledATM))]) }
        return JSONText.object([
            ("atm", JSONText.object([(fit.underlying, JSONText.object([("terms", JSONText.array(terms))]))])),
            ("skew", JSONText.object([(fit.underlying, JSONText.object([("slope", JSONText.number(fit.slope)),
                                                                        ("curvature", JSONText.number(fit.curvature))]))])),
        ])
    }

    static func skippedSummary(_ fit: SurfaceFit) -> String {
        let parts = SurfaceFit.SkipReason.allCases.compactMap { r in fit.skipped[r]! > 0 ? "\(fit.skipped[r]!) \(r.rawValue)" : nil }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    /// "r=0.04 q=0.01" when both were given; else what parity implied, per expiry.
    static func carryText(_ fit: SurfaceFit) -> String {
        if let r = fit.rate, let q = fit.dividendYield { return "r=\(r.description) q=\(q.description)" }
        return "r and q from put–call parity per expiry: "
            + fit.expiries.map { "\($0.expiration) r=\(NumberText.fixed($0.rate, digits: 4)) q=\(NumberText.fixed($0.dividendYield, digits: 4))" }
            .joined(separator: ", ")
    }

    static func table(_ fit: SurfaceFit, quoteCount: Int) -> String {
        var out = "\(fit.underlying) on \(fit.quoteDate): \(Plural.count(quoteCount, "quote")), \(fit.quotes.count) used, "
            + "\(fit.skippedCount) skipped\(skippedSummary(fit)); " + carryText(fit) + "\n"
        out += "European Black–Scholes implied vols of out-of-the-money mids; errors are fit − quote in vol points\n\n"
        let header = ["expiration", "days", "quotes", "atm", "slope", "curvature", "rms_pt", "max_pt", "pooled_atm", "pooled_rms_pt", "pooled_max_pt"]
        var rows = [header]
        for e in fit.expiries {
            rows.append([e.expiration.description, String(e.tradingDays), String(e.quoteCount),
                         NumberText.fixed(e.atm, digits: 4), NumberText.fixed(e.slope, digits: 4), NumberText.fixed(e.curvature, digits: 4),
                         NumberText.fixed(e.rmsPoints, digits: 3), NumberText.fixed(e.maxPoints, digits: 3),
                         NumberText.fixed(e.pooledATM, digits: 4), NumberText.fixed(e.pooledRMSPoints, digits: 3),
                         NumberText.fixed(e.pooledMaxPoints, digits: 3)])
        }
        out += ConsoleTable.render(rows, left: [0])
        out += "\npooled: slope \(NumberText.fixed(fit.slope, digits: 4)), curvature \(NumberText.fixed(fit.curvature, digits: 4)); "
            + "rms \(NumberText.fixed(fit.rmsPoints, digits: 3)) pt, max \(NumberText.fixed(fit.maxPoints, digits: 3)) pt over \(Plural.count(fit.quotes.count, "quote"))\n"
        out += studySurface(fit) + "\n"
        return out
    }

    static func json(_ fit: SurfaceFit, quoteCount: Int) -> String {
        func key(_ r: SurfaceFit.SkipReason) -> String {
            switch r {
            case .zeroBid: "zero_bid"
            case .inTheMoney: "in_the_money"
            case .expired: "expired"
            case .noVolatility: "no_volatility"
            case .thinExpiry: "thin_expiry"
            case .noForward: "no_forward"
            }
        }
        let expiries = fit.expiries.map { e in
            JSONText.object([
                ("expiration", JSONText.string(e.expiration.description)), ("days", String(e.tradingDays)),
                ("years", JSONText.number(e.years)), ("quotes", String(e.quoteCount)),
                ("atm", JSONText.number(e.atm)), ("slope", JSONText.number(e.slope)), ("curvature", JSONText.number(e.curvature)),
                ("rms_pt", JSONText.number(e.rmsPoints)), ("max_pt", JSONText.number(e.maxPoints)),
                ("pooled_atm", JSONText.number(e.pooledATM)), ("pooled_rms_pt", JSONText.number(e.pooledRMSPoints)),
                ("pooled_max_pt", JSONText.number(e.pooledMaxPoints)),
                ("rate", JSONText.number(e.rate)), ("dividend", JSONText.number(e.dividendYield)),
            ])
        }
        let errors = fit.quotes.map { q in
            JSONText.object([
                ("line", String(q.quote.line)), ("expiration", JSONText.string(q.quote.expiration.description)),
                ("type", JSONText.string(q.quote.type.rawValue)), ("strike", JSONText.number(q.quote.strike)),
                ("x", JSONText.number(q.scaledMoneyness)), ("quote_vol", JSONText.number(q.quoteVolatility)),
                ("fit_vol", JSONText.number(q.fittedVolatility)), ("error_pt", JSONText.number(q.errorPoints)),
            ])
        }
        return JSONText.object([
            ("underlying", JSONText.string(fit.underlying)), ("quote_date", JSONText.string(fit.quoteDate.description)),
            ("rate", JSONText.number(fit.rate)), ("dividend", JSONText.number(fit.dividendYield)),
            ("quotes", String(quoteCount)), ("used", String(fit.quotes.count)), ("skipped", String(fit.skippedCount)),
            ("skipped_by_reason", JSONText.object(SurfaceFit.SkipReason.allCases.map { (key($0), String(fit.skipped[$0]!)) })),
            ("expiries", JSONText.array(expiries)),
            ("pooled", JSONText.object([("slope", JSONText.number(fit.slope)), ("curvature", JSONText.number(fit.curvature)),
                                        ("rms_pt", JSONText.number(fit.rmsPoints)), ("max_pt", JSONText.number(fit.maxPoints))])),
            ("surface", studySurface(fit)),
            ("quote_errors", JSONText.array(errors)),
        ])
    }
}
