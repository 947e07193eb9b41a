import Testing
@testable import TradeSim

/// The series `tradesim metrics` reads: which column, and the same checks and echo as price files.
@Suite("Return and equity series files")
struct ReturnSeriesTests {
    static func problems(_ text: String, column: String? = nil) -> [String] {
        ReturnSeries.parse(utf8: Array(text.utf8), file: "r.csv", column: column).failureLines
    }

    /// A Yahoo download: Adj Close (dividend-adjusted) is read, as `backtest` reads it, not the
    /// first column (Open) and not Close.
    static let yahoo = """
        Date,Open,High,Low,Close,Adj Close,Volume
        2025-04-01,21.0,22.0,20.5,21.5,20.0,100
        2025-04-02,21.5,22.5,21.0,22.0,21.0,120
        2025-04-03,22.0,23.5,21.8,23.0,23.1,90

        """

    @Test func yahooFilesAreReadFromAdjClose() throws {
        let s = try ReturnSeries.parse(Self.yahoo, file: "MP.csv", column: nil).get()
        #expect(s.column == "Adj Close" && s.fromLevels)
        #expect(s.returns == [21.0 / 20.0 - 1, 23.1 / 21.0 - 1])
        // Close when there is no Adj Close; --column still chooses.
        let close = try ReturnSeries.parse("Date,Open,Close\n2025-04-01,1,10\n2025-04-02,1,11\n2025-04-03,1,12.1\n", file: "c.csv", column: nil).get()
        #expect(close.column == "Close" && close.returns == [11.0 / 10 - 1, 12.1 / 11 - 1])
        let open = try ReturnSeries.parse(Self.yahoo, file: "MP.csv", column: "Open").get()
        #expect(open.column == "Open" && open.returns == [21.5 / 21 - 1, 22 / 21.5 - 1])
        // A file of returns keeps its first value column.
        let returns = try ReturnSeries.parse("date,return,equity\n2025-04-01,0.01,101\n2025-04-02,0.02,103.02\n", file: "r.csv", column: nil).get()
        #expect(returns.column == "return" && returns.returns == [0.01, 0.02])
    }

    @Test func badCellsAreEchoedEscaped() {
        let allowed = "allowed: a return ≥ -1 (a decimal: 0.01 = 1%)"
        #expect(Self.problems("date,return\n2025-04-01,0.01\n2025-04-02,\"0.0\n2\"\n2025-04-03,\u{1B}]0;x\u{07}\n") == [
            #"r.csv:3:2: column return: found '0.0\n2'; "# + allowed,
            #"r.csv:5:2: column return: found '\u{1B}]0;x\u{7}'; "# + allowed,
        ])
        #expect(Self.problems("date,return\n2025-04-01,0.01\n2025-04-02,0.0\u{0}1\n") ==
                [#"r.csv:3:15: found a NUL byte (\0): binary data, not text; allowed: a CSV text file in UTF-8 (no NUL bytes)"#])
        #expect(Self.problems("date,return\n2025-04-01," + String(repeating: "1", count: 10_000) + "\n") ==
                ["r.csv:2:2: column return: found '" + String(repeating: "1", count: 80) + "…' (10000 characters); " + allowed])
        // --column comes from the command line: echoed the same way.
        #expect(Self.problems("date,return\n2025-04-01,0.01\n", column: "ret\u{1B}[2J") ==
                [#"r.csv:1: header: found no column 'ret\u{1B}[2J'; allowed: a value column: one of return"#])
    }

    @Test func weekendsAndControlCharactersInTheColumnName() {
        #expect(Self.problems("date,equity\n2025-04-04,100\n2025-04-06,101\n2025-04-07,102\n") ==
                ["r.csv:3:1: column date: found 2025-04-06 (a Sunday); allowed: a trading day (weekends are not trading days)"])
        // The column's name is printed above the metrics: it must be plain text.
        #expect(Self.problems("date,\"equ\nity\"\n2025-04-01,100\n") ==
                [#"r.csv:1:2: header: found column name 'equ\nity'; allowed: a column name without control characters"#])
    }

    /// Asking for the date column as the value column: the message names the setting as the
    /// caller does (a field name by default; the command line passes its flag).
    @Test func theDateColumnAskedForIsNamedAsTheCallerNamesIt() {
        let text = "date,equity\n2025-04-01,100\n2025-04-02,101\n"
        let allowed = "allowed: a value column: one of equity"
        guard case let .failure(p) = ReturnSeries.parse(text, file: "r.csv", column: "date") else { Issue.record("accepted"); return }
        #expect(p.problems.map(\.description) == ["r.csv:1: header: found column 'date', the date column; " + allowed])
        guard case let .failure(q) = ReturnSeries.parse(text, file: "r.csv", column: "date", columnSetting: "--column") else {
            Issue.record("accepted"); return
        }
        #expect(q.problems.map(\.description) == ["r.csv:1: header: found --column 'date', the date column; " + allowed])
    }
}
