import Foundation

/// Runs the built `tradesim` executable, as a user would, and captures its output.
struct TradeSimBinary {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root (two levels above this file's folder).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable beside the test bundle: `.build/<triple>/<config>/tradesim`. On Linux the
    /// tests run as an executable there (Bundle.main); on macOS inside `xctest`, from a
    /// `.xctest` bundle there. The package's own `.build/debug` is the last resort.
    static let url: URL = {
        var folders = [Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL,
                       URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        folders += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map { $0.bundleURL.deletingLastPathComponent() }
        folders += ["debug", "release"].map { packageRoot.appendingPathComponent(".build/\($0)") }
        for folder in folders {
            let candidate = folder.appendingPathComponent("tradesim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        fatalError("tradesim executable not found near \(Bundle.main.bundleURL.path)")
    }()

    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(exitCode: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Parses a one-object JSON output into numbers (nil for JSON null).
    static func jsonNumbers(_ text: String) -> [String: Double?] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [:] }
        var out: [String: Double?] = [:]
        for (k, v) in object { out[k] = (v as? NSNumber)?.doubleValue }
        return out
    }
}
