import Foundation

/// Text output to standard output, or to a file written atomically (a temporary sibling
/// renamed into place when complete, so an interrupted run never leaves half a file).
struct OutputStream {
    private var handle: FileHandle
    private let finalPath: String?
    private let temporaryPath: String?
    private var buffer = ""

    init(path: String?) throws {
        if let path {
            let url = URL(fileURLWithPath: path)
            let temporary = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let h = FileHandle(forWritingAtPath: temporary) else {
                throw CLIError.failure("cannot write \(path)")
            }
            handle = h
            finalPath = path
            temporaryPath = temporary
        } else {
            handle = FileHandle.standardOutput
            finalPath = nil
            temporaryPath = nil
        }
    }

    mutating func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        handle.write(Data(buffer.utf8))
        buffer = ""
    }

    mutating func finish() throws {
        flush()
        guard let finalPath, let temporaryPath else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: finalPath) { try FileManager.default.removeItem(atPath: finalPath) }
        try FileManager.default.moveItem(atPath: temporaryPath, toPath: finalPath)
    }
}
