/// A dated series read for `tradesim metrics`: returns, or levels (equity, prices) turned into
/// simple returns r_t = L_t / L_{t−1} − 1.
///
/// The value column is the one asked for (`column`) when given; otherwise, as `PriceTable` reads a price file,
/// `Adj Close` (Yahoo's download), else `Close`, else the first column besides the date. A
/// column named like a return (`returnNames`) holds returns; any other holds levels. The file
/// is checked as `PriceTable` checks its files (UTF-8 text, dates `YYYY-MM-DD` increasing on
/// weekdays, finite numbers), with at most `PriceTable.maximumProblems` problems collected.
package struct ReturnSeries: Sendable {
    package var dates: [CalendarDate]
    /// One return per date after the first when read from levels; one per date otherwise.
    package var returns: [Double]
    package var column: String
    package var fromLevels: Bool

    /// Column names read as returns (any other numeric column is read as levels).
    static let returnNames: Set<String> = ["return", "returns", "ret", "daily_return", "pnl_return", "r"]

    /// Parses CSV text. `columnSetting` is how messages name the column asked for (the
    /// command line: `--column`).
    package static func parse(_ text: String, file: String, column wanted: String?,
                              columnSetting: String = "column") -> Result<ReturnSeries, InputProblems> {
        var text = text
        return text.withUTF8 { parse(utf8: $0, file: file, column: wanted, columnSetting: columnSetting) }
    }

    /// Parses the bytes of a CSV file (refusing binary and non-UTF-8 content at the first bad byte).
    package static func parse(utf8 bytes: [UInt8], file: String, column wanted: String?,
                              columnSetting: String = "column") -> Result<ReturnSeries, InputProblems> {
        bytes.withUnsafeBufferPointer { parse(utf8: $0, file: file, column: wanted, columnSetting: columnSetting) }
    }

    /// The same, on bytes the caller holds (a file's `Data` through `withUnsafeBytes`: no copy).
    package static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, file: String, column wanted: String?,
                              columnSetting: String = "column") -> Result<ReturnSeries, InputProblems> {
        var problems = ProblemList(file: file, limit: PriceTable.maximumProblems)
        var header: CSVText.Record?
        var rows: DatedRows?
        var valueColumn = 0
        var isReturns = false
        var dates: [CalendarDate] = []
        var values: [Double] = []

        /// The value column from the header; false (with the problem) when there is none.
        func layout(_ h: CSVText.Record) -> Bool {
            let names = DatedRows.names(h, in: bytes)
            let lower = names.map { $0.utf8.count <= 16 ? $0.lowercased() : "" }
            func fail(_ found: String, _ allowed: String) -> Bool {
                problems.add(InputProblem(file: file, line: h.line, path: "header", found: found, allowed: allowed))
                return false
            }
            guard let dateColumn = lower.firstIndex(of: "date") else {
                return fail("columns \(MessageText.list(names, separator: ",", count: 12, noun: "columns"))", "a 'date' column")
            }
            let others = names.indices.filter { $0 != dateColumn }
            if let wanted {
                guard let c = names.firstIndex(of: wanted), c != dateColumn else {
                    let found = names.firstIndex(of: wanted) == dateColumn ? "\(columnSetting) \(MessageText.echo(wanted)), the date column"
                        : "no column \(MessageText.echo(wanted))"
                    return fail(found, "a value column: one of \(MessageText.list(others.map { names[$0] }, noun: "columns"))")
                }
                valueColumn = c
            } else {
                guard let first = others.first else {
                    return fail("only a date column", "a date column and a return or equity column")
                }
                valueColumn = lower.firstIndex(of: "adj close") ?? lower.firstIndex(of: "adj_close") ?? lower.firstIndex(of: "close") ?? first
            }
            // The column's name is printed with the metrics: it must be plain text.
            if names[valueColumn].unicodeScalars.contains(where: MessageText.needsEscape) {
                problems.add(InputProblem(file: file, line: h.line, column: valueColumn + 1, path: "header",
                                          found: "column name \(MessageText.echo(names[valueColumn]))",
                                          allowed: "a column name without control characters"))
                return false
            }
            isReturns = returnNames.contains(names[valueColumn].lowercased())
            rows = DatedRows(file: file, names: names, dateColumn: dateColumn)
            return true
        }

        let stop = CSVText.scan(bytes, file: file) { r in
            guard rows != nil else {
                header = r
                return layout(r)
            }
            guard let date = rows!.date(of: r, in: bytes, problems: &problems) else { return !problems.isFull }
            let field = r.fields[valueColumn]
            guard let x = CSVText.withValue(field, in: bytes, DecimalText.double), x.isFinite, isReturns ? x >= -1 : x > 0 else {
                problems.add(InputProblem(file: file, line: r.line, column: valueColumn + 1, path: "column \(rows!.names[valueColumn])",
                                          found: CSVText.echo(field, in: bytes),
                                          allowed: isReturns ? "a return ≥ -1 (a decimal: 0.01 = 1%)" : "a level > 0 (equity or price)"))
                return !problems.isFull
            }
            dates.append(date)
            values.append(x)
            return true
        }
        switch stop {
        case let .notText(p)?: return .failure(InputProblems([p]))
        case let .openQuote(p)?: problems.add(p)
        case nil: break
        }
        guard let header, let rows else {
            if !problems.list.isEmpty { return .failure(InputProblems(problems.list)) }
            return .failure(InputProblems([InputProblem(file: file, line: 1, path: "", found: "an empty file",
                                                        allowed: "a header (date,return or date,equity) and rows")]))
        }
        if !problems.list.isEmpty { return .failure(InputProblems(problems.list)) }
        let returns = isReturns ? values : zip(values.dropFirst(), values).map { $0 / $1 - 1 }
        if returns.count < 2 {
            return .failure(InputProblems([InputProblem(file: file, line: header.line, path: "", found: "\(returns.count) returns",
                                                        allowed: "at least 2 returns (3 rows of levels)")]))
        }
        return .success(ReturnSeries(dates: dates, returns: returns, column: rows.names[valueColumn], fromLevels: !isReturns))
    }
}
