import Foundation

/// A hidden folder beside an output, where the output is built before it takes its place in
/// one rename (README, "Outputs"). It is named `.<output name>.tradesim-<pid>-<random>` and
/// holds the marker file `.tradesim-staging` (its first line `tradesim staging folder`, then
/// the host and process that made it), written before anything else: a later run removes a
/// staging folder only when it carries that marker and its process is gone from this host, so
/// a user's own file or folder with a similar name is never touched.
struct StagingFolder {
    static let markerName = ".tradesim-staging"
    static let markerFirstLine = "tradesim staging folder"

    /// The staging folder's path (in the real parent folder of the output).
    let path: String

    /// Creates the staging folder in `parent` (a real path) for the output named `name`.
    /// Throws `.cannotCreate` with the system's reason (a read-only or full file system, no
    /// permission); nothing is left behind.
    init(in parent: String, for name: String, displayParent: String) throws {
        var random = SystemRandomNumberGenerator()
        let tag = String(random.next() as UInt32, radix: 16)
        path = parent + (parent.hasSuffix("/") ? "" : "/") + Self.prefix(for: name) + "\(getpid())-\(tag)"
        guard mkdir(path, 0o755) == 0 else {
            throw CLIError.cannotCreate("cannot create files in the folder '\(displayParent)': \(FileSystem.reason(errno))")
        }
        let marker = "\(Self.markerFirstLine)\nhost \(FileSystem.hostName)\npid \(getpid())\n"
        let fd = open(path + "/" + Self.markerName, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        let failure = fd < 0 ? errno : FileSystem.writeAll(fd, marker)
        if fd >= 0 { close(fd) }
        if let failure {
            FileSystem.removeTree(path)
            let error = "cannot create files in the folder '\(displayParent)': \(FileSystem.reason(failure))"
            throw failure == ENOSPC || failure == EIO || failure == EDQUOT ? CLIError.io(error) : CLIError.cannotCreate(error)
        }
    }

    /// The start of the name of every staging folder for the output `name`.
    static func prefix(for name: String) -> String { ".\(name).tradesim-" }

    func remove() { FileSystem.removeTree(path) }

    /// Removes the staging folders that killed runs left beside the output `name` in `parent`:
    /// only folders (not links) carrying the marker, made on this host by a process that no
    /// longer exists.
    static func removeLeftovers(in parent: String, for name: String) {
        let prefix = prefix(for: name), host = FileSystem.hostName
        for entry in FileSystem.entries(of: parent, where: { $0.hasPrefix(prefix) }) {
            let folder = parent + "/" + entry
            guard FileSystem.kind(folder) == .folder, let owner = owner(of: folder),
                  owner.host == host, owner.pid != getpid(), !isRunning(owner.pid) else { continue }
            FileSystem.removeTree(folder)
        }
    }

    /// The host and process named by a staging folder's marker; nil when the folder has no
    /// marker of ours.
    static func owner(of folder: String) -> (host: String, pid: Int32)? {
        let marker = folder + "/" + markerName
        guard case let .file(bytes) = FileSystem.kind(marker), bytes < 4096,
              let text = try? String(contentsOfFile: marker, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, lines[0] == markerFirstLine, lines[1].hasPrefix("host "), lines[2].hasPrefix("pid "),
              let pid = Int32(lines[2].dropFirst(4)), pid > 0 else { return nil }
        return (String(lines[1].dropFirst(5)), pid)
    }

    static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }
}
