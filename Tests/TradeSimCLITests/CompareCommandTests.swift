import Foundation
import Testing

/// `tradesim compare` end to end: a study against itself, two studies on common random numbers
/// (the same bytes on one thread or two), two report folders, and the README's columns. Bad
/// inputs are in the validation audit (`ValidationAuditTests.flagsCases`, "compare: …") and the
/// output rule's suites.
@Suite("tradesim compare")
struct CompareCommandTests {
    static let root = TradeSimBinary.packageRoot
    static let card = "scenarios/rare-earths-us-china.json"

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A CSV as rows of named cells (tradesim's names have no commas).
    static func table(_ url: URL) throws -> (header: [String], rows: [[String: String]]) {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let rows = lines.dropFirst().map { line -> [String: String] in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
        return (header, rows)
    }

    /// The statistics of compare.csv, in order, as the README's table of them lists them.
    static let statistics = ["mean_pnl", "prob_profit", "mean_return", "p05_pnl", "p50_pnl", "p95_pnl", "var95", "cvar95"]

    /// The header the README describes: the row's names, then per statistic `_a, _b, _change`,
    /// and for those with a standard error `_stderr` (the mean also `_stderr_independent`) and
    /// `_significant`.
    static var documentedHeader: [String] {
        ["scenario", "decision", "variant", "paths_a", "paths_b"] + statistics.flatMap { s -> [String] in
            s == "mean_return" ? [s + "_a", s + "_b", s + "_change"]
                : [s + "_a", s + "_b", s + "_change", s + "_stderr"] + (s == "mean_pnl" ? [s + "_stderr_independent"] : []) + [s + "_significant"]
        }
    }

    /// (a) The card against itself: every change 0 with standard error 0, nothing significant,
    /// the independent standard error not 0; the console table and the files.
    @Test func theCardAgainstItself() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try TradeSimBinary.run(["compare", Self.card, Self.card, "--paths", "300", "--out", dir.path], in: Self.root)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Portfolio P&L (USD) by scenario, B − A\nscenario                  mean P&L A  mean P&L B  change  ± paired  ± independent  significant (|change| > 1.96 s.e.)\n"))
        #expect(r.stdout.split(separator: "\n").count == 2 + 4 && r.stdout.contains("\nblended "))
        #expect(r.stderr.hasPrefix("tradesim compare: rare-earths-us-china vs rare-earths-us-china, 900 paths and 900 paths in "))
        let (header, rows) = try Self.table(dir.appendingPathComponent("compare.csv"))
        #expect(header == Self.documentedHeader)
        #expect(rows.count == 4 * 7)
        for row in rows {
            for s in Self.statistics {
                #expect(row[s + "_change"] == (row[s + "_a"]!.isEmpty ? "" : "0"), "\(row["scenario"]!) \(row["decision"]!) \(s)")
                if s != "mean_return" {
                    #expect(row[s + "_stderr"] == "0" && row[s + "_significant"] == "false", "\(row["scenario"]!) \(row["decision"]!) \(s)")
                }
            }
            #expect(Double(row["mean_pnl_stderr_independent"]!)! > 0)
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("run.json"))) as? [String: Any])
        #expect(json["tool"] as? String == "tradesim" && json["command"] as? String == "compare" && json["mode"] as? String == "studies")
        #expect(json["outputs"] as? [String] == ["compare.csv", "report.html", "run.json"])
        let bootstrap = try #require(json["bootstrap"] as? [String: Any])
        #expect(bootstrap["resamples"] as? Int == 200 && bootstrap["seed"] as? Int == 1)
        #expect((json["a"] as? [String: Any])?["path"] as? String == Self.card)
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h2>Portfolio, blended (the scenarios by their weights)</h2>"))
        #expect(html.components(separatedBy: "<h2>").count == 1 + 1 + 4)
        #expect(!html.contains("<script") && !html.contains("NaN"))
    }

    /// (c) The card against a copy whose basket stops at 15%: the same compare.csv bytes on one
    /// thread and on two; the basket's and portfolio's standard errors are paired (below the
    /// independent ones), the decisions the stop does not touch change by exactly 0, the flags
    /// follow the rule; the page marks significant cells.
    @Test func twoStudiesOnOneThreadOrTwo() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: Self.root.appendingPathComponent(Self.card), encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"takeProfit\": 0.3,", with: "\"takeProfit\": 0.3, \"stopLoss\": 0.15,")
        #expect(edited != text)
        let copy = dir.appendingPathComponent("stop15.json")
        try edited.write(to: copy, atomically: true, encoding: .utf8)
        var outputs: [Data] = []
        for threads in ["1", "2"] {
            let out = dir.appendingPathComponent("t\(threads)")
            let r = try TradeSimBinary.run(["compare", Self.card, copy.path, "--paths", "400", "--threads", threads, "--out", out.path, "--quiet"],
                                           in: Self.root)
            #expect(r.exitCode == 0 && r.stdout.isEmpty && r.stderr.isEmpty, "\(r.stderr)")
            outputs.append(try Data(contentsOf: out.appendingPathComponent("compare.csv")))
            if threads == "2" {
                #expect(try Data(contentsOf: out.appendingPathComponent("report.html")) == Data(contentsOf: dir.appendingPathComponent("t1/report.html")))
            }
        }
        #expect(outputs[0] == outputs[1])
        let (_, rows) = try Self.table(dir.appendingPathComponent("t1/compare.csv"))
        for row in rows {
            switch row["decision"]! {
            case "enabler-basket", "portfolio":
                let paired = Double(row["mean_pnl_stderr"]!)!, independent = Double(row["mean_pnl_stderr_independent"]!)!
                #expect(paired > 0 && paired < independent, "\(row)")
                #expect(Double(row["p05_pnl_stderr"]!)! > 0)
            default:
                #expect(row["mean_pnl_change"] == "0" && row["mean_pnl_stderr"] == "0" && row["cvar95_stderr"] == "0", "\(row)")
            }
        }
        // The flag is |change| > 1.96 s.e., cell for cell.
        for row in rows {
            for s in Self.statistics where s != "mean_return" {
                guard let change = Double(row[s + "_change"]!), let se = Double(row[s + "_stderr"]!) else { continue }
                #expect(row[s + "_significant"] == (abs(change) > 1.96 * se ? "true" : "false"), "\(s): \(row)")
            }
        }
        let html = try String(contentsOf: dir.appendingPathComponent("t1/report.html"), encoding: .utf8)
        #expect(html.contains("class=\"sig"))
    }

    /// (d) Two report folders of `tradesim run` (seeds 1 and 2): each change is B − A of their
    /// summary.csv, the mean's standard error √(se_A² + se_B²) from their mc_stderr (worked out
    /// here), no other statistic has one, and run.json and the page say so.
    @Test func twoReportFolders() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, seed) in [("a", "1"), ("b", "2")] {
            let r = try TradeSimBinary.run(["run", Self.card, "--paths", "200", "--seed", seed, "--out", dir.appendingPathComponent(name).path, "--quiet"],
                                           in: Self.root)
            #expect(r.exitCode == 0, "\(r.stderr)")
        }
        let r = try TradeSimBinary.run(["compare", "a", "b"], in: dir)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Portfolio P&L by scenario, B − A\nscenario                  mean P&L A  mean P&L B  change  ± independent  significant"))
        #expect(r.stderr.hasPrefix("tradesim compare: a vs b (summaries: standard errors of independent runs) in "))
        let out = dir.appendingPathComponent("reports/compare-a-b")
        let (header, rows) = try Self.table(out.appendingPathComponent("compare.csv"))
        #expect(header == Self.documentedHeader)
        let (_, a) = try Self.table(dir.appendingPathComponent("a/summary.csv"))
        let (_, b) = try Self.table(dir.appendingPathComponent("b/summary.csv"))
        #expect(rows.count == a.count && a.count == 4 * 7)
        for (row, (x, y)) in zip(rows, zip(a, b)) {
            #expect(row["scenario"] == x["scenario"] && row["decision"] == x["decision"] && row["variant"] == x["variant"])
            let change = Double(y["mean_pnl"]!)! - Double(x["mean_pnl"]!)!
            #expect(Double(row["mean_pnl_change"]!) == change)
            #expect(Double(row["p05_pnl_change"]!) == Double(y["p05_pnl"]!)! - Double(x["p05_pnl"]!)!)
            let seA = Double(x["mc_stderr"]!)!, seB = Double(y["mc_stderr"]!)!, se = (seA * seA + seB * seB).squareRoot()
            #expect(abs(Double(row["mean_pnl_stderr"]!)! - se) <= 1e-12 * se)
            #expect(row["mean_pnl_significant"] == (abs(change) > 1.96 * Double(row["mean_pnl_stderr"]!)! ? "true" : "false"))
            for s in Self.statistics where s != "mean_pnl" && s != "mean_return" {
                #expect(row[s + "_stderr"] == "" && row[s + "_significant"] == "", "\(s)")
            }
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("run.json"))) as? [String: Any])
        #expect(json["mode"] as? String == "report folders")
        #expect((json["standard_errors"] as? String)?.hasPrefix("of independent runs") == true)
        #expect(json["bootstrap"] == nil && json["seed"] == nil)
        let side = try #require(json["a"] as? [String: Any])
        #expect(side["study"] as? String == "rare-earths-us-china" && side["seed"] as? Int == 1 && side["paths"] as? Int == 200)
        #expect((side["inputs"] as? [[String: Any]])?.map { $0["role"] as? String } == ["summary", "run manifest"])
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<strong>standard errors are of independent runs</strong>"))
        // Its own report folder is not a run to compare, and may be replaced.
        #expect(try TradeSimBinary.run(["compare", "a", "b", "--quiet"], in: dir).exitCode == 0)
    }

    /// The README's tables of compare.csv: the statistics in column order, and the column
    /// patterns.
    @Test func readmeDocumentsTheColumns() throws {
        #expect(try ReadmeText.codeSpans(after: "`compare.csv` columns") == ["scenario", "decision", "variant", "paths_a", "paths_b", "<s>_a", "<s>_b",
                                                                  "<s>_change", "<s>_stderr", "mean_pnl_stderr_independent", "<s>_significant"])
        #expect(try ReadmeText.codeSpans(after: "The statistics `<s>`") == Self.statistics)
    }
}
