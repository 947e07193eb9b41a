import Foundation
import Synchronization

/// The few file-system facts and calls the output rule needs, on POSIX directly: what a path is
/// without following a final symbolic link, real paths, file identity, whole writes with the
/// system's reason on failure. (Foundation's FileManager follows links silently and reports
/// failures as NSError text that users should never see.)
enum FileSystem {
    /// What is at a path, looked at with lstat(2) (a final symbolic link is not followed).
    enum Kind: Equatable {
        case missing
        case file(bytes: Int)
        case folder
        case symbolicLink(to: String)
        case other
    }

    static func kind(_ path: String) -> Kind {
        var s = stat()
        guard lstat(path, &s) == 0 else { return .missing }
        switch s.st_mode & S_IFMT {
        case S_IFREG: return .file(bytes: Int(s.st_size))
        case S_IFDIR: return .folder
        case S_IFLNK:
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(path, &buffer, Int(PATH_MAX))
            return .symbolicLink(to: n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?")
        default: return .other
        }
    }

    /// What a path leads to, following symbolic links (stat(2)): what an input is.
    static func kind(followingLinks path: String) -> Kind {
        var s = stat()
        guard stat(path, &s) == 0 else { return .missing }
        switch s.st_mode & S_IFMT {
        case S_IFREG: return .file(bytes: Int(s.st_size))
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// The absolute path with every symbolic link, `.` and `..` resolved (realpath(3)); nil when
    /// the path does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Device and inode of what a path names (following links): two paths with the same
    /// identity are the same file, whatever links or names lead to it.
    static func identity(_ path: String) -> (device: UInt64, inode: UInt64)? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return (UInt64(truncatingIfNeeded: s.st_dev), UInt64(truncatingIfNeeded: s.st_ino))
    }

    /// The folder part of a path as typed (`a/b/c` → `a/b`, `c` → `.`, `/c` → `/`), after
    /// trailing slashes are dropped.
    static func parent(of path: String) -> String {
        let p = trimmingTrailingSlashes(path)
        guard let slash = p.lastIndex(of: "/") else { return "." }
        return slash == p.startIndex ? "/" : String(p[..<slash])
    }

    /// The last component of a path as typed (`a/b/` → `b`).
    static func name(of path: String) -> String {
        let p = trimmingTrailingSlashes(path)
        guard let slash = p.lastIndex(of: "/") else { return p }
        return String(p[p.index(after: slash)...])
    }

    static func trimmingTrailingSlashes(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }

    /// The system's words for an errno value ("No space left on device").
    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Writes every byte to `fd`, retrying interrupted and partial writes; the errno of a
    /// failure, nil on success.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            offset += n
        }
        return nil
    }

    /// Writes the bytes of an output file (a report file, a paths CSV, a partial result, a
    /// draft): `writeAll`, with a test seam for full-disk handling where no small file system
    /// can be mounted: when the environment sets `TRADESIM_SIMULATED_DISK_BYTES=N`, output
    /// writes fail with ENOSPC ("No space left on device") once N bytes have been written in
    /// all. Unset, it costs one branch per write.
    static func writeOutput(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        if let limit = simulatedDiskBytes, simulatedDiskUsed.add(bytes.count, ordering: .relaxed).newValue > limit { return ENOSPC }
        return writeAll(fd, bytes)
    }

    static let simulatedDiskBytes: Int? = ProcessInfo.processInfo.environment["TRADESIM_SIMULATED_DISK_BYTES"].flatMap { Int($0) }
    private static let simulatedDiskUsed = Atomic<Int>(0)

    static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
    }

    /// Removes a folder we created and everything in it; failures are ignored (it is a
    /// temporary, hidden folder).
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The names in a folder (without `.` and `..`), read with readdir(3): Foundation's listing
    /// made a URL for every entry, which took milliseconds in a folder of thousands (/tmp).
    static func entries(of path: String, where keep: (String) -> Bool = { _ in true }) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { raw in
                raw.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != ".", name != "..", keep(name) { names.append(name) }
        }
        return names
    }

    /// Creates a folder and the missing folders above it (`mkdir -p`); the errno of a failure.
    static func makeFolders(_ path: String) -> Int32? {
        if kind(path) == .folder { return nil }
        let above = parent(of: path)
        if above != path, kind(above) == .missing, let failure = makeFolders(above) { return failure }
        return mkdir(path, 0o755) == 0 || errno == EEXIST ? nil : errno
    }

    /// Runs `body` holding an exclusive flock(2) on a folder, so that two tradesim processes
    /// putting outputs into the same folder do it one after the other (each check-and-rename is
    /// then atomic with respect to the other). Without a lock (a file system that refuses it)
    /// `body` still runs: the renames themselves are atomic.
    static func withFolderLock<T>(_ folder: String, _ body: () throws -> T) rethrows -> T {
        let fd = open(folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Swaps two paths in one step (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np
    /// RENAME_SWAP); the errno of a failure (ENOSYS or EINVAL where the system cannot).
    static func exchange(_ a: String, _ b: String) -> Int32? {
        #if os(Linux)
        return renameAt2(a, b, flags: 2)
        #elseif canImport(Darwin)
        return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 ? nil : errno
        #else
        return ENOSYS
        #endif
    }

    /// Renames `a` to `b` only if nothing is at `b` (EEXIST otherwise), in one step.
    static func renameNoReplace(_ a: String, _ b: String) -> Int32? {
        #if os(Linux)
        let failure = renameAt2(a, b, flags: 1)
        guard failure == ENOSYS || failure == EINVAL else { return failure }
        #elseif canImport(Darwin)
        return renamex_np(a, b, UInt32(RENAME_EXCL)) == 0 ? nil : errno
        #endif
        // No such call: link(2) fails when the name exists, for files; a folder rename onto an
        // existing folder fails unless it is empty.
        if kind(a) == .folder { return rename(a, b) == 0 ? nil : errno }
        guard link(a, b) == 0 else { return errno }
        unlink(a)
        return nil
    }

    #if os(Linux)
    /// renameat2(2), looked up at run time (glibc ≥ 2.28; Swift's Glibc module does not declare it).
    private static func renameAt2(_ a: String, _ b: String, flags: UInt32) -> Int32? {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return ENOSYS }
        let call = unsafeBitCast(symbol, to: RenameAt2.self)
        return call(AT_FDCWD, a, AT_FDCWD, b, flags) == 0 ? nil : errno
    }
    #endif

    /// This machine's name (for the owner line of a staging folder).
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
