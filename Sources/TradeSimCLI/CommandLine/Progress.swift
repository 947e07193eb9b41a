import Foundation
import Synchronization
import TradeSim

/// A progress bar on stderr (only when it is a terminal): paths done, paths per second, ETA.
/// Updated from worker threads; redrawn at most ten times a second.
final class Progress: Sendable {
    let total: Int
    let enabled: Bool
    private let done = Atomic<Int>(0)
    private let lastDraw = Mutex<Double>(0)
    private let start = Date()

    init(total: Int, enabled: Bool) {
        self.total = max(1, total)
        self.enabled = enabled
    }

    func advance(_ paths: Int) {
        guard enabled else { return }
        let now = done.add(paths, ordering: .relaxed).newValue
        let elapsed = Date().timeIntervalSince(start)
        let draw = lastDraw.withLock { last -> Bool in
            if elapsed - last < 0.1 && now < total { return false }
            last = elapsed
            return true
        }
        if draw { render(now, elapsed) }
    }

    func finish() {
        guard enabled else { return }
        render(done.load(ordering: .relaxed), Date().timeIntervalSince(start))
        Console.err("\n")
    }

    private func render(_ now: Int, _ elapsed: Double) {
        let fraction = min(1, Double(now) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = elapsed > 0 ? Double(now) / elapsed : 0
        let eta = rate > 0 ? Double(total - now) / rate : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Console.err("\r\(bar) \(Int(fraction * 100))%  \(now)/\(total) paths  \(Int(rate)) paths/s  ETA \(NumberText.fixed(eta, digits: 1)) s ")
    }
}
