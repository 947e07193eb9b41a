import Foundation
import Testing

/// A small file system of our own, mounted for a test (root only; Linux tmpfs): to fill it up
/// or make it read-only for real. nil where mounting is not possible.
struct SmallFileSystem {
    let path: String

    init?(at path: String, kibibytes: Int) {
        #if os(Linux)
        guard getuid() == 0 else { return nil }
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Self.command("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kibibytes)k", "tmpfs", path]) else { return nil }
        self.path = path
        #else
        return nil
        #endif
    }

    /// Fills the file system, leaving about `freeKiB` kibibytes.
    func fill(leaving freeKiB: Int) {
        let filler = path + "/filler"
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        guard let h = FileHandle(forWritingAtPath: filler) else { return }
        let chunk = [UInt8](repeating: 0x41, count: 4096)
        let fd = h.fileDescriptor
        while chunk.withUnsafeBytes({ write(fd, $0.baseAddress, 4096) }) == 4096 {}
        let size = lseek(fd, 0, SEEK_END)
        _ = ftruncate(fd, max(0, size - off_t(freeKiB * 1024)))
        try? h.close()
    }

    /// Whether this process can mount a small file system (once per test run).
    static let available: Bool = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-mount-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let probe = SmallFileSystem(at: path, kibibytes: 64) else { return false }
        probe.unmount()
        return true
    }()

    func makeReadOnly() -> Bool { Self.command("/bin/mount", ["-o", "remount,ro", path]) }

    func unmount() { _ = Self.command("/bin/umount", [path]) }

    static func command(_ tool: String, _ arguments: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}

@Suite("Output rule: full disk, read-only folder, standard output")
struct OutputFailureTests {
    /// Names in `folder` that start with `.name.` (what a run could leave beside its output).
    static func leftovers(_ folder: URL, _ name: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".\(name).") }
    }

    /// Full disk through the writer's test seam (TRADESIM_SIMULATED_DISK_BYTES: every file write
    /// fails with ENOSPC past that many bytes): each writing command exits 74 with the path and
    /// the system's reason; the previous output is byte for byte as it was and nothing is left.
    @Test(arguments: [OutputRuleRefusalTests.Writer.run, .backtest, .paths, .shard, .draft])
    func fullDiskKeepsThePreviousOutput(_ writer: OutputRuleRefusalTests.Writer) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let target = writer.writesFolder ? "r" : "out.dat"
        let first = try TradeSimBinary.run(writer.arguments(out: target, force: true), in: box.work)
        #expect(first.exitCode == 0, "\(first.stderr)")
        let before = box.snapshot()
        var environment = ProcessInfo.processInfo.environment
        environment["TRADESIM_SIMULATED_DISK_BYTES"] = "100"
        let r = try TradeSimBinary.run(writer.arguments(out: target, force: true), in: box.work, environment: environment)
        #expect(r.exitCode == 74, "\(r.stderr)")
        if writer.writesFolder {
            #expect(r.stderr == "Error: cannot write the report to 'r': No space left on device (writing summary.csv). Nothing was changed\n")
        } else {
            #expect(r.stderr == "Error: cannot write 'out.dat': No space left on device. Nothing was changed\n")
        }
        #expect(box.snapshot() == before)
    }

    /// The same on a real full file system (a 256 KiB tmpfs, where the test may mount one).
    @Test(.enabled(if: SmallFileSystem.available, "needs root to mount a tmpfs"))
    func fullFileSystem() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let disk = try #require(SmallFileSystem(at: box.work.appendingPathComponent("disk").path, kibibytes: 256))
        defer { disk.unmount() }
        #expect(try TradeSimBinary.run(["run", "s.json", "--paths", "20", "--out", "disk/r", "--quiet"], in: box.work).exitCode == 0)
        #expect(try TradeSimBinary.run(["paths", "s.json", "--out", "disk/p.csv"], in: box.work).exitCode == 0)
        disk.fill(leaving: 8)
        let before = box.snapshot()
        let run = try TradeSimBinary.run(["run", "s.json", "--paths", "20", "--seed", "9", "--out", "disk/r", "--quiet"], in: box.work)
        #expect(run.exitCode == 74)
        #expect(run.stderr.hasPrefix("Error: cannot write the report to 'disk/r': No space left on device (writing "), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("). Nothing was changed\n"))
        #expect(box.snapshot() == before)
        disk.fill(leaving: 0)
        let full = box.snapshot()
        let paths = try TradeSimBinary.run(["paths", "s.json", "--out", "disk/p.csv", "--force"], in: box.work)
        #expect(paths.exitCode == 74)
        #expect(paths.stderr == "Error: cannot create files in the folder 'disk': No space left on device\n")
        #expect(box.snapshot() == full)
        #expect(Self.leftovers(box.work.appendingPathComponent("disk"), "r").isEmpty)
        #expect(Self.leftovers(box.work.appendingPathComponent("disk"), "p.csv").isEmpty)
    }

    /// A read-only folder: exit 73 with the system's reason; the previous report intact.
    @Test(.enabled(if: getuid() != 0 || SmallFileSystem.available, "root needs a read-only mount, which needs a tmpfs"))
    func readOnlyFolder() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let folder = box.work.appendingPathComponent("ro")
        var disk: SmallFileSystem?
        if getuid() == 0 {
            // Permissions do not stop root: a read-only mount does.
            guard let mounted = SmallFileSystem(at: folder.path, kibibytes: 1024) else {
                Issue.record("cannot mount a tmpfs at \(folder.path)")
                return
            }
            disk = mounted
        } else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        }
        defer { disk?.unmount() }
        #expect(try TradeSimBinary.run(["run", "s.json", "--paths", "20", "--out", "ro/r", "--quiet"], in: box.work).exitCode == 0)
        let reason: String
        if let disk {
            #expect(disk.makeReadOnly())
            reason = "Read-only file system"
        } else {
            chmod(folder.path, 0o555)
            reason = "Permission denied"
        }
        defer { chmod(folder.path, 0o755) }
        let before = box.snapshot()
        let run = try TradeSimBinary.run(["run", "s.json", "--paths", "20", "--seed", "9", "--out", "ro/r", "--quiet"], in: box.work)
        #expect(run.exitCode == 73)
        #expect(run.stderr == "Error: cannot create files in the folder 'ro': \(reason)\n")
        let paths = try TradeSimBinary.run(["paths", "s.json", "--out", "ro/p.csv"], in: box.work)
        #expect(paths.exitCode == 73)
        #expect(paths.stderr == "Error: cannot create files in the folder 'ro': \(reason)\n")
        #expect(box.snapshot() == before)
    }

    /// Standard output on a full device: exit 74 and a message, never a trap.
    @Test(arguments: [["--version"], ["help"], ["price", "--type", "call", "--spot", "42", "--strike", "40", "--vol", "0.2", "--rate", "0.1", "--years", "0.5", "--json"],
                      ["paths", "scenarios/benchmark.json", "--paths", "3"], ["validate", "scenarios/benchmark.json"]])
    func fullStandardOutput(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = TradeSimBinary.url
        p.arguments = arguments
        p.currentDirectoryURL = TradeSimBinary.packageRoot
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        p.standardOutput = full
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == 74)
        #expect(message == "Error: cannot write to standard output: No space left on device\n")
    }
}

@Suite("Output rule: concurrent runs, interrupts, leftovers")
struct OutputConcurrencyTests {
    /// Two runs into one --out at once, 20 times: both finish (the second after the first,
    /// under the folder's lock), and the folder always holds one run's report whole — every
    /// CSV from the same run, never a mix.
    @Test func twoRunsIntoOneFolder() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try FileManager.default.copyItem(at: TradeSimBinary.packageRoot.appendingPathComponent("scenarios/benchmark.json"),
                                         to: box.work.appendingPathComponent("b.json"))
        let csvs = ["summary.csv", "thesis.csv", "equity_quantiles.csv", "pnl_histogram.csv", "exits.csv", "first_passage.csv", "trades.csv"]
        func contents(_ folder: String) -> [Data?] { csvs.map { FileManager.default.contents(atPath: box.work.path + "/" + folder + "/" + $0) } }
        for seed in ["1", "2"] {
            #expect(try TradeSimBinary.run(["run", "b.json", "--paths", "400", "--seed", seed, "--out", "ref" + seed, "--quiet"], in: box.work).exitCode == 0)
        }
        let one = contents("ref1"), two = contents("ref2")
        #expect(one != two)
        var winners: [String: Int] = [:]
        for k in 0..<20 {
            let folder = "c\(k % 2)"  // half the repetitions start from no folder, half replace one
            let runs = ["1", "2"].map { seed -> Process in
                let p = Process()
                p.executableURL = TradeSimBinary.url
                p.arguments = ["run", "b.json", "--paths", "400", "--seed", seed, "--threads", "1", "--out", folder, "--quiet"]
                p.currentDirectoryURL = box.work
                p.standardError = FileHandle.nullDevice
                return p
            }
            for p in runs { try p.run() }
            for p in runs { p.waitUntilExit() }
            #expect(runs.allSatisfy { $0.terminationStatus == 0 })
            let now = contents(folder)
            #expect(now == one || now == two, "repetition \(k): a mixed folder")
            winners[now == one ? "seed 1" : "seed 2", default: 0] += 1
            #expect(OutputFailureTests.leftovers(box.work, folder).isEmpty)
        }
        #expect(winners.values.reduce(0, +) == 20)
        print("Two runs into one folder, 20 times: whole reports of \(winners.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)×" }.joined(separator: ", ")), never mixed")
    }

    /// A long `paths --out` of the first card, sent `signal` after a second of writing.
    static func interruptedPaths(into file: String, signal: Int32) throws -> Process {
        let p = Process()
        p.executableURL = TradeSimBinary.url
        p.arguments = ["paths", "scenarios/rare-earths-us-china.json", "--paths", "1000000", "--threads", "1", "--out", file]
        p.currentDirectoryURL = TradeSimBinary.packageRoot
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: 1.0)
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        return p
    }

    /// `paths --out` interrupted: exit 130/143, no output file, nothing left beside it.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func interruptedPathsLeaveNothing(_ signal: Int32, _ code: Int32) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let p = try Self.interruptedPaths(into: box.work.path + "/p.csv", signal: signal)
        #expect(p.terminationReason == .exit && p.terminationStatus == code)
        #expect(!FileManager.default.fileExists(atPath: box.work.path + "/p.csv"))
        #expect(OutputFailureTests.leftovers(box.work, "p.csv").isEmpty)
    }

    /// SIGKILL cannot be caught: its staging folder stays, and the next write to the same
    /// place removes it.
    @Test func killedPathsAreTidiedByTheNextRun() throws {
        let box = try Sandbox()
        defer { box.remove() }
        _ = try Self.interruptedPaths(into: box.work.path + "/p.csv", signal: SIGKILL)
        #expect(OutputFailureTests.leftovers(box.work, "p.csv").count == 1)
        #expect(try TradeSimBinary.run(["paths", "s.json", "--out", "p.csv"], in: box.work).exitCode == 0)
        #expect(OutputFailureTests.leftovers(box.work, "p.csv").isEmpty)
    }

    /// The clean-up removes only staging folders of tradesim whose process is gone: a user's
    /// files and folders with look-alike names stay, and so does a marker from another host.
    @Test func cleanUpRemovesOnlyWhatTradesimMade() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let fm = FileManager.default
        // A process that has ended: its pid names a dead run.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let host = Self.hostName()
        func make(_ path: String, _ text: String) throws {
            let url = box.work.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try make(".r.tmp-1", "user file")
        try make(".r.old-1/a.txt", "user folder")
        try make(".r.tradesim-1-ab", "user file with our prefix")
        try make(".r.tradesim-2-cd/a.txt", "user folder with our prefix")
        try make(".r.tradesim-3-ef/.tradesim-staging", "tradesim staging folder\nhost another-machine\npid \(gone.processIdentifier)\n")
        try make(".r.tradesim-4-01/.tradesim-staging", "tradesim staging folder\nhost \(host)\npid \(gone.processIdentifier)\n")
        try make(".r.tradesim-4-01/report/summary.csv", "half a report")
        let before = box.snapshot()
        #expect(try TradeSimBinary.run(["run", "s.json", "--paths", "20", "--out", "r", "--quiet"], in: box.work).exitCode == 0)
        var after = box.snapshot()
        after = after.filter { !$0.key.hasPrefix("work/r/") && $0.key != "work/r" }
        var expected = before
        for key in before.keys where key.hasPrefix("work/.r.tradesim-4-01") { expected[key] = nil }
        #expect(after == expected)
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, 255)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
