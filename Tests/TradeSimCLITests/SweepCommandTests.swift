import Foundation
import Testing

/// `tradesim sweep` and `--set` end to end on the first card: the edited study runs as the
/// edited file would, a sweep's cells share their random numbers, sweep.csv's header is the
/// README's, and run.json records what was changed.
@Suite("tradesim sweep and --set")
struct SweepCommandTests {
    static let root = TradeSimBinary.packageRoot
    static let basketStop = "playbook.decisions[enabler-basket].exit.stopLoss"
    static let spreadLower = "playbook.decisions[magnet-protection].lowerStrike.moneyness"

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-sweep-\(UUID().uuidString)")
    }

    /// sweep.csv as rows of named cells (the file has no quoted commas here).
    static func table(_ url: URL) throws -> (header: [String], rows: [[String: String]]) {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let rows = lines.dropFirst().map { line -> [String: String] in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
        return (header, rows)
    }

    /// `--set` runs the study exactly as the file with that value: the same summary bytes as a
    /// copy of the study with the stop written in; run.json lists the change.
    @Test func setRunsAsTheEditedFile() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let text = try String(contentsOf: Self.root.appendingPathComponent("scenarios/rare-earths-us-china.json"), encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"takeProfit\": 0.3,", with: "\"takeProfit\": 0.3, \"stopLoss\": 0.12,")
        #expect(edited != text)
        let copy = dir.appendingPathComponent("edited.json")
        try edited.write(to: copy, atomically: true, encoding: .utf8)
        let a = try TradeSimBinary.run(["run", "--paths", "400", "--set", "\(Self.basketStop)=0.12", "--out", dir.appendingPathComponent("a").path, "--quiet"], in: Self.root)
        let b = try TradeSimBinary.run(["run", copy.path, "--paths", "400", "--out", dir.appendingPathComponent("b").path, "--quiet"], in: Self.root)
        let plain = try TradeSimBinary.run(["run", "--paths", "400", "--out", dir.appendingPathComponent("c").path, "--quiet"], in: Self.root)
        #expect(a.exitCode == 0 && b.exitCode == 0 && plain.exitCode == 0, "\(a.stderr)\(b.stderr)")
        let summary = { (name: String) in try Data(contentsOf: dir.appendingPathComponent(name).appendingPathComponent("summary.csv")) }
        #expect(try summary("a") == summary("b"))
        #expect(try summary("a") != summary("c"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("a/run.json"))) as? [String: Any])
        let sets = try #require(json["sets"] as? [[String: Any]])
        #expect(sets.count == 1 && sets[0]["path"] as? String == Self.basketStop && sets[0]["value"] as? Double == 0.12)
        // Without --set, no "sets".
        let plainJSON = try String(contentsOf: dir.appendingPathComponent("c/run.json"), encoding: .utf8)
        #expect(!plainJSON.contains("\"sets\""))
    }

    /// Two identical cells: every statistic the same and the difference exactly 0 with standard
    /// error 0; the header is the README's.
    @Test func identicalCellsDifferByNothing() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try TradeSimBinary.run(["sweep", "--vary", "\(Self.basketStop)=0.1,0.1", "--paths", "300", "--out", dir.path, "--quiet"], in: Self.root)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty && r.stderr.isEmpty)
        let (header, rows) = try Self.table(dir.appendingPathComponent("sweep.csv"))
        let documented = try Self.readmeColumns()
        #expect(header == ["cell", Self.basketStop] + documented.dropFirst(2))
        // 2 cells × (3 scenarios + blended) × (6 variants + portfolio).
        #expect(rows.count == 2 * 4 * 7)
        let first = rows.filter { $0["cell"] == "0" }, second = rows.filter { $0["cell"] == "1" }
        for (x, y) in zip(first, second) {
            for column in header where column != "cell" && !column.hasPrefix("diff_") { #expect(x[column] == y[column], "\(column)") }
            #expect(y["diff_mean_pnl"] == "0" && y["diff_stderr_paired"] == "0")
            #expect(Double(y["diff_stderr_independent"] ?? "")! > 0)
        }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.html").path))
    }

    /// The card's grid: the basket's stop × the put spread's lower strike. Decisions the cells do
    /// not change differ by exactly 0; the changed ones have a paired standard error below the
    /// independent one; the put spread's rows follow the strike only, the basket's the stop only.
    @Test func stopAndStrikeGrid() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try TradeSimBinary.run(["sweep", "--vary", "\(Self.basketStop)=null,0.10,0.20", "--vary", "\(Self.spreadLower)=0.85,0.80",
                                        "--paths", "400", "--threads", "2", "--out", dir.path], in: Self.root)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Portfolio P&L (USD), blended, by cell (cell 0 the base)\nstopLoss  moneyness  mean P&L  vs base  ± paired  ± independent\nnull      0.85  "))
        #expect(r.stderr.hasPrefix("tradesim sweep: rare-earths-us-china, 6 cells × 1200 paths in "))
        let (_, rows) = try Self.table(dir.appendingPathComponent("sweep.csv"))
        #expect(rows.count == 6 * 4 * 7)
        #expect(rows.prefix(7 * 4).allSatisfy { $0["diff_mean_pnl"] == "0" && $0["diff_stderr_paired"] == "0" })
        for row in rows {
            let key = row["decision"]! + "/" + row["variant"]!
            let stop = row[Self.basketStop]!, lower = row[Self.spreadLower]!
            let changed: Bool = switch key {
            case "enabler-basket/", "portfolio/": stop != "null"
            case "magnet-protection/put-spreads": lower != "0.85"
            default: false
            }
            if changed {
                let paired = Double(row["diff_stderr_paired"]!)!, independent = Double(row["diff_stderr_independent"]!)!
                #expect(paired > 0 && paired < independent, "\(row)")
            } else {
                #expect(row["diff_mean_pnl"] == "0" && row["diff_stderr_paired"] == "0", "\(row)")
            }
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("run.json"))) as? [String: Any])
        #expect(json["command"] as? String == "sweep")
        #expect(json["outputs"] as? [String] == ["sweep.csv", "report.html", "run.json"])
        let sweep = try #require(json["sweep"] as? [String: Any])
        #expect(sweep["cells"] as? Int == 6 && sweep["base_cell"] as? Int == 0)
        let varies = try #require(sweep["varies"] as? [[String: Any]])
        #expect(varies.map { $0["path"] as? String } == [Self.basketStop, Self.spreadLower])
        #expect((varies[0]["values"] as? [Any])?.count == 3 && varies[0]["values"].map { ($0 as! [Any])[0] is NSNull } == true)
        // The page: a heat map per scenario and the blend, significant squares marked.
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<h2>Mean P&amp;L difference from the base cell").count == 5)
        #expect(html.contains("stroke=\"#111\" stroke-width=\"2.5\""))
        #expect(!html.contains("<script"))
    }

    /// The README lists sweep.csv's columns (after the varied paths', in order).
    static func readmeColumns() throws -> [String] {
        try ReadmeText.codeSpans(after: "`sweep.csv` columns")
    }

    @Test func readmeDocumentsTheColumns() throws {
        let columns = try Self.readmeColumns()
        #expect(columns == ["cell", "<path>", "scenario", "decision", "variant", "paths", "mean_pnl", "mc_stderr", "p05_pnl", "p50_pnl",
                            "p95_pnl", "prob_profit", "var95", "cvar95", "mean_return", "diff_mean_pnl", "diff_stderr_paired",
                            "diff_stderr_independent"])
    }

    /// A full disk while writing the sweep: exit 74, the previous sweep intact.
    @Test func fullDiskKeepsThePreviousSweep() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let arguments = ["sweep", "s.json", "--vary", "playbook.capital=1000,2000", "--out", "r", "--quiet"]
        #expect(try TradeSimBinary.run(arguments, in: box.work).exitCode == 0)
        let before = box.snapshot()
        var environment = ProcessInfo.processInfo.environment
        environment["TRADESIM_SIMULATED_DISK_BYTES"] = "100"
        let r = try TradeSimBinary.run(arguments, in: box.work, environment: environment)
        #expect(r.exitCode == 74)
        #expect(r.stderr == "Error: cannot write the report to 'r': No space left on device (writing sweep.csv). Nothing was changed\n")
        #expect(box.snapshot() == before)
    }
}
