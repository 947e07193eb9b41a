/// The rows of a dated CSV file (prices, returns): each row's date, checked against the header
/// and the rows before it.
struct DatedRows {
    let file: String
    /// The header's names, trimmed.
    let names: [String]
    let dateColumn: Int
    /// The last date read, valid row or not, so a duplicate after a bad row is still caught.
    private var lastSeen: CalendarDate?

    init(file: String, names: [String], dateColumn: Int) {
        self.file = file
        self.names = names
        self.dateColumn = dateColumn
    }

    /// The header's names: each field's text, with spaces, tabs and a byte-order mark trimmed.
    static func names(_ header: CSVText.Record, in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        header.fields.map { CSVText.string($0, in: bytes, trimmed: false).trimmingCharacters(in: " \t\u{FEFF}") }
    }

    /// The row's date, or nil with the problem recorded: a field count unlike the header's, a
    /// date that is not `YYYY-MM-DD`, not after the previous row's, or on a weekend (not a
    /// trading day, DESIGN §3).
    mutating func date(of r: CSVText.Record, in bytes: UnsafeBufferPointer<UInt8>, problems: inout ProblemList) -> CalendarDate? {
        guard r.fields.count == names.count else {
            problems.add(InputProblem(file: file, line: r.line, path: "", found: "\(r.fields.count) fields",
                                      allowed: "\(names.count) fields, as in the header"))
            return nil
        }
        let field = r.fields[dateColumn]
        func problem(_ found: String, _ allowed: String) {
            problems.add(InputProblem(file: file, line: r.line, column: dateColumn + 1, path: "column \(names[dateColumn])",
                                      found: found, allowed: allowed))
        }
        guard let date = CSVText.withValue(field, in: bytes, CSVText.date) else {
            problem(CSVText.echo(field, in: bytes), "a date YYYY-MM-DD")
            return nil
        }
        defer { lastSeen = date }
        if let last = lastSeen, date <= last {
            problem(date == last ? "\(date) twice" : "\(date) after \(last)", "dates in strictly increasing order, each once")
            return nil
        }
        if date.isWeekend {
            problem("\(date) (a \(date.weekdayName))", "a trading day (weekends are not trading days)")
            return nil
        }
        return date
    }
}
