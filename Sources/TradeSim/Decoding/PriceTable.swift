/// Daily closes read from CSV: one or more tickers over strictly increasing trading days.
///
/// Accepted layouts (header names are matched case-insensitively, columns in any order):
/// - Yahoo's download, `Date,Open,High,Low,Close,Adj Close,Volume`: the `Adj Close` column
///   is the series' closes (dividend- and split-adjusted), and `Close` is kept as its raw
///   closes (`rawCloses`: what options settle on in a backtest replay, the pair giving the
///   cash dividends, `PriceSeries.cashDividends`);
/// - `Date,Close` (any other columns ignored; `Adj Close` wins when both are present);
/// - wide, `Date,TICKER1,TICKER2,…` (a header with neither `Close` nor `Adj Close`).
/// A per-ticker file takes its ticker from its file name (`MP.csv` → MP), and may carry an `IV`
/// (or `implied_vol`) column of annual implied vols that then marks its options (empty cells
/// fall back to the model).
///
/// Refused, each with file:line:column, what was found and what is allowed: content that is
/// not UTF-8 text (`CSVText`), a header without `Date`, a wide header whose column is not a
/// ticker (or is a price field's name such as `Price` or `Close/Last`: a renamed close column),
/// rows whose field count differs from the header's, dates that are not `YYYY-MM-DD`, not
/// increasing or on a weekend, prices that are not finite decimals > 0. Rows are not read
/// after a header problem; at most `maximumProblems` are collected, then reading stops.
package struct PriceTable: Sendable {
    package var file: String
    package var tickers: [String]
    package var dates: [CalendarDate]
    /// closes[t][d]: ticker t on dates[d].
    package var closes: [[Double]]
    /// A single-series file's `IV` column (annual implied vol; nil for empty cells), if present.
    package var impliedVol: [Double?]?
    /// A single-series file's raw `Close` column when it also has `Adj Close` (then `closes`
    /// holds the adjusted ones), else nil.
    package var rawCloses: [Double]?
    /// 1-based file line of each date row (for messages).
    package var lines: [Int]

    /// The number of problems collected before reading stops.
    static let maximumProblems = 100

    package init(file: String, tickers: [String], dates: [CalendarDate], closes: [[Double]], impliedVol: [Double?]? = nil,
                 rawCloses: [Double]? = nil, lines: [Int]) {
        self.file = file
        self.rawCloses = rawCloses
        self.impliedVol = impliedVol
        self.tickers = tickers
        self.dates = dates
        self.closes = closes
        self.lines = lines
    }

    /// Parses CSV text. `ticker` names the series of a single-ticker layout (from the file
    /// name); a wide file names its own. Every problem is collected.
    package static func parse(_ text: String, file: String, ticker: String?) -> Result<PriceTable, InputProblems> {
        var text = text
        return text.withUTF8 { parse(utf8: $0, file: file, ticker: ticker) }
    }

    /// Parses the bytes of a CSV file (refusing binary and non-UTF-8 content at the first bad
    /// byte, before any other work). `ticker` as in `parse(_:file:ticker:)`.
    package static func parse(utf8 bytes: [UInt8], file: String, ticker: String?) -> Result<PriceTable, InputProblems> {
        bytes.withUnsafeBufferPointer { parse(utf8: $0, file: file, ticker: ticker) }
    }

    /// The same, on bytes the caller holds (a file's `Data` through `withUnsafeBytes`: no copy).
    package static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, file: String, ticker: String?) -> Result<PriceTable, InputProblems> {
        var reader = PriceTableReader(file: file, ticker: ticker, bytes: bytes)
        switch CSVText.scan(bytes, file: file, { reader.read($0) }) {
        case let .notText(problem)?: return .failure(InputProblems([problem]))  // the one thing to say about the file
        case let .openQuote(problem)?: reader.problems.add(problem)
        case nil: break
        }
        return reader.finish()
    }

    static func isTicker(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 80 && s.count <= 20 && s.allSatisfy { $0.isLetter || $0.isNumber || ".-^=_".contains($0) }
    }

    /// Header names that are a price field's, not a ticker's: a renamed or foreign close
    /// column (`Price`, `Close/Last`, `Adj. Close`) or the other columns of a quote download.
    /// Compared by their letters, lowercased; a name in capitals (`LOW`, `OPEN`) is read as a
    /// ticker, except one that contains "close".
    static func isPriceFieldName(_ name: String) -> Bool {
        let letters = String(name.lowercased().filter(\.isLetter))
        if letters.contains("close") { return true }
        guard name != name.uppercased() else { return false }
        return priceFieldNames.contains(letters)
    }

    static let priceFieldNames: Set<String> = [
        "open", "high", "low", "price", "prices", "last", "lastprice", "volume", "value", "settle", "settlement",
        "mid", "bid", "ask", "vwap", "nav", "change", "dividends", "stocksplits",
    ]
}

/// The state of one `PriceTable.parse`: the layout read from the header, then the rows.
private struct PriceTableReader {
    let file: String
    let ticker: String?
    let bytes: UnsafeBufferPointer<UInt8>
    var problems: ProblemList

    var header: CSVText.Record?
    var names: [String] = []
    var dateColumn = 0
    var valueColumns: [(column: Int, ticker: String)] = []
    var ivColumn: Int?
    /// The raw `Close` column of a file that also has `Adj Close`.
    var rawColumn: Int?

    var rows = DatedRows(file: "", names: [], dateColumn: 0)
    var dates: [CalendarDate] = []
    var lines: [Int] = []
    var closes: [[Double]] = []
    var ivs: [Double?] = []
    var raws: [Double] = []
    var row: [Double] = []

    init(file: String, ticker: String?, bytes: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.ticker = ticker
        self.bytes = bytes
        problems = ProblemList(file: file, limit: PriceTable.maximumProblems)
    }

    /// One record; false stops reading (a header with a problem, too many problems).
    mutating func read(_ r: CSVText.Record) -> Bool {
        guard header != nil else {
            header = r
            return layout(r) && !problems.isFull
        }
        readRow(r)
        return !problems.isFull
    }

    // MARK: - Header

    mutating func layout(_ header: CSVText.Record) -> Bool {
        names = DatedRows.names(header, in: bytes)
        // Only short names can be one of the words looked for.
        let lower = names.map { $0.utf8.count <= 16 ? $0.lowercased() : "" }
        guard let date = lower.firstIndex(of: "date") else {
            problems.add(InputProblem(file: file, line: header.line, path: "header",
                                      found: "columns \(MessageText.list(names, separator: ",", count: 12, noun: "columns"))",
                                      allowed: "a 'Date' column, with 'Adj Close' or 'Close', or one column per ticker"))
            return false
        }
        dateColumn = date
        rows = DatedRows(file: file, names: names, dateColumn: date)
        ivColumn = lower.firstIndex(of: "iv") ?? lower.firstIndex(of: "implied_vol")
        let adjusted = lower.firstIndex(of: "adj close") ?? lower.firstIndex(of: "adj_close")
        if let adj = adjusted ?? lower.firstIndex(of: "close") {
            if adjusted != nil { rawColumn = lower.firstIndex(of: "close") }
            guard let ticker else {
                problems.add(InputProblem(file: file, line: header.line, path: "header", found: "a single-series layout with no ticker",
                                          allowed: "a file named after its ticker (MP.csv) or a wide file Date,TICKER,…"))
                return false
            }
            guard PriceTable.isTicker(ticker) else {
                problems.add(InputProblem(file: file, line: header.line, path: "header",
                                          found: "one series whose ticker would be the file's name \(MessageText.echo(ticker))",
                                          allowed: "a file named after its ticker (MP.csv: letters, digits, '.', '-', '^', '=', '_'; at most 20) or a wide file Date,TICKER,…"))
                return false
            }
            valueColumns = [(adj, ticker)]
        } else {
            valueColumns = names.indices.filter { $0 != dateColumn && $0 != ivColumn }.map { ($0, names[$0]) }
            for (c, t) in valueColumns {
                if PriceTable.isPriceFieldName(t) {
                    problems.add(InputProblem(file: file, line: header.line, column: c + 1, path: "header",
                                              found: "column name \(MessageText.echo(t)), a price field's name, not a ticker",
                                              allowed: "a 'Close' or 'Adj Close' column (one ticker per file, named after it), or one column per ticker named by its ticker (Date,MP,LMT,…)"))
                } else if !PriceTable.isTicker(t) {
                    problems.add(InputProblem(file: file, line: header.line, column: c + 1, path: "header",
                                              found: "column name \(MessageText.echo(t))", allowed: "a ticker (letters, digits, '.', '-', '^', '=')"))
                }
            }
            if valueColumns.isEmpty {
                problems.add(InputProblem(file: file, line: header.line, path: "header", found: "only a Date column",
                                          allowed: "'Adj Close', 'Close' or one column per ticker"))
            }
            var seen: Set<String> = []
            for (c, t) in valueColumns where !t.isEmpty {
                if !seen.insert(t).inserted {
                    problems.add(InputProblem(file: file, line: header.line, column: c + 1, path: "header",
                                              found: "ticker \(MessageText.echo(t)) in a second column", allowed: "one column per ticker"))
                }
            }
            if let iv = ivColumn, valueColumns.count > 1 {
                problems.add(InputProblem(file: file, line: header.line, column: iv + 1, path: "header",
                                          found: "an \(MessageText.echo(names[iv])) column in a file of \(valueColumns.count) tickers",
                                          allowed: "an IV column only in a one-ticker file (whose column it is would be unclear)"))
            }
        }
        closes = [[Double]](repeating: [], count: valueColumns.count)
        row.reserveCapacity(valueColumns.count)
        // Rows read against a wrong header would only repeat its problem.
        return problems.list.isEmpty
    }

    // MARK: - Rows

    mutating func readRow(_ r: CSVText.Record) {
        guard let date = rows.date(of: r, in: bytes, problems: &problems) else { return }
        row.removeAll(keepingCapacity: true)
        var ok = true
        for (c, _) in valueColumns {
            let field = r.fields[c]
            guard let x = CSVText.withValue(field, in: bytes, DecimalText.double), x.isFinite, x > 0 else {
                problems.add(InputProblem(file: file, line: r.line, column: c + 1, path: "column \(names[c])",
                                          found: CSVText.echo(field, in: bytes), allowed: "a price > 0 (finite decimal number)"))
                ok = false
                continue
            }
            row.append(x)
        }
        var raw = 0.0
        if let c = rawColumn {
            let field = r.fields[c]
            if let x = CSVText.withValue(field, in: bytes, DecimalText.double), x.isFinite, x > 0 {
                raw = x
            } else {
                problems.add(InputProblem(file: file, line: r.line, column: c + 1, path: "column \(names[c])",
                                          found: CSVText.echo(field, in: bytes), allowed: "a price > 0 (finite decimal number)"))
                ok = false
            }
        }
        var iv: Double?
        if let c = ivColumn {
            let field = r.fields[c]
            let (empty, x) = CSVText.withValue(field, in: bytes) { ($0.isEmpty, DecimalText.double($0)) }
            if !empty {
                if let x, x.isFinite, x > 0, x <= 10 {
                    iv = x
                } else {
                    problems.add(InputProblem(file: file, line: r.line, column: c + 1, path: "column \(names[c])",
                                              found: CSVText.echo(field, in: bytes),
                                              allowed: "an implied vol > 0 and ≤ 10 (annual, 0.45 = 45%), or an empty cell"))
                    ok = false
                }
            }
        }
        guard ok else { return }
        ivs.append(iv)
        if rawColumn != nil { raws.append(raw) }
        dates.append(date)
        lines.append(r.line)
        for k in row.indices { closes[k].append(row[k]) }
    }

    // MARK: - Result

    mutating func finish() -> Result<PriceTable, InputProblems> {
        guard let header else {
            return .failure(InputProblems(problems.list + [InputProblem(file: file, line: 1, path: "", found: "an empty file",
                                                                        allowed: "a header line and daily rows")]))
        }
        if problems.list.isEmpty && dates.isEmpty {
            problems.add(InputProblem(file: file, line: header.line, path: "", found: "a header and no rows",
                                      allowed: "at least one daily row"))
        }
        if !problems.list.isEmpty { return .failure(InputProblems(problems.list)) }
        return .success(PriceTable(file: file, tickers: valueColumns.map(\.ticker), dates: dates, closes: closes,
                                   impliedVol: ivColumn != nil && valueColumns.count == 1 ? ivs : nil,
                                   rawCloses: rawColumn != nil ? raws : nil, lines: lines))
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension PriceTable {
    /// The table's columns as series.
    package var series: [PriceSeries] {
        tickers.enumerated().map {
            PriceSeries(ticker: $1, dates: dates, closes: closes[$0], impliedVol: impliedVol, rawCloses: rawCloses, file: file, lines: lines)
        }
    }
}
