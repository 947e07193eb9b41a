import Foundation

/// One output file (`paths --out`, `run --shard`, `draft --out`), checked by `OutputRule`,
/// built in a `StagingFolder` beside it and renamed into place when complete; or standard
/// output. Text is buffered and written in pieces of about a megabyte. Every failed write is
/// `CLIError.io` (exit 74) with the system's reason, and leaves nothing behind.
struct TextOutput {
    private let fd: Int32
    private let file: (place: OutputRule.Place, staging: StagingFolder, force: Bool)?
    private var buffer: [UInt8] = []

    /// Standard output.
    init() {
        fd = 1
        file = nil
    }

    /// A file at `display` (`--out`), under the output rule; with `force` it may replace an
    /// existing file that the command does not read.
    init(file display: String, isDefault: Bool = false, force: Bool, reads inputs: [OutputRule.Input]) throws {
        let place = try OutputRule.file(display, isDefault: isDefault, force: force, reads: inputs)
        StagingFolder.removeLeftovers(in: place.parent, for: place.name)
        let staging = try StagingFolder(in: place.parent, for: place.name, displayParent: place.displayParent)
        let handle = open(staging.path + "/file", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard handle >= 0 else {
            let failure = errno
            staging.remove()
            throw CLIError.cannotCreate("cannot write '\(display)': \(FileSystem.reason(failure))")
        }
        fd = handle
        file = (place, staging, force)
    }

    /// The staging folder to remove if the run is interrupted (nil for standard output).
    var stagingPath: String? { file?.staging.path }

    mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func write(bytes: [UInt8]) throws {
        try flush()
        try put(bytes)
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try put(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func put(_ bytes: [UInt8]) throws {
        let failure = bytes.withUnsafeBytes { file == nil ? FileSystem.writeAll(fd, $0) : FileSystem.writeOutput(fd, $0) }
        guard let failure else { return }
        guard let file else { throw CLIError.io("cannot write to standard output: \(FileSystem.reason(failure))") }
        close(fd)
        file.staging.remove()
        throw CLIError.io("cannot write '\(file.place.display)': \(FileSystem.reason(failure)). Nothing was changed")
    }

    /// Writes what is buffered and, for a file, renames it into place (checking the rule again
    /// under the folder's lock).
    mutating func finish() throws {
        try flush()
        guard let file else { return }
        defer { file.staging.remove() }
        if close(fd) != 0 {
            throw CLIError.io("cannot write '\(file.place.display)': \(FileSystem.reason(errno)). Nothing was changed")
        }
        let built = file.staging.path + "/file"
        try FileSystem.withFolderLock(file.place.parent) {
            try OutputRule.checkFileTarget(file.place, force: file.force)
            let failure = file.force ? (rename(built, file.place.path) == 0 ? nil : errno)
                                     : FileSystem.renameNoReplace(built, file.place.path)
            if let failure {
                throw CLIError.io("cannot put '\(file.place.display)' in place: \(FileSystem.reason(failure)). Nothing was changed")
            }
        }
    }

    /// Removes what was written to a file (on a failure before `finish`).
    func abandon() {
        guard let file else { return }
        close(fd)
        file.staging.remove()
    }
}
