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
        #expect(csv == (try String(contentsOf: b.appendingPathComponent("summary.csv"), encoding: .utf8)))
        let lines = csv.split(separator: "\n")
        #expect(lines[0] == "scenario,decision,variant,paths,entered_fraction,mean_pnl,stdev_pnl,mc_stderr,p05_pnl,p25_pnl,p50_pnl,p75_pnl,p95_pnl,prob_profit,var95,cvar95,var99,cvar99,mean_return,mean_max_drawdown,p95_max_drawdown,mean_holding_days")
        let keys = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: "/") }
        var expected: [String] = []
        for s in ["supply-risk-elevated", "talks-unlock-supply", "hard-line-securitization"] {
            expected += ["\(s)/enabler-basket/", "\(s)/magnet-protection/puts", "\(s)/magnet-protection/put-spreads",
                         "\(s)/processing-pair/dollar-neutral", "\(s)/processing-pair/beta-neutral", "\(s)/meeting-straddles/",
                         "\(s)/portfolio/"]
        }
        #expect(keys == expected)
        #expect(!csv.lowercased().contains("nan") && !csv.contains("inf"))
        // Every row has the 22 columns.
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 22 })
    }

    @Test func scenarioFilterAndTable() throws {
        let dir = Self.temporaryDirectory()
        let r = try TradeSimBinary.run(["run", "scenarios/benchmark.json", "--paths", "200", "--scenario", "workload", "--out", dir.path], in: Self.root)
        #expect(r.exitCode == 0)
        #expect(r.stdout.hasPrefix("Portfolio P&L (USD) by scenario\nscenario  mean P&L"))
        #expect(r.stderr.hasPrefix("tradesim run: benchmark, 1 scenarios × 200 paths in "))
        let csv = try String(contentsOf: dir.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 5)
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
