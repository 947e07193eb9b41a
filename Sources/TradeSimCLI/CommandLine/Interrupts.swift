import Foundation
import Synchronization

/// SIGINT and SIGTERM during a run: remove the half-written report folder, then exit with
/// 128 + the signal (130, 143). The previous report is never touched. (SIGKILL cannot be
/// caught: its leftover folder is removed by the next run, see ReportFolder.)
enum Interrupts {
    private static let state = Mutex<(path: URL?, sources: [DispatchSourceSignal])>((nil, []))
    private static let queue = DispatchQueue(label: "tradesim.signals")

    static func removeOnInterrupt(_ path: URL) {
        state.withLock { s in
            s.path = path
            guard s.sources.isEmpty else { return }
            for sig in [SIGINT, SIGTERM] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                source.setEventHandler {
                    let p = state.withLock { $0.path }
                    if let p { try? FileManager.default.removeItem(at: p) }
                    Console.err("\ntradesim: interrupted; the previous report is unchanged\n")
                    exit(128 + sig)
                }
                source.resume()
                s.sources.append(source)
            }
        }
    }

    static func clear() {
        state.withLock { $0.path = nil }
    }
}
