import Synchronization
import Testing
@testable import TradeSim

@Suite("Parallel map", .serialized)
struct ParallelTests {
    /// Counts live instances, to see that results are released.
    final class Tracked: Sendable {
        static let live = Atomic<Int>(0)
        let index: Int
        init(_ index: Int) {
            self.index = index
            Self.live.add(1, ordering: .relaxed)
        }
        deinit { Self.live.subtract(1, ordering: .relaxed) }
    }

    /// Results come back in index order whatever the thread count, and nothing is kept once the
    /// caller drops them (the results used to stay retained by the freed work buffer: every
    /// batch of `tradesim paths` on two threads stayed in memory).
    @Test(arguments: [1, 2, 5])
    func resultsInOrderAndReleased(threads: Int) {
        let before = Tracked.live.load(ordering: .relaxed)
        do {
            let results = Parallel.map(count: 1000, threads: threads) { Tracked($0) }
            #expect(results.map(\.index) == Array(0..<1000))
            #expect(Tracked.live.load(ordering: .relaxed) - before == 1000)
        }
        #expect(Tracked.live.load(ordering: .relaxed) == before)
    }
}
