import Testing
@testable import TradeSim

/// A sweep's cells: the cartesian product, the first varied path changing slowest, cell 0 at
/// every path's first value.
@Suite("Sweep grid")
struct SweepGridTests {
    @Test func cellsInOrder() throws {
        let grid = SweepGrid([try StudyEdit.parseList("a=null,0.1,0.2").get(), try StudyEdit.parseList(#"b.c="x","y""#).get()])
        #expect(grid.cellCount == 6)
        #expect(grid.paths == ["a", "b.c"])
        #expect((0..<6).map(grid.values) == [["null", #""x""#], ["null", #""y""#], ["0.1", #""x""#], ["0.1", #""y""#],
                                              ["0.2", #""x""#], ["0.2", #""y""#]])
        #expect(grid.edits(5).map(\.description) == ["a=0.2", #"b.c="y""#])
    }

    /// A product past Int.max saturates (the command refuses it by count, never overflows).
    @Test func hugeProductSaturates() throws {
        let many = try StudyEdit.parseList("a=" + (0..<1000).map(String.init).joined(separator: ",")).get()
        let grid = SweepGrid(Array(repeating: many, count: 7))
        #expect(grid.cellCount == Int.max)
    }
}
