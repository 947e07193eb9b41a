import Dispatch
import Synchronization

/// Runs independent pieces of work on several threads and returns their results in index
/// order, so the outcome never depends on the thread count or on scheduling.
package enum Parallel {
    /// `body(i)` for i in 0..<count on up to `threads` threads; results in index order.
    /// Work is handed out one index at a time from a shared counter (good balance when
    /// pieces differ in cost); each result slot is written by exactly one thread.
    package static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, min(threads, count))
        if workers == 1 { return (0..<count).map(body) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }  // after every slot was moved out below
        let next = Atomic<Int>(0)
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= count { break }
                slots[i] = body(i)
            }
        }
        // Move (not copy) the results out, so the buffer holds nothing when it is freed: a copy
        // left every result retained by freed memory, and `tradesim paths` on two threads
        // kept every batch of rows it had written (1.8 GB at 5,000 paths of the first card).
        return (0..<count).map { (results.baseAddress! + $0).move()! }
    }

    /// The machine's processor count (the default for `--threads`).
    package static var processorCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

import Foundation
