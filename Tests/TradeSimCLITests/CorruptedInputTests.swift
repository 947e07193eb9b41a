import Foundation
import Testing

/// Randomly damaged copies of every file in scenarios/ (the studies, and the price CSVs the
/// backtest study reads): `tradesim validate` and `tradesim run` either succeed or exit 65
/// with an `Error:` line, never crash, hang, or write NaN. Fixed seed; the mutations are a
/// truncation, a flipped byte, a deleted bracket, a number replaced by NaN/1e400/-1/0, an
/// unknown field, a duplicated line and an emptied file.
@Suite("Corrupted inputs")
struct CorruptedInputTests {
    static let root = TradeSimBinary.packageRoot

    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    static func mutate(_ bytes: [UInt8], kind: Int, _ g: inout Generator) -> [UInt8] {
        var b = bytes
        switch kind {
        case 0:  // truncation
            b = Array(b.prefix(g.below(b.count)))
        case 1:  // flipped byte
            if !b.isEmpty { b[g.below(b.count)] ^= UInt8(1 << g.below(8)) }
        case 2:  // a bracket, brace or comma deleted
            let spots = b.indices.filter { [UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ",")].contains(b[$0]) }
            if !spots.isEmpty { b.remove(at: spots[g.below(spots.count)]) }
        case 3:  // a number replaced
            let digits = b.indices.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[$0]) && ($0 == 0 || !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[$0 - 1])) }
            if !digits.isEmpty {
                let start = digits[g.below(digits.count)]
                var end = start
                while end < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[end]) || b[end] == UInt8(ascii: ".") { end += 1 }
                let replacement = ["NaN", "1e400", "-1", "0", "-1e400", "Infinity", "99999999"][g.below(7)]
                b.replaceSubrange(start..<end, with: Array(replacement.utf8))
            }
        case 4:  // an unknown field after some opening brace
            let braces = b.indices.filter { b[$0] == UInt8(ascii: "{") }
            if !braces.isEmpty { b.insert(contentsOf: Array("\"zzUnknownField\": 1, ".utf8), at: braces[g.below(braces.count)] + 1) }
        case 5:  // a line duplicated
            var lines = b.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            if !lines.isEmpty { let k = g.below(lines.count); lines.insert(lines[k], at: k) }
            b = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        default:  // emptied
            b = []
        }
        return b
    }

    /// Runs the binary with a time limit; a hang fails the test.
    static func run(_ arguments: [String], in directory: URL, seconds: Double = 60) throws -> TradeSimBinary.Result {
        let process = Process()
        process.executableURL = TradeSimBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = DispatchTime.now() + seconds
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if group.wait(timeout: deadline) == .timedOut {
            process.terminate()
            return TradeSimBinary.Result(exitCode: -1, stdout: "", stderr: "hung for \(seconds) s")
        }
        process.waitUntilExit()
        return TradeSimBinary.Result(exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                     stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func damagedScenarioFilesNeverCrashOrHang() throws {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("tradesim-corrupt-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: work) }
        let pristine = Self.root.appendingPathComponent("scenarios")
        // The studies, and the CSV files the backtest study reads (the other price data is the
        // same format and read by no study).
        let files = try fm.subpathsOfDirectory(atPath: pristine.path)
            .filter { $0.hasSuffix(".json") || ($0.hasPrefix("data/prices-2025/") && $0.hasSuffix(".csv")) }.sorted()
        #expect(files.count >= 10)
        var g = Generator(state: 20_261_126)
        var outcomes = [Int32: Int](), runs = 0
        for file in files {
            let original = try [UInt8](Data(contentsOf: pristine.appendingPathComponent(file)))
            // The study a damaged file is read through: itself, or the backtest study for its CSVs.
            let study = file.hasSuffix(".json") ? file : "rare-earths-backtest-2025.json"
            for variant in 0..<(file.hasSuffix(".json") ? 42 : 14) {
                try? fm.removeItem(at: work)
                try fm.copyItem(at: pristine, to: work)
                let kind = variant < 28 ? variant % 7 : g.below(7)
                let damaged = Self.mutate(original, kind: kind, &g)
                try Data(damaged).write(to: work.appendingPathComponent(file))
                let label = "\(file), mutation \(kind), variant \(variant)"
                let validate = try Self.run(["validate", study], in: work)
                outcomes[validate.exitCode, default: 0] += 1
                #expect(validate.exitCode == 0 || validate.exitCode == 65, "validate \(label): exit \(validate.exitCode) \(validate.stderr)")
                if validate.exitCode == 65 {
                    #expect(validate.stderr.hasPrefix("Error: "), "validate \(label): \(validate.stderr)")
                }
                // A run on every third damaged copy (and on every one that validates).
                guard validate.exitCode == 0 || variant % 3 == 0 else { continue }
                let out = work.appendingPathComponent("out")
                let run = try Self.run(["run", study, "--paths", "20", "--threads", "2", "--out", out.path, "--quiet"], in: work)
                runs += 1
                #expect(run.exitCode == 0 || run.exitCode == 65, "run \(label): exit \(run.exitCode) \(run.stderr)")
                if run.exitCode == 65 { #expect(run.stderr.hasPrefix("Error: "), "run \(label): \(run.stderr)") }
                if run.exitCode == 0 {
                    // Every numeric cell (from the fourth column) is empty or a finite number; names
                    // may hold any letters (a damaged copy named a scenario "historical-Infinity").
                    let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
                    let cells = summary.split(separator: "\n").dropFirst().flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(3) }
                    #expect(cells.allSatisfy { $0.isEmpty || Double($0)?.isFinite == true }, "run \(label): non-finite value in summary.csv")
                }
            }
        }
        print("Corrupted inputs: \(files.count) files, \(outcomes.values.reduce(0, +)) damaged copies validated "
            + "(exit 0: \(outcomes[0] ?? 0), exit 65: \(outcomes[65] ?? 0)), \(runs) runs")
    }

    /// A broken price file is reported once, without follow-on errors about the scenario's
    /// events or the decisions that name them (the replay has no days to check them against).
    @Test func brokenPriceFileIsOneError() throws {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("tradesim-dup-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: work) }
        try fm.copyItem(at: Self.root.appendingPathComponent("scenarios"), to: work)
        let csv = work.appendingPathComponent("data/prices-2025/MP.csv")
        var lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines.insert(lines[4], at: 4)
        try lines.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let r = try Self.run(["validate", "rare-earths-backtest-2025.json"], in: work)
        #expect(r.exitCode == 65)
        #expect(r.stderr == "Error: \(csv.path):6:1: column Date: found 2024-10-04 twice; allowed: dates in strictly increasing order, each once\n",
                "\(r.stderr)")
    }
}
