import Testing
@testable import TradeSim

/// Selection without a full sort (OrderStatistics.select): on a shuffled 0…n−1 the value at
/// rank r is r itself, so the expectations do not come from the code under test; every size
/// path is covered (sorted small parts, median-of-three and ninther pivots, and parts past the
/// 65,536-value scratch split in place), and runs of equal values.
@Suite("Order statistics")
struct OrderStatisticsTests {
    /// 0…n−1 shuffled by a Fisher–Yates pass driven by a fixed xorshift64 stream.
    static func shuffled(_ n: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [Double] {
        var a = (0..<n).map(Double.init)
        var x = seed
        for i in stride(from: n - 1, to: 0, by: -1) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            a.swapAt(i, Int(x % UInt64(i + 1)))
        }
        return a
    }

    /// values[r] is the r-th smallest, everything before it ≤ it and everything after ≥ it.
    static func check(_ values: [Double], ranks: [Int], expected: (Int) -> Double) {
        for r in ranks {
            #expect(values[r] == expected(r), "rank \(r)")
            #expect(values[..<r].allSatisfy { $0 <= values[r] } && values[(r + 1)...].allSatisfy { $0 >= values[r] }, "rank \(r)")
        }
    }

    @Test(arguments: [1, 10, 33, 1_000, 5_000, 200_000])
    func ranksOfAShuffledRange(n: Int) {
        let ranks = Array(Set([0, n / 20, n / 4, n / 2, (3 * n) / 4, n - n / 20 - 1, n - 1])).sorted()
        var values = Self.shuffled(n)
        OrderStatistics.select(&values, ranks: ranks)
        Self.check(values, ranks: ranks) { Double($0) }
        #expect(values.sorted() == (0..<n).map(Double.init))   // a rearrangement, nothing lost
    }

    /// 70,000 values i mod 7: each of 0…6 ten thousand times, so rank r holds ⌊r / 10,000⌋.
    @Test func runsOfEqualValues() {
        var values = (0..<70_000).map { Double($0 % 7) }
        let ranks = [0, 9_999, 10_000, 34_999, 35_000, 69_999]
        OrderStatistics.select(&values, ranks: ranks)
        Self.check(values, ranks: ranks) { Double($0 / 10_000) }
    }

    /// Every value equal but one (a decision that never entered: P&L 0 on every path).
    @Test func allEqualButOne() {
        var values = [Double](repeating: 0, count: 100_000)
        values[31_337] = -5
        OrderStatistics.select(&values, ranks: [0, 1, 50_000, 99_999])
        Self.check(values, ranks: [0, 1, 50_000, 99_999]) { $0 == 0 ? -5 : 0 }
    }

    /// Selection gives the same ranks as sorting, on random data, with ties, sorted and
    /// reversed input; the elements before a selected rank are the smaller ones.
    @Test func selectionAgreesWithSorting() {
        var g = SplitMix64(seed: 11)
        var cases: [[Double]] = (0..<20).map { n in (0..<(n * 997 + 3)).map { _ in Double(g.next() % 1000) / 7 } }
        cases.append((0..<5000).map(Double.init))
        cases.append((0..<5000).map { Double(5000 - $0) })
        cases.append(Array(repeating: 3, count: 4000))
        // Longer than the selection's scratch buffer (65,536 values): the first splits are in place.
        cases.append((0..<150_000).map { _ in Double(g.next() % 1_000_000) / 3 })
        cases.append((0..<100_000).map { _ in Double(g.next() % 5) })
        for values in cases {
            let sorted = values.sorted()
            let ranks = [0, values.count / 20, values.count / 4, values.count / 2, values.count - 1, values.count * 19 / 20]
            var work = values
            OrderStatistics.select(&work, ranks: ranks)
            for r in ranks {
                #expect(work[r] == sorted[r])
                #expect(work[..<r].allSatisfy { $0 <= work[r] } && work[(r + 1)...].allSatisfy { $0 >= work[r] })
            }
            let s = PathStatistics(values)
            #expect(s.quantile(0.37) == PathStatistics.quantile(sorted: sorted, 0.37))
            let k = s.tailCount(0.95)
            #expect(abs(s.conditionalValueAtRisk(0.95)! + sorted[..<k].reduce(0, +) / Double(k)) < 1e-9)
        }
    }
}
