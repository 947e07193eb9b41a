import Foundation
import Testing

@Suite("tradesim metrics")
struct MetricsCommandTests {
    static let series = TradeSimBinary.packageRoot.appendingPathComponent("Tests/TradeSimTests/Fixtures/series")

    /// The equity-level file (1,000,000 × the normal series) gives empyrical's numbers for the
    /// normal series (Tests/TradeSimTests/Fixtures/empyrical_metrics.csv) to 1e-9.
    @Test func jsonMatchesEmpyricalFromEquityLevels() throws {
        let r = try TradeSimBinary.run(["metrics", Self.series.appendingPathComponent("equity_levels.csv").path, "--json"])
        #expect(r.exitCode == 0)
        let json = TradeSimBinary.jsonNumbers(r.stdout)
        let reference = try String(contentsOf: Self.series.deletingLastPathComponent().appendingPathComponent("empyrical_metrics.csv"), encoding: .utf8)
        var checked = 0
        for line in reference.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells[0] == "normal", let expected = Double(cells[2]), let got = json[cells[1]] ?? nil else { continue }
            #expect(abs(got - expected) <= 1e-9 * max(abs(expected), 1e-12), "\(cells[1]): \(got) vs \(expected)")
            checked += 1
        }
        #expect(checked == 17)
        for key in ["annual_return", "annual_volatility", "sharpe_ratio", "sortino_ratio", "downside_risk", "max_drawdown",
                    "calmar_ratio", "omega_ratio", "tail_ratio", "stability_of_timeseries", "value_at_risk",
                    "conditional_value_at_risk"] {
            #expect(json.keys.contains(key))
        }
    }

    @Test func undefinedIsNull() throws {
        let r = try TradeSimBinary.run(["metrics", Self.series.appendingPathComponent("no_losing_day.csv").path, "--json"])
        #expect(r.stdout.contains("\"sortino_ratio\": null") && r.stdout.contains("\"calmar_ratio\": null"))
        #expect(!r.stdout.contains("nan") && !r.stdout.contains("inf"))
    }

    @Test func badSeriesExit65() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("bad.csv")
        try "date,equity\n2025-01-02,100\n2025-01-03,-5\n2025-01-03,101\n2025-01-06,abc\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try TradeSimBinary.run(["metrics", file.path])
        #expect(r.exitCode == 65)
        #expect(r.stderr == """
            Error: \(file.path):3:2: column equity: found '-5'; allowed: a level > 0 (equity or price)
            Error: \(file.path):4:1: column date: found 2025-01-03 twice; allowed: dates in strictly increasing order, each once
            Error: \(file.path):5:2: column equity: found 'abc'; allowed: a level > 0 (equity or price)

            """)
        let missing = try TradeSimBinary.run(["metrics", file.path, "--column", "ret"])
        #expect(missing.exitCode == 65)
        #expect(missing.stderr == "Error: \(file.path):1: header: found no column 'ret'; allowed: a value column: one of equity\n")
    }
}
