/// Option quotes read from a chain CSV: one row per contract and quote date, with optopsy's
/// column names (optopsy, `optopsy/checks.py` and `optopsy/datafeeds.py`, the names of
/// Cboe DataShop's end-of-day files).
///
/// Columns, matched case-insensitively after trimming, in any order; others are ignored:
/// - required: `underlying_symbol` (a ticker), `underlying_price` (> 0), `quote_date` and
///   `expiration` (`YYYY-MM-DD`, the expiration on or after the quote date), `option_type`
///   (`call`, `put`, `c` or `p`, any case), `strike` (> 0), `bid` and `ask` (≥ 0, ask ≥ bid);
/// - optional: `implied_volatility` (0 to 10, annual; 0 as vendors write "none"), `volume` and
///   `open_interest` (≥ 0); an empty cell is "not given". optopsy's `delta`, `gamma`, `theta`,
///   `vega` are ignored (the fit computes its own).
///
/// Refused, each with file:line:column, what was found and what is allowed: content that is
/// not UTF-8 text (`CSVText`), a header missing a required column or naming one twice, rows
/// whose field count differs from the header's, each bad cell, and a second quote for the same
/// contract (underlying, quote date, expiration, type, strike) on the same date. Rows are not
/// read after a header problem; at most `maximumProblems` are collected, then reading stops.
package struct OptionChain: Sendable {
    package var file: String
    /// The quotes in file order.
    package var quotes: [OptionQuote]

    /// The columns every chain has, in optopsy's names.
    package static let requiredColumns = ["underlying_symbol", "underlying_price", "quote_date", "expiration",
                                          "option_type", "strike", "bid", "ask"]
    /// The optional columns read (others are ignored).
    package static let optionalColumns = ["implied_volatility", "volume", "open_interest"]

    /// The number of problems collected before reading stops.
    static let maximumProblems = 100

    package init(file: String, quotes: [OptionQuote]) {
        self.file = file
        self.quotes = quotes
    }

    /// Parses CSV text (every problem collected, up to `maximumProblems`).
    package static func parse(_ text: String, file: String) -> Result<OptionChain, InputProblems> {
        var text = text
        return text.withUTF8 { parse(utf8: $0, file: file) }
    }

    /// Parses the bytes of a CSV file.
    package static func parse(utf8 bytes: [UInt8], file: String) -> Result<OptionChain, InputProblems> {
        bytes.withUnsafeBufferPointer { parse(utf8: $0, file: file) }
    }

    /// Parses bytes the caller holds.
    package static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, file: String) -> Result<OptionChain, InputProblems> {
        var reader = OptionChainReader(file: file, bytes: bytes)
        switch CSVText.scan(bytes, file: file, { reader.read($0) }) {
        case let .notText(problem)?: return .failure(InputProblems([problem]))
        case let .openQuote(problem)?: reader.problems.add(problem)
        case nil: break
        }
        return reader.finish()
    }

    /// The quote dates in the file, ascending, each once.
    package var quoteDates: [CalendarDate] { Array(Set(quotes.map(\.quoteDate))).sorted() }
    /// The underlyings in the file, in order of first appearance.
    package var underlyings: [String] {
        var seen: Set<String> = []
        return quotes.map(\.underlying).filter { seen.insert($0).inserted }
    }
}

/// The state of one `OptionChain.parse`: the columns from the header, then the rows.
private struct OptionChainReader {
    let file: String
    let bytes: UnsafeBufferPointer<UInt8>
    var problems: ProblemList
    var header: CSVText.Record?
    var names: [String] = []
    /// Column index of each required column, in `OptionChain.requiredColumns` order.
    var required: [Int] = []
    /// Column index of each optional column present (nil when absent).
    var optional: [Int?] = []
    var quotes: [OptionQuote] = []
    /// Line of the first quote of each contract, to refuse a second.
    var firstLine: [ContractKey: Int] = [:]

    struct ContractKey: Hashable {
        var underlying: String
        var quoteDate: CalendarDate
        var expiration: CalendarDate
        var type: OptionType
        var strike: Double
    }

    init(file: String, bytes: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.bytes = bytes
        problems = ProblemList(file: file, limit: OptionChain.maximumProblems)
    }

    mutating func read(_ r: CSVText.Record) -> Bool {
        guard header != nil else {
            header = r
            return layout(r)
        }
        readRow(r)
        return !problems.isFull
    }

    // MARK: - Header

    mutating func layout(_ header: CSVText.Record) -> Bool {
        names = DatedRows.names(header, in: bytes)
        let lower = names.map { $0.utf8.count <= 40 ? $0.lowercased() : "" }
        let wanted = OptionChain.requiredColumns + OptionChain.optionalColumns
        for name in wanted {
            let at = lower.indices.filter { lower[$0] == name }
            if at.count > 1 {
                problems.add(InputProblem(file: file, line: header.line, column: at[1] + 1, path: "header",
                                          found: "column \(MessageText.echo(names[at[1]])) a second time (first in column \(at[0] + 1))",
                                          allowed: "each column once"))
            }
        }
        let missing = OptionChain.requiredColumns.filter { !lower.contains($0) }
        if !missing.isEmpty {
            problems.add(InputProblem(file: file, line: header.line, path: "header",
                                      found: "columns \(MessageText.list(names, separator: ",", count: 16, noun: "columns")) (no \(missing.joined(separator: ", ")))",
                                      allowed: "optopsy's chain columns: \(OptionChain.requiredColumns.joined(separator: ", ")); optional "
                                          + OptionChain.optionalColumns.joined(separator: ", ")))
        }
        guard problems.list.isEmpty else { return false }
        required = OptionChain.requiredColumns.map { lower.firstIndex(of: $0)! }
        optional = OptionChain.optionalColumns.map { lower.firstIndex(of: $0) }
        return true
    }

    // MARK: - Rows

    mutating func readRow(_ r: CSVText.Record) {
        guard r.fields.count == names.count else {
            problems.add(InputProblem(file: file, line: r.line, path: "", found: "\(r.fields.count) fields",
                                      allowed: "\(names.count) fields, as in the header"))
            return
        }
        var ok = true
        func problem(_ c: Int, _ found: String, _ allowed: String) {
            problems.add(InputProblem(file: file, line: r.line, column: c + 1, path: "column \(names[c])", found: found, allowed: allowed))
            ok = false
        }
        func echo(_ c: Int) -> String { CSVText.echo(r.fields[c], in: bytes) }
        func number(_ c: Int) -> Double? {
            guard let x = CSVText.withValue(r.fields[c], in: bytes, DecimalText.double), x.isFinite else { return nil }
            return x
        }
        func date(_ c: Int) -> CalendarDate? {
            guard let d = CSVText.withValue(r.fields[c], in: bytes, CSVText.date) else {
                problem(c, echo(c), "a date YYYY-MM-DD")
                return nil
            }
            return d
        }
        func positive(_ c: Int, _ allowed: String) -> Double {
            guard let x = number(c), x > 0 else { problem(c, echo(c), allowed); return 0 }
            return x
        }
        func price(_ c: Int) -> Double? {
            guard let x = number(c), x >= 0 else { problem(c, echo(c), "a price ≥ 0 (finite decimal number)"); return nil }
            return x
        }
        /// An optional cell: nil when absent or empty.
        func optionalNumber(_ k: Int, max: Double, _ allowed: String) -> Double? {
            guard let c = optional[k] else { return nil }
            if CSVText.withValue(r.fields[c], in: bytes, { $0.isEmpty }) { return nil }
            guard let x = number(c), x >= 0, x <= max else { problem(c, echo(c), allowed + ", or an empty cell"); return nil }
            return x
        }

        let cUnderlying = required[0], cSpot = required[1], cQuote = required[2], cExpiry = required[3]
        let cType = required[4], cStrike = required[5], cBid = required[6], cAsk = required[7]
        let underlying = CSVText.string(r.fields[cUnderlying], in: bytes)
        if !PriceTable.isTicker(underlying) {
            problem(cUnderlying, echo(cUnderlying), "a ticker (letters, digits, '.', '-', '^', '=', '_'; at most 20)")
        }
        let spot = positive(cSpot, "a price > 0 (finite decimal number)")
        let quoteDate = date(cQuote)
        let expiration = date(cExpiry)
        if let quoteDate, let expiration, expiration < quoteDate {
            problem(cExpiry, "\(expiration), before the quote date \(quoteDate)", "an expiration on or after the quote date")
        }
        let typeText = CSVText.string(r.fields[cType], in: bytes).lowercased()
        let type: OptionType? = switch typeText {
        case "call", "c": .call
        case "put", "p": .put
        default: nil
        }
        if type == nil { problem(cType, echo(cType), "call, put, c or p (any case)") }
        let strike = positive(cStrike, "a strike > 0 (finite decimal number)")
        let bid = price(cBid), ask = price(cAsk)
        if let bid, let ask, ask < bid {
            problem(cAsk, "ask \(echo(cAsk)) below the bid \(echo(cBid))", "an ask ≥ the bid")
        }
        let iv = optionalNumber(0, max: 10, "an implied vol ≥ 0 and ≤ 10 (annual, 0.45 = 45%)")
        let volume = optionalNumber(1, max: .greatestFiniteMagnitude, "a volume ≥ 0")
        let interest = optionalNumber(2, max: .greatestFiniteMagnitude, "an open interest ≥ 0")
        guard ok, let quoteDate, let expiration, let type, let bid, let ask else { return }
        let key = ContractKey(underlying: underlying, quoteDate: quoteDate, expiration: expiration, type: type, strike: strike)
        if let first = firstLine[key] {
            problems.add(InputProblem(file: file, line: r.line, path: "",
                                      found: "a second quote for \(underlying) \(expiration) \(type.rawValue) \(JSONText.wholeOrDecimal(strike)) on \(quoteDate) (first on line \(first))",
                                      allowed: "one quote per contract and quote date"))
            return
        }
        firstLine[key] = r.line
        quotes.append(OptionQuote(line: r.line, underlying: underlying, underlyingPrice: spot, quoteDate: quoteDate,
                                        expiration: expiration, type: type, strike: strike, bid: bid, ask: ask,
                                        impliedVolatility: iv, volume: volume, openInterest: interest))
    }

    // MARK: - Result

    mutating func finish() -> Result<OptionChain, InputProblems> {
        guard let header else {
            return .failure(InputProblems(problems.list + [InputProblem(file: file, line: 1, path: "", found: "an empty file",
                                                                        allowed: "a header line and one row per quoted contract")]))
        }
        if problems.list.isEmpty && quotes.isEmpty {
            problems.add(InputProblem(file: file, line: header.line, path: "", found: "a header and no rows",
                                      allowed: "at least one quoted contract"))
        }
        if !problems.list.isEmpty { return .failure(InputProblems(problems.list)) }
        return .success(OptionChain(file: file, quotes: quotes))
    }
}
