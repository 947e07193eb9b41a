/// Daily closes read from CSV: one or more tickers over strictly increasing dates.
///
/// Accepted layouts (header names are matched case-insensitively, columns in any order):
/// - Yahoo's download, `Date,Open,High,Low,Close,Adj Close,Volume`: the `Adj Close` column
///   is used (dividend- and split-adjusted);
/// - `Date,Close` (any other columns ignored; `Adj Close` wins when both are present);
/// - wide, `Date,TICKER1,TICKER2,…` (a header with neither `Close` nor `Adj Close`).
/// A per-ticker file takes its ticker from its file name (`MP.csv` → MP), and may carry an `IV`
/// (or `implied_vol`) column of annual implied vols that then marks its options (empty cells
/// fall back to the model).
public struct PriceTable: Sendable {
    public var file: String
    public var tickers: [String]
    public var dates: [CalendarDate]
    /// closes[t][d]: ticker t on dates[d].
    public var closes: [[Double]]
    /// A single-series file's `IV` column (annual implied vol; nil for empty cells), if present.
    public var impliedVol: [Double?]?
    /// 1-based file line of each date row (for messages).
    public var lines: [Int]

    public init(file: String, tickers: [String], dates: [CalendarDate], closes: [[Double]], impliedVol: [Double?]? = nil, lines: [Int]) {
        self.file = file
        self.impliedVol = impliedVol
        self.tickers = tickers
        self.dates = dates
        self.closes = closes
        self.lines = lines
    }

    /// Parses CSV text. `ticker` names the series of a single-ticker layout (from the file
    /// name); a wide file names its own. Every problem is collected.
    public static func parse(_ text: String, file: String, ticker: String?) -> Result<PriceTable, InputProblems> {
        let (records, openQuote) = CSVText.records(text, file: file)
        var problems: [InputProblem] = openQuote.map { [$0] } ?? []
        guard let header = records.first else {
            return .failure(InputProblems(problems + [InputProblem(file: file, line: 1, path: "", found: "an empty file",
                                                                   allowed: "a header line and daily rows")]))
        }
        let names = header.fields.map { $0.trimmingCharacters(in: " \t\u{FEFF}") }
        let lower = names.map { $0.lowercased() }
        guard let dateColumn = lower.firstIndex(of: "date") else {
            return .failure(InputProblems(problems + [InputProblem(
                file: file, line: header.line, path: "header", found: "columns \(names.joined(separator: ","))",
                allowed: "a 'Date' column, with 'Adj Close' or 'Close', or one column per ticker")]))
        }
        // Which columns hold prices, and under which ticker.
        var valueColumns: [(column: Int, ticker: String)]
        let ivColumn = lower.firstIndex(of: "iv") ?? lower.firstIndex(of: "implied_vol")
        if let adj = lower.firstIndex(of: "adj close") ?? lower.firstIndex(of: "adj_close") ?? lower.firstIndex(of: "close") {
            guard let ticker else {
                return .failure(InputProblems(problems + [InputProblem(
                    file: file, line: header.line, path: "header", found: "a single-series layout with no ticker",
                    allowed: "a file named after its ticker (MP.csv) or a wide file Date,TICKER,…")]))
            }
            valueColumns = [(adj, ticker)]
        } else {
            valueColumns = names.indices.filter { $0 != dateColumn && $0 != ivColumn }.map { ($0, names[$0]) }
            for (c, t) in valueColumns where t.isEmpty || !isTicker(t) {
                problems.append(InputProblem(file: file, line: header.line, column: c + 1, path: "header",
                                             found: "column name '\(t)'", allowed: "a ticker (letters, digits, '.', '-', '^', '=')"))
            }
            if valueColumns.isEmpty {
                problems.append(InputProblem(file: file, line: header.line, path: "header", found: "only a Date column",
                                             allowed: "'Adj Close', 'Close' or one column per ticker"))
            }
            var seen: Set<String> = []
            for (c, t) in valueColumns where !t.isEmpty {
                if seen.contains(t) {
                    problems.append(InputProblem(file: file, line: header.line, column: c + 1, path: "header",
                                                 found: "ticker '\(t)' in a second column", allowed: "one column per ticker"))
                }
                seen.insert(t)
            }
            if let iv = ivColumn, valueColumns.count > 1 {
                problems.append(InputProblem(file: file, line: header.line, column: iv + 1, path: "header",
                                             found: "an '\(names[iv])' column in a file of \(valueColumns.count) tickers",
                                             allowed: "an IV column only in a one-ticker file (whose column it is would be unclear)"))
            }
        }
        var dates: [CalendarDate] = []
        // The last date read, valid row or not, so a duplicate after a bad row is still caught.
        var lastSeen: CalendarDate?
        var lines: [Int] = []
        var closes = [[Double]](repeating: [], count: valueColumns.count)
        var ivs: [Double?] = []
        for r in records.dropFirst() {
            if r.fields.count != names.count {
                problems.append(InputProblem(file: file, line: r.line, path: "", found: "\(r.fields.count) fields",
                                             allowed: "\(names.count) fields, as in the header"))
                continue
            }
            let dateText = r.fields[dateColumn].trimmingCharacters(in: " ")
            guard let date = CalendarDate(iso: dateText) else {
                problems.append(InputProblem(file: file, line: r.line, column: dateColumn + 1, path: "column \(names[dateColumn])",
                                             found: "'\(dateText)'", allowed: "a date YYYY-MM-DD"))
                continue
            }
            defer { lastSeen = date }
            if let last = lastSeen, date <= last {
                problems.append(InputProblem(file: file, line: r.line, column: dateColumn + 1, path: "column \(names[dateColumn])",
                                             found: date == last ? "\(date) twice" : "\(date) after \(last)",
                                             allowed: "dates in strictly increasing order, each once"))
                continue
            }
            var row: [Double] = []
            var ok = true
            for (c, _) in valueColumns {
                let cell = r.fields[c].trimmingCharacters(in: " ")
                guard let x = Double(cell), x.isFinite, x > 0, cell.allSatisfy({ "0123456789.eE+-".contains($0) }) else {
                    problems.append(InputProblem(file: file, line: r.line, column: c + 1, path: "column \(names[c])",
                                                 found: cell.isEmpty ? "an empty cell" : "'\(cell)'",
                                                 allowed: "a price > 0 (finite decimal number)"))
                    ok = false
                    continue
                }
                row.append(x)
            }
            var iv: Double?
            if let c = ivColumn {
                let cell = r.fields[c].trimmingCharacters(in: " ")
                if !cell.isEmpty {
                    if cell.allSatisfy({ "0123456789.eE+-".contains($0) }), let x = Double(cell), x.isFinite, x > 0, x <= 10 {
                        iv = x
                    } else {
                        problems.append(InputProblem(file: file, line: r.line, column: c + 1, path: "column \(names[c])",
                                                     found: "'\(cell)'", allowed: "an implied vol > 0 and ≤ 10 (annual, 0.45 = 45%), or an empty cell"))
                        ok = false
                    }
                }
            }
            guard ok else { continue }
            ivs.append(iv)
            dates.append(date)
            lines.append(r.line)
            for k in row.indices { closes[k].append(row[k]) }
        }
        if problems.isEmpty && dates.isEmpty {
            problems.append(InputProblem(file: file, line: header.line, path: "", found: "a header and no rows",
                                         allowed: "at least one daily row"))
        }
        if !problems.isEmpty { return .failure(InputProblems(problems)) }
        return .success(PriceTable(file: file, tickers: valueColumns.map(\.ticker), dates: dates, closes: closes,
                                   impliedVol: ivColumn != nil && valueColumns.count == 1 ? ivs : nil, lines: lines))
    }

    static func isTicker(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 20 && s.allSatisfy { $0.isLetter || $0.isNumber || ".-^=_".contains($0) }
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
