import Testing
@testable import TradeSim

/// A file with both `Close` and `Adj Close` keeps both: the adjusted as the series' closes, the
/// raw as `rawCloses`; a bad raw cell is refused like a bad adjusted one (at its field number).
@Suite("Price files with raw and adjusted closes")
struct PriceTableRawCloseTests {
    @Test func keepsBothColumns() throws {
        let text = """
            Date,Open,High,Low,Close,Adj Close,Volume
            2023-05-30,448.08,449.05,444.24,447.970001,435.693817,1163300
            2023-05-31,444.62,445.93,443.00,444.010010,434.753845,1673500
            """
        let s = try PriceTable.parse(text, file: "LMT.csv", ticker: "LMT").get().series[0]
        #expect(s.closes == [435.693817, 434.753845])
        #expect(s.rawCloses == [447.970001, 444.010010])
    }

    @Test func closeOnlyHasNoRawCloses() throws {
        let s = try PriceTable.parse("Date,Close\n2023-05-30,447.97\n", file: "LMT.csv", ticker: "LMT").get().series[0]
        #expect(s.closes == [447.97] && s.rawCloses == nil && s.cashDividends == nil)
    }

    @Test func badRawCloseIsRefused() {
        let text = "Date,Close,Adj Close\n2023-05-30,447.97,435.69\n2023-05-31,-1,434.75\n2023-06-01,x,434.75\n"
        switch PriceTable.parse(text, file: "LMT.csv", ticker: "LMT") {
        case .success: Issue.record("expected problems")
        case let .failure(p):
            #expect(p.problems.map(\.description) == [
                "LMT.csv:3:2: column Close: found '-1'; allowed: a price > 0 (finite decimal number)",
                "LMT.csv:4:2: column Close: found 'x'; allowed: a price > 0 (finite decimal number)",
            ])
        }
    }
}
