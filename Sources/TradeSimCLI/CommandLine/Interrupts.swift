import Foundation
import Synchronization

/// SIGINT and SIGTERM while an output is being written: remove its staging folder (the
/// half-written report or file), then exit with 128 + the signal (130, 143). The previous
/// output is never touched. (SIGKILL cannot be caught: its staging folder is removed by the
/// next run into the same place, see `StagingFolder.removeLeftovers`.)
enum Interrupts {
    private static let state = Mutex<(path: String?, sources: [DispatchSourceSignal])>((nil, []))
    private static let queue = DispatchQueue(label: "tradesim.signals")

    static func removeOnInterrupt(_ path: String) {
        state.withLock { s in
            s.path = path
            guard s.sources.isEmpty else { return }
            for sig in [SIGINT, SIGTERM] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                source.setEventHandler {
                    let p = state.withLock { $0.path }
                    if let p { FileSystem.removeTree(p) }
                    Console.err("\ntradesim: interrupted; nothing was changed\n")
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
