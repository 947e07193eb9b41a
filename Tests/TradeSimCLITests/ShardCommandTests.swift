import Foundation
import Testing

/// `tradesim run --shard i/n` and `tradesim merge`.
@Suite("Shards and merge")
struct ShardCommandTests {
    static let root = TradeSimBinary.packageRoot
    static let csvFiles = ["summary.csv", "thesis.csv", "equity_quantiles.csv", "pnl_histogram.csv", "exits.csv",
                           "first_passage.csv", "trades.csv"]

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-shards-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The local form of a scale-out: 3 shards of the first card run at once by `xargs -P 3`,
    /// then merged; every CSV is byte for byte the single run's (1 thread and 2 threads).
    @Test func threeShardsByXargsMergeToTheSingleRun() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = TradeSimBinary.url.path
        let script = "printf '0\\n1\\n2\\n' | xargs -P 3 -I{} '\(binary)' run --paths 1500 --seed 11 --threads 1 "
            + "--shard {}/3 --out '\(dir.path)/shard-{}.tspart' --quiet"
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script]
        shell.currentDirectoryURL = Self.root
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let merge = try TradeSimBinary.run(["merge"] + (0..<3).map { "\(dir.path)/shard-\($0).tspart" }
                                           + ["--out", dir.appendingPathComponent("merged").path, "--quiet"], in: Self.root)
        #expect(merge.exitCode == 0, "\(merge.stderr)")
        for threads in ["1", "2"] {
            let single = dir.appendingPathComponent("single-\(threads)")
            let run = try TradeSimBinary.run(["run", "--paths", "1500", "--seed", "11", "--threads", threads,
                                              "--out", single.path, "--quiet"], in: Self.root)
            #expect(run.exitCode == 0)
            for file in Self.csvFiles {
                let a = try Data(contentsOf: single.appendingPathComponent(file))
                let b = try Data(contentsOf: dir.appendingPathComponent("merged").appendingPathComponent(file))
                #expect(a == b, "\(file): merged shards differ from the single run on \(threads) thread(s)")
            }
        }
    }

    /// Partials that do not belong together, or are damaged, are refused with exit 65 and a
    /// message naming the file, what was found and what is allowed.
    @Test func mismatchedOrDamagedPartialsAreRefused() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func shard(_ i: Int, of n: Int, seed: Int = 3, name: String? = nil) throws -> String {
            let path = dir.appendingPathComponent(name ?? "s\(i)of\(n)-\(seed).tspart").path
            let r = try TradeSimBinary.run(["run", "scenarios/benchmark.json", "--paths", "200", "--seed", "\(seed)",
                                            "--shard", "\(i)/\(n)", "--out", path, "--quiet"], in: Self.root)
            #expect(r.exitCode == 0, "\(r.stderr)")
            return path
        }
        let s0 = try shard(0, of: 2), s1 = try shard(1, of: 2)
        let out = dir.appendingPathComponent("out").path
        func merge(_ files: [String]) throws -> TradeSimBinary.Result {
            try TradeSimBinary.run(["merge"] + files + ["--out", out, "--quiet"], in: Self.root)
        }
        // Missing shard.
        var r = try merge([s0])
        #expect(r.exitCode == 65 && r.stderr.contains("\(s0): found 1 of 2 shards, shard 1/2 missing; allowed: all 2 shards of the run"), "\(r.stderr)")
        // The same shard twice.
        r = try merge([s0, s0])
        #expect(r.exitCode == 65 && r.stderr.contains("found shard 0/2 again"), "\(r.stderr)")
        // Another seed.
        let other = try shard(1, of: 2, seed: 4)
        r = try merge([s0, other])
        #expect(r.exitCode == 65 && r.stderr.contains("\(other): found a partial result with other seed than \(s0)"), "\(r.stderr)")
        // Truncated file.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: s1))
        let cut = dir.appendingPathComponent("cut.tspart").path
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: cut))
        r = try merge([s0, cut])
        #expect(r.exitCode == 65 && r.stderr.contains("\(cut): found contents whose SHA-256 is not the one the file records "
                                                      + "(changed or cut short after it was written)"), "\(r.stderr)")
        // Not a partial at all.
        r = try merge([s0, "scenarios/benchmark.json"])
        #expect(r.exitCode == 65 && r.stderr.contains("scenarios/benchmark.json: found no partial-result signature; allowed: a partial result"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // And the pair that belongs together merges.
        r = try merge([s1, s0])
        #expect(r.exitCode == 0, "\(r.stderr)")
        // A bad --shard is a usage error.
        let bad = try TradeSimBinary.run(["run", "--shard", "3/3", "--quiet"], in: Self.root)
        #expect(bad.exitCode == 64 && bad.stderr.contains("--shard must be I/N with 0 ≤ I < N (for example 0/4), got '3/3'"))
    }

    /// A study changed after the shards ran is refused: the SHA-256 no longer match.
    @Test func changedStudyIsRefused() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = dir.appendingPathComponent("study.json")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("scenarios/benchmark.json"), to: study)
        var files: [String] = []
        for i in 0..<2 {
            let path = dir.appendingPathComponent("s\(i).tspart").path
            let r = try TradeSimBinary.run(["run", study.path, "--paths", "100", "--shard", "\(i)/2", "--out", path, "--quiet"])
            #expect(r.exitCode == 0, "\(r.stderr)")
            files.append(path)
        }
        var text = try String(contentsOf: study, encoding: .utf8)
        text += "\n"
        try text.write(to: study, atomically: true, encoding: .utf8)
        let r = try TradeSimBinary.run(["merge"] + files + ["--out", dir.appendingPathComponent("out").path, "--quiet"])
        #expect(r.exitCode == 65)
        #expect(r.stderr.contains("\(study.path): found inputs whose SHA-256 differ from those the partials recorded"), "\(r.stderr)")
        #expect(r.stderr.contains("allowed: the study and data files the shards ran on, unchanged"))
    }
}
