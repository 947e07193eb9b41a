import Foundation
import Testing

@Suite("Resource limits: huge inputs, huge runs, long horizons")
struct ResourceLimitTests {
    /// A 1 GB sparse (all-NUL) price file and a device are refused before anything is read:
    /// exit 65, the file named, its size and the limit.
    @Test func hugeOrEndlessInputsAreRefusedAtOnce() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let big = box.work.appendingPathComponent("p/MP.csv").path
        #expect(truncate(big, 1 << 30) == 0)
        for arguments in [["validate", "s.json"], ["backtest", "s.json", "--quiet"]] {
            let r = try TradeSimBinary.run(arguments, in: box.work)
            #expect(r.exitCode == 65)
            #expect(r.stderr == "Error: \(box.work.path)/p/MP.csv: found a file of 1,073,741,824 bytes; allowed: a readable price CSV file of at most 256 MiB\n")
        }
        let metrics = try TradeSimBinary.run(["metrics", "p/MP.csv"], in: box.work)
        #expect(metrics.exitCode == 65)
        #expect(metrics.stderr == "Error: p/MP.csv: found a file of 1,073,741,824 bytes; allowed: a CSV file of dates and returns or levels of at most 256 MiB\n")
        let device = try TradeSimBinary.run(["validate", "/dev/zero"], in: box.work)
        #expect(device.exitCode == 65)
        #expect(device.stderr == "Error: /dev/zero: found a device, pipe or socket, not a regular file; allowed: a readable study file\n")
        let card = try TradeSimBinary.run(["draft", "/dev/zero"], in: box.work)
        #expect(card.exitCode == 65)
        #expect(card.stderr == "Error: /dev/zero: found a device, pipe or socket, not a regular file; allowed: a card as text\n")
    }

    /// A run that cannot fit in memory is refused before it starts, with the estimate and
    /// what fits (the figures depend on the machine: the shape of the message is checked).
    @Test func aRunThatCannotFitIsRefusedWithTheEstimate() throws {
        let r = try TradeSimBinary.run(["run", "--paths", "100000000", "--quiet"], in: TradeSimBinary.packageRoot)
        #expect(r.exitCode == 64)
        let first = r.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("Error: --paths 100000000 needs about "), "\(r.stderr)")
        #expect(first.contains(" GB of memory (300000000 paths over 3 scenarios), more than the "))
        #expect(first.contains("this machine allows a run (80% of its memory); run at most about "))
        #expect(first.hasSuffix("Shards (--shard i/n) split the simulation across machines, but `tradesim merge` keeps every path's results: it needs the same memory on one machine"))
    }

    /// A 100,000-day horizon keeps an equity sample of 167 paths (128 MiB), not 10,000 (8 GB):
    /// the run completes with the sample size in run.json and a quantile row per day.
    @Test func longHorizonBoundsTheEquitySample() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let study = #"""
            {"name": "long", "start": "2026-01-05",
             "universe": [{"ticker": "A", "spot": 100, "volatility": 0.2}],
             "scenarios": [{"name": "s", "horizon": 100000}],
             "playbook": {"capital": 10000, "decisions": [{"id": "b", "kind": "basket", "assets": ["A"], "size": {"notional": 1000}}]}}
            """#
        try Data(study.utf8).write(to: box.work.appendingPathComponent("long.json"))
        let r = try TradeSimBinary.run(["run", "long.json", "--paths", "200", "--out", "r", "--quiet"], in: box.work)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let manifest = try String(contentsOf: box.work.appendingPathComponent("r/run.json"), encoding: .utf8)
        #expect(manifest.contains("\"equity_sample_paths\": 167,"))
        let rows = try String(contentsOf: box.work.appendingPathComponent("r/equity_quantiles.csv"), encoding: .utf8)
            .split(separator: "\n").count
        #expect(rows == 1 + 100_001)
    }
}
