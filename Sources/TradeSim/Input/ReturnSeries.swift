/// A dated series read for `tradesim metrics`: returns, or levels (equity, prices) turned into
/// simple returns r_t = L_t / L_{t−1} − 1.
public struct ReturnSeries: Sendable {
    public var dates: [CalendarDate]
    /// One return per date after the first when read from levels; one per date otherwise.
    public var returns: [Double]
    public var column: String
    public var fromLevels: Bool

    /// Column names read as returns (any other numeric column is read as levels).
    public static let returnNames: Set<String> = ["return", "returns", "ret", "daily_return", "pnl_return", "r"]

    public static func parse(_ text: String, file: String, column wanted: String?) -> Result<ReturnSeries, InputProblems> {
        let (records, openQuote) = CSVText.records(text, file: file)
        if let openQuote { return .failure(InputProblems([openQuote])) }
        guard let header = records.first else {
            return .failure(InputProblems([InputProblem(file: file, line: 1, path: "", found: "an empty file",
                                                        allowed: "a header (date,return or date,equity) and rows")]))
        }
        let names = header.fields.map { $0.trimmingCharacters(in: " \t\u{FEFF}") }
        guard let dateColumn = names.firstIndex(where: { $0.lowercased() == "date" }) else {
            return .failure(InputProblems([InputProblem(file: file, line: header.line, path: "header",
                                                        found: "columns \(names.joined(separator: ","))", allowed: "a 'date' column")]))
        }
        let valueColumn: Int
        if let wanted {
            guard let c = names.firstIndex(of: wanted), c != dateColumn else {
                let found = names.firstIndex(of: wanted) == dateColumn ? "--column '\(wanted)', the date column" : "no column '\(wanted)'"
                return .failure(InputProblems([InputProblem(file: file, line: header.line, path: "header", found: found,
                                                            allowed: "a value column: one of \(names.filter { $0.lowercased() != "date" }.joined(separator: ", "))")]))
            }
            valueColumn = c
        } else {
            guard let c = names.indices.first(where: { $0 != dateColumn }) else {
                return .failure(InputProblems([InputProblem(file: file, line: header.line, path: "header", found: "only a date column",
                                                            allowed: "a date column and a return or equity column")]))
            }
            valueColumn = c
        }
        let isReturns = returnNames.contains(names[valueColumn].lowercased())
        var problems: [InputProblem] = []
        var dates: [CalendarDate] = []
        // The last date read, valid row or not, so a duplicate after a bad row is still caught.
        var lastSeen: CalendarDate?
        var values: [Double] = []
        for r in records.dropFirst() {
            guard r.fields.count == names.count else {
                problems.append(InputProblem(file: file, line: r.line, path: "", found: "\(r.fields.count) fields", allowed: "\(names.count) fields, as in the header"))
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
            let cell = r.fields[valueColumn].trimmingCharacters(in: " ")
            let allowed = isReturns ? "a return ≥ -1 (a decimal: 0.01 = 1%)" : "a level > 0 (equity or price)"
            guard cell.allSatisfy({ "0123456789.eE+-".contains($0) }), let x = Double(cell), x.isFinite,
                  isReturns ? x >= -1 : x > 0 else {
                problems.append(InputProblem(file: file, line: r.line, column: valueColumn + 1, path: "column \(names[valueColumn])",
                                             found: cell.isEmpty ? "an empty cell" : "'\(cell)'", allowed: allowed))
                continue
            }
            dates.append(date)
            values.append(x)
        }
        if !problems.isEmpty { return .failure(InputProblems(problems)) }
        let returns = isReturns ? values : zip(values.dropFirst(), values).map { $0 / $1 - 1 }
        if returns.count < 2 {
            return .failure(InputProblems([InputProblem(file: file, line: header.line, path: "", found: "\(returns.count) returns",
                                                        allowed: "at least 2 returns (3 rows of levels)")]))
        }
        return .success(ReturnSeries(dates: dates, returns: returns, column: names[valueColumn], fromLevels: !isReturns))
    }
}
