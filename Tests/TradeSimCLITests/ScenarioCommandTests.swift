import Foundation
import Testing

@Suite("tradesim validate / paths")
struct ScenarioCommandTests {
    static let root = TradeSimBinary.packageRoot
    static let card = "scenarios/rare-earths-us-china.json"

    static func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func validateAcceptsTheFirstCard() throws {
        let r = try TradeSimBinary.run(["validate", Self.card], in: Self.root)
        #expect(r.exitCode == 0)
        #expect(r.stdout == "\(Self.card): OK — study 'rare-earths-us-china', 13 assets, 3 scenarios\n")
    }

    /// Every problem of every file, one `Error:` line each, then exit 65.
    @Test func validateReportsEveryProblem() throws {
        let bad = try Self.temporaryFile("bad.json", """
            {"name": "t", "start": "2026-01-05",
             "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.6}],
             "scenarios": [{"name": "s", "horizon": 10, "weight": -1, "events": [{"name": "m", "day": 3,
               "outcomes": [{"name": "a", "probability": 0.7}]}]}]}
            """)
        let r = try TradeSimBinary.run(["validate", bad.path, "/no/such/study.json"])
        #expect(r.exitCode == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == """
            Error: \(bad.path):3:55: scenarios[0].weight: found -1; allowed: a number ≥ 0 and ≤ 1000000
            Error: \(bad.path):4:16: scenarios[0].events[0].outcomes: found probabilities summing to 0.7; allowed: probabilities summing to 1 (within 1e-9)
            Error: /no/such/study.json: found no such file; allowed: a readable study file

            """)
    }

    @Test func malformedJSONExits65() throws {
        let bad = try Self.temporaryFile("broken.json", "{\"name\": \"t\",\n \"start\": \"2026-01-05\"\n \"universe\": []}")
        let r = try TradeSimBinary.run(["validate", bad.path])
        #expect(r.exitCode == 65)
        #expect(r.stderr == "Error: \(bad.path):3:2: found '\"universe\"'; allowed: ',' or '}' after the value of \"start\"\n")
    }

    /// Same seed ⇒ the same bytes for 1 and 2 threads; another seed changes them.
    @Test func pathsAreDeterministicAcrossThreads() throws {
        let one = try TradeSimBinary.run(["paths", "--paths", "150", "--seed", "7", "--threads", "1"], in: Self.root)
        let two = try TradeSimBinary.run(["paths", "--paths", "150", "--seed", "7", "--threads", "2"], in: Self.root)
        let other = try TradeSimBinary.run(["paths", "--paths", "150", "--seed", "8", "--threads", "2"], in: Self.root)
        #expect(one.exitCode == 0 && two.exitCode == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout != other.stdout)
        let lines = one.stdout.split(separator: "\n")
        #expect(lines.first == "scenario,path,day,date,ticker,price,iv")
        #expect(lines.count == 1 + 3 * 150 * 127 * 13)
        // The iv column: 1.15 (the default volatility risk premium) × MP's volatility 0.7158.
        #expect(lines[1] == "supply-risk-elevated,0,0,2026-08-03,MP,41.37,0.82317")
        #expect(!one.stdout.contains("nan") && !one.stdout.contains("inf"))
    }

    @Test func pathsToAFileAndOneScenario() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("paths-\(UUID().uuidString).csv")
        let r = try TradeSimBinary.run(["paths", Self.card, "--scenario", "talks-unlock-supply", "--paths", "3", "--out", out.path], in: Self.root)
        #expect(r.exitCode == 0)
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 1 + 3 * 127 * 13)
        #expect(text.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("talks-unlock-supply,") })
        let bad = try TradeSimBinary.run(["paths", "--scenario", "nope"], in: Self.root)
        #expect(bad.exitCode == 64)
        #expect(bad.stderr.hasPrefix("Error: --scenario must name a scenario of the study (supply-risk-elevated, talks-unlock-supply, hard-line-securitization), got 'nope'\n"))
    }
}

@Suite("Historical scenarios through the binary")
struct HistoricalCommandTests {
    /// A folder of per-ticker CSVs in two layouts (Yahoo, Date,Close), replayed: the paths
    /// CSV carries the real closes and dates.
    @Test func replayFromCSVFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-hist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("prices"), withIntermediateDirectories: true)
        try "Date,Open,High,Low,Close,Adj Close,Volume\n2025-04-02,1,1,1,22.6,22.5,10\n2025-04-03,1,1,1,23.1,23.06,10\n2025-04-04,1,1,1,24.2,24.1,10\n"
            .write(to: dir.appendingPathComponent("prices/MP.csv"), atomically: true, encoding: .utf8)
        try "Date,Close\n2025-04-02,452\n2025-04-03,440\n2025-04-04,430\n"
            .write(to: dir.appendingPathComponent("prices/LMT.csv"), atomically: true, encoding: .utf8)
        let study = """
            {"name": "h", "start": "2026-01-05",
             "universe": [{"ticker": "MP", "spot": 20, "volatility": 0.6}, {"ticker": "LMT", "spot": 400, "volatility": 0.25}],
             "scenarios": [{"name": "replay", "horizon": 2, "model": "historical", "history": {"prices": "prices", "start": "2025-04-02"}}]}
            """
        try study.write(to: dir.appendingPathComponent("h.json"), atomically: true, encoding: .utf8)
        let r = try TradeSimBinary.run(["paths", "h.json", "--paths", "50"], in: dir)
        #expect(r.exitCode == 0)
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(6).joined(separator: ",") }
        #expect(rows == ["replay,0,0,2025-04-02,MP,22.5", "replay,0,0,2025-04-02,LMT,452.0",
                         "replay,0,1,2025-04-03,MP,23.06", "replay,0,1,2025-04-03,LMT,440.0",
                         "replay,0,2,2025-04-04,MP,24.1", "replay,0,2,2025-04-04,LMT,430.0"])
        // A bad price file is a data error naming the file, line and column.
        try "Date,Close\n2025-04-02,452\n2025-04-03,NaN\n2025-04-04,430\n"
            .write(to: dir.appendingPathComponent("prices/LMT.csv"), atomically: true, encoding: .utf8)
        let bad = try TradeSimBinary.run(["validate", "h.json"], in: dir)
        #expect(bad.exitCode == 65)
        #expect(bad.stderr == "Error: \(dir.path)/prices/LMT.csv:3:2: column Close: found 'NaN'; allowed: a price > 0 (finite decimal number)\n")
    }
}
