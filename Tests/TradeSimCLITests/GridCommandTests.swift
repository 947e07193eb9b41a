import Foundation
import Testing

/// `tradesim grid` end to end on the first card: the files it writes, grid.csv's header as the
/// README documents it, the unshocked day-0 cells at 0, the same bytes on a second run, and the
/// console table. Refused output folders are in OutputRuleRefusalTests (grid is one of its
/// writers); bad flags in ValidationAuditTests ("grid: …").
@Suite("tradesim grid")
struct GridCommandTests {
    static let root = TradeSimBinary.packageRoot

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-grid-\(UUID().uuidString)")
    }

    static func rows(_ url: URL) throws -> (header: [String], rows: [[String: String]]) {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (header, lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        })
    }

    @Test func firstCardGrid() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        let r = try TradeSimBinary.run(["grid", "--term-response", "sqrt", "--out", a.path], in: Self.root)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Portfolio P&L (USD) in supply-risk-elevated, day 0 after entry: IV shock (vol pts) down, spot shock (%) across\n"
            + "IV \\ spot     -20     -10      -5      0     +5"))
        #expect(r.stdout.contains("\nPortfolio P&L (USD) in supply-risk-elevated, day 63 after entry: "))
        #expect(r.stderr.hasPrefix("tradesim grid: rare-earths-us-china, supply-risk-elevated, 7 blocks × 140 cells in "))
        let again = try TradeSimBinary.run(["grid", "--term-response", "sqrt", "--out", b.path, "--quiet"], in: Self.root)
        #expect(again.exitCode == 0 && again.stdout.isEmpty && again.stderr.isEmpty, "\(again.stderr)")
        for name in ["grid.csv", "report.html"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name)")
        }
        let (header, rows) = try Self.rows(a.appendingPathComponent("grid.csv"))
        #expect(header == (try Self.readmeColumns()))
        // 6 variants + portfolio × 4 days × 7 spot shocks × 5 IV shocks.
        #expect(rows.count == 7 * 4 * 7 * 5)
        let unshocked = rows.filter { $0["day"] == "0" && $0["spot_shock_pct"] == "0" && $0["iv_shock_vol_pts"] == "0" }
        #expect(unshocked.count == 7 && unshocked.allSatisfy { $0["pnl"] == "0" })
        #expect(unshocked.map { $0["decision"]! + "/" + $0["variant"]! } == ["enabler-basket/", "magnet-protection/puts", "magnet-protection/put-spreads",
                                                                          "processing-pair/dollar-neutral", "processing-pair/beta-neutral",
                                                                          "meeting-straddles/", "portfolio/"])
        // The straddles enter 5 trading days before the meeting (2026-09-15); the portfolio's
        // variants on different days, so its rows have no entry day or date.
        #expect(unshocked[5]["entry_day"] == "25" && unshocked[5]["date"] == "2026-09-08")
        #expect(unshocked[6]["entry_day"] == "" && unshocked[6]["date"] == "")
        // The basket is stock: its P&L is 250,000 × the shock, whatever the IV shock.
        let basket = rows.filter { $0["decision"] == "enabler-basket" && $0["spot_shock_pct"] == "-10" }
        #expect(basket.count == 20 && basket.allSatisfy { abs(Double($0["pnl"]!)! + 25_000) < 1e-6 && $0["vega_per_vol_pt"] == "0" })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: a.appendingPathComponent("run.json"))) as? [String: Any])
        #expect(json["tool"] as? String == "tradesim" && json["command"] as? String == "grid")
        #expect(json["outputs"] as? [String] == ["grid.csv", "report.html", "run.json"])
        let grid = try #require(json["grid"] as? [String: Any])
        #expect(grid["days_after_entry"] as? [Int] == [0, 5, 21, 63])
        #expect((grid["term_response"] as? String)?.hasPrefix("sqrt") == true)
        #expect((json["scenario"] as? [String: Any])?["name"] as? String == "supply-risk-elevated")
        // The page: a heat map per block and day, no scripts.
        let html = try String(contentsOf: a.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<h3>day ").count - 1 == 7 * 4)
        #expect(!html.contains("<script"))
    }

    /// A second run into the folder the first wrote replaces it; --scenario picks the scenario.
    @Test func replacesItsOwnReportAndPicksTheScenario() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let arguments = ["grid", "--scenario", "hard-line-securitization", "--spot", "-10,0,10", "--iv", "0", "--days", "0,10", "--out", dir.path, "--quiet"]
        #expect(try TradeSimBinary.run(arguments, in: Self.root).exitCode == 0)
        let second = try TradeSimBinary.run(arguments, in: Self.root)
        #expect(second.exitCode == 0, "\(second.stderr)")
        let (_, rows) = try Self.rows(dir.appendingPathComponent("grid.csv"))
        #expect(rows.count == 7 * 2 * 3 * 1 && rows.allSatisfy { $0["scenario"] == "hard-line-securitization" })
    }

    /// The README lists grid.csv's columns, in order.
    static func readmeColumns() throws -> [String] {
        try ReadmeText.codeSpans(after: "`grid.csv` columns")
    }

    @Test func readmeDocumentsTheColumns() throws {
        #expect(try Self.readmeColumns() == ["scenario", "decision", "variant", "entry_day", "day", "date", "spot_shock_pct", "iv_shock_vol_pts",
                                              "value", "pnl", "delta_dollars", "vega_per_vol_pt"])
    }
}
