/// Reads a `summary.csv` that `tradesim run` (or `backtest`, `merge`) wrote back into its rows,
/// for `tradesim compare` on two report folders.
///
/// Accepted: UTF-8 CSV whose header begins with `SummaryRow.columns` in order (columns a later
/// tradesim appends after them are read past), then at least one row with as many fields as the
/// header: `scenario` and `decision` not empty, `paths` a whole number ≥ 1, every other number
/// a finite decimal or an empty cell (undefined), no (scenario, decision, variant) twice.
/// Refused with the place (file:line:column) and what is allowed; at most
/// `PriceTable.maximumProblems` problems are collected.
package enum SummaryCSV {
    /// The allowed header, as messages state it.
    static let allowedHeader = "the header of a summary.csv written by tradesim run: " + SummaryRow.columns.joined(separator: ",")

    package static func parse(utf8 bytes: [UInt8], file: String) -> Result<[SummaryRow], InputProblems> {
        bytes.withUnsafeBufferPointer { parse(utf8: $0, file: file) }
    }

    package static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, file: String) -> Result<[SummaryRow], InputProblems> {
        var problems = ProblemList(file: file, limit: PriceTable.maximumProblems)
        var header: [String]?
        var headerLine = 1
        var rows: [SummaryRow] = []
        var seen: Set<[String]> = []
        let stop = CSVText.scan(bytes, file: file) { record in
            guard let names = header else {
                let found = DatedRows.names(record, in: bytes)
                headerLine = record.line
                guard found.count >= SummaryRow.columns.count, Array(found.prefix(SummaryRow.columns.count)) == SummaryRow.columns else {
                    problems.add(InputProblem(file: file, line: record.line, path: "header",
                                              found: "columns \(MessageText.list(found, separator: ",", count: 12, noun: "columns"))",
                                              allowed: allowedHeader))
                    return false
                }
                header = found
                return true
            }
            if let row = row(record, names: names, in: bytes, file: file, problems: &problems) {
                let key = [row.scenario, row.decision, row.variant]
                if seen.contains(key) {
                    problems.add(InputProblem(file: file, line: record.line, path: "",
                                              found: "a second row for scenario \(MessageText.echo(row.scenario)), decision \(MessageText.echo(row.decision)), variant \(MessageText.echo(row.variant))",
                                              allowed: "one row per scenario, decision and variant"))
                } else {
                    seen.insert(key)
                    rows.append(row)
                }
            }
            return !problems.isFull
        }
        switch stop {
        case let .notText(p)?, let .openQuote(p)?: problems.add(p)
        case nil: break
        }
        if problems.list.isEmpty && header == nil {
            problems.add(InputProblem(file: file, path: "", found: "an empty file", allowed: allowedHeader + ", then its rows"))
        } else if problems.list.isEmpty && rows.isEmpty {
            problems.add(InputProblem(file: file, line: headerLine, path: "", found: "a header and no rows",
                                      allowed: "a summary.csv with at least one row"))
        }
        return problems.list.isEmpty ? .success(rows) : .failure(InputProblems(problems.list))
    }

    /// One row, or nil with its problems recorded.
    static func row(_ r: CSVText.Record, names: [String], in bytes: UnsafeBufferPointer<UInt8>, file: String,
                    problems: inout ProblemList) -> SummaryRow? {
        guard r.fields.count == names.count else {
            problems.add(InputProblem(file: file, line: r.line, path: "", found: "\(r.fields.count) fields",
                                      allowed: "\(names.count) fields, as in the header"))
            return nil
        }
        var ok = true
        func problem(_ c: Int, _ allowed: String) {
            problems.add(InputProblem(file: file, line: r.line, column: c + 1, path: "column \(names[c])",
                                      found: CSVText.echo(r.fields[c], in: bytes), allowed: allowed))
            ok = false
        }
        func text(_ c: Int, nonEmpty: Bool) -> String {
            let s = CSVText.string(r.fields[c], in: bytes)
            if nonEmpty && s.isEmpty { problem(c, "a name") }
            return s
        }
        func number(_ c: Int) -> Double? {
            let s = CSVText.string(r.fields[c], in: bytes)
            if s.isEmpty { return nil }
            guard let x = Double(s), x.isFinite, s.utf8.allSatisfy({ "0123456789+-.eE".utf8.contains($0) }) else {
                problem(c, "a decimal number, or an empty cell (undefined)")
                return nil
            }
            return x
        }
        let scenario = text(0, nonEmpty: true), decision = text(1, nonEmpty: true), variant = text(2, nonEmpty: false)
        let pathsText = CSVText.string(r.fields[3], in: bytes)
        let paths = Int(pathsText) ?? 0
        if paths < 1 { problem(3, "a whole number of paths ≥ 1") }
        let x = (4..<SummaryRow.columns.count).map(number)
        guard ok else { return nil }
        let pnl = DistributionSummary(mean: x[1], standardDeviation: x[2], standardError: x[3], quantiles: Array(x[4...8]),
                                      probabilityPositive: x[9], var95: x[10], cvar95: x[11], var99: x[12], cvar99: x[13])
        return SummaryRow(scenario: scenario, decision: decision, variant: variant, paths: paths, enteredFraction: x[0], pnl: pnl,
                          meanReturn: x[14], meanMaxDrawdown: x[15], p95MaxDrawdown: x[16], meanHoldingDays: x[17])
    }
}

extension DistributionSummary {
    /// The numbers as read back from `summary.csv`.
    init(mean: Double?, standardDeviation: Double?, standardError: Double?, quantiles: [Double?], probabilityPositive: Double?,
         var95: Double?, cvar95: Double?, var99: Double?, cvar99: Double?) {
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.standardError = standardError
        self.quantiles = quantiles
        self.probabilityPositive = probabilityPositive
        self.var95 = var95
        self.cvar95 = cvar95
        self.var99 = var99
        self.cvar99 = cvar99
    }
}
