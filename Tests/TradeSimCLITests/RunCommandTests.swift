import Foundation
import Testing

@Suite("tradesim run")
struct RunCommandTests {
    static let root = TradeSimBinary.packageRoot

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-run-\(UUID().uuidString)")
    }

    /// The first card: a row per scenario × decision × variant plus the portfolio, the DESIGN
    /// §5 header, identical bytes for 1 and 2 threads.
    @Test func firstCardSummaryIsCompleteAndDeterministic() throws {
        let a = Self.temporaryDirectory(), b = Self.temporaryDirectory()
        let one = try TradeSimBinary.run(["run", "--paths", "300", "--threads", "1", "--out", a.path, "--quiet"], in: Self.root)
        let two = try TradeSimBinary.run(["run", "--paths", "300", "--threads", "2", "--out", b.path, "--quiet"], in: Self.root)
        #expect(one.exitCode == 0 && two.exitCode == 0)
        #expect(one.stdout.isEmpty && one.stderr.isEmpty)
        let csv = try String(contentsOf: a.appendingPathComponent("summary.csv"), encoding: .utf8)
        for file in ["summary.csv", "thesis.csv", "equity_quantiles.csv", "pnl_histogram.csv", "exits.csv",
                     "first_passage.csv", "trades.csv", "report.html"] {
            let x = try Data(contentsOf: a.appendingPathComponent(file)), y = try Data(contentsOf: b.appendingPathComponent(file))
            #expect(x == y, "\(file) differs between 1 and 2 threads")
            #expect(!x.isEmpty)
        }
        let lines = csv.split(separator: "\n")
        #expect(lines[0] == "scenario,decision,variant,paths,entered_fraction,mean_pnl,stdev_pnl,mc_stderr,p05_pnl,p25_pnl,p50_pnl,p75_pnl,p95_pnl,prob_profit,var95,cvar95,var99,cvar99,mean_return,mean_max_drawdown,p95_max_drawdown,mean_holding_days")
        let keys = lines.dropFirst().filter { !$0.hasPrefix("blended,") }.map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: "/") }
        var expected: [String] = []
        for s in ["supply-risk-elevated", "talks-unlock-supply", "hard-line-securitization"] {
            expected += ["\(s)/enabler-basket/", "\(s)/magnet-protection/puts", "\(s)/magnet-protection/put-spreads",
                         "\(s)/processing-pair/dollar-neutral", "\(s)/processing-pair/beta-neutral", "\(s)/meeting-straddles/",
                         "\(s)/portfolio/"]
        }
        #expect(keys == expected)
        // Then the blended scenario: each variant and the portfolio.
        #expect(lines.filter { $0.hasPrefix("blended,") }.count == 7)
        #expect(!csv.lowercased().contains("nan") && !csv.contains("inf"))
        // Chart dates are ISO dates (the first card starts on 2026-08-03).
        let html = try String(contentsOf: a.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("class=\"tick\">2026-08-03</text>"))
        // Every row has the 22 columns.
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 22 })
    }

    /// run.json states each scenario's implied-vol surface and the meeting's implied move. MP in
    /// supply-risk-elevated, from the card's outcomes (enabler log moves +0.04 p 0.55, +0.12 p
    /// 0.30, −0.12 p 0.15; noise 0.03), by hand: v = Σp·m² − (Σp·m)² + 0.03².
    @Test func runJSONStatesTheSurfaceAndTheImpliedMove() throws {
        let dir = Self.temporaryDirectory()
        let r = try TradeSimBinary.run(["run", "--paths", "100", "--scenario", "supply-risk-elevated", "--out", dir.path, "--quiet"], in: Self.root)
        #expect(r.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("run.json"))) as? [String: Any])
        let scenario = try #require((json["scenarios"] as? [[String: Any]])?.first)
        let surface = try #require(scenario["implied_vol"] as? [String: Any])
        #expect(surface["atm_ratio"] as? Double == 1.15 && surface["dynamics"] as? String == "stickyStrike")
        let mp = try #require((surface["assets"] as? [String: Any])?["MP"] as? [String: Any])
        let skew = try #require(mp["skew"] as? [String: Any])
        #expect(skew["slope"] as? Double == -0.2 && skew["curvature"] as? Double == 0.05)
        let event = try #require((scenario["events"] as? [[String: Any]])?.first)
        #expect(event["name"] as? String == "us-china-meeting" && event["iv_premium"] as? String == "outcomes")
        let move = try #require(((event["implied_move"] as? [String: Any])?["MP"]) as? [String: Double])
        let outcomes = [(0.55, 0.04), (0.30, 0.12), (0.15, -0.12)]
        let mean = outcomes.reduce(0) { $0 + $1.0 * $1.1 }, square = outcomes.reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
        let v = square - mean * mean + 0.03 * 0.03
        #expect(abs(move["stdev_log"]! - v.squareRoot()) < 1e-12, "\(move)")
        #expect(move["expected_abs"]! > 0.07 && move["expected_abs"]! < 0.09)
    }

    @Test func scenarioFilterAndTable() throws {
        let dir = Self.temporaryDirectory()
        let r = try TradeSimBinary.run(["run", "scenarios/benchmark.json", "--paths", "200", "--scenario", "workload", "--out", dir.path], in: Self.root)
        #expect(r.exitCode == 0)
        #expect(r.stdout.hasPrefix("Portfolio P&L (USD) by scenario\nscenario  mean P&L"))
        #expect(r.stderr.hasPrefix("tradesim run: benchmark, 1 scenario, 200 paths in "))
        let csv = try String(contentsOf: dir.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 5)  // one scenario: no blended rows
        let bad = try TradeSimBinary.run(["run", "--scenario", "nope", "--out", dir.path], in: Self.root)
        #expect(bad.exitCode == 64)
    }

    @Test func studyWithoutPlaybookIsADataError() throws {
        let dir = Self.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("s.json")
        try #"{"name": "s", "start": "2026-01-05", "universe": [{"ticker": "A", "spot": 1, "volatility": 0.1}], "scenarios": [{"name": "x", "horizon": 5}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try TradeSimBinary.run(["run", file.path, "--out", dir.appendingPathComponent("out").path])
        #expect(r.exitCode == 65)
        #expect(r.stderr == "Error: \(file.path): found a study without a playbook; allowed: a study with a \"playbook\" to run (see README, Playbook)\n")
    }
}

@Suite("Interrupted runs")
struct InterruptTests {
    static let root = TradeSimBinary.packageRoot

    /// Starts a long run into `out` and sends `signal` after `delay` seconds.
    static func interruptedRun(out: URL, signal: Int32, delay: Double) throws -> Process {
        let p = Process()
        p.executableURL = TradeSimBinary.url
        p.arguments = ["run", "--paths", "400000", "--threads", "1", "--out", out.path, "--quiet"]
        p.currentDirectoryURL = root
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: delay)
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        return p
    }

    static func leftovers(_ out: URL) -> [String] {
        let parent = out.deletingLastPathComponent()
        return ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [])
            .filter { $0.hasPrefix(".\(out.lastPathComponent).") }
    }

    /// SIGINT and SIGTERM: exit 130/143, the previous report byte for byte, nothing left behind.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func interruptKeepsThePreviousReport(_ signal: Int32, _ code: Int32) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-int-\(UUID().uuidString)/report")
        try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
        let first = try TradeSimBinary.run(["run", "--paths", "100", "--out", out.path, "--quiet"], in: Self.root)
        #expect(first.exitCode == 0)
        let before = try Data(contentsOf: out.appendingPathComponent("summary.csv"))
        let p = try Self.interruptedRun(out: out, signal: signal, delay: 1.5)
        #expect(p.terminationReason == .exit && p.terminationStatus == code)
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.csv")) == before)
        #expect(Self.leftovers(out).isEmpty, "left behind: \(Self.leftovers(out))")
    }

    /// SIGKILL cannot be caught: the previous report stays, its temporary folder is left, and
    /// the next run removes it.
    @Test func killKeepsThePreviousReportAndTheNextRunTidies() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-kill-\(UUID().uuidString)/report")
        try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(try TradeSimBinary.run(["run", "--paths", "100", "--out", out.path, "--quiet"], in: Self.root).exitCode == 0)
        let before = try Data(contentsOf: out.appendingPathComponent("summary.csv"))
        let p = try Self.interruptedRun(out: out, signal: SIGKILL, delay: 1.5)
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.csv")) == before)
        #expect(Self.leftovers(out).count == 1)
        #expect(try TradeSimBinary.run(["run", "--paths", "100", "--seed", "5", "--out", out.path, "--quiet"], in: Self.root).exitCode == 0)
        #expect(Self.leftovers(out).isEmpty)
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.csv")) != before)
    }
}

@Suite("Committed files stay as committed")
struct CommittedFilesTests {
    /// `swift run -c release tradesim run` writes reports/<study>/, which git ignores: the run
    /// leaves a clone unmodified (its timings and thread count change run.json on every run).
    /// The committed example reports live in reports/examples/.
    @Test func defaultReportFoldersAreIgnoredByGit() throws {
        let root = TradeSimBinary.packageRoot
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "check-ignore", "--no-index", "reports/rare-earths-us-china/run.json",
                       "reports/rare-earths-backtest-2025/run.json", "reports/benchmark-shards/shard-0-of-2.tspart",
                       "reports/examples/rare-earths-us-china/run.json"]
        p.currentDirectoryURL = root
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let ignored = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(ignored == "reports/rare-earths-us-china/run.json\nreports/rare-earths-backtest-2025/run.json\nreports/benchmark-shards/shard-0-of-2.tspart\n")
        for example in ["rare-earths-us-china", "rare-earths-backtest-2025"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("reports/examples/\(example)/summary.csv").path))
        }
    }
}
