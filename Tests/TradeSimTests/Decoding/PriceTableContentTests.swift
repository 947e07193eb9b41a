import Foundation
import Testing
@testable import TradeSim

/// Price files that are wrong in the ways issues 15 and 21 list: every message names the file,
/// the line:column, what was found (escaped, cut) and what is allowed.
@Suite("Price files: hostile content")
struct PriceTableContentTests {
    static func problems(_ text: String, file: String = "MP.csv", ticker: String? = "MP") -> [String] {
        problems(bytes: Array(text.utf8), file: file, ticker: ticker)
    }

    static func problems(bytes: [UInt8], file: String = "MP.csv", ticker: String? = "MP") -> [String] {
        switch PriceTable.parse(utf8: bytes, file: file, ticker: ticker) {
        case .success: return []
        case let .failure(p): return p.problems.map(\.description)
        }
    }

    static let allowedPrice = "allowed: a price > 0 (finite decimal number)"

    // MARK: - Issue 21: cells are echoed escaped and cut

    @Test func quotedFieldWithAnEmbeddedNewline() {
        // The quoted cell spans lines 3–4; the next row is line 5.
        #expect(Self.problems("Date,Close\n2025-04-01,21.5\n2025-04-02,\"22\n5\"\n2025-04-03,x\n") == [
            #"MP.csv:3:2: column Close: found '22\n5'; "# + Self.allowedPrice,
            "MP.csv:5:2: column Close: found 'x'; " + Self.allowedPrice,
        ])
    }

    @Test func terminalEscapesAndLongCells() {
        #expect(Self.problems("Date,Close\n2025-04-01,\u{1B}[31mRED\u{1B}[0m\n") ==
                [#"MP.csv:2:2: column Close: found '\u{1B}[31mRED\u{1B}[0m'; "# + Self.allowedPrice])
        let long = String(repeating: "7", count: 9_999) + "x"
        #expect(Self.problems("Date,Close\n2025-04-01,\(long)\n") ==
                ["MP.csv:2:2: column Close: found '" + String(repeating: "7", count: 80) + "…' (10000 characters); " + Self.allowedPrice])
        // A date cell and a header name are echoed the same way.
        #expect(Self.problems("Date,Close\n2025-04-01\t,1\n") == [#"MP.csv:2:1: column Date: found '2025-04-01\t'; allowed: a date YYYY-MM-DD"#])
        #expect(Self.problems("Date,\"L\nMT\"\n2025-04-01,1\n", file: "w.csv", ticker: nil) ==
                [#"w.csv:1:2: header: found column name 'L\nMT'; allowed: a ticker (letters, digits, '.', '-', '^', '=')"#])
    }

    // MARK: - Binary and non-UTF-8 content

    @Test func aNULByteIsRefusedAtItsPlace() {
        // Line 3, character 13: "2025-04-02,2" is 12 characters. Earlier problems are not
        // reported: a file with NUL bytes is not text.
        #expect(Self.problems("Date,Close\n2025-04-01,bad\n2025-04-02,2\u{0}2\n") ==
                [#"MP.csv:3:13: found a NUL byte (\0): binary data, not text; allowed: a CSV text file in UTF-8 (no NUL bytes)"#])
        // A sparse (all-NUL) file: refused at its first byte, whatever its size (64 MiB here).
        let sparse = [UInt8](repeating: 0, count: 64 << 20)
        #expect(Self.problems(bytes: sparse) ==
                [#"MP.csv:1:1: found a NUL byte (\0): binary data, not text; allowed: a CSV text file in UTF-8 (no NUL bytes)"#])
        #expect(ReturnSeries.parse(utf8: sparse, file: "r.csv", column: nil).failureLines ==
                [#"r.csv:1:1: found a NUL byte (\0): binary data, not text; allowed: a CSV text file in UTF-8 (no NUL bytes)"#])
    }

    @Test func bytesThatAreNotUTF8AreRefusedAtTheFirst() {
        // Latin-1 "é" (0xE9) after a UTF-8 "é": column 13 counts characters, not bytes.
        let bytes = Array("Date,Close\n2025-04-01,1\n2025-04-02,é".utf8) + [0xE9, 0x0A]
        #expect(Self.problems(bytes: bytes) ==
                [#"MP.csv:3:13: found the byte \xE9, which is not UTF-8 text; allowed: a CSV text file in UTF-8 (no NUL bytes)"#])
        // Inside a quoted field too; an overlong encoding of "/" is not UTF-8 either.
        let quoted = Array("Date,Close\n\"2025-04-01".utf8) + [0xC0, 0xAF] + Array("\",1\n".utf8)
        #expect(Self.problems(bytes: quoted) ==
                [#"MP.csv:2:12: found the byte \xC0, which is not UTF-8 text; allowed: a CSV text file in UTF-8 (no NUL bytes)"#])
    }

    // MARK: - Issue 15: price-file errors name the file

    @Test func aRenamedCloseColumnIsNamedWithItsFile() {
        let allowed = "allowed: a 'Close' or 'Adj Close' column (one ticker per file, named after it), or one column per ticker named by its ticker (Date,MP,LMT,…)"
        #expect(Self.problems("Date,Price\n2025-04-01,21.5\n") == ["MP.csv:1:2: header: found column name 'Price', a price field's name, not a ticker; " + allowed])
        // Nasdaq's download names its close "Close/Last".
        #expect(Self.problems("Date,Close/Last,Volume\n2025-04-01,$21.50,100\n") == [
            "MP.csv:1:2: header: found column name 'Close/Last', a price field's name, not a ticker; " + allowed,
            "MP.csv:1:3: header: found column name 'Volume', a price field's name, not a ticker; " + allowed,
        ])
        // Tickers that spell a field's name in capitals are tickers.
        let t = try? PriceTable.parse("Date,LOW,OPEN\n2025-04-01,200,5\n", file: "w.csv", ticker: nil).get()
        #expect(t?.tickers == ["LOW", "OPEN"])
    }

    @Test func aWeekendDateIsRefusedWhereItIs() {
        #expect(Self.problems("Date,Close\n2025-04-04,21.5\n2025-04-05,22\n2025-04-07,23\n") ==
                ["MP.csv:3:1: column Date: found 2025-04-05 (a Saturday); allowed: a trading day (weekends are not trading days)"])
    }

    @Test func aTenThousandColumnHeader() throws {
        let tickers = (0..<10_000).map { "T\($0)" }
        // Valid: ten thousand tickers, one row.
        let wide = "Date," + tickers.joined(separator: ",") + "\n2025-04-01," + Array(repeating: "1.5", count: 10_000).joined(separator: ",") + "\n"
        let t = try PriceTable.parse(wide, file: "w.csv", ticker: nil).get()
        #expect(t.tickers.count == 10_000 && t.closes[9_999] == [1.5])
        // Without a Date column the message lists 12 names and the count.
        #expect(Self.problems(tickers.joined(separator: ",") + "\n", file: "w.csv", ticker: nil) ==
                ["w.csv:1: header: found columns T0,T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,… (10000 columns); allowed: a 'Date' column, with 'Adj Close' or 'Close', or one column per ticker"])
        // Ten thousand bad names: the first 100 problems, then where reading stopped.
        let bad = Self.problems("Date," + tickers.map { $0 + " x" }.joined(separator: ",") + "\n", file: "w.csv", ticker: nil)
        #expect(bad.count == PriceTable.maximumProblems + 1)
        #expect(bad[99] == "w.csv:1:101: header: found column name 'T99 x'; allowed: a ticker (letters, digits, '.', '-', '^', '=')")
        #expect(bad[100] == "w.csv:1: found more than 100 problems; reading stopped here; allowed: a file with fewer problems (fix the ones above and run again)")
    }

    @Test func aSingleSeriesNeedsATickerForAName() {
        #expect(Self.problems("Date,Close\n2025-04-01,1\n", file: "my prices.csv", ticker: "my prices") ==
                ["my prices.csv:1: header: found one series whose ticker would be the file's name 'my prices'; allowed: a file named after its ticker (MP.csv: letters, digits, '.', '-', '^', '=', '_'; at most 20) or a wide file Date,TICKER,…"])
    }

    // MARK: - What stays accepted

    @Test func crlfQuotesAndByteOrderMark() throws {
        let text = "\u{FEFF}Date,Close\r\n2025-04-01,\"21.5\"\r\n\r\n2025-04-02, 22 \r\n"
        let t = try PriceTable.parse(utf8: Array(text.utf8), file: "MP.csv", ticker: "MP").get()
        #expect(t.closes == [[21.5, 22]] && t.lines == [2, 4])
    }

    /// Every close of the committed real data, and numbers of every shape, read as
    /// `Double(String)` reads them.
    @Test func numbersReadAsDoubleReadsThem() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("scenarios/data/prices-2025")
        var cells: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            cells += text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
        }
        #expect(cells.count > 3_000)
        cells += ["0", "-0", "+5", "007.50", ".5", "5.", "1e3", "1E-3", "2.5e+2", "9007199254740993", "9007199254740992.5",
                  "0.1234567890123456789012", "123456789012345678901234", "1e400", "4.9e-324", "1e", "e5", "--1", "1.2.3",
                  "+", "-", ".", "", "1-2", "17.540000915527344", "0.30000000000000004"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let digits = (0..<Int.random(in: 1...19, using: &generator)).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let dot = Int.random(in: 0...digits.count, using: &generator)
            cells.append(String(digits.prefix(dot)) + "." + String(digits.dropFirst(dot)))
        }
        for cell in cells {
            let read = Array(cell.utf8).withUnsafeBufferPointer { DecimalText.double($0) }
            let expected = Double(cell)
            #expect(read?.bitPattern == expected?.bitPattern, "\(cell): \(String(describing: read)) vs \(String(describing: expected))")
        }
    }
}

extension Result where Success == ReturnSeries, Failure == InputProblems {
    /// The rendered problems of a failed read ([] for a success).
    var failureLines: [String] {
        if case let .failure(p) = self { return p.problems.map(\.description) }
        return []
    }
}
