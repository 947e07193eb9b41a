import Testing
@testable import TradeSim

/// Reading summary.csv back (`tradesim compare` on report folders): what tradesim wrote reads
/// back cell for cell; anything else is refused at its place.
@Suite("summary.csv reader")
struct SummaryCSVTests {
    static let header = SummaryRow.columns.joined(separator: ",")

    /// A summary.csv as `SummaryTable.csv` writes it (undefined numbers as empty cells)
    /// reads back into rows with the same cells.
    @Test func readsBackWhatTradesimWrote() throws {
        let s = DistributionSummary(PathStatistics([-3, 1, 4, 1, 5, 9, 2, -6]))
        var one = DistributionSummary(PathStatistics([7]))
        one.standardError = nil
        let rows = [
            SummaryRow(scenario: "calm", decision: "b", variant: "", paths: 8, enteredFraction: 0.75, pnl: s, meanReturn: 0.01,
                       meanMaxDrawdown: 3.5, p95MaxDrawdown: 6, meanHoldingDays: 12.5),
            SummaryRow(scenario: "calm", decision: "p", variant: "v.2", paths: 8, enteredFraction: nil, pnl: one, meanReturn: nil,
                       meanMaxDrawdown: nil, p95MaxDrawdown: nil, meanHoldingDays: nil),
        ]
        let text = SummaryTable.csv(rows)
        let read = try SummaryCSV.parse(utf8: Array(text.utf8), file: "r/summary.csv").get()
        #expect(read.map(\.cells) == rows.map(\.cells))
        #expect(read[1].variant == "v.2")
        // Columns appended by a later tradesim are read past.
        let wider = text.split(separator: "\n").enumerated().map { $0.offset == 0 ? $0.element + ",extra" : $0.element + ",1" }.joined(separator: "\n")
        #expect(try SummaryCSV.parse(utf8: Array(wider.utf8), file: "f").get().map(\.cells) == rows.map(\.cells))
    }

    static func problems(_ text: String) -> [String] {
        switch SummaryCSV.parse(utf8: Array(text.utf8), file: "r/summary.csv") {
        case .success: []
        case let .failure(p): p.problems.map(\.description)
        }
    }

    static let row = "calm,b,,8,0.75,1,2,0.5,-3,-1,1,3,5,0.6,3,4,5,6,0.01,1,2,10"

    @Test func refusesWhatTradesimDidNotWrite() {
        #expect(Self.problems("date,close\n2025-01-02,3\n") == [
            "r/summary.csv:1: header: found columns date,close; allowed: the header of a summary.csv written by tradesim run: " + Self.header])
        #expect(Self.problems("") == ["r/summary.csv: found an empty file; allowed: the header of a summary.csv written by tradesim run: " + Self.header + ", then its rows"])
        #expect(Self.problems(Self.header + "\n") == ["r/summary.csv:1: found a header and no rows; allowed: a summary.csv with at least one row"])
        #expect(Self.problems(Self.header + "\ncalm,b,,8\n") == ["r/summary.csv:2: found 4 fields; allowed: 22 fields, as in the header"])
        #expect(Self.problems(Self.header + "\n" + Self.row.replacingOccurrences(of: ",0.6,", with: ",nan,") + "\n") == [
            "r/summary.csv:2:14: column prob_profit: found 'nan'; allowed: a decimal number, or an empty cell (undefined)"])
        #expect(Self.problems(Self.header + "\n" + Self.row.replacingOccurrences(of: "calm,b,,8,", with: "calm,b,,0,") + "\n") == [
            "r/summary.csv:2:4: column paths: found '0'; allowed: a whole number of paths ≥ 1"])
        #expect(Self.problems(Self.header + "\n" + Self.row + "\n" + Self.row + "\n") == [
            "r/summary.csv:3: found a second row for scenario 'calm', decision 'b', variant ''; allowed: one row per scenario, decision and variant"])
        #expect(Self.problems(Self.header + "\n" + Self.row.replacingOccurrences(of: "calm,b,", with: ",b,") + "\n") == [
            "r/summary.csv:2:1: column scenario: found an empty cell; allowed: a name"])
    }
}
